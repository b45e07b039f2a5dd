// Search as you type: each query waits out the debounce, a newer one cancels the one in flight
// without waiting for it, and an answer reaches the screen only while its query is still the
// latest, so an older search answering late never replaces a newer one's results.
import Foundation
import RuhuCore

/// Runs the latest household query submitted, `debounce` after typing stops, and hands its
/// outcome to `deliver` (on the main actor) only if no newer query came since.
@MainActor
public final class LatestSearch {
    private let search: @Sendable (HouseholdQuery) throws -> [HouseholdSummary]
    private let debounce: Duration
    private let work: WorkTracker
    private let deliver: @MainActor (HouseholdQuery, Outcome<[HouseholdSummary]>) -> Void
    private var generation = 0
    private var inFlight: Task<Void, Never>?

    /// - Parameters:
    ///   - debounce: how long typing must pause before the core is asked (zero in tests).
    ///   - work: the owning view model's tracker, so that its `settle()` waits for the search.
    ///   - search: the blocking core call, run off the main actor.
    ///   - deliver: receives the latest query's outcome.
    public init(
        debounce: Duration,
        work: WorkTracker,
        search: @escaping @Sendable (HouseholdQuery) throws -> [HouseholdSummary],
        deliver: @escaping @MainActor (HouseholdQuery, Outcome<[HouseholdSummary]>) -> Void
    ) {
        self.debounce = debounce
        self.work = work
        self.search = search
        self.deliver = deliver
    }

    /// Asks for `query`; replaces (and cancels) any query not yet answered.
    public func submit(_ query: HouseholdQuery) {
        generation += 1
        let mine = generation
        inFlight?.cancel()
        let search = self.search
        let debounce = self.debounce
        let task = Task { @MainActor [weak self] in
            if debounce > .zero {
                do { try await Task.sleep(for: debounce) } catch { return }
            }
            guard !Task.isCancelled, let self, self.generation == mine else { return }
            // A core call already running cannot be interrupted: its answer is dropped on return.
            let outcome = await attempt { try search(query) }
            guard !Task.isCancelled, self.generation == mine else { return }
            self.deliver(query, outcome)
        }
        inFlight = task
        work.run { await task.value }
    }
}
