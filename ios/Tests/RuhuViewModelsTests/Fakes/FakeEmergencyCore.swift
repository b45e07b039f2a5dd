import Foundation
import RuhuCore
@testable import RuhuViewModels

/// 发现急难 without a store: households found by name, registrations and cases recorded, the case
/// read back with an urgent 24 h (or critical 2 h) clock.
final class FakeEmergencyCore: FakeHouseholdsCore, EmergencyCore, @unchecked Sendable {
    private var _createdHouseholds: [(profile: HouseholdProfile, members: [MemberInput])] = []
    private var _createdCases: [CaseInput] = []
    private var _detailReads = 0
    var enrolled: WorkerProfile? = .fixture()
    /// What registering throws instead, when set.
    var createHouseholdError: ApiError?
    /// What reading the case back throws instead, when set.
    var caseDetailError: ApiError?

    var createdHouseholds: [(profile: HouseholdProfile, members: [MemberInput])] { lock.withLock { _createdHouseholds } }
    var createdCases: [CaseInput] { lock.withLock { _createdCases } }
    var detailReads: Int { lock.withLock { _detailReads } }

    func worker() throws -> WorkerProfile? { enrolled }

    func createHousehold(profile: HouseholdProfile, members: [MemberInput]) throws -> String {
        try lock.withLock {
            if let createHouseholdError { throw createHouseholdError }
            _createdHouseholds.append((profile, members))
            return "h-new"
        }
    }

    func createCase(input: CaseInput) throws -> String {
        lock.withLock {
            _createdCases.append(input)
            return "c-\(_createdCases.count)"
        }
    }

    func caseDetail(caseId: String) throws -> CaseDetail {
        try lock.withLock {
            _detailReads += 1
            if let caseDetailError { throw caseDetailError }
            guard let input = _createdCases.last else { throw ApiError.NotFound(what: caseId) }
            let opened: Int64 = 1_000_000
            let hours: Int64 = input.path == .critical ? 2 : 24
            let due = opened + hours * 3_600_000
            return CaseDetail(
                id: caseId, householdId: input.householdId, origin: input.origin, kind: input.kind, path: input.path,
                openedAtMs: opened, openedBy: "w-001", emergency: input.emergency, status: .reported, owner: "w-001",
                nextDeadlineMs: due, overdue: false, totalPaidFen: 0, events: [],
                clocks: [CaseClockRecord(clock: "respond", dueMs: due, state: .running, warning: nil)],
                allowedActions: [], policyVersion: nil, conflicts: []
            )
        }
    }
}
