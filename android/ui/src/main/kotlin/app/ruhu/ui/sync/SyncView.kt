// The sync screen on the presentation module's SyncState: 同步 or 停止, how far a running sync
// got, when the last one finished and what it did, what is still waiting (photos), and the
// documents the county refused with what to do about each.
package app.ruhu.ui.sync

import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
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
    ScreenColumn(title = "同步", modifier = modifier) {
        if (state.running) {
            BodyText(if (state.cancelling) "正在停止，本轮传完就停…" else "正在同步…")
            state.progress?.let { p ->
                DetailText("已往返 ${p.roundTrips} 次 · 已发出 ${p.documentsSent} 份 · 已收到 ${p.documentsReceived} 份")
                if (p.more) DetailText("还有资料要传")
            }
            if (!state.cancelling) SecondaryButton("停止同步", onClick = { onEvent(SyncEvents.Cancel) })
        } else {
            PrimaryButton("开始同步", onClick = { onEvent(SyncEvents.Start) })
        }
        state.problem?.let { ProblemBox(problemText(it)) }
        SectionTitle("上次同步")
        val last = state.lastSyncAtMs
        if (last == null) {
            BodyText("还没有同步过。")
        } else {
            BodyText(timeText(last))
            state.lastReport?.let { r ->
                DetailText("发出 ${r.documentsSent} 份，收到 ${r.documentsReceived} 份，照片 ${r.photosSent} 张")
                if (r.newConflicts > 0u) DetailText("⚠ 新的修改冲突 ${r.newConflicts} 处，请到农户里处理")
            }
        }
        SectionTitle("等待上传")
        val photos = state.photosWaiting
        if (photos.files == 0u) {
            BodyText("没有等待上传的照片。")
        } else {
            BodyText("照片 ${photos.files} 张（约 ${megabytes(photos.bytes)} MB），连上网络后同步")
        }
        if (state.refused.isNotEmpty()) {
            SectionTitle("县里退回的资料（${state.refused.size} 份）")
            state.refused.forEach { doc ->
                ProblemBox("${doc.reason}。${refusalActionText(doc.action)}")
            }
        }
    }
}

private fun megabytes(bytes: ULong): String {
    val tenths = (bytes.toLong() * 10 + 524_288) / 1_048_576
    return "${tenths / 10}.${tenths % 10}"
}
