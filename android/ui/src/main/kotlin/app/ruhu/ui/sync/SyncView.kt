// The sync screen on the presentation module's SyncState: 同步 or 停止, how far a running sync
// got, when the last one finished and what it did, what is still waiting (photos), and the
// documents the county refused with what to do about each.
package app.ruhu.ui.sync

import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import app.ruhu.ui.R
import app.ruhu.presentation.sync.SyncEvents
import app.ruhu.presentation.sync.SyncState
import app.ruhu.ui.common.BodyText
import app.ruhu.ui.common.DetailText
import app.ruhu.ui.common.PrimaryButton
import app.ruhu.ui.common.ProblemBox
import app.ruhu.ui.common.ScreenColumn
import app.ruhu.ui.common.SecondaryButton
import app.ruhu.ui.common.SectionTitle
import app.ruhu.ui.common.problemText
import app.ruhu.ui.common.refusalActionText
import app.ruhu.ui.common.timeText

/** The sync screen for [state]; [onEvent] takes the sync presenter's events. */
@Composable
fun SyncView(state: SyncState, onEvent: (SyncEvents) -> Unit, modifier: Modifier = Modifier) {
    ScreenColumn(title = stringResource(R.string.sync_view_title), modifier = modifier) {
        if (state.running) {
            BodyText(stringResource(if (state.cancelling) R.string.sync_view_stopping else R.string.sync_view_running))
            state.progress?.let { p ->
                DetailText(stringResource(R.string.sync_view_progress, p.roundTrips.toLong(), p.documentsSent.toLong(), p.documentsReceived.toLong()))
                if (p.more) DetailText(stringResource(R.string.sync_view_more))
            }
            if (!state.cancelling) SecondaryButton(stringResource(R.string.sync_view_stop), onClick = { onEvent(SyncEvents.Cancel) })
        } else {
            PrimaryButton(stringResource(R.string.sync_view_start), onClick = { onEvent(SyncEvents.Start) })
        }
        state.problem?.let { ProblemBox(problemText(it)) }
        SectionTitle(stringResource(R.string.sync_view_last))
        val last = state.lastSyncAtMs
        if (last == null) {
            BodyText(stringResource(R.string.sync_view_never))
        } else {
            BodyText(timeText(last))
            state.lastReport?.let { r ->
                DetailText(stringResource(R.string.sync_view_report, r.documentsSent.toLong(), r.documentsReceived.toLong(), r.photosSent.toLong()))
                if (r.newConflicts > 0u) DetailText(stringResource(R.string.sync_view_new_conflicts, r.newConflicts.toLong()))
            }
        }
        SectionTitle(stringResource(R.string.sync_view_waiting))
        val photos = state.photosWaiting
        if (photos.files == 0u) {
            BodyText(stringResource(R.string.sync_view_no_photos))
        } else {
            BodyText(stringResource(R.string.sync_view_photos, photos.files.toLong(), megabytes(photos.bytes)))
        }
        if (state.refused.isNotEmpty()) {
            SectionTitle(stringResource(R.string.sync_view_refused, state.refused.size))
            state.refused.forEach { doc ->
                ProblemBox(stringResource(R.string.sync_view_refused_item, doc.reason, refusalActionText(doc.action)))
            }
        }
    }
}

private fun megabytes(bytes: ULong): String {
    val tenths = (bytes.toLong() * 10 + 524_288) / 1_048_576
    return "${tenths / 10}.${tenths % 10}"
}
