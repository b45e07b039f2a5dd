import RuhuCore

/// What the household screen needs.
public protocol HouseholdScreenCore: AnyObject, Sendable {
    /// Profile, members (masked IDs), supporters, economics summary, conflicts.
    func household(householdId: String) throws -> HouseholdDetail
    /// Photos a supervisor sent back and no retake answered yet, on every record.
    func retakesOwed() throws -> [PhotoRecord]
    /// The economics figures and the 低保 verdict for `presentMembers` people.
    func economicsPreview(economics: EconomicsInput, presentMembers: UInt32) throws -> EconomicsPreview
    /// The household's cases (RuhuStore.listCases).
    func listCases(query: CaseQuery) throws -> [CaseSummary]
    /// One case with its clocks (受理, 调查, 审批 … with their due times and warnings).
    func caseDetail(caseId: String) throws -> CaseDetail
    /// The household's photos.
    func photos(householdId: String) throws -> [PhotoRecord]
    /// Every visit task raised for the household, open and closed, newest first.
    func visitHistory(householdId: String) throws -> [VisitHistoryItem]
}
