// What the photo screen of one household or case shows: the kind and caption chosen, whether
// a shot is being stored, the last photo kept, the problem the core gave, and the thumbnails.
package app.ruhu.presentation.photos

import app.ruhu.presentation.core.Problem
import uniffi.ruhu_core.PhotoKind
import uniffi.ruhu_core.PhotoRecord
import uniffi.ruhu_core.PhotoTarget

/** The photo screen of [target]. */
data class PhotoCaptureState(
    /** The household or case the photos are evidence for. */
    val target: PhotoTarget,
    /** What the next photo shows (住房, 家庭成员, 受灾情况, 身份证, 医疗票据, 授权书 …). */
    val kind: PhotoKind = PhotoKind.HOUSE,
    /** The caption as typed; kept when the core refuses a shot. */
    val caption: String = "",
    /** Whether a shot is going through the core's pipeline. */
    val saving: Boolean = false,
    /** The photo kept last. */
    val kept: PhotoRecord? = null,
    /** The photos of the target, newest first (thumbnails by thumbSha256). */
    val photos: List<PhotoRecord> = emptyList(),
    /** Why the last shot was not kept (its format, its size …), in the core's words. */
    val problem: Problem? = null,
)
