// Handover by file: export seals a bundle and suggests a file name; a file received is
// previewed first (nothing imported), then imported at once when all of it lies in this
// worker's grids, or only after the worker agrees (importBundleConfirmed) when some does not.
package app.ruhu.presentation.handover

import app.ruhu.presentation.Presenter
import app.ruhu.presentation.core.HandoverCore
import app.ruhu.presentation.core.problemOf
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext

/** The handover screens' logic. [today] gives the date put in file names (YYYYMMDD). */
class HandoverPresenter(
    private val core: HandoverCore,
    private val scope: CoroutineScope,
    private val io: CoroutineDispatcher,
    private val today: () -> String = { java.time.LocalDate.now().toString().replace("-", "") },
) : Presenter<HandoverState, HandoverEvents> {
    private val mutable = MutableStateFlow(HandoverState())
    override val state: StateFlow<HandoverState> = mutable.asStateFlow()
    private var received: ByteArray? = null

    override fun handle(event: HandoverEvents) {
        when (event) {
            is HandoverEvents.Export -> work { s ->
                val bytes = core.exportBundle(event.documentIds)
                s.copy(exported = ExportedBundle(bytes, fileName(event.label)))
            }
            is HandoverEvents.Received -> {
                received = null
                work { s ->
                    val preview = core.previewBundle(event.bytes)
                    received = event.bytes
                    s.copy(preview = preview, needsConsent = preview.outsideScope > 0u, imported = null)
                }
            }
            is HandoverEvents.Import -> {
                val bytes = received ?: return
                work { s ->
                    val report = if (s.needsConsent) core.importBundleConfirmed(bytes, event.includeOutsideScope) else core.importBundle(bytes)
                    received = null
                    s.copy(imported = report)
                }
            }
        }
    }

    private fun work(step: (HandoverState) -> HandoverState) {
        if (mutable.value.busy) return
        mutable.update { it.copy(busy = true, problem = null) }
        scope.launch {
            try {
                val next = withContext(io) { step(mutable.value) }
                mutable.value = next.copy(busy = false)
            } catch (e: Exception) {
                mutable.update { it.copy(busy = false, problem = problemOf(e)) }
            }
        }
    }

    /** ASCII only: share targets and old file managers mangle other names. */
    private fun fileName(label: String): String {
        val safe = label.filter { it.isLetterOrDigit() && it.code < 128 || it == '-' }.take(40).ifEmpty { "case" }
        return "ruhu-$safe-${today()}.ruhu"
    }
}
