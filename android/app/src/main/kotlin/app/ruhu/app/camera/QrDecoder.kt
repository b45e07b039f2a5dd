// Reads a QR code from a camera frame's luminance (Y) plane with ZXing core: pure Java from
// Maven Central, Apache-2.0, no Google Play services (ML Kit's scanner needs them or Google's
// Maven), no native code. No Android imports, so it is tested on the desktop JVM.
package app.ruhu.app.camera

import com.google.zxing.BarcodeFormat
import com.google.zxing.BinaryBitmap
import com.google.zxing.DecodeHintType
import com.google.zxing.ReaderException
import com.google.zxing.common.HybridBinarizer
import com.google.zxing.PlanarYUVLuminanceSource
import com.google.zxing.qrcode.QRCodeReader

/** Decodes QR codes from Y planes; one instance per analyzer thread (ZXing readers keep state). */
class QrDecoder {
    private val reader = QRCodeReader()
    private val hints = mapOf(
        DecodeHintType.POSSIBLE_FORMATS to listOf(BarcodeFormat.QR_CODE),
        DecodeHintType.CHARACTER_SET to "UTF-8",
    )

    /**
     * The text of the QR code in the frame, or null when there is none (or it cannot be read).
     *
     * @param y the Y plane, row after row, [rowStride] bytes apart (the last row may be short).
     */
    fun decode(y: ByteArray, width: Int, height: Int, rowStride: Int): String? {
        require(rowStride >= width && y.size >= rowStride * (height - 1) + width) { "Y plane smaller than the frame" }
        val source = PlanarYUVLuminanceSource(y, rowStride, height, 0, 0, width, height, false)
        return try {
            reader.decode(BinaryBitmap(HybridBinarizer(source)), hints).text
        } catch (e: ReaderException) {
            null
        } finally {
            reader.reset()
        }
    }
}
