import Foundation
import RuhuCore
@testable import RuhuViewModels

/// 我的走访 without a store: visits as set, the warning rules as told, calls counted.
final class FakeVisitsCore: VisitsCore, @unchecked Sendable {
    private let lock = NSLock()
    private var _visits: [VisitTaskRecord] = []
    private var _visitReads = 0
    private var _raiseRuns = 0
    private var _closed: [(household: String, task: String, done: Bool, note: String)] = []
    /// The enrolled worker.
    var enrolled: WorkerProfile? = .fixture()
    /// What the warning rules do (on the calling thread); default: nothing changed.
    var raiseAnswer: (@Sendable (FakeVisitsCore) throws -> WarningRunRecord)?
    /// What closing a task throws instead, when set.
    var closeError: ApiError?

    var visits: [VisitTaskRecord] {
        get { lock.withLock { _visits } }
        set { lock.withLock { _visits = newValue } }
    }
    var visitReads: Int { lock.withLock { _visitReads } }
    var raiseRuns: Int { lock.withLock { _raiseRuns } }
    var closed: [(household: String, task: String, done: Bool, note: String)] { lock.withLock { _closed } }

    func worker() throws -> WorkerProfile? { enrolled }

    func listedVisits() throws -> [VisitTaskRecord] {
        lock.withLock {
            _visitReads += 1
            return _visits
        }
    }

    func raiseVisitTasks() throws -> WarningRunRecord {
        lock.withLock { _raiseRuns += 1 }
        if let raiseAnswer { return try raiseAnswer(self) }
        return WarningRunRecord(lookedAt: 0, changed: 0, waitingForCalendar: 0)
    }

    func closeVisitTask(householdId: String, taskId: String, done: Bool, note: String) throws {
        try lock.withLock {
            _closed.append((householdId, taskId, done, note))
            if let closeError { throw closeError }
            _visits.removeAll { $0.id == taskId }
        }
    }
}
