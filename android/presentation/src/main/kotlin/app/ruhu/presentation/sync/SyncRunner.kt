// Who runs a sync: the app hands it to WorkManager (it outlives the screen), tests and the
// JVM run it in process over SyncCore. The sync screen only asks to start or stop and watches.
package app.ruhu.presentation.sync

import app.ruhu.presentation.core.Problem
import kotlinx.coroutines.flow.StateFlow
import uniffi.ruhu_core.SyncProgress
import uniffi.ruhu_core.SyncReport

/** Where a sync stands, as its runner reports it. */
data class SyncRun(
    /** Whether a sync is under way. */
    val running: Boolean = false,
    /** Whether stopping it was asked (it stops after the round trip in flight). */
    val cancelling: Boolean = false,
    /** How far the running sync got. */
    val progress: SyncProgress? = null,
    /** What the last finished sync did. */
    val report: SyncReport? = null,
    /** When the last sync finished, Unix ms (also saved in the runner's LastSyncStore). */
    val finishedAtMs: Long? = null,
    /** What stopped the last sync, or null. */
    val problem: Problem? = null,
    /** Counts the syncs that ended (finished, failed or cancelled) since the runner started. */
    val ended: Int = 0,
)

/** Runs syncs one at a time, wherever they run; [runs] says where the current one stands. */
interface SyncRunner {
    /** The current or last sync. */
    val runs: StateFlow<SyncRun>

    /** Starts a sync unless one runs already. */
    fun start()

    /** Asks the running sync to stop after the round trip in flight. */
    fun cancel()
}
