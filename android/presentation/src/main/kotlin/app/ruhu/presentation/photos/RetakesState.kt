// What the retakes list shows: the photos a supervisor sent back, each with the reason, and
// the one whose retake is being stored.
package app.ruhu.presentation.photos

import app.ruhu.presentation.core.Problem
import uniffi.ruhu_core.PhotoRecord

/** The retakes owed (需重拍). */
data class RetakesState(
    /** Photos sent back, oldest first; the supervisor's words in reviewReason. */
    val owed: List<PhotoRecord> = emptyList(),
    /** Whether the list is being read. */
    val loading: Boolean = true,
    /** The photo whose retake is going through the core, or null. */
    val retaking: String? = null,
    /** Why the last retake was not kept, in the core's words; the photo stays on the list. */
    val problem: Problem? = null,
)
