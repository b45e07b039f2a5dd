// Core calls block (SQLCipher, the photo pipeline, HTTP during a sync): view models run them off
// the main actor and come back with the answer, so a screen never waits on the disk.
import Foundation

/// Runs a blocking core call on a background thread and returns (or throws) its outcome.
public func offMain<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await Task.detached(priority: .userInitiated) { try work() }.value
}

/// The outcome of a core call, for view models that keep going either way.
public enum Outcome<T> {
    case success(T)
    case failure(Problem)
}

/// Runs a blocking core call off the main actor, its error turned into the worker's Problem.
public func attempt<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async -> Outcome<T> {
    do {
        return .success(try await offMain(work))
    } catch {
        return .failure(Problem(error))
    }
}
