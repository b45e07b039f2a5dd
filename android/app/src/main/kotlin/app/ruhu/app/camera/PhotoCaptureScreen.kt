// Taking a photo for a household or a case: the preview, the photo's kind and caption, and the
// shutter. CameraX writes the JPEG (with its orientation in EXIF) into memory, never to a file:
// the bytes go straight to RuhuStore.addPhoto (or retakePhoto, answering a photo a supervisor
// sent back), which encrypts them into the store's vault.
package app.ruhu.app.camera

import androidx.camera.core.ImageCapture
import androidx.camera.core.ImageCaptureException
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Button
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.core.content.ContextCompat
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.withContext
import app.ruhu.app.R
import uniffi.ruhu_core.ApiException
import app.ruhu.ui.householdscreen.photoKindText
import uniffi.ruhu_core.PhotoInput
import uniffi.ruhu_core.PhotoRecord
import uniffi.ruhu_core.PhotoKind
import uniffi.ruhu_core.PhotoTarget
import uniffi.ruhu_core.RuhuStore
import java.io.ByteArrayOutputStream
import kotlin.coroutines.resume

/**
 * The capture screen for [target]; [onSaved] after the core kept the photo.
 *
 * @param kinds the kinds offered for this target (the household's or the case's).
 */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun PhotoCaptureScreen(
    store: RuhuStore,
    target: PhotoTarget,
    kinds: List<PhotoKind>,
    onSaved: () -> Unit,
    retakeOf: PhotoRecord? = null,
) {
    val context = LocalContext.current
    val scope = rememberCoroutineScope()
    val capture = remember {
        ImageCapture.Builder().setCaptureMode(ImageCapture.CAPTURE_MODE_MINIMIZE_LATENCY).build()
    }
    // A retake keeps the kind and caption of the photo it answers.
    var kind by rememberSaveable { mutableStateOf(retakeOf?.kind ?: kinds.first()) }
    var caption by rememberSaveable { mutableStateOf(retakeOf?.caption.orEmpty()) }
    var busy by remember { mutableStateOf(false) }
    var problem by remember { mutableStateOf<String?>(null) }
    val cameraOk = rememberCameraPermission()
    val failedWords = stringResource(R.string.photo_failed)

    Column(Modifier.fillMaxSize().padding(16.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
        if (cameraOk) {
            CameraPreview(listOf(capture), Modifier.fillMaxWidth().weight(1f))
        } else {
            Text(stringResource(R.string.camera_permission_needed), Modifier.weight(1f))
        }
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            kinds.forEach { k ->
                FilterChip(
                    selected = k == kind,
                    onClick = { kind = k },
                    label = { Text(photoKindText(k)) },
                    modifier = Modifier.heightIn(min = 48.dp),
                )
            }
        }
        OutlinedTextField(
            value = caption,
            onValueChange = { caption = it },
            label = { Text(stringResource(R.string.photo_caption)) },
            modifier = Modifier.fillMaxWidth(),
        )
        problem?.let { Text(it, color = MaterialTheme.colorScheme.error) }
        Button(
            enabled = cameraOk && !busy,
            onClick = {
                busy = true
                problem = null
                scope.launch {
                    val jpeg = takeJpeg(capture, context)
                    problem = if (jpeg == null) {
                        failedWords
                    } else {
                        try {
                            withContext(Dispatchers.IO) {
                                val input = PhotoInput(kind, caption.trim(), null)
                                if (retakeOf != null) store.retakePhoto(retakeOf.target, retakeOf.photoId, input, jpeg)
                                else store.addPhoto(target, input, jpeg)
                            }
                            null
                        } catch (e: ApiException.PhotoRefused) {
                            e.reason
                        } catch (e: ApiException) {
                            failedWords
                        }
                    }
                    busy = false
                    if (problem == null) onSaved()
                }
            },
            modifier = Modifier.fillMaxWidth().heightIn(min = 60.dp),
        ) { Text(stringResource(if (busy) R.string.photo_saving else R.string.photo_take)) }
    }
}

/** One JPEG from [capture], in memory; null when the camera failed. */
private suspend fun takeJpeg(capture: ImageCapture, context: android.content.Context): ByteArray? =
    suspendCancellableCoroutine { cont ->
        val out = ByteArrayOutputStream()
        capture.takePicture(
            ImageCapture.OutputFileOptions.Builder(out).build(),
            ContextCompat.getMainExecutor(context),
            object : ImageCapture.OnImageSavedCallback {
                override fun onImageSaved(outputFileResults: ImageCapture.OutputFileResults) {
                    cont.resume(out.toByteArray())
                }

                override fun onError(exception: ImageCaptureException) {
                    cont.resume(null)
                }
            },
        )
    }
