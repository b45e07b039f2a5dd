// Stand-in sync screen (the ui module has none yet): 同步 starts the expedited WorkManager sync
// (it goes on if the worker leaves the screen), 停止 cancels it (the core stops after the
// current round trip); what still waits and what the county refused come from SyncPresenter.
package app.ruhu.app.screens

import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.remember
import androidx.compose.ui.res.stringResource
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.work.WorkInfo
import app.ruhu.app.AppPrefs
import app.ruhu.app.R
import app.ruhu.app.sync.SyncScheduler
import app.ruhu.app.sync.SyncWorker
import app.ruhu.presentation.sync.SyncEvents
import app.ruhu.presentation.sync.SyncPresenter
import java.text.DateFormat
import java.util.Date

/** The sync screen; [onRevoked] when the last sync found this phone stopped. */
@Composable
fun SyncScreen(presenter: SyncPresenter, scheduler: SyncScheduler, prefs: AppPrefs, onRevoked: () -> Unit) {
    val state by presenter.state.collectAsStateWithLifecycle()
    val infos by remember { scheduler.nowInfo() }.collectAsStateWithLifecycle(emptyList())
    val work = infos.firstOrNull()
    val running = work?.state == WorkInfo.State.RUNNING || work?.state == WorkInfo.State.ENQUEUED

    LaunchedEffect(work?.state) {
        if (work?.state?.isFinished == true) {
            if (prefs.revokedNoticePending) onRevoked() else presenter.handle(SyncEvents.Refresh)
        }
    }

    ScreenColumn(stringResource(R.string.sync_title)) {
        if (running) {
            val p = work!!.progress
            Text(
                if (work.state == WorkInfo.State.ENQUEUED) stringResource(R.string.sync_waiting_network)
                else stringResource(R.string.sync_progress, p.getInt(SyncWorker.PROGRESS_SENT, 0), p.getInt(SyncWorker.PROGRESS_RECEIVED, 0)),
            )
            BigButton(stringResource(R.string.sync_stop)) { scheduler.cancelNow() }
        } else {
            BigButton(stringResource(R.string.sync_now)) { scheduler.syncNow() }
        }
        if (work?.state == WorkInfo.State.FAILED) Text(stringResource(R.string.sync_failed))
        val last = prefs.load()
        Text(
            if (last == null) stringResource(R.string.sync_never)
            else stringResource(R.string.sync_last, DateFormat.getDateTimeInstance().format(Date(last))),
        )
        Text(stringResource(R.string.sync_photos_waiting, state.photosWaiting.files.toInt()))
        state.refused.forEach { Text(stringResource(R.string.sync_refused, it.reason)) }
        state.problem?.let { Text(problemText(it)) }
    }
}
