// The enrollment destination: the ui module's EnrollmentView on EnrollmentPresenter, and the
// camera looking for the county's QR code (CameraX + ZXing) while the worker scans.
package app.ruhu.app.screens

import androidx.camera.core.ImageAnalysis
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.core.content.ContextCompat
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.ruhu.app.R
import app.ruhu.app.camera.CameraPreview
import app.ruhu.app.camera.QrAnalyzer
import app.ruhu.app.camera.rememberCameraPermission
import app.ruhu.presentation.enrollment.EnrollmentEvents
import app.ruhu.presentation.enrollment.EnrollmentPresenter
import app.ruhu.ui.enrollment.EnrollmentView
import java.util.concurrent.Executors

/** Enrollment; [onEnrolled] when the worker taps 开始工作 after the county enrolled this phone. */
@Composable
fun EnrollmentRoute(presenter: EnrollmentPresenter, onEnrolled: () -> Unit) {
    val state by presenter.state.collectAsStateWithLifecycle()
    var scanning by rememberSaveable { mutableStateOf(false) }
    if (scanning) {
        ScreenColumn(stringResource(R.string.enroll_title)) {
            QrScanner(onPayload = {
                scanning = false
                presenter.handle(EnrollmentEvents.QrScanned(it))
            })
            BigButton(stringResource(R.string.action_cancel)) { scanning = false }
        }
    } else {
        EnrollmentView(state, presenter::handle, onScan = { scanning = true }, onDone = onEnrolled)
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
