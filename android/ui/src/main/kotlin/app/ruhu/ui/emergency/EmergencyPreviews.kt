// Preview states of the 发现急难 sheet, one per step (search, results, the registration form,
// kind and urgency chosen, the reported case in time and overdue), at a fixed moment. Fictional.
package app.ruhu.ui.emergency

import app.ruhu.presentation.emergency.ChosenHousehold
import app.ruhu.presentation.emergency.EmergencyState
import app.ruhu.presentation.emergency.EmergencyStep
import app.ruhu.presentation.emergency.NewHouseholdForm
import app.ruhu.ui.households.previewHouseholds
import uniffi.ruhu_core.AssistanceKind
import uniffi.ruhu_core.CaseClockRecord
import uniffi.ruhu_core.CaseDetail
import uniffi.ruhu_core.CaseOrigin
import uniffi.ruhu_core.CasePath
import uniffi.ruhu_core.CaseStatus
import uniffi.ruhu_core.ClockState
import uniffi.ruhu_core.EmergencyInput
import uniffi.ruhu_core.EmergencyKind
import uniffi.ruhu_core.Place
import uniffi.ruhu_core.Sex

/** The moment the previews are shown at: 2026-12-01 10:00 Beijing time. */
const val PREVIEW_NOW_MS = 1_796_090_400_000L

private const val MINUTE = 60_000L

private fun previewCase(deadlineMs: Long, overdue: Boolean) = CaseDetail(
    id = "case-1",
    householdId = "hh-1",
    origin = CaseOrigin.DISCOVERY,
    kind = AssistanceKind.EMERGENCY,
    path = CasePath.CRITICAL,
    openedAtMs = PREVIEW_NOW_MS - 40 * MINUTE,
    openedBy = "w-001",
    emergency = EmergencyInput(EmergencyKind.FIRE, PREVIEW_NOW_MS - 90 * MINUTE, "厨房起火，房屋烧毁一间", 0, 0),
    status = CaseStatus.REPORTED,
    owner = "w-001",
    nextDeadlineMs = deadlineMs,
    overdue = overdue,
    totalPaidFen = 0,
    events = emptyList(),
    clocks = listOf(
        CaseClockRecord("advance_aid_critical", deadlineMs, if (overdue) ClockState.OVERDUE else ClockState.DUE_SOON, null),
        CaseClockRecord("materials_after_advance_aid", null, null, "先行救助后开始计时"),
    ),
    allowedActions = emptyList(),
    policyVersion = 1u,
    conflicts = emptyList(),
)

/** The named preview states of the 发现急难 sheet. */
fun emergencyPreviewStates(): Map<String, EmergencyState> = mapOf(
    "choose" to EmergencyState(),
    "choose-results" to EmergencyState(searchText = "王", results = previewHouseholds.take(1)),
    "register" to EmergencyState(
        step = EmergencyStep.RegisterHousehold,
        form = NewHouseholdForm(headName = "赵桂兰", headSex = Sex.FEMALE),
        places = listOf(Place("370599100200", "前进村", "G01-1"), Place("370599100201", "红星村", "G02-1")),
    ),
    "describe" to EmergencyState(
        step = EmergencyStep.DescribeEmergency,
        household = ChosenHousehold("hh-1", "王建国"),
        kind = EmergencyKind.FIRE,
        path = CasePath.CRITICAL,
    ),
    "reported" to EmergencyState(
        step = EmergencyStep.Reported,
        household = ChosenHousehold("hh-1", "王建国"),
        case = previewCase(PREVIEW_NOW_MS + 80 * MINUTE, overdue = false),
    ),
    "reported-overdue" to EmergencyState(
        step = EmergencyStep.Reported,
        household = ChosenHousehold("hh-1", "王建国"),
        case = previewCase(PREVIEW_NOW_MS - 35 * MINUTE, overdue = true),
    ),
)
