// The household form as field keys and values exactly as typed (the shape drafts keep), and
// how those values become the core's records and back. Keys follow the core's own field
// names (`contact_phone`, `members.0.id_number`) so its field problems land on their field.
package app.ruhu.presentation.householdform

import uniffi.ruhu_core.DisabilityKind
import uniffi.ruhu_core.EconomicsInput
import uniffi.ruhu_core.Education
import uniffi.ruhu_core.GeoPoint
import uniffi.ruhu_core.HardshipCategories
import uniffi.ruhu_core.HouseholdDetail
import uniffi.ruhu_core.HouseholdProfile
import uniffi.ruhu_core.Housing
import uniffi.ruhu_core.MaritalStatus
import uniffi.ruhu_core.MemberInput
import uniffi.ruhu_core.MemberStatus
import uniffi.ruhu_core.Relation
import uniffi.ruhu_core.SchoolStage
import uniffi.ruhu_core.Sex
import uniffi.ruhu_core.SupporterInput
import uniffi.ruhu_core.WorkStatus

/** Field keys of the household form. Booleans are "1" or "", choices the enum's name. */
object FormFields {
    const val VILLAGE = "village_code"
    const val GRID = "grid_code"
    const val ADDRESS = "address_detail"
    const val PHONE = "contact_phone"
    /** "lat,lon,accuracy" as the GPS fix gave it. */
    const val LOCATION = "location"
    const val HOUSING = "housing"
    const val MEMBER_COUNT = "members.count"
    const val SUPPORTER_COUNT = "supporters.count"

    /** 困难类别 checkbox keys. */
    val CATEGORIES = listOf("dibao", "tekun", "low_income", "orphan", "vulnerable_child", "disability_subsidy", "expenditure_hardship")
        .map { "categories.$it" }

    /** Flags: 已在保, 建档立卡, 干部亲属. */
    val FLAGS = listOf("already_assisted", "poverty_registered", "staff_relative")

    /** Economics keys (yearly amounts in 元 as typed; counts as typed). */
    val ECONOMICS = listOf(
        "wage", "farming", "business", "property_rental", "land_transfer", "pension", "support_received",
        "subsidies", "other_income", "medical", "education", "housing", "other_expenditure", "house_count",
        "house_value", "vehicle_count", "vehicle_value", "deposits", "securities", "debts",
    ).map { "economics.$it" }

    /** A member's field: name, id_number, relation, sex, birth_date, major_illness, chronic_illness,
     * disability_kind, disability_grade, health_note, work, school, marital, education, status, member_id. */
    fun member(index: Int, field: String) = "members.$index.$field"

    /** A supporter's field: name, id_number, relation, annual_income, annual_support_paid, supporter_id. */
    fun supporter(index: Int, field: String) = "supporters.$index.$field"

    /** The fields a new member starts with (kept in the draft like any typed field). */
    fun newMember(index: Int): Map<String, String> = mapOf(
        member(index, "status") to MemberStatus.PRESENT.name,
        member(index, "work") to WorkStatus.FARMING.name,
        member(index, "school") to SchoolStage.NOT_IN_SCHOOL.name,
        member(index, "marital") to MaritalStatus.UNMARRIED.name,
        member(index, "education") to Education.PRIMARY.name,
    )
}

/** A problem found before the core is asked (a value that is no number, a choice not made). */
internal class FormError(val field: String, val reason: String) : Exception(reason)

/** Reads the typed values into the core's records; throws FormError for what cannot be read. */
internal class FormReader(private val f: Map<String, String>) {
    private fun text(key: String) = f[key].orEmpty().trim()
    private fun flag(key: String) = f[key] == "1"

    private inline fun <reified E : Enum<E>> choice(key: String): E? =
        text(key).takeIf { it.isNotEmpty() }?.let { v -> enumValues<E>().firstOrNull { it.name == v } }

    private inline fun <reified E : Enum<E>> required(key: String): E = choice<E>(key) ?: throw FormError(key, "请选择")

    /** 元 as typed ("1200", "1200.5") to 分; empty is 0. */
    fun fen(key: String): Long {
        val t = text(key).ifEmpty { return 0 }
        val yuan = t.toBigDecimalOrNull()?.takeIf { it.scale() <= 2 } ?: throw FormError(key, "请填写金额，如 1200 或 1200.50")
        return yuan.movePointRight(2).longValueExact()
    }

    private fun count(key: String): UInt =
        text(key).ifEmpty { "0" }.toUIntOrNull() ?: throw FormError(key, "请填写数目")

    /** How many member rows the form has. */
    val members: Int = f[FormFields.MEMBER_COUNT]?.toIntOrNull() ?: 0

    /** How many supporter rows the form has. */
    val supporters: Int = f[FormFields.SUPPORTER_COUNT]?.toIntOrNull() ?: 0

    /** The profile, in [countyCode]; the village's name comes from [villageName]. */
    fun profile(countyCode: String, villageName: (String) -> String): HouseholdProfile {
        val village = text(FormFields.VILLAGE)
        val c = FormFields.CATEGORIES.map { flag(it) }
        return HouseholdProfile(
            countyCode = countyCode,
            townshipCode = village.take(9),
            villageCode = village,
            villageName = villageName(village),
            gridCode = text(FormFields.GRID),
            addressDetail = text(FormFields.ADDRESS),
            contactPhone = text(FormFields.PHONE),
            location = location(),
            housing = required<Housing>(FormFields.HOUSING),
            categories = HardshipCategories(c[0], c[1], c[2], c[3], c[4], c[5], c[6]),
            alreadyAssisted = flag("already_assisted"),
            povertyRegistered = flag("poverty_registered"),
            staffRelative = flag("staff_relative"),
        )
    }

    private fun location(): GeoPoint? {
        val t = text(FormFields.LOCATION).ifEmpty { return null }
        val n = t.split(',').map { it.trim().toDoubleOrNull() }
        if (n.size != 3 || n.any { it == null }) throw FormError(FormFields.LOCATION, "位置没有读出，请重新定位")
        return GeoPoint(n[0]!!, n[1]!!, n[2]!!)
    }

    /** The member in row [i]. */
    fun member(i: Int): MemberInput {
        val k = { field: String -> FormFields.member(i, field) }
        return MemberInput(
            name = text(k("name")),
            idNumber = text(k("id_number")).uppercase().ifEmpty { null },
            relation = required(k("relation")),
            sex = required(k("sex")),
            birthDate = text(k("birth_date")),
            majorIllness = flag(k("major_illness")),
            chronicIllness = flag(k("chronic_illness")),
            disabilityKind = choice<DisabilityKind>(k("disability_kind")),
            disabilityGrade = text(k("disability_grade")).ifEmpty { null }?.let {
                it.toUByteOrNull() ?: throw FormError(k("disability_grade"), "残疾等级填 1 到 4")
            },
            healthNote = text(k("health_note")),
            work = choice<WorkStatus>(k("work")) ?: WorkStatus.FARMING,
            school = choice<SchoolStage>(k("school")) ?: SchoolStage.NOT_IN_SCHOOL,
            marital = choice<MaritalStatus>(k("marital")) ?: MaritalStatus.UNMARRIED,
            education = choice<Education>(k("education")) ?: Education.PRIMARY,
            status = choice<MemberStatus>(k("status")) ?: MemberStatus.PRESENT,
        )
    }

    /** The member id of row [i], once the core gave one. */
    fun memberId(i: Int): String? = text(FormFields.member(i, "member_id")).ifEmpty { null }

    /** The supporter in row [i]. */
    fun supporter(i: Int): SupporterInput {
        val k = { field: String -> FormFields.supporter(i, field) }
        return SupporterInput(
            name = text(k("name")),
            idNumber = text(k("id_number")).uppercase().ifEmpty { null },
            relation = text(k("relation")),
            annualIncomeFen = fen(k("annual_income")),
            annualSupportPaidFen = fen(k("annual_support_paid")),
        )
    }

    /** The supporter id of row [i], once the core gave one. */
    fun supporterId(i: Int): String? = text(FormFields.supporter(i, "supporter_id")).ifEmpty { null }

    /** The economics form. */
    fun economics(): EconomicsInput {
        val e = { name: String -> fen("economics.$name") }
        return EconomicsInput(
            wageFen = e("wage"), farmingFen = e("farming"), businessFen = e("business"),
            propertyRentalFen = e("property_rental"), landTransferFen = e("land_transfer"), pensionFen = e("pension"),
            supportReceivedFen = e("support_received"), subsidiesFen = e("subsidies"), otherIncomeFen = e("other_income"),
            medicalFen = e("medical"), educationFen = e("education"), housingFen = e("housing"),
            otherExpenditureFen = e("other_expenditure"), houseCount = count("economics.house_count"),
            houseValueFen = e("house_value"), vehicleCount = count("economics.vehicle_count"),
            vehicleValueFen = e("vehicle_value"), depositsFen = e("deposits"), securitiesFen = e("securities"),
            debtsFen = e("debts"),
        )
    }
}

/** 分 as 元 text for the form ("1200", "1200.5"). */
internal fun yuanText(fen: Long): String =
    java.math.BigDecimal.valueOf(fen).movePointLeft(2).stripTrailingZeros().let { if (it.scale() < 0) it.setScale(0) else it }.toPlainString()

/** A saved household as form fields (editing starts from these; a draft overrides them). */
internal fun HouseholdDetail.toFields(): Map<String, String> {
    val f = linkedMapOf<String, String>()
    val b = { v: Boolean -> if (v) "1" else "" }
    with(profile) {
        f[FormFields.VILLAGE] = villageCode; f[FormFields.GRID] = gridCode; f[FormFields.ADDRESS] = addressDetail
        f[FormFields.PHONE] = contactPhone; f[FormFields.HOUSING] = housing.name
        location?.let { f[FormFields.LOCATION] = "${it.lat},${it.lon},${it.accuracyM}" }
        with(categories) {
            listOf(dibao, tekun, lowIncome, orphan, vulnerableChild, disabilitySubsidy, expenditureHardship)
                .forEachIndexed { i, v -> f[FormFields.CATEGORIES[i]] = b(v) }
        }
        f["already_assisted"] = b(alreadyAssisted); f["poverty_registered"] = b(povertyRegistered); f["staff_relative"] = b(staffRelative)
    }
    f[FormFields.MEMBER_COUNT] = members.size.toString()
    members.forEachIndexed { i, d ->
        val k = { field: String -> FormFields.member(i, field) }
        val m = d.member
        f[k("member_id")] = d.memberId; f[k("name")] = m.name; f[k("id_number")] = m.idNumber.orEmpty()
        f[k("relation")] = m.relation.name; f[k("sex")] = m.sex.name; f[k("birth_date")] = m.birthDate
        f[k("major_illness")] = b(m.majorIllness); f[k("chronic_illness")] = b(m.chronicIllness)
        f[k("disability_kind")] = m.disabilityKind?.name.orEmpty(); f[k("disability_grade")] = m.disabilityGrade?.toString().orEmpty()
        f[k("health_note")] = m.healthNote; f[k("work")] = m.work.name; f[k("school")] = m.school.name
        f[k("marital")] = m.marital.name; f[k("education")] = m.education.name; f[k("status")] = m.status.name
    }
    f[FormFields.SUPPORTER_COUNT] = supporters.size.toString()
    supporters.forEachIndexed { i, d ->
        val k = { field: String -> FormFields.supporter(i, field) }
        val s = d.supporter
        f[k("supporter_id")] = d.supporterId; f[k("name")] = s.name; f[k("id_number")] = s.idNumber.orEmpty()
        f[k("relation")] = s.relation; f[k("annual_income")] = yuanText(s.annualIncomeFen)
        f[k("annual_support_paid")] = yuanText(s.annualSupportPaidFen)
    }
    with(economics) {
        val money = listOf(wageFen, farmingFen, businessFen, propertyRentalFen, landTransferFen, pensionFen, supportReceivedFen,
            subsidiesFen, otherIncomeFen, medicalFen, educationFen, housingFen, otherExpenditureFen)
        money.forEachIndexed { i, v -> f[FormFields.ECONOMICS[i]] = yuanText(v) }
        f["economics.house_count"] = houseCount.toString(); f["economics.house_value"] = yuanText(houseValueFen)
        f["economics.vehicle_count"] = vehicleCount.toString(); f["economics.vehicle_value"] = yuanText(vehicleValueFen)
        f["economics.deposits"] = yuanText(depositsFen); f["economics.securities"] = yuanText(securitiesFen)
        f["economics.debts"] = yuanText(debtsFen)
    }
    return f
}
