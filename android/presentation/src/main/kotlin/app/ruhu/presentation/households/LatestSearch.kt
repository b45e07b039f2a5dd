// Search as you type: queries are debounced, each new one cancels the one in flight without
// waiting for it, and a result is delivered only while its query is still the latest (older never overwrite newer).
package app.ruhu.presentation.households

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.FlowPreview
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.debounce
import kotlinx.coroutines.flow.filterNotNull
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import uniffi.ruhu_core.ApiException
import uniffi.ruhu_core.HouseholdQuery
import uniffi.ruhu_core.HouseholdSummary

/**
 * Runs [search] on [io] for the latest query submitted, [debounceMs] after typing stops, and
 * hands its outcome to [deliver] (on the scope's dispatcher) only if no newer query came since.
 */
@OptIn(FlowPreview::class)
class LatestSearch(
    scope: CoroutineScope,
    private val io: CoroutineDispatcher,
    debounceMs: Long,
    private val search: (HouseholdQuery) -> List<HouseholdSummary>,
    private val deliver: (HouseholdQuery, SearchOutcome) -> Unit,
) {
    private val queries = MutableStateFlow<HouseholdQuery?>(null)

    private var inFlight: Job? = null

    init {
        scope.launch {
            queries.filterNotNull().debounce(debounceMs).collect { query ->
                // Cancel, not join: a core call already running cannot be interrupted, and the
                // newer query must not wait for it. Its answer is dropped on return.
                inFlight?.cancel()
                inFlight = scope.launch {
                    val outcome = try {
                        SearchOutcome.Found(withContext(io) { search(query) })
                    } catch (e: ApiException) {
                        SearchOutcome.Failed(e)
                    }
                    if (queries.value == query) deliver(query, outcome)
                }
            }
        }
    }

    /** Asks for [query]; replaces any query not yet answered. */
    fun submit(query: HouseholdQuery) {
        queries.value = query
    }
}

/** What one search gave. */
sealed interface SearchOutcome {
    /** The households found. */
    data class Found(val households: List<HouseholdSummary>) : SearchOutcome

    /** The core refused or failed. */
    data class Failed(val error: ApiException) : SearchOutcome
}
