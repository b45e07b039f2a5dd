// The shape every view model of the app shares, after the Android presenters: `state` is what a
// screen renders (Observation tracks it, so a SwiftUI view redraws when it changes), `send` takes
// what the worker did. `send` updates the state at once (a typed character shows without a
// hop) and starts any core call in the background; `settle()` waits for that work, which is how
// tests and the app's background tasks know a step is done. View models keep UI state only:
// what to decide belongs to the core.
import Foundation
import Observation

/// A screen's logic.
@MainActor
public protocol ScreenViewModel: AnyObject, Observable {
    associatedtype State: Equatable
    associatedtype Action

    /// What the screen shows now.
    var state: State { get }

    /// One thing the worker did on the screen.
    func send(_ action: Action)

    /// Waits until the work the actions started has finished (and what that work started).
    func settle() async
}

/// The background work one view model started, so that it can be awaited and cancelled.
@MainActor
public final class WorkTracker {
    private var running: [Int: Task<Void, Never>] = [:]
    private var next = 0

    public init() {}

    /// Starts `body` on the main actor; its core calls go through `offMain`.
    public func run(_ body: @escaping @MainActor () async -> Void) {
        let id = next
        next += 1
        running[id] = Task { @MainActor [weak self] in
            await body()
            self?.running[id] = nil
        }
    }

    /// Waits for every task started so far and for those they started in turn.
    public func settle() async {
        while let (id, task) = running.first {
            await task.value
            running[id] = nil
        }
    }

    /// Cancels what is running (a screen left); core calls already under way finish and are dropped.
    public func cancelAll() {
        for task in running.values { task.cancel() }
        running.removeAll()
    }
}
