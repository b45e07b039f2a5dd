// What the worker can do on the conflicts screen.
package app.ruhu.presentation.conflicts

/** Events of the conflicts screen. */
sealed interface ConflictsEvents {
    /** The worker chose [valueJson] (a ConflictValue's) for the field at [path]. */
    data class Choose(val path: String, val valueJson: String) : ConflictsEvents

    /** Read the list again (after a sync or an import). */
    data object Refresh : ConflictsEvents
}
