// The case screen's words for the core's case values: each step's name from strings_case.xml,
// the kind of assistance, and money in 元 (fen as the core counts it).
package app.ruhu.ui.casescreen

import androidx.compose.runtime.Composable
import androidx.compose.ui.res.stringResource
import app.ruhu.ui.R
import uniffi.ruhu_core.AssistanceKind
import uniffi.ruhu_core.CaseEventKind

/** The string resource naming the step [kind]. */
fun caseStepRes(kind: CaseEventKind): Int = when (kind) {
    CaseEventKind.ACCEPTED -> R.string.case_step_accepted
    CaseEventKind.INVESTIGATED -> R.string.case_step_investigated
    CaseEventKind.PRELIMINARY_REVIEW -> R.string.case_step_preliminary_review
    CaseEventKind.APPROVED -> R.string.case_step_approved
    CaseEventKind.REJECTED -> R.string.case_step_rejected
    CaseEventKind.ADVANCE_AID -> R.string.case_step_advance_aid
    CaseEventKind.PAYMENT -> R.string.case_step_payment
    CaseEventKind.REFERRED -> R.string.case_step_referred
    CaseEventKind.FEEDBACK -> R.string.case_step_feedback
    CaseEventKind.CLOSED -> R.string.case_step_closed
    CaseEventKind.PUBLICITY_STARTED -> R.string.case_step_publicity_started
    CaseEventKind.PUBLICITY_ENDED -> R.string.case_step_publicity_ended
    CaseEventKind.MATERIALS_COMPLETED -> R.string.case_step_materials_completed
    CaseEventKind.CASE_MEETING -> R.string.case_step_case_meeting
    CaseEventKind.REFERRAL_ANSWERED -> R.string.case_step_referral_answered
}

/** The name of the step [kind], as the worker says it (先行救助, 转办单答复). */
@Composable
fun caseStepText(kind: CaseEventKind): String = stringResource(caseStepRes(kind))

/** 紧急型救助 / 支出型救助. */
@Composable
fun assistanceKindText(kind: AssistanceKind): String = stringResource(
    when (kind) {
        AssistanceKind.EMERGENCY -> R.string.case_kind_emergency
        AssistanceKind.EXPENDITURE -> R.string.case_kind_expenditure
    },
)

/** [fen] as 元 with two decimals: 80050 → "800.50". */
fun yuanText(fen: Long): String {
    val sign = if (fen < 0) "-" else ""
    val abs = kotlin.math.abs(fen)
    return "$sign${abs / 100}.${(abs % 100).toString().padStart(2, '0')}"
}

/** Which fields a step's form asks for (the keys of CaseEvents.StepFieldChanged). */
data class StepFields(
    /** 金额（元）: 先行救助, payments, approval. */
    val amount: Boolean = false,
    /** 部门: referrals, feedback, answers. */
    val department: Boolean = false,
    /** Two investigators: 入户调查. */
    val investigators: Boolean = false,
    /** The 转办单 answered: 转办单答复. */
    val answers: Boolean = false,
)

/** The fields the form of [kind] shows besides the note and the time it happened. */
fun stepFields(kind: CaseEventKind): StepFields = when (kind) {
    CaseEventKind.INVESTIGATED -> StepFields(investigators = true)
    CaseEventKind.ADVANCE_AID, CaseEventKind.PAYMENT, CaseEventKind.APPROVED -> StepFields(amount = true)
    CaseEventKind.REFERRED, CaseEventKind.FEEDBACK -> StepFields(department = true)
    CaseEventKind.REFERRAL_ANSWERED -> StepFields(department = true, answers = true)
    else -> StepFields()
}
