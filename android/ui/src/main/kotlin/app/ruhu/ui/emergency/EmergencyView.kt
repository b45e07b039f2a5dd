// The 发现急难 sheet on the presentation module's EmergencyState, one step at a time: choose the
// household (or register a family not on the phone), the kind of emergency and how urgent, then
// the reported case with its clocks in words. The app shows it as a full-height sheet.
package app.ruhu.ui.emergency

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import app.ruhu.ui.R
import androidx.compose.ui.unit.dp
import app.ruhu.presentation.emergency.EmergencyEvents
import app.ruhu.presentation.emergency.EmergencyState
import app.ruhu.presentation.emergency.EmergencyStep
import app.ruhu.presentation.emergency.NewHouseholdForm
import app.ruhu.ui.common.BodyText
import app.ruhu.ui.common.ChoiceRow
import app.ruhu.ui.common.DetailText
import app.ruhu.ui.common.LabeledField
import app.ruhu.ui.common.PrimaryButton
import app.ruhu.ui.common.ProblemBox
import app.ruhu.ui.common.ScreenColumn
import app.ruhu.ui.common.SecondaryButton
import app.ruhu.ui.common.SectionTitle
import app.ruhu.ui.common.caseClockText
import app.ruhu.ui.common.casePathText
import app.ruhu.ui.common.caseStatusText
import app.ruhu.ui.common.clockStateText
import app.ruhu.ui.common.emergencyKindText
import app.ruhu.ui.common.housingText
import app.ruhu.ui.common.problemText
import app.ruhu.ui.common.sexText
import app.ruhu.ui.common.timeText
import app.ruhu.ui.home.dueClockText
import app.ruhu.ui.households.HouseholdRow
import uniffi.ruhu_core.CaseDetail
import uniffi.ruhu_core.CasePath
import uniffi.ruhu_core.EmergencyKind
import uniffi.ruhu_core.Housing
import uniffi.ruhu_core.Place
import uniffi.ruhu_core.Sex

/**
 * The 发现急难 sheet for [state].
 *
 * @param onEvent the emergency presenter's events.
 * @param nowMs the present moment, to say how long a case's clock has left.
 * @param onClose 完成 tapped once the case is reported: the app closes the sheet.
 */
@Composable
fun EmergencyView(
    state: EmergencyState,
    onEvent: (EmergencyEvents) -> Unit,
    nowMs: Long,
    onClose: () -> Unit,
    modifier: Modifier = Modifier,
) {
    ScreenColumn(title = stringResource(R.string.emergency_title), modifier = modifier) {
        state.problem?.let { ProblemBox(problemText(it)) }
        if (state.working) BodyText(stringResource(R.string.emergency_saving))
        when (state.step) {
            EmergencyStep.ChooseHousehold -> ChooseHousehold(state, onEvent)
            EmergencyStep.RegisterHousehold -> RegisterHousehold(state.form, state.places, onEvent)
            EmergencyStep.DescribeEmergency -> Describe(state, onEvent)
            EmergencyStep.Reported -> state.case?.let { Reported(it, nowMs, onClose) }
        }
    }
}

@Composable
private fun ChooseHousehold(state: EmergencyState, onEvent: (EmergencyEvents) -> Unit) {
    BodyText(stringResource(R.string.emergency_step_household))
    LabeledField(stringResource(R.string.emergency_search), state.searchText, { onEvent(EmergencyEvents.SearchChanged(it)) }, hint = stringResource(R.string.emergency_search_hint))
    val chooseLabel = stringResource(R.string.emergency_choose_household)
    state.results.forEach { household ->
        HouseholdRow(household, onOpen = { onEvent(EmergencyEvents.HouseholdChosen(household)) }, actionLabel = chooseLabel)
    }
    if (state.searchText.isNotBlank() && state.results.isEmpty()) DetailText(stringResource(R.string.emergency_not_found))
    PrimaryButton(stringResource(R.string.emergency_register_new), onClick = { onEvent(EmergencyEvents.RegisterNew) })
}

@Composable
private fun RegisterHousehold(form: NewHouseholdForm, places: List<Place>, onEvent: (EmergencyEvents) -> Unit) {
    val change = { f: NewHouseholdForm -> onEvent(EmergencyEvents.FormChanged(f)) }
    BodyText(stringResource(R.string.emergency_register_intro))
    LabeledField(stringResource(R.string.emergency_head_name), form.headName, { change(form.copy(headName = it)) })
    LabeledField(stringResource(R.string.emergency_head_id), form.headIdNumber, { change(form.copy(headIdNumber = it)) }, hint = stringResource(R.string.emergency_head_id_hint))
    SectionTitle(stringResource(R.string.emergency_head_sex))
    Sex.entries.forEach { sex -> ChoiceRow(sexText(sex), form.headSex == sex, { change(form.copy(headSex = sex)) }) }
    LabeledField(stringResource(R.string.emergency_head_birth), form.headBirthDate, { change(form.copy(headBirthDate = it)) }, hint = stringResource(R.string.emergency_head_birth_hint))
    SectionTitle(stringResource(R.string.emergency_place))
    if (places.isEmpty()) DetailText(stringResource(R.string.hf_no_places))
    places.forEach { place ->
        val chosen = form.villageCode == place.villageCode && form.gridCode == place.gridCode
        ChoiceRow(stringResource(R.string.hf_place_choice, place.villageName, place.gridCode), chosen, { onEvent(EmergencyEvents.PlaceChosen(place)) })
    }
    LabeledField(stringResource(R.string.emergency_address), form.address, { change(form.copy(address = it)) })
    LabeledField(stringResource(R.string.emergency_phone), form.phone, { change(form.copy(phone = it)) })
    SectionTitle(stringResource(R.string.emergency_housing))
    Housing.entries.forEach { h -> ChoiceRow(housingText(h), form.housing == h, { change(form.copy(housing = h)) }) }
    PrimaryButton(stringResource(R.string.emergency_save_household), onClick = { onEvent(EmergencyEvents.SaveHousehold) }, enabled = form.complete)
    SecondaryButton(stringResource(R.string.common_back), onClick = { onEvent(EmergencyEvents.Back) })
}

@Composable
private fun Describe(state: EmergencyState, onEvent: (EmergencyEvents) -> Unit) {
    state.household?.let { SectionTitle(stringResource(R.string.emergency_head, it.headName)) }
    BodyText(stringResource(R.string.emergency_step_kind))
    EmergencyKind.entries.forEach { kind ->
        ChoiceRow(emergencyKindText(kind), state.kind == kind, { onEvent(EmergencyEvents.KindChosen(kind)) })
    }
    BodyText(stringResource(R.string.emergency_step_path))
    listOf(CasePath.CRITICAL, CasePath.URGENT, CasePath.NORMAL).forEach { path ->
        val (label, detail) = casePathText(path)
        ChoiceRow(label, state.path == path, { onEvent(EmergencyEvents.PathChosen(path)) }, detail = detail)
    }
    LabeledField(stringResource(R.string.emergency_description), state.description, { onEvent(EmergencyEvents.DescriptionChanged(it)) })
    PrimaryButton(stringResource(R.string.emergency_report), onClick = { onEvent(EmergencyEvents.Report) }, enabled = state.canReport, danger = true)
    SecondaryButton(stringResource(R.string.common_back), onClick = { onEvent(EmergencyEvents.Back) })
}

@Composable
private fun Reported(case: CaseDetail, nowMs: Long, onClose: () -> Unit) {
    val (pathLabel, pathDetail) = casePathText(case.path)
    SectionTitle(stringResource(R.string.emergency_reported, pathLabel, pathDetail))
    DetailText(stringResource(R.string.emergency_reported_at, timeText(case.openedAtMs), caseStatusText(case.status)))
    case.nextDeadlineMs?.let { due ->
        val clock = dueClockText((due - nowMs) / 60_000) ?: ""
        if (case.overdue || due < nowMs) {
            ProblemBox(stringResource(R.string.emergency_overdue, clock))
        } else {
            BodyText(stringResource(R.string.emergency_next_step, clock, timeText(due)))
        }
    }
    case.clocks.forEach { c ->
        Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            val where = c.state?.let { clockStateText(it) } ?: (c.warning ?: stringResource(R.string.emergency_clock_undecided))
            val due = c.dueMs?.let { stringResource(R.string.emergency_clock_due, timeText(it)) } ?: ""
            DetailText(stringResource(R.string.emergency_clock_line, caseClockText(c.clock), where, due).trimEnd())
        }
    }
    PrimaryButton(stringResource(R.string.common_done), onClick = onClose)
}
