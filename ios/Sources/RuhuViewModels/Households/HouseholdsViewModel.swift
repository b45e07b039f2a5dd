// The household list: every keystroke or filter change becomes a core search, debounced, the
// latest query winning (LatestSearch); the filters offer the places of this phone's scope.
import Foundation
import Observation
import RuhuCore

/// The household list's logic; lists the worker's households and reads the places at once.
@MainActor
@Observable
public final class HouseholdsViewModel: ScreenViewModel {
    public private(set) var state = HouseholdsState()

    @ObservationIgnored private let core: HouseholdsCore
    @ObservationIgnored private let pageSize: UInt32
    @ObservationIgnored private let work = WorkTracker()
    @ObservationIgnored private var search: LatestSearch!

    /// - Parameters:
    ///   - debounce: how long typing must pause before searching (250 ms in the app, zero in tests).
    ///   - pageSize: how many households one search returns.
    public init(core: HouseholdsCore, debounce: Duration = .milliseconds(250), pageSize: UInt32 = 50) {
        self.core = core
        self.pageSize = pageSize
        search = LatestSearch(debounce: debounce, work: work, search: { [core] in try core.searchHouseholds(query: $0) }) {
            [weak self] _, outcome in
            switch outcome {
            case .success(let households):
                self?.state.households = households
                self?.state.searching = false
                self?.state.problem = nil
            case .failure(let problem):
                self?.state.searching = false
                self?.state.problem = problem
            }
        }
        search.submit(query())
        work.run { [weak self] in
            switch await attempt({ try core.places() }) {
            case .success(let places): self?.state.places = places
            case .failure(let problem): self?.state.problem = problem
            }
        }
    }

    public func send(_ action: HouseholdsAction) {
        switch action {
        case .textChanged(let text):
            state.text = text
        case .filtersChanged(let filters):
            state.filters = filters
        case .refresh:
            break
        case .dismissProblem:
            state.problem = nil
            return
        }
        state.searching = true
        search.submit(query())
    }

    public func settle() async { await work.settle() }

    private func query() -> HouseholdQuery {
        HouseholdQuery(
            text: state.text.trimmingCharacters(in: .whitespaces),
            villageCode: state.filters.villageCode,
            gridCode: state.filters.gridCode,
            category: state.filters.category,
            openCaseOnly: state.filters.openCaseOnly,
            overdueOnly: state.filters.overdueOnly,
            limit: pageSize
        )
    }
}
