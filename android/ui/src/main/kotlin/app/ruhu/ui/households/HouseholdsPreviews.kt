// Preview states of the household list (searching, results, filtered to nothing, a problem) and
// the fictional households the previews share. ID numbers are masked as the core masks them.
package app.ruhu.ui.households

import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.households.HouseholdFilters
import app.ruhu.presentation.households.HouseholdsState
import uniffi.ruhu_core.HouseholdSummary

/** Fictional households, as the core's search returns them. */
val previewHouseholds = listOf(
    HouseholdSummary("hh-1", "王建国", "370599********0013", "柳树村", "G-03", "柳树村 12 号", listOf("dibao"), 4u, 1u, null, 0u),
    HouseholdSummary("hh-2", "李秀英", "370599********0026", "柳树村", "G-03", "柳树村 31 号", listOf("tekun"), 1u, 0u, null, 0u),
    HouseholdSummary("hh-3", "陈志强", "370599********0035", "河西村", "G-07", "河西村 5 组", emptyList(), 5u, 0u, null, 1u),
)

/** The named preview states of the household list. */
fun householdsPreviewStates(): Map<String, HouseholdsState> = mapOf(
    "searching" to HouseholdsState(),
    "results" to HouseholdsState(households = previewHouseholds, searching = false),
    "filtered-empty" to HouseholdsState(text = "zhao", filters = HouseholdFilters(openCaseOnly = true, category = "dibao"), searching = false),
    "problem" to HouseholdsState(searching = false, problem = Problem.NotEnrolled),
)
