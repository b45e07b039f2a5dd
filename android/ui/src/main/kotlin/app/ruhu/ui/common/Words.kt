// The Chinese words the screens show for the presentation module's problems and the core's
// enums and times: one place, so every screen says the same thing the same way. The words
// themselves are string resources (res/values/strings.xml), so these functions are @Composable:
// read them in composition, never inside a semantics {} or onClick lambda.
package app.ruhu.ui.common

import androidx.compose.runtime.Composable
import androidx.compose.ui.res.stringResource
import app.ruhu.presentation.core.Problem
import app.ruhu.ui.R
import uniffi.ruhu_core.CasePath
import uniffi.ruhu_core.CaseStatus
import uniffi.ruhu_core.ClockState
import uniffi.ruhu_core.EmergencyKind
import uniffi.ruhu_core.Housing
import uniffi.ruhu_core.RefusalAction
import uniffi.ruhu_core.Sex
import uniffi.ruhu_core.Urgency
import java.time.Instant
import java.time.ZoneId
import java.time.format.DateTimeFormatter

/** The words for [problem]: the core's own where it gives them. */
@Composable
fun problemText(problem: Problem): String = when (problem) {
    is Problem.Words -> problem.text
    is Problem.Fields -> {
        val separator = stringResource(R.string.common_list_separator)
        problem.problems.joinToString(separator) { it.reason }
    }
    is Problem.SyncFailed -> stringResource(
        if (problem.retry) R.string.problem_sync_failed_retry else R.string.problem_sync_failed,
        problem.reason,
    )
    is Problem.OutsideScope -> stringResource(R.string.problem_outside_scope, problem.count.toLong())
    Problem.Revoked -> stringResource(R.string.problem_revoked)
    Problem.NotEnrolled -> stringResource(R.string.problem_not_enrolled)
    Problem.OtherCounty -> stringResource(R.string.problem_other_county)
    Problem.NotFound -> stringResource(R.string.problem_not_found)
    Problem.StorageFull -> stringResource(R.string.problem_storage_full)
    Problem.StoreUnreadable -> stringResource(R.string.problem_store_unreadable)
    Problem.NewerVersion -> stringResource(R.string.problem_newer_version)
    Problem.SyncCancelled -> stringResource(R.string.problem_sync_cancelled)
    is Problem.UnsyncedWork -> stringResource(R.string.problem_unsynced_work, problem.documents.toLong(), problem.photos.toLong())
    is Problem.Internal -> stringResource(R.string.problem_internal, problem.detail)
}

/** 紧急 / 较急 / 一般. */
@Composable
fun urgencyText(urgency: Urgency): String = when (urgency) {
    Urgency.IMMEDIATE -> stringResource(R.string.urgency_immediate)
    Urgency.HIGH -> stringResource(R.string.urgency_high)
    Urgency.NORMAL -> stringResource(R.string.urgency_normal)
}

/** Where a clock stands, in words. */
@Composable
fun clockStateText(state: ClockState): String = when (state) {
    ClockState.RUNNING -> stringResource(R.string.clock_state_running)
    ClockState.DUE_SOON -> stringResource(R.string.clock_state_due_soon)
    ClockState.OVERDUE -> stringResource(R.string.clock_state_overdue)
}

/** The kinds of emergency, in the words of the 发现急难 sheet. */
@Composable
fun emergencyKindText(kind: EmergencyKind): String = when (kind) {
    EmergencyKind.FIRE -> stringResource(R.string.emergency_kind_fire)
    EmergencyKind.TRAFFIC_ACCIDENT -> stringResource(R.string.emergency_kind_traffic_accident)
    EmergencyKind.SUDDEN_ILLNESS -> stringResource(R.string.emergency_kind_sudden_illness)
    EmergencyKind.ACCIDENT -> stringResource(R.string.emergency_kind_accident)
    EmergencyKind.NATURAL_DISASTER -> stringResource(R.string.emergency_kind_natural_disaster)
    EmergencyKind.MAJOR_ILLNESS -> stringResource(R.string.emergency_kind_major_illness)
    EmergencyKind.OTHER -> stringResource(R.string.emergency_kind_other)
}

/** How urgent a case is, with the time it must be handled in. */
@Composable
fun casePathText(path: CasePath): Pair<String, String> = when (path) {
    CasePath.CRITICAL -> stringResource(R.string.case_path_critical) to stringResource(R.string.case_path_critical_detail)
    CasePath.URGENT -> stringResource(R.string.case_path_urgent) to stringResource(R.string.case_path_urgent_detail)
    CasePath.NORMAL -> stringResource(R.string.case_path_normal) to stringResource(R.string.case_path_normal_detail)
}

/** Where a case stands. */
@Composable
fun caseStatusText(status: CaseStatus): String = when (status) {
    CaseStatus.REPORTED -> stringResource(R.string.case_status_reported)
    CaseStatus.ACCEPTED -> stringResource(R.string.case_status_accepted)
    CaseStatus.INVESTIGATED -> stringResource(R.string.case_status_investigated)
    CaseStatus.REVIEWED -> stringResource(R.string.case_status_reviewed)
    CaseStatus.APPROVED -> stringResource(R.string.case_status_approved)
    CaseStatus.REJECTED -> stringResource(R.string.case_status_rejected)
    CaseStatus.CLOSED -> stringResource(R.string.case_status_closed)
}

/** 男 / 女. */
@Composable
fun sexText(sex: Sex): String = when (sex) {
    Sex.MALE -> stringResource(R.string.sex_male)
    Sex.FEMALE -> stringResource(R.string.sex_female)
}

/** The kinds of housing on the registration form. */
@Composable
fun housingText(housing: Housing): String = when (housing) {
    Housing.OWNED_SAFE -> stringResource(R.string.housing_owned_safe)
    Housing.OWNED_UNSAFE -> stringResource(R.string.housing_owned_unsafe)
    Housing.RENTED -> stringResource(R.string.housing_rented)
    Housing.BORROWED -> stringResource(R.string.housing_borrowed)
    Housing.DISASTER_DAMAGED -> stringResource(R.string.housing_disaster_damaged)
    Housing.NONE -> stringResource(R.string.housing_none)
}

/** What the worker does about a document the county refused. */
@Composable
fun refusalActionText(action: RefusalAction): String = when (action) {
    RefusalAction.HAND_BACK -> stringResource(R.string.refusal_hand_back)
    RefusalAction.ASK_TOWNSHIP -> stringResource(R.string.refusal_ask_township)
}

/** Household categories by code; an unknown code is shown as it is. */
@Composable
fun categoryText(code: String): String = when (code) {
    "dibao" -> stringResource(R.string.category_dibao)
    "tekun" -> stringResource(R.string.category_tekun)
    "low_income" -> stringResource(R.string.category_low_income)
    "orphan" -> stringResource(R.string.category_orphan)
    "vulnerable_child" -> stringResource(R.string.category_vulnerable_child)
    "disability_subsidy" -> stringResource(R.string.category_disability_subsidy)
    "expenditure_hardship" -> stringResource(R.string.category_expenditure_hardship)
    else -> code
}

private val beijing = ZoneId.of("Asia/Shanghai")

/** A moment as the worker reads it, in Beijing time: "12月1日 09:30". */
@Composable
fun timeText(ms: Long): String {
    val pattern = stringResource(R.string.common_time_pattern)
    return DateTimeFormatter.ofPattern(pattern).withZone(beijing).format(Instant.ofEpochMilli(ms))
}

/** A case clock by its policy code; an unknown code is shown as 办理时限. */
@Composable
fun caseClockText(code: String): String = when (code) {
    "advance_aid_critical" -> stringResource(R.string.case_clock_advance_aid_critical)
    "advance_aid_urgent" -> stringResource(R.string.case_clock_advance_aid_urgent)
    "materials_after_advance_aid" -> stringResource(R.string.case_clock_materials_after_advance_aid)
    "home_visit_start" -> stringResource(R.string.case_clock_home_visit_start)
    "preliminary_review" -> stringResource(R.string.case_clock_preliminary_review)
    "township_approval" -> stringResource(R.string.case_clock_township_approval)
    "county_decision" -> stringResource(R.string.case_clock_county_decision)
    "rejection_notice" -> stringResource(R.string.case_clock_rejection_notice)
    "publicity" -> stringResource(R.string.case_clock_publicity)
    "referral_feedback" -> stringResource(R.string.case_clock_referral_feedback)
    else -> stringResource(R.string.case_clock_other)
}
