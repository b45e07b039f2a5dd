// Enrollment: a scanned QR payload or a typed code becomes core.enroll on the IO dispatcher;
// the state shows the worker, the core's refusal words, or that a revoked phone was wiped.
package app.ruhu.presentation.enrollment

import app.ruhu.presentation.Presenter
import app.ruhu.presentation.core.EnrollmentCore
import app.ruhu.presentation.core.Problem
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

/**
 * The enrollment screen's logic.
 *
 * @param deviceLabel how the county's device list names this phone (maker and model).
 * @param defaultServerUrl the county address the app ships with, prefilled for typed codes.
 * @param revoked true when the app arrives here because a sync found the phone revoked.
 */
class EnrollmentPresenter(
    private val core: EnrollmentCore,
    private val scope: CoroutineScope,
    private val io: CoroutineDispatcher,
    private val deviceLabel: String,
    defaultServerUrl: String = "",
    revoked: Boolean = false,
) : Presenter<EnrollmentState, EnrollmentEvents> {
    private val mutable = MutableStateFlow(
        EnrollmentState(
            serverUrl = defaultServerUrl,
            step = if (revoked) EnrollmentStep.Revoked else EnrollmentStep.Form,
            problem = if (revoked) Problem.Revoked else null,
        ),
    )
    override val state: StateFlow<EnrollmentState> = mutable.asStateFlow()

    init {
        if (!revoked) {
            scope.launch {
                val worker = runCatching { withContext(io) { core.worker() } }.getOrNull()
                if (worker != null) mutable.update { it.copy(step = EnrollmentStep.Enrolled(worker)) }
            }
        }
    }

    override fun handle(event: EnrollmentEvents) {
        when (event) {
            is EnrollmentEvents.ServerUrlChanged -> mutable.update { it.copy(serverUrl = event.text, problem = null) }
            is EnrollmentEvents.CodeChanged -> mutable.update { it.copy(code = event.text, problem = null) }
            EnrollmentEvents.Submit -> state.value.let { if (it.canSubmit) enroll(it.serverUrl.trim(), it.code.trim()) }
            is EnrollmentEvents.QrScanned -> scan(event.payload)
            EnrollmentEvents.Dismiss -> mutable.update {
                it.copy(problem = null, step = if (it.step == EnrollmentStep.Revoked) EnrollmentStep.Form else it.step)
            }
        }
    }

    private fun scan(payload: String) {
        if (state.value.step != EnrollmentStep.Form) return
        scope.launch {
            val target = try {
                withContext(io) { core.parseEnrollmentQr(payload) }
            } catch (e: ApiException) {
                mutable.update { it.copy(problem = problemOf(e)) }
                return@launch
            }
            mutable.update { it.copy(serverUrl = target.serverUrl, code = target.code) }
            enroll(target.serverUrl, target.code)
        }
    }

    private fun enroll(serverUrl: String, code: String) {
        mutable.update { it.copy(step = EnrollmentStep.Enrolling, problem = null) }
        scope.launch {
            try {
                val worker = withContext(io) { core.enroll(serverUrl, code, deviceLabel) }
                mutable.update { it.copy(step = EnrollmentStep.Enrolled(worker), code = "") }
            } catch (e: ApiException) {
                val problem = problemOf(e)
                val step = if (problem == Problem.Revoked) EnrollmentStep.Revoked else EnrollmentStep.Form
                mutable.update { it.copy(step = step, problem = problem) }
            }
        }
    }
}
