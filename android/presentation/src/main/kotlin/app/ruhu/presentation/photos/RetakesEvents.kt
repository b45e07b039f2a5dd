// What the worker does on the retakes list.
package app.ruhu.presentation.photos

import uniffi.ruhu_core.PhotoRecord

/** Events of the retakes list. */
sealed interface RetakesEvents {
    /** The camera gave the retake of [photo] (JPEG or PNG bytes). */
    class Retaken(val photo: PhotoRecord, val bytes: ByteArray) : RetakesEvents

    /** Read the list again (after a sync). */
    data object Refresh : RetakesEvents
}
