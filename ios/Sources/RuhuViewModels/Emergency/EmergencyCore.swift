import RuhuCore

/// What reporting an emergency (发现急难) needs: find or register the household, open the case.
public protocol EmergencyCore: HouseholdsCore {
    /// The enrolled worker (the new household's county), or nil.
    func worker() throws -> WorkerProfile?
    /// Registers a household with its first members; returns its id.
    func createHousehold(profile: HouseholdProfile, members: [MemberInput]) throws -> String
    /// Opens a case; returns its id.
    func createCase(input: CaseInput) throws -> String
    /// The case as its screen shows it, clocks included.
    func caseDetail(caseId: String) throws -> CaseDetail
}
