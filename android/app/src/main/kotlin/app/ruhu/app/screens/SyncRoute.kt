// The sync destination: the ui module's SyncView on SyncPresenter's state, but the sync itself
// runs in WorkManager (it goes on when the worker leaves the screen): 开始同步 enqueues the
// expedited work, 停止同步 cancels it, and whether it runs comes from the work's state.
package app.ruhu.app.screens

import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.remember
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.work.WorkInfo
import app.ruhu.app.AppPrefs
import app.ruhu.app.sync.SyncScheduler
import app.ruhu.presentation.sync.SyncEvents
import app.ruhu.presentation.sync.SyncPresenter
import app.ruhu.ui.sync.SyncView

/** The sync screen; [onRevoked] when the last sync found this phone stopped. */
@Composable
fun SyncRoute(presenter: SyncPresenter, scheduler: SyncScheduler, prefs: AppPrefs, onRevoked: () -> Unit) {
    val state by presenter.state.collectAsStateWithLifecycle()
    val infos by remember { scheduler.nowInfo() }.collectAsStateWithLifecycle(emptyList())
    val work = infos.firstOrNull()
    val running = work?.state == WorkInfo.State.RUNNING || work?.state == WorkInfo.State.ENQUEUED

    LaunchedEffect(work?.state) {
        if (work?.state?.isFinished == true) {
            if (prefs.revokedNoticePending) onRevoked() else presenter.handle(SyncEvents.Refresh)
        }
    }
    // The presenter's own in-process sync is not used here: the last sync time is the worker's,
    // in AppPrefs (the presenter's LastSyncStore), read again whenever the work's state changes.
    val last = remember(work?.state) { prefs.load() }
    SyncView(
        state = state.copy(running = running, cancelling = false, progress = null, lastSyncAtMs = last ?: state.lastSyncAtMs),
        onEvent = { event ->
            when (event) {
                SyncEvents.Start -> scheduler.syncNow()
                SyncEvents.Cancel -> scheduler.cancelNow()
                else -> presenter.handle(event)
            }
        },
    )
}
