// Stand-in enrollment screen (the ui module has none yet): the county address and code typed, or
// the county's QR code scanned with CameraX + ZXing, through EnrollmentPresenter; the revoked
// notice when a sync found the phone stopped. Replace with the ui module's view when it exists.
package app.ruhu.app.screens

import androidx.camera.core.ImageAnalysis
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.core.content.ContextCompat
import androidx.compose.ui.platform.LocalContext
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.ruhu.app.R
import app.ruhu.app.camera.CameraPreview
import app.ruhu.app.camera.QrAnalyzer
import app.ruhu.app.camera.rememberCameraPermission
import app.ruhu.presentation.enrollment.EnrollmentEvents
import app.ruhu.presentation.enrollment.EnrollmentPresenter
import app.ruhu.presentation.enrollment.EnrollmentStep
import java.util.concurrent.Executors

/** Enrollment; [onEnrolled] once the county has enrolled this phone. */
@Composable
fun EnrollmentScreen(presenter: EnrollmentPresenter, onEnrolled: () -> Unit) {
    val state by presenter.state.collectAsStateWithLifecycle()
    var scanning by rememberSaveable { mutableStateOf(false) }

    LaunchedEffect(state.step) { if (state.step is EnrollmentStep.Enrolled) onEnrolled() }

    ScreenColumn(stringResource(R.string.enroll_title)) {
        when (state.step) {
            EnrollmentStep.Revoked -> {
                Text(stringResource(R.string.problem_revoked))
                BigButton(stringResource(R.string.enroll_again)) { presenter.handle(EnrollmentEvents.Dismiss) }
                return@ScreenColumn
            }
            EnrollmentStep.Enrolling -> Text(stringResource(R.string.enroll_enrolling))
            else -> Unit
        }
        if (scanning) {
            QrScanner(onPayload = {
                scanning = false
                presenter.handle(EnrollmentEvents.QrScanned(it))
            })
            BigButton(stringResource(R.string.action_cancel)) { scanning = false }
        } else {
            BigButton(stringResource(R.string.enroll_scan), enabled = state.step == EnrollmentStep.Form) { scanning = true }
            OutlinedTextField(
                value = state.serverUrl,
                onValueChange = { presenter.handle(EnrollmentEvents.ServerUrlChanged(it)) },
                label = { Text(stringResource(R.string.enroll_server)) },
                singleLine = true,
                modifier = Modifier.fillMaxWidth(),
            )
            OutlinedTextField(
                value = state.code,
                onValueChange = { presenter.handle(EnrollmentEvents.CodeChanged(it)) },
                label = { Text(stringResource(R.string.enroll_code)) },
                singleLine = true,
                modifier = Modifier.fillMaxWidth(),
            )
            BigButton(stringResource(R.string.enroll_submit), enabled = state.canSubmit) { presenter.handle(EnrollmentEvents.Submit) }
        }
        state.problem?.let { Text(problemText(it)) }
    }
}

/** The camera looking for the county's QR code; [onPayload] with the first one read. */
@Composable
private fun QrScanner(onPayload: (String) -> Unit) {
    val context = LocalContext.current
    if (!rememberCameraPermission()) {
        Text(stringResource(R.string.camera_permission_needed))
        return
    }
    // Decoding runs on its own thread; the payload is handed over on the main thread.
    val decoding = remember { Executors.newSingleThreadExecutor() }
    DisposableEffect(Unit) { onDispose { decoding.shutdown() } }
    val analysis = remember {
        val main = ContextCompat.getMainExecutor(context)
        ImageAnalysis.Builder()
            .setBackpressureStrategy(ImageAnalysis.STRATEGY_KEEP_ONLY_LATEST)
            .build()
            .also { it.setAnalyzer(decoding, QrAnalyzer { payload -> main.execute { onPayload(payload) } }) }
    }
    CameraPreview(listOf(analysis), Modifier.fillMaxWidth().height(320.dp))
}
