// What the 发现急难 flow shows, step by step: find or register the household, the kind of
// emergency and how urgent, then the case with its clock.
package app.ruhu.presentation.emergency

import app.ruhu.presentation.core.Problem
import uniffi.ruhu_core.CaseDetail
import uniffi.ruhu_core.CasePath
import uniffi.ruhu_core.EmergencyKind
import uniffi.ruhu_core.HouseholdSummary
import uniffi.ruhu_core.Place
import uniffi.ruhu_core.Housing
import uniffi.ruhu_core.Sex

/** The 发现急难 flow. */
data class EmergencyState(
    /** Which step is on screen. */
    val step: EmergencyStep = EmergencyStep.ChooseHousehold,
    /** The household search as typed. */
    val searchText: String = "",
    /** Households matching it (ID numbers masked). */
    val results: List<HouseholdSummary> = emptyList(),
    /** The villages and grids this phone serves, one of which a new household is registered in. */
    val places: List<Place> = emptyList(),
    /** The minimal registration form, when the family is not on the phone yet. */
    val form: NewHouseholdForm = NewHouseholdForm(),
    /** The household the case is for, once chosen or registered. */
    val household: ChosenHousehold? = null,
    /** The kind of emergency chosen. */
    val kind: EmergencyKind? = null,
    /** 紧急 (2 h), 急难 (24 h) or 常规. */
    val path: CasePath? = null,
    /** What happened, in the worker's words. */
    val description: String = "",
    /** The case once it exists, with its clocks. */
    val case: CaseDetail? = null,
    /** Whether a core call is under way. */
    val working: Boolean = false,
    /** What went wrong last. */
    val problem: Problem? = null,
) {
    /** Whether 上报 can be pressed. */
    val canReport: Boolean get() = household != null && kind != null && path != null && !working
}

/** The steps of the flow. */
enum class EmergencyStep {
    /** Search the worker's households. */
    ChooseHousehold,

    /** Register a family not yet on the phone. */
    RegisterHousehold,

    /** Kind, urgency and a line on what happened. */
    DescribeEmergency,

    /** The case exists; its clock runs. */
    Reported,
}

/** The household chosen for the case. */
data class ChosenHousehold(
    /** Household id. */
    val id: String,
    /** 户主. */
    val headName: String,
)

/** The least a family needs to be registered on the spot; the full form completes it later. */
data class NewHouseholdForm(
    /** 户主姓名. */
    val headName: String = "",
    /** 户主身份证号 (may be unknown at first). */
    val headIdNumber: String = "",
    /** 户主性别. */
    val headSex: Sex? = null,
    /** 户主出生日期 (YYYY-MM-DD). */
    val headBirthDate: String = "",
    /** 村 code (12 digits) and name, within the worker's scope. */
    val villageCode: String = "",
    /** 村 name. */
    val villageName: String = "",
    /** 网格. */
    val gridCode: String = "",
    /** 门牌. */
    val address: String = "",
    /** 联系电话. */
    val phone: String = "",
    /** 住房. */
    val housing: Housing? = null,
) {
    /** Whether the required fields are filled (the core still checks them). */
    val complete: Boolean
        get() = headName.isNotBlank() && headSex != null && headBirthDate.isNotBlank() &&
            villageCode.isNotBlank() && gridCode.isNotBlank() && housing != null
}
