import RuhuCore

/// What 我的走访 needs.
public protocol VisitsCore: AnyObject, Sendable {
    /// The enrolled worker, or nil.
    func worker() throws -> WorkerProfile?
    /// The visits already raised, in the core's order, read at once (RuhuStore.listedVisits).
    func listedVisits() throws -> [VisitTaskRecord]
    /// Runs the warning rules where something changed or not yet today (RuhuStore.raiseVisitTasks).
    func raiseVisitTasks() throws -> WarningRunRecord
    /// Closes a visit task (done, or not needed) with the worker's note.
    func closeVisitTask(householdId: String, taskId: String, done: Bool, note: String) throws
}
