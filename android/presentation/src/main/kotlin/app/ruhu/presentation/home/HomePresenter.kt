// 我的走访: shows the visits already raised at once (read from the core's index), then lets the
// core's warning rules look where something changed and reads again when they raised anything.
// Keeps the core's order (the core decides urgency; the phone only shows it).
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
                val (worker, listed) = withContext(io) { core.worker() to core.listedVisits() }
                mutable.value = HomeState(
                    workerName = worker?.displayName,
                    visits = listed.map(VisitItem::of),
                    loading = false,
                    checking = true,
                )
                val run = withContext(io) { core.raiseVisitTasks() }
                val visits = if (run.changed > 0u) {
                    withContext(io) { core.listedVisits() }.map(VisitItem::of)
                } else {
                    mutable.value.visits
                }
                mutable.update {
                    it.copy(
                        visits = visits,
                        checking = false,
                        waitingForCalendar = run.waitingForCalendar.toInt(),
                    )
                }
            } catch (e: ApiException) {
                mutable.update { it.copy(loading = false, checking = false, problem = problemOf(e)) }
            }
        }
    }
}
