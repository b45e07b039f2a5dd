// The CameraX analyzer behind enrollment's QR scan: each frame's Y plane goes to QrDecoder; the
// first payload found is handed over once (the presenter and the core judge what it says).
package app.ruhu.app.camera

import androidx.camera.core.ImageAnalysis
import androidx.camera.core.ImageProxy
import java.util.concurrent.atomic.AtomicBoolean

/** Calls [onPayload] once with the first QR payload seen. */
class QrAnalyzer(private val onPayload: (String) -> Unit) : ImageAnalysis.Analyzer {
    private val decoder = QrDecoder()
    private val done = AtomicBoolean(false)
    private var buffer = ByteArray(0)

    override fun analyze(image: ImageProxy) {
        try {
            if (done.get()) return
            val plane = image.planes[0]
            val data = plane.buffer
            data.rewind()
            if (buffer.size != data.remaining()) buffer = ByteArray(data.remaining())
            data.get(buffer)
            val text = decoder.decode(buffer, image.width, image.height, plane.rowStride)
            if (text != null && done.compareAndSet(false, true)) onPayload(text)
        } finally {
            image.close()
        }
    }
}
