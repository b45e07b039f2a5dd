// What the worker does on the photo screen.
package app.ruhu.presentation.photos

import uniffi.ruhu_core.PhotoKind

/** Events of the photo screen. */
sealed interface PhotoCaptureEvents {
    /** The kind of photo chosen (before or after the shot). */
    data class KindChosen(val kind: PhotoKind) : PhotoCaptureEvents

    /** The caption typed. */
    data class CaptionChanged(val caption: String) : PhotoCaptureEvents

    /** The camera gave a shot (JPEG or PNG bytes). */
    class Captured(val bytes: ByteArray) : PhotoCaptureEvents

    /** Read the photos again. */
    data object Refresh : PhotoCaptureEvents
}
