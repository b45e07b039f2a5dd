import Foundation
import RuhuCore
@testable import RuhuViewModels

/// Syncs without a county: `syncAnswer` plays the sync on the calling (background) thread with
/// the listener it is given; what waits is as set; retries recorded.
final class FakeSyncCore: SyncCore, @unchecked Sendable {
    private let lock = NSLock()
    private var _photos = PhotoQueue(files: 0, bytes: 0)
    private var _refused: [RefusedDocument] = []
    private var _retried: [String] = []
    private var _syncs = 0
    /// The sync; default: one round trip, nothing sent.
    var syncAnswer: @Sendable (SyncListener) throws -> SyncReport = { listener in
        _ = listener.onProgress(progress: SyncProgress(roundTrips: 1, documentsSent: 0, documentsReceived: 0, more: false))
        return .fixture()
    }
    /// What retrying throws instead, when set.
    var retryError: ApiError?

    var photosPending: PhotoQueue {
        get { lock.withLock { _photos } }
        set { lock.withLock { _photos = newValue } }
    }
    var refused: [RefusedDocument] {
        get { lock.withLock { _refused } }
        set { lock.withLock { _refused = newValue } }
    }
    var retried: [String] { lock.withLock { _retried } }
    var syncs: Int { lock.withLock { _syncs } }

    func sync(listener: SyncListener?) throws -> SyncReport {
        lock.withLock { _syncs += 1 }
        return try syncAnswer(listener!)
    }

    func photoUploadsPending() throws -> PhotoQueue { photosPending }

    func refusedDocuments() throws -> [RefusedDocument] { refused }

    func retryRefused(documentId: String) throws {
        try lock.withLock {
            _retried.append(documentId)
            if let retryError { throw retryError }
            _refused.removeAll { $0.documentId == documentId }
        }
    }
}

/// A runner standing in for another kind (a background one): records what it was asked; the
/// test moves its run.
@MainActor
final class RecordingSyncRunner: SyncRunner {
    var asked: [String] = []
    private var observers: [@MainActor (SyncRun) -> Bool] = []
    var run = SyncRun() {
        didSet { observers = observers.filter { $0(run) } }
    }

    func observe(_ observer: @escaping @MainActor (SyncRun) -> Bool) { observers.append(observer) }
    func start() {
        asked.append("start")
        run = SyncRun(running: true)
    }
    func cancel() {
        asked.append("cancel")
        run.cancelling = true
    }
    func runToEnd() async -> SyncRun { run }
}
