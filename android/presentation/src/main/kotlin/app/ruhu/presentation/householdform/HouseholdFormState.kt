// What the household form shows: every field as typed, the places it may offer, the live ID
// checks, the core's field problems by field, and the economics figures the core works out as
// the worker types.
package app.ruhu.presentation.householdform

import app.ruhu.presentation.core.Problem
import uniffi.ruhu_core.EconomicsSummary
import uniffi.ruhu_core.IdNumberInfo
import uniffi.ruhu_core.Place

/** The household form (register when [householdId] is null, edit otherwise). */
data class HouseholdFormState(
    /** The draft's key in the store (household/new/<uuid> or household/<id>/profile). */
    val formKey: String,
    /** The household being edited, or the one just registered. */
    val householdId: String? = null,
    /** Field key to value, exactly as typed (FormFields names the keys). */
    val fields: Map<String, String> = emptyMap(),
    /** The villages and grids this phone serves, for the address fields. */
    val places: List<Place> = emptyList(),
    /** ID checks as typed, by field key (members.<i>.id_number). */
    val idChecks: Map<String, IdCheck> = emptyMap(),
    /** Problems by field key, in the core's words (or the form's, for a value it could not read). */
    val fieldProblems: Map<String, String> = emptyMap(),
    /** The core's economics figures for the form as typed (RuhuStore.economicsPreview), kept as
     * last read while an amount cannot be read yet; null before any. */
    val economics: EconomicsSummary? = null,
    /** 低保标准 per person per month (分) from the county policy; null before the first sync. */
    val dibaoLineFen: Long? = null,
    /** The core's verdict: 人均月收入 below the 低保 standard (null when either is unknown). */
    val belowDibao: Boolean? = null,
    /** Whether the draft is being read back. */
    val loading: Boolean = true,
    /** Whether a save is under way. */
    val saving: Boolean = false,
    /** Whether typed values are still on their way into the draft. */
    val draftPending: Boolean = false,
    /** Whether the last save went through (the draft is then gone). */
    val saved: Boolean = false,
    /** A problem that belongs to no field. */
    val problem: Problem? = null,
) {
    /** How many member rows the form has. */
    val memberCount: Int get() = fields[FormFields.MEMBER_COUNT]?.toIntOrNull() ?: 0

    /** How many supporter rows the form has. */
    val supporterCount: Int get() = fields[FormFields.SUPPORTER_COUNT]?.toIntOrNull() ?: 0

    /** Whether 人均月收入 as typed lies below the 低保 line: the core's [belowDibao]. */
    val belowDibaoLine: Boolean? get() = belowDibao
}

/** The core's reading of an ID number as typed. */
sealed interface IdCheck {
    /** A valid number: birth date and sex written in it, masked. */
    data class Valid(val info: IdNumberInfo) : IdCheck

    /** Not valid; [reason] in the core's words. */
    data class Invalid(val reason: String) : IdCheck
}
