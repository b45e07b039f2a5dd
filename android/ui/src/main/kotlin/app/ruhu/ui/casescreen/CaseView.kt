// The case screen (救助案件) on the presentation module's CaseState: what the case is, its clocks
// in words, the steps this worker's role may take now (the core's allowed actions and nothing
// else), and the timeline, where a step the county did not apply is shown with its reason.
// With a step open, its form (StepFormView) takes the screen.
package app.ruhu.ui.casescreen

import androidx.compose.foundation.border
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.shape.RoundedCornerShape
import androidx.compose.material3.MaterialTheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import app.ruhu.presentation.casescreen.CaseEvents
import app.ruhu.presentation.casescreen.CaseState
import app.ruhu.ui.R
import app.ruhu.ui.common.BodyText
import app.ruhu.ui.common.DetailText
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
import app.ruhu.ui.common.problemText
import app.ruhu.ui.common.timeText
import app.ruhu.ui.home.dueClockText
import uniffi.ruhu_core.CaseDetail
import uniffi.ruhu_core.CaseEventDetail

/**
 * The case screen for [state].
 *
 * @param onEvent the case presenter's events.
 * @param nowMs the present moment: clocks say how long is left from it, and a step may be dated earlier.
 * @param onOpenConflicts 处理不一致 tapped: the app opens the conflicts screen of this case.
 * @param onSign 签字 tapped on the 入户调查 form: the app opens the signing pad for this case.
 */
@Composable
fun CaseView(
    state: CaseState,
    onEvent: (CaseEvents) -> Unit,
    nowMs: Long,
    onOpenConflicts: () -> Unit,
    onSign: () -> Unit,
    modifier: Modifier = Modifier,
) {
    val step = state.step
    val detail = state.detail
    if (step != null) {
        StepFormView(step, state, onEvent, nowMs, onSign, modifier)
        return
    }
    ScreenColumn(title = stringResource(R.string.case_title), modifier = modifier) {
        state.problem?.let { ProblemBox(problemText(it)) }
        when {
            detail == null && state.busy -> BodyText(stringResource(R.string.case_loading))
            detail == null -> SecondaryButton(stringResource(R.string.case_retry), { onEvent(CaseEvents.Refresh) }, Modifier.fillMaxWidth())
            else -> {
                if (state.busy) DetailText(stringResource(R.string.case_saving))
                CaseHeader(detail, onOpenConflicts)
                CaseClocks(detail, nowMs)
                CaseSteps(state, onEvent)
                CaseTimeline(detail)
                SecondaryButton(stringResource(R.string.case_refresh), { onEvent(CaseEvents.Refresh) }, Modifier.fillMaxWidth())
            }
        }
    }
}

@Composable
private fun CaseHeader(case: CaseDetail, onOpenConflicts: () -> Unit) {
    val (pathLabel, pathDetail) = casePathText(case.path)
    SectionTitle(stringResource(R.string.case_path_line, pathLabel, pathDetail))
    DetailText(stringResource(R.string.case_opened_line, timeText(case.openedAtMs), caseStatusText(case.status)))
    case.emergency?.let { e -> BodyText(stringResource(R.string.case_emergency_line, emergencyKindText(e.kind), e.description)) }
    DetailText(assistanceKindText(case.kind))
    if (case.totalPaidFen > 0) BodyText(stringResource(R.string.case_paid, yuanText(case.totalPaidFen)))
    if (case.policyVersion == null) ProblemBox(stringResource(R.string.case_policy_missing))
    if (case.conflicts.isNotEmpty()) {
        ProblemBox(stringResource(R.string.case_conflicts_line, case.conflicts.size))
        SecondaryButton(stringResource(R.string.case_open_conflicts), onOpenConflicts, Modifier.fillMaxWidth())
    }
}

@Composable
private fun CaseClocks(case: CaseDetail, nowMs: Long) {
    val due = case.nextDeadlineMs
    if (due == null && case.clocks.isEmpty()) return
    SectionTitle(stringResource(R.string.case_clocks_title))
    if (due != null) {
        val clock = dueClockText(Math.floorDiv(due - nowMs, 60_000L)).orEmpty()
        if (case.overdue || due < nowMs) {
            ProblemBox(stringResource(R.string.case_deadline_overdue, clock))
        } else {
            BodyText(stringResource(R.string.case_deadline_next, clock, timeText(due)))
        }
    }
    case.clocks.forEach { c ->
        val where = c.state?.let { clockStateText(it) } ?: (c.warning ?: stringResource(R.string.case_clock_unknown))
        val left = c.dueMs?.let { stringResource(R.string.case_clock_left_due, dueClockText(Math.floorDiv(it - nowMs, 60_000L)).orEmpty(), stringResource(R.string.case_clock_due, timeText(it))) }
            ?: stringResource(R.string.case_clock_unknown)
        DetailText(stringResource(R.string.case_clock_line, caseClockText(c.clock), where, left))
    }
}

@Composable
private fun CaseSteps(state: CaseState, onEvent: (CaseEvents) -> Unit) {
    SectionTitle(stringResource(R.string.case_steps_title))
    if (state.allowedSteps.isEmpty()) DetailText(stringResource(R.string.case_steps_none))
    state.allowedSteps.forEach { kind ->
        PrimaryButton(caseStepText(kind), onClick = { onEvent(CaseEvents.OpenStep(kind)) }, enabled = !state.busy)
    }
}

@Composable
private fun CaseTimeline(case: CaseDetail) {
    SectionTitle(stringResource(R.string.case_timeline_title))
    if (case.events.isEmpty()) DetailText(stringResource(R.string.case_timeline_empty))
    case.events.forEach { TimelineEntry(it) }
}

/** One step on the timeline: what, when it happened (and when it was written up, if later), who, and any refusal. */
@Composable
private fun TimelineEntry(event: CaseEventDetail) {
    Column(
        modifier = Modifier
            .fillMaxWidth()
            .border(1.dp, MaterialTheme.colorScheme.outline, RoundedCornerShape(10.dp))
            .padding(12.dp),
        verticalArrangement = Arrangement.spacedBy(4.dp),
    ) {
        BodyText(stringResource(R.string.case_event_head, caseStepText(event.kind), timeText(event.atMs)))
        event.recordedAtMs?.let { DetailText(stringResource(R.string.case_event_recorded_later, timeText(it))) }
        DetailText(stringResource(R.string.case_event_by, event.actor))
        event.amountFen?.let { DetailText(stringResource(R.string.case_event_amount, yuanText(it))) }
        event.department?.let { DetailText(stringResource(R.string.case_event_department, it)) }
        if (event.note.isNotBlank()) DetailText(event.note)
        event.conflict?.let { ProblemBox(stringResource(R.string.case_event_refused, it)) }
    }
}
