// What the worker can do in the 发现急难 flow.
package app.ruhu.presentation.emergency

import uniffi.ruhu_core.CasePath
import uniffi.ruhu_core.EmergencyKind
import uniffi.ruhu_core.HouseholdSummary
import uniffi.ruhu_core.Place

/** Events of the 发现急难 flow. */
sealed interface EmergencyEvents {
    /** The household search changed. */
    data class SearchChanged(val text: String) : EmergencyEvents

    /** A household from the results was chosen. */
    data class HouseholdChosen(val household: HouseholdSummary) : EmergencyEvents

    /** 登记新户: the family is not on the phone. */
    data object RegisterNew : EmergencyEvents

    /** The registration form changed. */
    data class FormChanged(val form: NewHouseholdForm) : EmergencyEvents

    /** 保存 on the registration form. */
    data object SaveHousehold : EmergencyEvents

    /** The new household's village and grid, among the state's places (others are ignored). */
    data class PlaceChosen(val place: Place) : EmergencyEvents

    /** The kind of emergency chosen. */
    data class KindChosen(val kind: EmergencyKind) : EmergencyEvents

    /** How urgent: CRITICAL 2 h, URGENT 24 h, NORMAL. */
    data class PathChosen(val path: CasePath) : EmergencyEvents

    /** What happened, as typed. */
    data class DescriptionChanged(val text: String) : EmergencyEvents

    /** 上报: open the case. */
    data object Report : EmergencyEvents

    /** Back one step. */
    data object Back : EmergencyEvents
}
