// What the conflicts screen shows: each field two people changed differently, with both
// values side by side (the core's display text), until the worker has chosen for each.
package app.ruhu.presentation.conflicts

import app.ruhu.presentation.core.Problem
import uniffi.ruhu_core.Conflict

/** The conflicts of one household or case. */
data class ConflictsState(
    /** The household or case. */
    val documentId: String,
    /** Unsettled fields, each with its candidate values (the first shown until settled). */
    val conflicts: List<Conflict> = emptyList(),
    /** Whether the list is being read or a choice is being recorded. */
    val busy: Boolean = true,
    /** What went wrong with the last read or choice. */
    val problem: Problem? = null,
) {
    /** Every conflict settled (shown as 已处理完). */
    val done: Boolean get() = !busy && problem == null && conflicts.isEmpty()
}
