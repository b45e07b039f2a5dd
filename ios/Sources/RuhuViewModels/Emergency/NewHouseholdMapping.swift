// The minimal registration form as the core's household profile and head of household. What
// the form does not ask yet (work, schooling, categories) takes plain defaults that the full
// household form corrects later; the core validates everything.
import Foundation
import RuhuCore

extension NewHouseholdForm {
    /// The profile (in `countyCode`) and the head of household this form describes.
    public func toCore(countyCode: String) -> (profile: HouseholdProfile, head: MemberInput) {
        func trim(_ s: String) -> String { s.trimmingCharacters(in: .whitespaces) }
        let village = trim(villageCode)
        let profile = HouseholdProfile(
            countyCode: countyCode,
            townshipCode: String(village.prefix(9)),
            villageCode: village,
            villageName: trim(villageName),
            gridCode: trim(gridCode),
            addressDetail: trim(address),
            contactPhone: trim(phone),
            location: nil,
            housing: housing ?? .ownedSafe,
            categories: HardshipCategories(
                dibao: false, tekun: false, lowIncome: false, orphan: false,
                vulnerableChild: false, disabilitySubsidy: false, expenditureHardship: false
            ),
            alreadyAssisted: false,
            povertyRegistered: false,
            staffRelative: false
        )
        let id = trim(headIdNumber).uppercased()
        let head = MemberInput(
            name: trim(headName),
            idNumber: id.isEmpty ? nil : id,
            relation: .head,
            sex: headSex ?? .male,
            birthDate: trim(headBirthDate),
            majorIllness: false,
            chronicIllness: false,
            disabilityKind: nil,
            disabilityGrade: nil,
            healthNote: "",
            work: .farming,
            school: .notInSchool,
            marital: .married,
            education: .primary,
            status: .present
        )
        return (profile, head)
    }
}
