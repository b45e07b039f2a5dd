import RuhuCore

/// What the household form (register and edit) needs.
public protocol HouseholdFormCore: DraftsCore {
    /// The enrolled worker (the new household's county), or nil.
    func worker() throws -> WorkerProfile?
    /// The villages and grids a form may offer (within this phone's scope).
    func places() throws -> [Place]
    /// The county policy (低保标准), or nil before the first sync.
    func countyPolicy() throws -> PolicySummary?
    /// Reads an ID number as typed; throws ApiError.InvalidInput with the core's reason.
    func checkIdNumber(text: String) throws -> IdNumberInfo
    /// 元 as typed as 分 (RuhuCore.parseAmount); throws ApiError.InvalidInput naming `field`.
    func parseAmount(field: String, text: String) throws -> Int64
    /// The economics form's figures as typed, not saved: totals, 人均月收入 and the 低保 verdict.
    func economicsPreview(economics: EconomicsInput, presentMembers: UInt32) throws -> EconomicsPreview
    /// Registers a household with its first members; returns its id.
    func createHousehold(profile: HouseholdProfile, members: [MemberInput]) throws -> String
    /// Replaces the household's profile.
    func updateHousehold(householdId: String, profile: HouseholdProfile) throws
    /// Adds a member; returns its id.
    func addMember(householdId: String, member: MemberInput) throws -> String
    /// Replaces a member's form (迁出/死亡 through its status; never deleted).
    func updateMember(householdId: String, memberId: String, member: MemberInput) throws
    /// Adds a supporter; returns its id.
    func addSupporter(householdId: String, supporter: SupporterInput) throws -> String
    /// Replaces a supporter's form.
    func updateSupporter(householdId: String, supporterId: String, supporter: SupporterInput) throws
    /// Replaces the economics form.
    func setEconomics(householdId: String, economics: EconomicsInput) throws
    /// Everything the household screen shows, the core's economics summary included.
    func household(householdId: String) throws -> HouseholdDetail
}
