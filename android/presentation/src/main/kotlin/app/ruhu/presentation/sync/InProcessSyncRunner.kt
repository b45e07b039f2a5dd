// The sync run in this process over SyncCore (tests, the JVM, and the app's fallback): the
// core's blocking sync on the IO dispatcher with a listener that reports each round trip and
// says stop once cancel was asked.
package app.ruhu.presentation.sync

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

/** Runs [SyncCore.sync] in [scope], the call itself on [io]; saves each finished sync's time. */
class InProcessSyncRunner(
    private val core: SyncCore,
    private val scope: CoroutineScope,
    private val io: CoroutineDispatcher,
    private val lastSync: LastSyncStore,
    private val now: () -> Long = System::currentTimeMillis,
) : SyncRunner {
    private val mutable = MutableStateFlow(SyncRun(finishedAtMs = lastSync.load()))
    override val runs: StateFlow<SyncRun> = mutable.asStateFlow()
    private var stop = AtomicBoolean(false)

    override fun start() {
        if (mutable.value.running) return
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
                mutable.update { it.copy(running = false, cancelling = false, report = report, finishedAtMs = at, ended = it.ended + 1) }
            } catch (e: ApiException) {
                mutable.update { it.copy(running = false, cancelling = false, problem = problemOf(e), ended = it.ended + 1) }
            }
        }
    }

    override fun cancel() {
        if (!mutable.value.running) return
        stop.set(true)
        mutable.update { it.copy(cancelling = true) }
    }
}
