// Preview states of the sync screen (never synced, running, cancelling, done with photos waiting,
// failed, refused documents), used by the screen tests and screenshots.
package app.ruhu.ui.sync

import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.sync.SyncState
import app.ruhu.ui.emergency.PREVIEW_NOW_MS
import uniffi.ruhu_core.PhotoQueue
import uniffi.ruhu_core.RefusalAction
import uniffi.ruhu_core.RefusedDocument
import uniffi.ruhu_core.SyncProgress
import uniffi.ruhu_core.SyncReport

private val report = SyncReport(
    roundTrips = 3u, documentsSent = 12u, changesSent = 30u, changeBytesSent = 4_096uL, documentsReceived = 40u,
    bytesSent = 8_192uL, bytesReceived = 65_536uL, newConflicts = 1u, photosSent = 5u, photoBytesSent = 3_000_000uL,
    photosPending = 2u, documentsRefused = 1u, documentsHeldBack = 0u,
)

/** The named preview states of the sync screen. */
fun syncPreviewStates(): Map<String, SyncState> = mapOf(
    "never" to SyncState(),
    "running" to SyncState(running = true, progress = SyncProgress(2u, 8u, 15u, true), lastSyncAtMs = PREVIEW_NOW_MS - 3_600_000),
    "cancelling" to SyncState(running = true, cancelling = true, progress = SyncProgress(2u, 8u, 15u, true)),
    "done" to SyncState(lastSyncAtMs = PREVIEW_NOW_MS - 600_000, lastReport = report, photosWaiting = PhotoQueue(2u, 2_400_000uL)),
    "failed" to SyncState(lastSyncAtMs = PREVIEW_NOW_MS - 86_400_000, problem = Problem.SyncFailed("连不上县里的服务", retry = true)),
    "refused" to SyncState(
        lastSyncAtMs = PREVIEW_NOW_MS - 600_000,
        lastReport = report,
        refused = listOf(RefusedDocument("doc-1", "case", "backdated_too_far", "补记的时间早于 48 小时", RefusalAction.HAND_BACK, PREVIEW_NOW_MS - 600_000)),
    ),
)
