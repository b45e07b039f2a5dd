import Foundation
import RuhuCore
@testable import RuhuViewModels

/// Enrollment without a county: answers as it is told and records the calls.
final class FakeEnrollmentCore: EnrollmentCore, @unchecked Sendable {
    private let lock = NSLock()
    private var _enrolled: WorkerProfile?
    private var _calls: [(server: String, code: String, label: String)] = []
    /// What enroll throws instead of enrolling, when set.
    var enrollError: ApiError?

    init(enrolled: WorkerProfile? = nil) { _enrolled = enrolled }

    var calls: [(server: String, code: String, label: String)] { lock.withLock { _calls } }

    func worker() throws -> WorkerProfile? { lock.withLock { _enrolled } }

    func parseEnrollmentQr(payload: String) throws -> EnrollmentTarget {
        // The real core's answer, so the fake reads the same payloads as the phone.
        try RuhuCore.parseEnrollmentQr(payload: payload)
    }

    func enroll(serverUrl: String, code: String, deviceLabel: String) throws -> WorkerProfile {
        try lock.withLock {
            _calls.append((serverUrl, code, deviceLabel))
            if let enrollError { throw enrollError }
            let worker = WorkerProfile.fixture()
            _enrolled = worker
            return worker
        }
    }
}
