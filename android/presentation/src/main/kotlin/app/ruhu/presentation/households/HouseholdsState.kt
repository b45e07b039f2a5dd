// What the household list shows: the search as typed, its filters, and the latest results.
package app.ruhu.presentation.households

import app.ruhu.presentation.core.Problem
import uniffi.ruhu_core.HouseholdSummary

/** The household list. */
data class HouseholdsState(
    /** Name, pinyin, initials or the last digits of an ID number, as typed. */
    val text: String = "",
    /** Filters in force. */
    val filters: HouseholdFilters = HouseholdFilters(),
    /** The households of the latest query answered (ID numbers masked by the core). */
    val households: List<HouseholdSummary> = emptyList(),
    /** Whether a query is waiting for its answer. */
    val searching: Boolean = true,
    /** What went wrong with the latest query. */
    val problem: Problem? = null,
)

/** The list's filters; null means any. */
data class HouseholdFilters(
    /** 村 code. */
    val villageCode: String? = null,
    /** 网格. */
    val gridCode: String? = null,
    /** Category code (dibao, tekun, …). */
    val category: String? = null,
    /** Only households with an open case. */
    val openCaseOnly: Boolean = false,
    /** Only households with an overdue deadline. */
    val overdueOnly: Boolean = false,
)
