import Foundation
import RuhuCore
@testable import RuhuViewModels

/// Settings without a store: leaving throws UnsyncedWork while work is unsynced, unless told even so.
final class FakeSettingsCore: SettingsCore, @unchecked Sendable {
    private let lock = NSLock()
    private var _leaves: [Bool] = []
    private var _wiped = false
    /// Records and photo files the county lacks, or nil when all is synced.
    let unsynced: (documents: UInt64, photos: UInt64)?
    /// What leaving throws instead, when set.
    var leaveError: ApiError?

    init(unsynced: (documents: UInt64, photos: UInt64)? = nil) { self.unsynced = unsynced }

    var leaves: [Bool] { lock.withLock { _leaves } }
    var wiped: Bool { lock.withLock { _wiped } }

    func worker() throws -> WorkerProfile? { wiped ? nil : .fixture(name: "李网格员") }

    func leaveCounty(evenUnsynced: Bool) throws {
        try lock.withLock {
            _leaves.append(evenUnsynced)
            if let leaveError { throw leaveError }
            if !evenUnsynced, let unsynced {
                throw ApiError.UnsyncedWork(documents: unsynced.documents, photos: unsynced.photos)
            }
            _wiped = true
        }
    }
}
