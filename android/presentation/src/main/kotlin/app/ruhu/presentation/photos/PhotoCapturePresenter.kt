// Taking photos for one household or case: the kind and caption as chosen, the camera's bytes
// through RuhuStore.addPhoto on the IO dispatcher; a refusal shows as a problem and keeps
// what was typed; a kept photo clears the caption and joins the thumbnails.
package app.ruhu.presentation.photos

import app.ruhu.presentation.Presenter
import app.ruhu.presentation.core.PhotosCore
import app.ruhu.presentation.core.problemOf
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import uniffi.ruhu_core.ApiException
import uniffi.ruhu_core.PhotoInput
import uniffi.ruhu_core.PhotoRecord
import uniffi.ruhu_core.PhotoKind
import uniffi.ruhu_core.PhotoTarget

/** The photo screen of [target]; [householdId] is the household it belongs to (for the list). */
class PhotoCapturePresenter(
    private val core: PhotosCore,
    private val scope: CoroutineScope,
    private val io: CoroutineDispatcher,
    target: PhotoTarget,
    private val householdId: String,
    kind: PhotoKind = PhotoKind.HOUSE,
) : Presenter<PhotoCaptureState, PhotoCaptureEvents> {
    private val mutable = MutableStateFlow(PhotoCaptureState(target, kind = kind))
    override val state: StateFlow<PhotoCaptureState> = mutable.asStateFlow()

    init {
        refresh()
    }

    override fun handle(event: PhotoCaptureEvents) {
        when (event) {
            is PhotoCaptureEvents.KindChosen -> mutable.update { it.copy(kind = event.kind) }
            is PhotoCaptureEvents.CaptionChanged -> mutable.update { it.copy(caption = event.caption) }
            is PhotoCaptureEvents.Captured -> capture(event.bytes)
            PhotoCaptureEvents.Refresh -> refresh()
        }
    }

    /** The thumbnail JPEG of [photo] for the list, or null when this phone lacks its file (taken elsewhere). */
    suspend fun thumbnail(photo: PhotoRecord): ByteArray? = withContext(io) {
        try {
            core.photoFile(photo.thumbSha256)
        } catch (e: ApiException) {
            null
        }
    }

    private fun capture(bytes: ByteArray) {
        val now = mutable.value
        if (now.saving) return
        mutable.update { it.copy(saving = true, problem = null) }
        scope.launch {
            try {
                val record = withContext(io) { core.addPhoto(now.target, PhotoInput(now.kind, now.caption, null), bytes) }
                mutable.update { it.copy(saving = false, kept = record, caption = "") }
                refresh()
            } catch (e: Exception) {
                mutable.update { it.copy(saving = false, problem = problemOf(e)) }
            }
        }
    }

    private fun refresh() {
        scope.launch {
            try {
                val target = mutable.value.target
                val all = withContext(io) { core.photos(householdId) }
                mutable.update { it.copy(photos = all.filter { p -> p.target == target }) }
            } catch (e: Exception) {
                mutable.update { it.copy(problem = problemOf(e)) }
            }
        }
    }
}
