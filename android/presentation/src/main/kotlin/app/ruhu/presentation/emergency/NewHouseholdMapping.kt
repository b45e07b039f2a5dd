// The minimal registration form as the core's household profile and head of household. What
// the form does not ask yet (work, schooling, categories) takes plain defaults that the full
// household form corrects later.
package app.ruhu.presentation.emergency

import uniffi.ruhu_core.Education
import uniffi.ruhu_core.HardshipCategories
import uniffi.ruhu_core.HouseholdProfile
import uniffi.ruhu_core.Housing
import uniffi.ruhu_core.MaritalStatus
import uniffi.ruhu_core.MemberInput
import uniffi.ruhu_core.MemberStatus
import uniffi.ruhu_core.Relation
import uniffi.ruhu_core.SchoolStage
import uniffi.ruhu_core.Sex
import uniffi.ruhu_core.WorkStatus

/** The profile (in [countyCode]) and the head of household this form describes. */
internal fun NewHouseholdForm.toCore(countyCode: String): Pair<HouseholdProfile, MemberInput> {
    val village = villageCode.trim()
    val profile = HouseholdProfile(
        countyCode = countyCode,
        townshipCode = village.take(9),
        villageCode = village,
        villageName = villageName.trim(),
        gridCode = gridCode.trim(),
        addressDetail = address.trim(),
        contactPhone = phone.trim(),
        location = null,
        housing = housing ?: Housing.OWNED_SAFE,
        categories = HardshipCategories(
            dibao = false, tekun = false, lowIncome = false, orphan = false,
            vulnerableChild = false, disabilitySubsidy = false, expenditureHardship = false,
        ),
        alreadyAssisted = false,
        povertyRegistered = false,
        staffRelative = false,
    )
    val head = MemberInput(
        name = headName.trim(),
        idNumber = headIdNumber.trim().uppercase().ifEmpty { null },
        relation = Relation.HEAD,
        sex = headSex ?: Sex.MALE,
        birthDate = headBirthDate.trim(),
        majorIllness = false,
        chronicIllness = false,
        disabilityKind = null,
        disabilityGrade = null,
        healthNote = "",
        work = WorkStatus.FARMING,
        school = SchoolStage.NOT_IN_SCHOOL,
        marital = MaritalStatus.MARRIED,
        education = Education.PRIMARY,
        status = MemberStatus.PRESENT,
    )
    return profile to head
}
