// QrDecoder on camera-like frames built here: a QR code drawn into a Y plane whose rows are
// padded (rowStride > width, as CameraX delivers them) must read back exactly; frames without
// a code, or with the code cut off, read as nothing.
package app.ruhu.app.camera

import com.google.zxing.BarcodeFormat
import com.google.zxing.EncodeHintType
import com.google.zxing.qrcode.QRCodeWriter
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Test
import kotlin.random.Random

class QrDecoderTest {
    private val payload = "ruhu-enroll:1:https://county.example.cn/:K7Q2-M9XP-4TZD"

    /** A grey frame of [width]×[height] with rows [rowStride] apart, the padding filled with noise. */
    private fun frame(width: Int, height: Int, rowStride: Int, text: String?, left: Int = 40, top: Int = 30, size: Int = 300): ByteArray {
        val random = Random(7)
        val y = ByteArray(rowStride * (height - 1) + width) { random.nextInt(256).toByte() }
        for (row in 0 until height) for (col in 0 until width) y[row * rowStride + col] = 0xC0.toByte()
        if (text != null) {
            val matrix = QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, mapOf(EncodeHintType.MARGIN to 2, EncodeHintType.CHARACTER_SET to "UTF-8"))
            for (row in 0 until size) for (col in 0 until size) {
                val r = top + row
                val c = left + col
                if (r in 0 until height && c in 0 until width) {
                    y[r * rowStride + c] = if (matrix[col, row]) 0x10 else 0xF0.toByte()
                }
            }
        }
        return y
    }

    @Test
    fun readsTheEnrollmentPayloadFromAPaddedYPlane() {
        val y = frame(width = 640, height = 480, rowStride = 704, text = payload)
        assertEquals(payload, QrDecoder().decode(y, 640, 480, 704))
    }

    @Test
    fun readsChineseTextAsUtf8() {
        val text = "入户登记：东坪村"
        val y = frame(width = 640, height = 480, rowStride = 640, text = text)
        assertEquals(text, QrDecoder().decode(y, 640, 480, 640))
    }

    @Test
    fun aFrameWithoutACodeReadsAsNothing() {
        assertNull(QrDecoder().decode(frame(640, 480, 704, text = null), 640, 480, 704))
    }

    @Test
    fun aCodeHalfOutsideTheFrameReadsAsNothing() {
        val y = frame(width = 640, height = 480, rowStride = 704, text = payload, left = 490)
        assertNull(QrDecoder().decode(y, 640, 480, 704))
    }

    @Test
    fun oneDecoderReadsFrameAfterFrame() {
        val decoder = QrDecoder()
        assertNull(decoder.decode(frame(640, 480, 704, text = null), 640, 480, 704))
        assertEquals(payload, decoder.decode(frame(640, 480, 704, text = payload), 640, 480, 704))
    }

    @Test(expected = IllegalArgumentException::class)
    fun aPlaneShorterThanTheFrameIsRefused() {
        QrDecoder().decode(ByteArray(100), 640, 480, 704)
    }
}
