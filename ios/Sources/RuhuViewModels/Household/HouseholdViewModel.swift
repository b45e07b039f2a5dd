// The household screen's logic, a port of Android's HouseholdScreenPresenter: reads the
// household, its cases with their clocks, photos, visit history and the retakes owed on it from the core, and
// the 低保 verdict the core gives for the members present.
import Foundation
import Observation
import RuhuCore

/// The household screen's logic.
@MainActor
@Observable
public final class HouseholdViewModel: ScreenViewModel {
    public private(set) var state: HouseholdState

    @ObservationIgnored private let core: HouseholdScreenCore
    @ObservationIgnored private let work = WorkTracker()

    /// The household `householdId`; reads it at once.
    public init(core: HouseholdScreenCore, householdId: String) {
        self.core = core
        state = HouseholdState(householdId: householdId)
        load()
    }

    public func send(_ action: HouseholdAction) {
        switch action {
        case .refresh: load()
        case .dismiss: state.problem = nil
        }
    }

    public func settle() async { await work.settle() }

    private struct Loaded: Sendable {
        let detail: HouseholdDetail
        let cases: [CaseSummary]
        let clocks: [String: [CaseClockRecord]]
        let photos: [PhotoRecord]
        let visits: [VisitHistoryItem]
        let preview: EconomicsPreview
        let owed: [PhotoRecord]
    }

    private func load() {
        state.loading = true
        let core = self.core
        let id = state.householdId
        work.run { [weak self] in
            let outcome = await attempt { () -> Loaded in
                let detail = try core.household(householdId: id)
                let cases = try core.listCases(query: CaseQuery(householdId: id, openOnly: false, overdueOnly: false, limit: 200))
                var clocks: [String: [CaseClockRecord]] = [:]
                for c in cases { clocks[c.id] = try? core.caseDetail(caseId: c.id).clocks }
                let photos = try core.photos(householdId: id)
                let visits = try core.visitHistory(householdId: id)
                let present = detail.members.filter { $0.member.status == .present }.count
                let preview = try core.economicsPreview(economics: detail.economics, presentMembers: UInt32(present))
                let mine = Set(photos.map(\.photoId))
                let owed = try core.retakesOwed().filter { mine.contains($0.photoId) }
                return Loaded(detail: detail, cases: cases, clocks: clocks, photos: photos, visits: visits, preview: preview, owed: owed)
            }
            guard let self else { return }
            switch outcome {
            case .success(let l):
                state.detail = l.detail
                state.cases = l.cases
                state.caseClocks = l.clocks
                state.photos = l.photos
                state.visits = l.visits
                state.dibaoLineFen = l.preview.dibaoMonthlyPerPersonFen
                state.belowDibao = l.preview.belowDibao
                state.retakesOwed = l.owed
                state.loading = false
                state.problem = nil
            case .failure(let problem):
                state.loading = false
                state.problem = problem
            }
        }
    }
}
