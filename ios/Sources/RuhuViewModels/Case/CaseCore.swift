import RuhuCore

/// What the case screen needs.
public protocol CaseCore: DraftsCore {
    /// The case as its screen shows it: timeline, clocks, allowed steps.
    func caseDetail(caseId: String) throws -> CaseDetail
    /// Records a step; throws ApiError.CaseRuleBroken with the core's reason when refused.
    func appendCaseEvent(caseId: String, event: CaseEventInput) throws -> String
    /// The household's signatures and photos, for the steps that need them as evidence.
    func photos(householdId: String) throws -> [PhotoRecord]
    /// 元 as typed as 分 (RuhuCore.parseAmount); throws ApiError.InvalidInput naming `field`.
    func parseAmount(field: String, text: String) throws -> Int64
}
