// Writes that must reach the store in the order they were asked: a form's keystrokes kept as a
// draft, then its discarding once saved. Each runs off the main actor after the one before.
import Foundation

/// A queue of blocking core writes, each started after the previous one ended.
@MainActor
public final class InOrder {
    private var tail: Task<Problem?, Never>?

    public init() {}

    /// Queues `body`; the task answers the problem it ran into, or nil.
    @discardableResult
    public func enqueue(_ body: @escaping @Sendable () throws -> Void) -> Task<Problem?, Never> {
        let previous = tail
        let task = Task { @MainActor () -> Problem? in
            _ = await previous?.value
            if case .failure(let problem) = await attempt(body) { return problem }
            return nil
        }
        tail = task
        return task
    }
}
