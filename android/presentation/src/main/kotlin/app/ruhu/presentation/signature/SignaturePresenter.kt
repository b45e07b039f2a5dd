// The signing pad (签字板): one signer at a time — a family member present or one of the two
// investigators — draws with a finger; the presenter keeps the strokes as drawn (UI state only)
// and hands them to the core, which checks them, draws the image and keeps it as evidence.
package app.ruhu.presentation.signature

import app.ruhu.presentation.Presenter
import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.core.SignatureCore
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
import uniffi.ruhu_core.PadPointInput
import uniffi.ruhu_core.PhotoRecord
import uniffi.ruhu_core.PhotoTarget
import uniffi.ruhu_core.Stroke

/** The pad's state: who signs, what is drawn, and the signatures kept so far on this form. */
data class SignatureState(
    /** Who signs now, as the caption will say (e.g. 户主本人, 调查人 李某). */
    val signer: String = "",
    /** Finished strokes, in the pad's units. */
    val strokes: List<List<PadPointInput>> = emptyList(),
    /** The stroke the finger is drawing now. */
    val drawing: List<PadPointInput> = emptyList(),
    /** Whether the signature is being stored. */
    val saving: Boolean = false,
    /** Signatures kept on this target in this session, newest last. */
    val kept: List<PhotoRecord> = emptyList(),
    /** What the core refused, in its words. */
    val problem: Problem? = null,
) {
    /** Whether 确认签字 may be tapped: a signer named and something drawn. */
    val canSave: Boolean get() = signer.isNotBlank() && strokes.any { it.size >= 2 } && !saving
}

/** What the worker does on the pad. */
sealed interface SignatureEvents {
    /** The signer's words changed. */
    data class SignerChanged(val signer: String) : SignatureEvents
    /** The finger touched down at ([x], [y]). */
    data class PenDown(val x: Float, val y: Float) : SignatureEvents
    /** The finger moved to ([x], [y]). */
    data class PenMove(val x: Float, val y: Float) : SignatureEvents
    /** The finger lifted: the stroke is finished. */
    data object PenUp : SignatureEvents
    /** 清除: start this signature again. */
    data object Clear : SignatureEvents
    /** 确认签字 on a pad of [padWidth] × [padHeight] (its units). */
    data class Save(val padWidth: Float, val padHeight: Float) : SignatureEvents
}

/** The signing pad for [target] (the household or the case being investigated). */
class SignaturePresenter(
    private val core: SignatureCore,
    private val target: PhotoTarget,
    private val scope: CoroutineScope,
    private val io: CoroutineDispatcher,
) : Presenter<SignatureState, SignatureEvents> {
    private val mutable = MutableStateFlow(SignatureState())
    override val state: StateFlow<SignatureState> = mutable.asStateFlow()

    override fun handle(event: SignatureEvents) {
        when (event) {
            is SignatureEvents.SignerChanged -> mutable.update { it.copy(signer = event.signer, problem = null) }
            is SignatureEvents.PenDown -> mutable.update { it.copy(drawing = listOf(PadPointInput(event.x, event.y))) }
            is SignatureEvents.PenMove -> mutable.update {
                if (it.drawing.isEmpty()) it else it.copy(drawing = it.drawing + PadPointInput(event.x, event.y))
            }
            SignatureEvents.PenUp -> mutable.update {
                if (it.drawing.isEmpty()) it else it.copy(strokes = it.strokes + listOf(it.drawing), drawing = emptyList())
            }
            SignatureEvents.Clear -> mutable.update { it.copy(strokes = emptyList(), drawing = emptyList(), problem = null) }
            is SignatureEvents.Save -> save(event.padWidth, event.padHeight)
        }
    }

    private fun save(padWidth: Float, padHeight: Float) {
        val now = mutable.value
        if (now.saving) return
        mutable.update { it.copy(saving = true, problem = null) }
        scope.launch {
            try {
                val strokes = now.strokes.map { Stroke(it) }
                val record = withContext(io) { core.addSignature(target, now.signer, strokes, padWidth, padHeight) }
                // Kept: the pad is cleared for the next signer.
                mutable.update { SignatureState(kept = it.kept + record) }
            } catch (e: ApiException) {
                mutable.update { it.copy(saving = false, problem = problemOf(e)) }
            }
        }
    }
}
