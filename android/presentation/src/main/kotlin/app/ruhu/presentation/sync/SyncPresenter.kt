// 同步: runs store.sync on the IO dispatcher with a listener that reports each round trip and
// stops when the worker cancels; afterwards shows what is still waiting and the last sync time.
package app.ruhu.presentation.sync

import app.ruhu.presentation.Presenter
import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.core.SyncCore
import app.ruhu.presentation.core.problemOf
import java.util.concurrent.atomic.AtomicBoolean
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import uniffi.ruhu_core.ApiException
import uniffi.ruhu_core.SyncListener
import uniffi.ruhu_core.SyncProgress

/** The sync screen's logic. [now] stamps the last sync time. */
class SyncPresenter(
    private val core: SyncCore,
    private val scope: CoroutineScope,
    private val io: CoroutineDispatcher,
    private val lastSync: LastSyncStore,
    private val now: () -> Long = System::currentTimeMillis,
) : Presenter<SyncState, SyncEvents> {
    private val mutable = MutableStateFlow(SyncState(lastSyncAtMs = lastSync.load()))
    override val state: StateFlow<SyncState> = mutable.asStateFlow()
    private var stop = AtomicBoolean(false)

    init {
        refresh()
    }

    override fun handle(event: SyncEvents) {
        when (event) {
            SyncEvents.Start -> start()
            SyncEvents.Cancel -> if (state.value.running) {
                stop.set(true)
                mutable.update { it.copy(cancelling = true) }
            }
            SyncEvents.Refresh -> refresh()
        }
    }

    private fun start() {
        if (state.value.running) return
        val stopThis = AtomicBoolean(false).also { stop = it }
        mutable.update { it.copy(running = true, cancelling = false, progress = null, problem = null) }
        val listener = object : SyncListener {
            override fun onProgress(progress: SyncProgress): Boolean {
                mutable.update { it.copy(progress = progress) }
                return !stopThis.get()
            }
        }
        scope.launch {
            try {
                val report = withContext(io) { core.sync(listener) }
                val at = now()
                lastSync.save(at)
                mutable.update { it.copy(lastReport = report, lastSyncAtMs = at) }
            } catch (e: ApiException) {
                mutable.update { it.copy(problem = problemOf(e)) }
            }
            mutable.update { it.copy(running = false, cancelling = false) }
            if (state.value.problem != Problem.Revoked) refresh()
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
