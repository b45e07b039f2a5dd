// The form of one case step (入户调查 with two investigators, 初审, 先行救助 with its amount, 转办单
// and its answer, feedback, closure …): the fields the step asks for, when it happened (now, or
// earlier within the county's window: the clocks run from then), and 保存这一步. A refusal is
// the core's words; a time outside the window is shown beside the time.
package app.ruhu.ui.casescreen

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import app.ruhu.presentation.casescreen.CaseEvents
import app.ruhu.presentation.casescreen.CaseState
import app.ruhu.presentation.casescreen.StepForm
import app.ruhu.ui.R
import app.ruhu.ui.common.BodyText
import app.ruhu.ui.common.ChoiceRow
import app.ruhu.ui.common.DetailText
import app.ruhu.ui.common.LabeledField
import app.ruhu.ui.common.PrimaryButton
import app.ruhu.ui.common.ProblemBox
import app.ruhu.ui.common.ScreenColumn
import app.ruhu.ui.common.SecondaryButton
import app.ruhu.ui.common.SectionTitle
import app.ruhu.ui.common.SwitchRow
import app.ruhu.ui.common.problemText
import app.ruhu.ui.common.timeText
import app.ruhu.ui.householdscreen.photoKindText
import uniffi.ruhu_core.CaseEventKind
import uniffi.ruhu_core.StepEvidence

/** The rule a step dated too early breaks (CaseRuleBroken.rule). */
const val BACKDATED_TOO_FAR = "backdated_too_far"

private const val MINUTE_MS = 60_000L
private const val HOUR_MS = 60 * MINUTE_MS

/** The form of [step] on the case of [state]; see [CaseView] for the parameters. */
@Composable
fun StepFormView(
    step: StepForm,
    state: CaseState,
    onEvent: (CaseEvents) -> Unit,
    nowMs: Long,
    onSign: () -> Unit,
    modifier: Modifier = Modifier,
) {
    val fields = stepFields(step.kind)
    val change = { field: String, value: String -> onEvent(CaseEvents.StepFieldChanged(field, value)) }
    val value = { field: String -> step.fields[field].orEmpty() }
    val timeRefused = state.refusedRule == BACKDATED_TOO_FAR
    ScreenColumn(title = stringResource(R.string.case_form_title, caseStepText(step.kind)), modifier = modifier) {
        if (!timeRefused) state.problem?.let { ProblemBox(problemText(it)) }
        if (fields.investigators) {
            DetailText(stringResource(R.string.case_investigators_hint))
            LabeledField(stringResource(R.string.case_field_investigator_1), value("investigator.0"), { change("investigator.0", it) })
            LabeledField(stringResource(R.string.case_field_investigator_2), value("investigator.1"), { change("investigator.1", it) })
            SecondaryButton(stringResource(R.string.case_sign), onSign, Modifier.fillMaxWidth())
        }
        state.evidence?.let { EvidenceChoice(it, state.chosenPhotos, onEvent) }
        if (fields.answers) ReferralChoice(state, step, change)
        if (fields.amount) {
            LabeledField(stringResource(R.string.case_field_amount), value("amount"), { change("amount", it) }, hint = stringResource(R.string.case_field_amount_hint))
        }
        if (fields.department) {
            val label = if (step.kind == CaseEventKind.REFERRED) R.string.case_field_department_referral else R.string.case_field_department
            LabeledField(stringResource(label), value("department"), { change("department", it) })
        }
        LabeledField(stringResource(R.string.case_field_note), value("note"), { change("note", it) })
        HappenedAt(step.happenedAtMs, nowMs, onEvent)
        if (timeRefused) state.problem?.let { ProblemBox(problemText(it)) }
        if (state.busy) BodyText(stringResource(R.string.case_saving))
        PrimaryButton(stringResource(R.string.case_save_step), onClick = { onEvent(CaseEvents.SubmitStep) }, enabled = !state.busy)
        SecondaryButton(stringResource(R.string.case_back), { onEvent(CaseEvents.CloseStep) }, Modifier.fillMaxWidth())
    }
}

/**
 * The photos the step names as evidence (入户调查: the signatures, 公示: the posted notice), as the
 * core offers them: each on unless the worker turns it off. None yet: take or sign them first.
 */
@Composable
private fun EvidenceChoice(evidence: StepEvidence, chosen: List<String>, onEvent: (CaseEvents) -> Unit) {
    val kind = photoKindText(evidence.kind)
    SectionTitle(stringResource(R.string.case_evidence_title, kind))
    if (evidence.photoIds.isEmpty()) {
        DetailText(stringResource(R.string.case_evidence_none, kind))
        return
    }
    evidence.photoIds.forEachIndexed { i, id ->
        SwitchRow(stringResource(R.string.case_evidence_item, kind, i + 1), id in chosen, { onEvent(CaseEvents.EvidenceToggled(id)) })
    }
}

/** The 转办单 of this case to answer: one choice per referral on the timeline. */
@Composable
private fun ReferralChoice(state: CaseState, step: StepForm, change: (String, String) -> Unit) {
    SectionTitle(stringResource(R.string.case_answers_title))
    val referrals = state.detail?.events.orEmpty().filter { it.kind == CaseEventKind.REFERRED }
    if (referrals.isEmpty()) DetailText(stringResource(R.string.case_answers_none))
    referrals.forEach { r ->
        val label = stringResource(R.string.case_answers_item, timeText(r.atMs), r.department.orEmpty())
        ChoiceRow(label, step.fields["answers"] == r.id, { change("answers", r.id) }, detail = r.note.takeIf { it.isNotBlank() })
    }
}

/**
 * When the step happened: now, or earlier (a step written up after the fact). An earlier time
 * starts an hour ago and moves by an hour or ten minutes; it never reaches now. How far back the
 * county allows is the core's to check: a refusal is shown under this.
 */
@Composable
private fun HappenedAt(atMs: Long?, nowMs: Long, onEvent: (CaseEvents) -> Unit) {
    val choose = { ms: Long? -> onEvent(CaseEvents.HappenedAtChosen(ms)) }
    SectionTitle(stringResource(R.string.case_happened_title))
    ChoiceRow(stringResource(R.string.case_happened_now), atMs == null, { choose(null) })
    ChoiceRow(stringResource(R.string.case_happened_earlier_choice), atMs != null, { if (atMs == null) choose(nowMs - HOUR_MS) })
    if (atMs == null) return
    BodyText(stringResource(R.string.case_happened_chosen, timeText(atMs), spanText(Math.floorDiv(nowMs - atMs, MINUTE_MS))))
    DetailText(stringResource(R.string.case_happened_hint))
    Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        SecondaryButton(stringResource(R.string.case_happened_minus_hour), { choose(atMs - HOUR_MS) }, Modifier.weight(1f))
        SecondaryButton(stringResource(R.string.case_happened_minus_10), { choose(atMs - 10 * MINUTE_MS) }, Modifier.weight(1f))
    }
    // Later only while it stays earlier than now.
    val later = listOf(R.string.case_happened_plus_10 to 10 * MINUTE_MS, R.string.case_happened_plus_hour to HOUR_MS)
        .filter { (_, by) -> atMs + by < nowMs }
    if (later.isNotEmpty()) {
        Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            later.forEach { (label, by) -> SecondaryButton(stringResource(label), { choose(atMs + by) }, Modifier.weight(1f)) }
        }
    }
}

/** [minutes] as a span in words: "7 小时"、"1 小时 20 分"、"2 天 3 小时". */
@Composable
private fun spanText(minutes: Long): String {
    val m = maxOf(0L, minutes)
    val days = m / (24 * 60)
    val hours = (m % (24 * 60)) / 60
    val mins = m % 60
    return when {
        days > 0 && hours > 0 -> stringResource(R.string.span_days_hours, days, hours)
        days > 0 -> stringResource(R.string.span_days, days)
        hours > 0 && mins > 0 -> stringResource(R.string.span_hours_minutes, hours, mins)
        hours > 0 -> stringResource(R.string.span_hours, hours)
        else -> stringResource(R.string.span_minutes, mins)
    }
}
