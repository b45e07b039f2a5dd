// Preview states of the case screen at a fixed moment: a case in time with its steps, a case
// with a refused step and a conflict (problem), an elderly resident's overdue case (elder), a
// long timeline (long), and the step forms (入户调查, 先行救助 dated earlier, 转办单答复, a time the
// county refused). The people and places are fictional.
package app.ruhu.ui.casescreen

import app.ruhu.presentation.casescreen.CaseState
import app.ruhu.presentation.casescreen.StepForm
import app.ruhu.presentation.core.Problem
import uniffi.ruhu_core.AssistanceKind
import uniffi.ruhu_core.CaseClockRecord
import uniffi.ruhu_core.CaseDetail
import uniffi.ruhu_core.CaseEventDetail
import uniffi.ruhu_core.CaseEventKind
import uniffi.ruhu_core.CaseOrigin
import uniffi.ruhu_core.CasePath
import uniffi.ruhu_core.CaseStatus
import uniffi.ruhu_core.ClockState
import uniffi.ruhu_core.Conflict
import uniffi.ruhu_core.ConflictValue
import uniffi.ruhu_core.EmergencyInput
import uniffi.ruhu_core.EmergencyKind
import uniffi.ruhu_core.PhotoKind
import uniffi.ruhu_core.StepEvidence

/** The moment the case previews are shown at: 2026-12-01 10:00 Beijing time. */
const val CASE_PREVIEW_NOW_MS = 1_796_090_400_000L

private const val MINUTE = 60_000L
private const val HOUR = 60 * MINUTE

private fun event(
    id: String,
    kind: CaseEventKind,
    minutesAgo: Long,
    note: String = "",
    amountFen: Long? = null,
    department: String? = null,
    recordedMinutesAgo: Long? = null,
    conflict: String? = null,
) = CaseEventDetail(
    id = id,
    kind = kind,
    atMs = CASE_PREVIEW_NOW_MS - minutesAgo * MINUTE,
    recordedAtMs = recordedMinutesAgo?.let { CASE_PREVIEW_NOW_MS - it * MINUTE },
    actor = "w-001 李红",
    device = "phone-1",
    note = note,
    amountFen = amountFen,
    department = department,
    conflict = conflict,
)

private fun case(
    events: List<CaseEventDetail>,
    allowed: List<CaseEventKind>,
    deadlineMinutes: Long = 80,
    emergency: EmergencyInput? = EmergencyInput(EmergencyKind.FIRE, CASE_PREVIEW_NOW_MS - 3 * HOUR, "厨房起火，烧毁住房一间", 0, 0),
    status: CaseStatus = CaseStatus.ACCEPTED,
    conflicts: List<Conflict> = emptyList(),
    paidFen: Long = 0,
    evidence: List<StepEvidence> = emptyList(),
) = CaseDetail(
    id = "case-1",
    householdId = "hh-1",
    origin = CaseOrigin.DISCOVERY,
    kind = AssistanceKind.EMERGENCY,
    path = CasePath.URGENT,
    openedAtMs = CASE_PREVIEW_NOW_MS - 2 * HOUR,
    openedBy = "w-001",
    emergency = emergency,
    status = status,
    owner = "w-001",
    nextDeadlineMs = CASE_PREVIEW_NOW_MS + deadlineMinutes * MINUTE,
    overdue = deadlineMinutes < 0,
    totalPaidFen = paidFen,
    events = events,
    clocks = listOf(
        CaseClockRecord(
            "advance_aid_urgent",
            CASE_PREVIEW_NOW_MS + deadlineMinutes * MINUTE,
            if (deadlineMinutes < 0) ClockState.OVERDUE else ClockState.DUE_SOON,
            null,
        ),
        CaseClockRecord("home_visit_start", CASE_PREVIEW_NOW_MS + 22 * HOUR, ClockState.RUNNING, null),
        CaseClockRecord("materials_after_advance_aid", null, null, "先行救助后开始计时"),
    ),
    allowedActions = allowed,
    stepEvidence = evidence,
    policyVersion = 3u,
    conflicts = conflicts,
)

private val accepted = event("ev-1", CaseEventKind.ACCEPTED, 110, note = "村民报告，已到现场")
private val referred = event("ev-2", CaseEventKind.REFERRED, 90, note = "请协助安排临时住处", department = "乡应急办")

private val normalCase = case(
    listOf(accepted, referred),
    listOf(CaseEventKind.ADVANCE_AID, CaseEventKind.INVESTIGATED, CaseEventKind.REFERRAL_ANSWERED),
    evidence = listOf(StepEvidence(CaseEventKind.INVESTIGATED, PhotoKind.SIGNATURE, listOf("sig-1", "sig-2"))),
)

private val problemCase = case(
    listOf(
        accepted,
        event("ev-3", CaseEventKind.ADVANCE_AID, 60, note = "先行发放生活费", amountFen = 80_000, conflict = "同一时间另一台手机已记录先行救助，请和乡镇核对"),
    ),
    listOf(CaseEventKind.ADVANCE_AID),
    conflicts = listOf(
        Conflict("case-1", "emergency/description", "情况说明", listOf(ConflictValue("厨房起火", "\"厨房起火\""), ConflictValue("厨房和卧室起火", "\"厨房和卧室起火\""))),
    ),
)

private val elderCase = case(
    listOf(event("ev-1", CaseEventKind.ACCEPTED, 300, note = "独居老人夜里摔倒，邻居发现")),
    listOf(CaseEventKind.ADVANCE_AID),
    deadlineMinutes = -35,
    emergency = EmergencyInput(EmergencyKind.SUDDEN_ILLNESS, CASE_PREVIEW_NOW_MS - 6 * HOUR, "独居老人突发疾病，已送乡卫生院", 0, 0),
)

private val longCase = case(
    listOf(
        accepted,
        referred,
        event("ev-4", CaseEventKind.ADVANCE_AID, 80, note = "凌晨送去被褥和生活费", amountFen = 100_000, recordedMinutesAgo = 20),
        event("ev-5", CaseEventKind.INVESTIGATED, 70, note = "李红、张伟入户调查，家里四口人，房屋烧毁一间，需要临时安置和医疗费用帮助"),
        event("ev-6", CaseEventKind.REFERRAL_ANSWERED, 60, note = "已安排到村委会临时住处", department = "乡应急办"),
        event("ev-7", CaseEventKind.PRELIMINARY_REVIEW, 40, note = "材料齐全，符合临时救助条件"),
        event("ev-8", CaseEventKind.MATERIALS_COMPLETED, 30, note = "补齐身份证、户口簿复印件"),
        event("ev-9", CaseEventKind.FEEDBACK, 10, note = "已告知户主办理进度", department = "村委会"),
    ),
    listOf(CaseEventKind.FEEDBACK, CaseEventKind.CLOSED),
    status = CaseStatus.REVIEWED,
    paidFen = 100_000,
)

/** The named preview states of the case screen. */
fun casePreviewStates(): Map<String, CaseState> = mapOf(
    "normal" to CaseState("case-1", detail = normalCase, busy = false),
    "problem" to CaseState("case-1", detail = problemCase, busy = false, problem = Problem.Words("先行救助金额超过县里规定的上限")),
    "elder" to CaseState("case-1", detail = elderCase, busy = false),
    "long" to CaseState("case-1", detail = longCase, busy = false),
    "form-investigated" to CaseState(
        "case-1",
        detail = normalCase,
        busy = false,
        step = StepForm(CaseEventKind.INVESTIGATED, mapOf("investigator.0" to "李红")),
    ),
    "form-investigated-unsigned" to CaseState(
        "case-1",
        detail = normalCase.copy(stepEvidence = listOf(StepEvidence(CaseEventKind.INVESTIGATED, PhotoKind.SIGNATURE, emptyList()))),
        busy = false,
        step = StepForm(CaseEventKind.INVESTIGATED, mapOf("investigator.0" to "李红", "investigator.1" to "张伟")),
    ),
    "form-advance-aid-earlier" to CaseState(
        "case-1",
        detail = normalCase,
        busy = false,
        step = StepForm(CaseEventKind.ADVANCE_AID, mapOf("amount" to "800", "note" to "凌晨送去生活费"), happenedAtMs = CASE_PREVIEW_NOW_MS - 7 * HOUR),
    ),
    "form-referral-answer" to CaseState(
        "case-1",
        detail = normalCase,
        busy = false,
        step = StepForm(CaseEventKind.REFERRAL_ANSWERED, mapOf("answers" to "ev-2")),
    ),
    "form-time-refused" to CaseState(
        "case-1",
        detail = normalCase,
        busy = false,
        step = StepForm(CaseEventKind.ADVANCE_AID, mapOf("amount" to "800"), happenedAtMs = CASE_PREVIEW_NOW_MS - 80 * HOUR),
        refusedRule = BACKDATED_TOO_FAR,
        problem = Problem.Words("办理时间不能早于录入时间 72 小时以上"),
    ),
)
