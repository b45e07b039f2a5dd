// What the sync screen shows: whether a sync runs and how far it got, the last sync, what is
// still waiting, and errors.
package app.ruhu.presentation.sync

import app.ruhu.presentation.core.Problem
import uniffi.ruhu_core.PhotoQueue
import uniffi.ruhu_core.RefusedDocument
import uniffi.ruhu_core.SyncProgress
import uniffi.ruhu_core.SyncReport

/** The sync screen (and the 同步 button's badge). */
data class SyncState(
    /** Whether a sync is under way. */
    val running: Boolean = false,
    /** Whether the worker asked to stop it (it stops after the current round trip). */
    val cancelling: Boolean = false,
    /** How far the running sync got. */
    val progress: SyncProgress? = null,
    /** When the last sync finished, Unix ms. */
    val lastSyncAtMs: Long? = null,
    /** What the last finished sync did. */
    val lastReport: SyncReport? = null,
    /** Photo files still to send. */
    val photosWaiting: PhotoQueue = PhotoQueue(0u, 0uL),
    /** Documents the county refused, with reason and what to do. */
    val refused: List<RefusedDocument> = emptyList(),
    /** What went wrong last. [Problem.Revoked]: the phone was wiped; go to enrollment. */
    val problem: Problem? = null,
)
