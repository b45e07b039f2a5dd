// The conflicts screen's logic: lists a document's conflicts from the core and records the
// worker's choice with settleConflict (the core keeps who chose what, and when).
package app.ruhu.presentation.conflicts

import app.ruhu.presentation.Presenter
import app.ruhu.presentation.core.ConflictsCore
import app.ruhu.presentation.core.problemOf
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

/** The conflicts of [documentId]; reads them at once. */
class ConflictsPresenter(
    private val core: ConflictsCore,
    private val scope: CoroutineScope,
    private val io: CoroutineDispatcher,
    documentId: String,
) : Presenter<ConflictsState, ConflictsEvents> {
    private val mutable = MutableStateFlow(ConflictsState(documentId))
    override val state: StateFlow<ConflictsState> = mutable.asStateFlow()

    init {
        run { }
    }

    override fun handle(event: ConflictsEvents) {
        when (event) {
            is ConflictsEvents.Choose -> run { core.settleConflict(mutable.value.documentId, event.path, event.valueJson) }
            ConflictsEvents.Refresh -> run { }
        }
    }

    /** Does [action] on IO, then reads the list again; a refusal is shown and the list kept. */
    private fun run(action: () -> Unit) {
        mutable.update { it.copy(busy = true, problem = null) }
        scope.launch(io) {
            try {
                action()
                val list = core.conflicts(mutable.value.documentId)
                mutable.update { it.copy(conflicts = list, busy = false) }
            } catch (e: Exception) {
                mutable.update { it.copy(busy = false, problem = problemOf(e)) }
            }
        }
    }
}
