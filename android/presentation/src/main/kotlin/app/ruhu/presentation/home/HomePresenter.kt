// 我的走访: reads the worker and the core's visit tasks on the IO dispatcher, keeping the
// core's order (the core decides urgency; the phone only shows it).
package app.ruhu.presentation.home

import app.ruhu.presentation.Presenter
import app.ruhu.presentation.core.VisitsCore
import app.ruhu.presentation.core.problemOf
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import uniffi.ruhu_core.ApiException

/** The home screen's logic; reads the tasks at once and on every [HomeEvents.Refresh]. */
class HomePresenter(
    private val core: VisitsCore,
    private val scope: CoroutineScope,
    private val io: CoroutineDispatcher,
) : Presenter<HomeState, HomeEvents> {
    private val mutable = MutableStateFlow(HomeState())
    override val state: StateFlow<HomeState> = mutable.asStateFlow()
    private var reading: Job? = null

    init {
        load()
    }

    override fun handle(event: HomeEvents) {
        when (event) {
            HomeEvents.Refresh -> load()
        }
    }

    private fun load() {
        reading?.cancel()
        mutable.update { it.copy(loading = true) }
        reading = scope.launch {
            try {
                val (worker, tasks) = withContext(io) { core.worker() to core.myVisits() }
                mutable.value = HomeState(
                    workerName = worker?.displayName,
                    visits = tasks.map(VisitItem::of),
                    loading = false,
                )
            } catch (e: ApiException) {
                mutable.update { it.copy(loading = false, problem = problemOf(e)) }
            }
        }
    }
}
