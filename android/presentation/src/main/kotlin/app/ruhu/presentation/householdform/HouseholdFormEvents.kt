// What the worker can do on the household form.
package app.ruhu.presentation.householdform

import uniffi.ruhu_core.GeoPoint
import uniffi.ruhu_core.MemberStatus

/** Events of the household form. */
sealed interface HouseholdFormEvents {
    /** A field changed (every keystroke, every tick and choice); kept in the draft at once. */
    data class FieldChanged(val field: String, val value: String) : HouseholdFormEvents

    /** The village was chosen from the places offered (fills village and grid). */
    data class PlaceChosen(val villageCode: String, val gridCode: String) : HouseholdFormEvents

    /** The phone's GPS gave a fix. */
    data class LocationFixed(val point: GeoPoint) : HouseholdFormEvents

    /** A member row added. */
    data object AddMember : HouseholdFormEvents

    /** A member marked 迁出 or 死亡 (members are never deleted). */
    data class MemberStatusChanged(val index: Int, val status: MemberStatus) : HouseholdFormEvents

    /** A supporter row added. */
    data object AddSupporter : HouseholdFormEvents

    /** Save: the core validates; on success the draft is discarded. */
    data object Save : HouseholdFormEvents
}
