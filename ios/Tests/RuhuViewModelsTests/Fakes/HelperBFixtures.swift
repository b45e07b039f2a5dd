// Fictional households, photos and cases for the household, case, photo, signature and
// conflict view models' tests.
import Foundation
import RuhuCore

extension HouseholdProfile {
    static func fixture(village: String = "370599100200", villageName: String = "前进村") -> HouseholdProfile {
        HouseholdProfile(
            countyCode: "370599", townshipCode: String(village.prefix(9)), villageCode: village, villageName: villageName,
            gridCode: "G01-1", addressDetail: "3组7号", contactPhone: "", location: nil, housing: .ownedSafe,
            categories: HardshipCategories(dibao: false, tekun: false, lowIncome: false, orphan: false, vulnerableChild: false,
                                           disabilitySubsidy: false, expenditureHardship: false),
            alreadyAssisted: false, povertyRegistered: false, staffRelative: false
        )
    }
}

extension EconomicsInput {
    static let zero = EconomicsInput(
        wageFen: 0, farmingFen: 0, businessFen: 0, propertyRentalFen: 0, landTransferFen: 0, pensionFen: 0,
        supportReceivedFen: 0, subsidiesFen: 0, otherIncomeFen: 0, medicalFen: 0, educationFen: 0, housingFen: 0,
        otherExpenditureFen: 0, houseCount: 0, houseValueFen: 0, vehicleCount: 0, vehicleValueFen: 0, depositsFen: 0,
        securitiesFen: 0, debtsFen: 0
    )

    var incomeFen: Int64 {
        wageFen + farmingFen + businessFen + propertyRentalFen + landTransferFen + pensionFen + supportReceivedFen
            + subsidiesFen + otherIncomeFen
    }
}

extension MemberInput {
    static func fixture(name: String, relation: Relation = .head, sex: Sex = .female, birth: String = "1970-03-04",
                        id: String? = nil, status: MemberStatus = .present) -> MemberInput {
        MemberInput(name: name, idNumber: id, relation: relation, sex: sex, birthDate: birth, majorIllness: false,
                    chronicIllness: false, disabilityKind: nil, disabilityGrade: nil, healthNote: "", work: .farming,
                    school: .notInSchool, marital: .married, education: .primary, status: status)
    }
}

extension HouseholdDetail {
    static func fixture(id: String = "h-1", profile: HouseholdProfile = .fixture(), members: [MemberDetail] = [],
                        supporters: [SupporterDetail] = [], economics: EconomicsInput = .zero,
                        conflicts: [Conflict] = []) -> HouseholdDetail {
        HouseholdDetail(
            id: id, profile: profile, members: members, supporters: supporters, economics: economics,
            economicsSummary: EconomicsSummary(totalIncomeFen: economics.incomeFen, totalExpenditureFen: 0,
                                               perCapitaMonthlyIncomeFen: 0, perCapitaMonthlyAfterExpenditureFen: 0),
            conflicts: conflicts, registeredBy: "w-001", registeredAtMs: 1_700_000_000_000
        )
    }
}

extension PhotoRecord {
    static func fixture(_ id: String, target: PhotoTarget, kind: PhotoKind = .house, caption: String = "",
                        review: ReviewStatus = .pending, reason: String = "", retakeOf: String? = nil) -> PhotoRecord {
        PhotoRecord(
            photoId: id, target: target, kind: kind, caption: caption, sha256: String(repeating: "a", count: 64),
            thumbSha256: String(repeating: "b", count: 64), width: 1600, height: 1200, bytes: 200_000,
            takenAtMs: 1_700_000_000_000, timeFromCamera: true, location: nil, takenBy: "w-001", review: review,
            reviewReason: reason, retakeOf: retakeOf, onDevice: true, uploaded: false
        )
    }
}

extension CaseDetail {
    static func fixture(id: String = "c-1", householdId: String = "h-1", allowed: [CaseEventKind] = []) -> CaseDetail {
        CaseDetail(
            id: id, householdId: householdId, origin: .discovery, kind: .emergency, path: .urgent,
            openedAtMs: 1_700_000_000_000, openedBy: "w-001", emergency: nil, status: .reported, owner: "w-001",
            nextDeadlineMs: 1_700_086_400_000, overdue: false, totalPaidFen: 0, events: [],
            clocks: [CaseClockRecord(clock: "accept", dueMs: 1_700_086_400_000, state: .running, warning: nil)],
            allowedActions: allowed, policyVersion: 1, conflicts: []
        )
    }
}

/// Drafts kept in memory the way the store keeps them: one value per form and field.
final class DraftBook: @unchecked Sendable {
    private let lock = NSLock()
    private var _drafts: [String: [(String, String)]] = [:]
    private var _writes: [(form: String, field: String, value: String)] = []

    var writes: [(form: String, field: String, value: String)] { lock.withLock { _writes } }
    func fields(_ form: String) -> [String: String]? {
        lock.withLock { _drafts[form].map { Dictionary($0, uniquingKeysWith: { _, b in b }) } }
    }

    func save(_ form: String, _ field: String, _ value: String) {
        lock.withLock {
            _writes.append((form, field, value))
            var rows = _drafts[form] ?? []
            if let i = rows.firstIndex(where: { $0.0 == field }) { rows[i].1 = value } else { rows.append((field, value)) }
            _drafts[form] = rows
        }
    }

    func draft(_ form: String) -> [DraftField] {
        lock.withLock { (_drafts[form] ?? []).map { DraftField(field: $0.0, value: $0.1) } }
    }

    func discard(_ form: String) { lock.withLock { _drafts[form] = nil } }
}
