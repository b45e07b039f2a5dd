// What the worker can do on the sync screen.
package app.ruhu.presentation.sync

/** Events of the sync screen. */
sealed interface SyncEvents {
    /** 同步 tapped. */
    data object Start : SyncEvents

    /** 停止 tapped during a sync. */
    data object Cancel : SyncEvents

    /** Read what is waiting again (screen shown again). */
    data object Refresh : SyncEvents
}
