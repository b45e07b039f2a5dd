import Foundation
import RuhuCore
@testable import RuhuViewModels

/// The household screen's reads, answered from what the test set, with the calls recorded.
final class FakeHouseholdScreenCore: HouseholdScreenCore, @unchecked Sendable {
    private let lock = NSLock()
    private var _detail: HouseholdDetail?
    private var _queries: [CaseQuery] = []
    private var _previews: [UInt32] = []
    private var _reads = 0

    init(detail: HouseholdDetail?) { _detail = detail }

    var detail: HouseholdDetail? {
        get { lock.withLock { _detail } }
        set { lock.withLock { _detail = newValue } }
    }
    var queries: [CaseQuery] { lock.withLock { _queries } }
    var previews: [UInt32] { lock.withLock { _previews } }
    var reads: Int { lock.withLock { _reads } }

    func household(householdId: String) throws -> HouseholdDetail {
        try lock.withLock {
            _reads += 1
            guard let d = _detail, d.id == householdId else { throw ApiError.NotFound(what: "household") }
            return d
        }
    }

    func listCases(query: CaseQuery) throws -> [CaseSummary] {
        lock.withLock {
            _queries.append(query)
            return [CaseSummary(id: "c-1", householdId: query.householdId ?? "", status: .reported, path: .urgent,
                                kind: .emergency, openedAtMs: 0, nextDeadlineMs: 86_400_000, conflicts: 0)]
        }
    }

    func caseDetail(caseId: String) throws -> CaseDetail { .fixture(id: caseId) }

    func photos(householdId: String) throws -> [PhotoRecord] {
        [.fixture("p-1", target: .household(householdId: householdId), kind: .idCard, caption: "户主身份证",
                  review: .retakeNeeded, reason: "看不清"),
         .fixture("p-2", target: .case(caseId: "c-1"), kind: .damage, caption: "受灾")]
    }

    func retakesOwed() throws -> [PhotoRecord] {
        try photos(householdId: "h-1").filter { $0.review == .retakeNeeded }
            + [.fixture("p-other", target: .household(householdId: "h-2"), review: .retakeNeeded, reason: "模糊")]
    }

    func economicsPreview(economics: EconomicsInput, presentMembers: UInt32) throws -> EconomicsPreview {
        lock.withLock { _previews.append(presentMembers) }
        return EconomicsPreview(
            summary: EconomicsSummary(totalIncomeFen: 0, totalExpenditureFen: 0, perCapitaMonthlyIncomeFen: 0,
                                      perCapitaMonthlyAfterExpenditureFen: 0),
            dibaoMonthlyPerPersonFen: 70_000, belowDibao: true
        )
    }

    func visitHistory(householdId: String) throws -> [VisitHistoryItem] {
        [VisitHistoryItem(id: "t-2", kind: "income_drop", reason: "收入明显下降", urgency: .high, createdOn: "2026-11-20",
                          dueOn: "2026-11-27", status: "open", closedBy: nil, closedAtMs: nil, note: nil),
         VisitHistoryItem(id: "t-1", kind: "review_due", reason: "到期复核", urgency: .normal, createdOn: "2026-10-01",
                          dueOn: "2026-10-31", status: "done", closedBy: "w-001", closedAtMs: 1, note: "已入户")]
    }
}
