// The household form (register and edit) on the presentation module's HouseholdFormState:
// address within the worker's places, contact, GPS in one tap, housing, categories and flags,
// then members, supporters and economics. Every field sends its change as typed; the presenter
// keeps it in the core's draft.
package app.ruhu.ui.householdform

import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import app.ruhu.presentation.householdform.FormFields
import app.ruhu.presentation.householdform.HouseholdFormEvents
import app.ruhu.presentation.householdform.HouseholdFormState
import app.ruhu.ui.R
import app.ruhu.ui.common.BodyText
import app.ruhu.ui.common.ChoiceRow
import app.ruhu.ui.common.DetailText
import app.ruhu.ui.common.PrimaryButton
import app.ruhu.ui.common.ProblemBox
import app.ruhu.ui.common.ScreenColumn
import app.ruhu.ui.common.SecondaryButton
import app.ruhu.ui.common.SectionTitle
import app.ruhu.ui.common.categoryText
import app.ruhu.ui.common.housingText
import app.ruhu.ui.common.problemText
import uniffi.ruhu_core.Housing
import kotlin.math.roundToInt

/**
 * The household form for [state].
 *
 * @param onEvent the household form presenter's events.
 * @param onLocate 用 GPS 定位 tapped: the app takes a fix and sends LocationFixed.
 */
@Composable
fun HouseholdFormView(
    state: HouseholdFormState,
    onEvent: (HouseholdFormEvents) -> Unit,
    onLocate: () -> Unit,
    modifier: Modifier = Modifier,
) {
    val editing = !state.formKey.startsWith("household/new/")
    ScreenColumn(title = stringResource(if (editing) R.string.hf_title_edit else R.string.hf_title_new), modifier = modifier) {
        if (state.loading) {
            BodyText(stringResource(R.string.hf_loading))
            return@ScreenColumn
        }
        DetailText(
            when {
                state.saved -> stringResource(R.string.hf_saved)
                state.draftPending -> stringResource(R.string.hf_draft_pending)
                else -> stringResource(R.string.hf_draft_kept)
            },
        )
        state.problem?.let { ProblemBox(problemText(it)) }
        if (state.fieldProblems.isNotEmpty()) BodyText(stringResource(R.string.hf_problems_summary, state.fieldProblems.size))
        Address(state, onEvent, onLocate)
        Situation(state, onEvent)
        Members(state, onEvent)
        Supporters(state, onEvent)
        Economics(state, onEvent)
        PrimaryButton(
            stringResource(if (state.saving) R.string.hf_saving else R.string.hf_save),
            { onEvent(HouseholdFormEvents.Save) },
            enabled = !state.saving,
        )
    }
}

/** The village and grid among the worker's places, the address, the phone and the GPS fix. */
@Composable
private fun Address(state: HouseholdFormState, onEvent: (HouseholdFormEvents) -> Unit, onLocate: () -> Unit) {
    SectionTitle(stringResource(R.string.hf_address))
    if (state.places.isEmpty()) DetailText(stringResource(R.string.hf_no_places))
    val village = state.fields[FormFields.VILLAGE]
    val grid = state.fields[FormFields.GRID]
    state.places.forEach { p ->
        ChoiceRow(
            stringResource(R.string.hf_place_choice, p.villageName, p.gridCode),
            p.villageCode == village && p.gridCode == grid,
            { onEvent(HouseholdFormEvents.PlaceChosen(p.villageCode, p.gridCode)) },
        )
    }
    FieldProblemLine(state.fieldProblems[FormFields.VILLAGE] ?: state.fieldProblems[FormFields.GRID])
    FormTextField(stringResource(R.string.hf_address_detail), FormFields.ADDRESS, state, onEvent)
    FormTextField(stringResource(R.string.hf_phone), FormFields.PHONE, state, onEvent)
    SectionTitle(stringResource(R.string.hf_location))
    val fix = state.fields[FormFields.LOCATION].orEmpty().split(',').mapNotNull { it.trim().toDoubleOrNull() }.takeIf { it.size == 3 }
    BodyText(
        if (fix == null) {
            stringResource(R.string.hf_not_located)
        } else {
            stringResource(R.string.hf_located, "%.5f".format(fix[0]), "%.5f".format(fix[1]), fix[2].roundToInt())
        },
    )
    FieldProblemLine(state.fieldProblems[FormFields.LOCATION])
    SecondaryButton(stringResource(if (fix == null) R.string.hf_locate else R.string.hf_locate_again), onLocate, Modifier.fillMaxWidth())
}

/** Housing, the 困难类别 and the flags. */
@Composable
private fun Situation(state: HouseholdFormState, onEvent: (HouseholdFormEvents) -> Unit) {
    SectionTitle(stringResource(R.string.hf_housing))
    FormKeyChoice(stringResource(R.string.hf_housing), FormFields.HOUSING, Housing.entries.map { it.name to housingText(it) }, state, onEvent)
    SectionTitle(stringResource(R.string.hf_categories))
    FormFields.CATEGORIES.forEach { key -> FormFlag(categoryText(key.removePrefix("categories.")), key, state, onEvent) }
    SectionTitle(stringResource(R.string.hf_flags))
    val flagWords = listOf(R.string.hh_flag_already_assisted, R.string.hh_flag_poverty_registered, R.string.hh_flag_staff_relative)
    FormFields.FLAGS.zip(flagWords).forEach { (key, words) -> FormFlag(stringResource(words), key, state, onEvent) }
}
