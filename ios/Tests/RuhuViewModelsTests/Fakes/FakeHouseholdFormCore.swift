import Foundation
import RuhuCore
@testable import RuhuViewModels

/// The household form without a store: drafts kept in memory (so a second view model on the same
/// fake reads what the first wrote), ID numbers and amounts read by the real core's free
/// functions, the economics preview worked out simply (income ÷ 12 ÷ people present, against a
/// 700 元 line), and every write recorded.
final class FakeHouseholdFormCore: HouseholdFormCore, @unchecked Sendable {
    private let lock = NSLock()
    let drafts = DraftBook()
    private var households: [String: HouseholdDetail] = [:]
    private var nextMember = 0
    private var _created: [(HouseholdProfile, [MemberInput])] = []
    private var _memberUpdates: [(String, String, MemberInput)] = []
    private var _memberAdds: [(String, MemberInput)] = []
    private var _supporterAdds: [(String, SupporterInput)] = []
    private var _economicsSet: [(String, EconomicsInput)] = []
    private var _previews: [(EconomicsInput, UInt32)] = []
    private var _heldPreviews: [Int64: (started: DispatchSemaphore, release: DispatchSemaphore)] = [:]

    /// What createHousehold throws instead of registering, when set.
    var createError: ApiError?
    /// The county's 低保 line, 分 a month per person.
    let lineFen: Int64 = 70_000

    var created: [(HouseholdProfile, [MemberInput])] { lock.withLock { _created } }
    var memberUpdates: [(String, String, MemberInput)] { lock.withLock { _memberUpdates } }
    var memberAdds: [(String, MemberInput)] { lock.withLock { _memberAdds } }
    var supporterAdds: [(String, SupporterInput)] { lock.withLock { _supporterAdds } }
    var economicsSet: [(String, EconomicsInput)] { lock.withLock { _economicsSet } }
    var previews: [(EconomicsInput, UInt32)] { lock.withLock { _previews } }

    func seed(_ detail: HouseholdDetail) { lock.withLock { households[detail.id] = detail } }

    func saveDraft(form: String, field: String, value: String) throws { drafts.save(form, field, value) }
    func draft(form: String) throws -> [DraftField] { drafts.draft(form) }
    func discardDraft(form: String) throws { drafts.discard(form) }

    func worker() throws -> WorkerProfile? { .fixture() }

    func places() throws -> [Place] {
        [Place(villageCode: "370599100200", villageName: "前进村", gridCode: "G01-1"),
         Place(villageCode: "370599100201", villageName: "红星村", gridCode: "G02-1")]
    }

    func countyPolicy() throws -> PolicySummary? {
        PolicySummary(version: 1, effectiveFrom: "2026-01-01", dibaoMonthlyPerPersonFen: lineFen,
                      yearlyCeilingFen: 2_000_000, caseByCaseOverFen: 5_000_000)
    }

    func checkIdNumber(text: String) throws -> IdNumberInfo { try RuhuCore.checkIdNumber(text: text) }

    func parseAmount(field: String, text: String) throws -> Int64 { try RuhuCore.parseAmount(field: field, text: text) }

    /// Makes the preview of an income of `incomeFen` wait until `release` is signalled;
    /// `started` is signalled when it begins.
    func holdPreview(incomeFen: Int64) -> (started: DispatchSemaphore, release: DispatchSemaphore) {
        let gate = (started: DispatchSemaphore(value: 0), release: DispatchSemaphore(value: 0))
        lock.withLock { _heldPreviews[incomeFen] = gate }
        return gate
    }

    func economicsPreview(economics: EconomicsInput, presentMembers: UInt32) throws -> EconomicsPreview {
        let gate = lock.withLock { () -> (started: DispatchSemaphore, release: DispatchSemaphore)? in
            _previews.append((economics, presentMembers))
            return _heldPreviews[economics.incomeFen]
        }
        if let gate {
            gate.started.signal()
            gate.release.wait()
        }
        let perCapita = presentMembers == 0 ? 0 : economics.incomeFen / 12 / Int64(presentMembers)
        return EconomicsPreview(
            summary: EconomicsSummary(totalIncomeFen: economics.incomeFen, totalExpenditureFen: 0,
                                      perCapitaMonthlyIncomeFen: perCapita, perCapitaMonthlyAfterExpenditureFen: perCapita),
            dibaoMonthlyPerPersonFen: lineFen,
            belowDibao: presentMembers == 0 ? nil : perCapita < lineFen
        )
    }

    func createHousehold(profile: HouseholdProfile, members: [MemberInput]) throws -> String {
        try lock.withLock {
            if let createError { throw createError }
            _created.append((profile, members))
            let details = members.map { m -> MemberDetail in
                nextMember += 1
                return MemberDetail(memberId: "m-\(nextMember)", member: m, idMasked: nil, age: 50)
            }
            households["h-new"] = .fixture(id: "h-new", profile: profile, members: details)
            return "h-new"
        }
    }

    func updateHousehold(householdId: String, profile: HouseholdProfile) throws {
        try lock.withLock {
            guard households[householdId] != nil else { throw ApiError.NotFound(what: "household") }
            households[householdId]?.profile = profile
        }
    }

    func addMember(householdId: String, member: MemberInput) throws -> String {
        lock.withLock {
            _memberAdds.append((householdId, member))
            nextMember += 1
            households[householdId]?.members.append(MemberDetail(memberId: "m-\(nextMember)", member: member, idMasked: nil, age: 30))
            return "m-\(nextMember)"
        }
    }

    func updateMember(householdId: String, memberId: String, member: MemberInput) throws {
        lock.withLock {
            _memberUpdates.append((householdId, memberId, member))
            if let i = households[householdId]?.members.firstIndex(where: { $0.memberId == memberId }) {
                households[householdId]?.members[i].member = member
            }
        }
    }

    func addSupporter(householdId: String, supporter: SupporterInput) throws -> String {
        lock.withLock {
            _supporterAdds.append((householdId, supporter))
            let id = "s-\(_supporterAdds.count)"
            households[householdId]?.supporters.append(SupporterDetail(supporterId: id, supporter: supporter))
            return id
        }
    }

    func updateSupporter(householdId: String, supporterId: String, supporter: SupporterInput) throws {}

    func setEconomics(householdId: String, economics: EconomicsInput) throws {
        lock.withLock {
            _economicsSet.append((householdId, economics))
            households[householdId]?.economics = economics
        }
    }

    func household(householdId: String) throws -> HouseholdDetail {
        try lock.withLock {
            guard var h = households[householdId] else { throw ApiError.NotFound(what: "household") }
            let present = h.members.filter { $0.member.status == .present }.count
            let perCapita = present == 0 ? 0 : h.economics.incomeFen / 12 / Int64(present)
            h.economicsSummary = EconomicsSummary(totalIncomeFen: h.economics.incomeFen, totalExpenditureFen: 0,
                                                  perCapitaMonthlyIncomeFen: perCapita,
                                                  perCapitaMonthlyAfterExpenditureFen: perCapita)
            return h
        }
    }
}
