// 同步: asks its SyncRunner (WorkManager in the app, in process in tests) to start or stop,
// mirrors the run's progress and outcome, and after each run shows what is still waiting.
package app.ruhu.presentation.sync

import app.ruhu.presentation.Presenter
import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.core.SyncCore
import app.ruhu.presentation.core.problemOf
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import uniffi.ruhu_core.ApiException

/**
 * The sync screen's logic. [runner] runs the syncs; by default in process over [core], saving
 * times in [lastSync] stamped by [now]. [core] is read for what still waits.
 */
class SyncPresenter(
    private val core: SyncCore,
    private val scope: CoroutineScope,
    private val io: CoroutineDispatcher,
    lastSync: LastSyncStore,
    now: () -> Long = System::currentTimeMillis,
    private val runner: SyncRunner = InProcessSyncRunner(core, scope, io, lastSync, now),
) : Presenter<SyncState, SyncEvents> {
    private val mutable = MutableStateFlow(SyncState(lastSyncAtMs = runner.runs.value.finishedAtMs ?: lastSync.load()))
    override val state: StateFlow<SyncState> = mutable.asStateFlow()

    init {
        refresh()
        scope.launch {
            var seen = runner.runs.value.ended
            runner.runs.collect { run ->
                mutable.update {
                    it.copy(
                        running = run.running,
                        cancelling = run.cancelling,
                        progress = run.progress ?: it.progress,
                        lastReport = run.report ?: it.lastReport,
                        lastSyncAtMs = run.finishedAtMs ?: it.lastSyncAtMs,
                        problem = if (run.running) null else run.problem ?: it.problem,
                    )
                }
                if (run.ended != seen) {
                    seen = run.ended
                    if (run.problem == null) mutable.update { it.copy(problem = null) }
                    if (run.problem != Problem.Revoked) refresh()
                }
            }
        }
    }

    override fun handle(event: SyncEvents) {
        when (event) {
            SyncEvents.Start -> if (!state.value.running) {
                mutable.update { it.copy(running = true, cancelling = false, progress = null, problem = null) }
                runner.start()
            }
            SyncEvents.Cancel -> if (state.value.running) {
                mutable.update { it.copy(cancelling = true) }
                runner.cancel()
            }
            SyncEvents.Refresh -> refresh()
        }
    }

    private fun refresh() {
        scope.launch {
            try {
                val (photos, refused) = withContext(io) { core.photoUploadsPending() to core.refusedDocuments() }
                mutable.update { it.copy(photosWaiting = photos, refused = refused) }
            } catch (e: ApiException) {
                mutable.update { it.copy(problem = problemOf(e)) }
            }
        }
    }
}
