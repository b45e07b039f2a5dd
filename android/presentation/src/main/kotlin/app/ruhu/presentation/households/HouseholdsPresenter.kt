// The household list: every keystroke or filter change becomes a core search, debounced, the
// latest query winning (LatestSearch).
package app.ruhu.presentation.households

import app.ruhu.presentation.Presenter
import app.ruhu.presentation.core.HouseholdsCore
import app.ruhu.presentation.core.problemOf
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import uniffi.ruhu_core.HouseholdQuery

/** The household list's logic; lists the worker's households at once. */
class HouseholdsPresenter(
    core: HouseholdsCore,
    scope: CoroutineScope,
    io: CoroutineDispatcher,
    debounceMs: Long = 250,
    private val pageSize: UInt = 50u,
) : Presenter<HouseholdsState, HouseholdsEvents> {
    private val mutable = MutableStateFlow(HouseholdsState())
    override val state: StateFlow<HouseholdsState> = mutable.asStateFlow()

    private val search = LatestSearch(scope, io, debounceMs, core::searchHouseholds) { _, outcome ->
        when (outcome) {
            is SearchOutcome.Found -> mutable.update {
                it.copy(households = outcome.households, searching = false, problem = null)
            }
            is SearchOutcome.Failed -> mutable.update { it.copy(searching = false, problem = problemOf(outcome.error)) }
        }
    }

    init {
        search.submit(query(mutable.value))
    }

    override fun handle(event: HouseholdsEvents) {
        when (event) {
            is HouseholdsEvents.TextChanged -> mutable.update { it.copy(text = event.text, searching = true) }
            is HouseholdsEvents.FiltersChanged -> mutable.update { it.copy(filters = event.filters, searching = true) }
        }
        search.submit(query(mutable.value))
    }

    private fun query(s: HouseholdsState) = HouseholdQuery(
        text = s.text.trim(),
        villageCode = s.filters.villageCode,
        gridCode = s.filters.gridCode,
        category = s.filters.category,
        openCaseOnly = s.filters.openCaseOnly,
        overdueOnly = s.filters.overdueOnly,
        limit = pageSize,
    )
}
