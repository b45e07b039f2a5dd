// 需重拍: the photos a supervisor sent back, with their reasons. A retake is a new photo of the
// same kind and caption on the same record that names the old one (RuhuStore.retakePhoto, one
// transaction); the old photo keeps the supervisor's review and leaves the list.
package app.ruhu.presentation.photos

import app.ruhu.presentation.Presenter
import app.ruhu.presentation.core.RetakesCore
import app.ruhu.presentation.core.problemOf
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import uniffi.ruhu_core.PhotoInput
import uniffi.ruhu_core.PhotoRecord

/** The retakes list; reads it at once. */
class RetakesPresenter(
    private val core: RetakesCore,
    private val scope: CoroutineScope,
    private val io: CoroutineDispatcher,
) : Presenter<RetakesState, RetakesEvents> {
    private val mutable = MutableStateFlow(RetakesState())
    override val state: StateFlow<RetakesState> = mutable.asStateFlow()

    init {
        refresh()
    }

    override fun handle(event: RetakesEvents) {
        when (event) {
            is RetakesEvents.Retaken -> retake(event.photo, event.bytes)
            RetakesEvents.Refresh -> refresh()
        }
    }

    private fun retake(old: PhotoRecord, bytes: ByteArray) {
        if (mutable.value.retaking != null) return
        mutable.update { it.copy(retaking = old.photoId, problem = null) }
        scope.launch {
            try {
                val owed = withContext(io) {
                    core.retakePhoto(old.target, old.photoId, PhotoInput(old.kind, old.caption, old.location), bytes)
                    core.retakesOwed()
                }
                mutable.update { it.copy(owed = owed, retaking = null) }
            } catch (e: Exception) {
                mutable.update { it.copy(retaking = null, problem = problemOf(e)) }
            }
        }
    }

    private fun refresh() {
        scope.launch {
            try {
                val owed = withContext(io) { core.retakesOwed() }
                mutable.update { it.copy(owed = owed, loading = false) }
            } catch (e: Exception) {
                mutable.update { it.copy(loading = false, problem = problemOf(e)) }
            }
        }
    }
}
