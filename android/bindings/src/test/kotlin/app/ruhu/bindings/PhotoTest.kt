// Photos through the Kotlin bindings: a JPEG as a phone camera hands it over (drawn and encoded
// here with the JDK's ImageIO), attached to a household, read back, refused when it is not a
// JPEG or PNG, reviewed, and listed among the retakes owed.
package app.ruhu.bindings

import app.ruhu.bindings.Fixtures.member
import app.ruhu.bindings.Fixtures.openStore
import java.awt.Color
import java.awt.image.BufferedImage
import java.io.ByteArrayOutputStream
import java.security.MessageDigest
import javax.imageio.ImageIO
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import org.junit.Test
import uniffi.ruhu_core.*

class PhotoTest {
    private fun cameraJpeg(width: Int, height: Int): ByteArray {
        val image = BufferedImage(width, height, BufferedImage.TYPE_INT_RGB)
        val g = image.createGraphics()
        g.color = Color(120, 160, 210)
        g.fillRect(0, 0, width, height)
        g.color = Color(150, 110, 80)
        g.fillRect(width / 5, height / 3, width / 2, height / 2)
        g.color = Color(60, 60, 60)
        g.fillPolygon(intArrayOf(width / 6, width * 3 / 4, width * 9 / 20), intArrayOf(height / 3, height / 3, height / 8), 3)
        g.dispose()
        val out = ByteArrayOutputStream()
        ImageIO.write(image, "jpeg", out)
        return out.toByteArray()
    }

    private fun sha256(bytes: ByteArray): String =
        MessageDigest.getInstance("SHA-256").digest(bytes).joinToString("") { "%02x".format(it) }

    @Test
    fun `a photo is attached, read back, reviewed and listed as a retake`() {
        val dir = Fixtures.tempDir()
        val store = openStore(dir, "phone.db", "w-photo")
        val id = store.createHousehold(Fixtures.profile(), listOf(member("房秀英", Relation.HEAD, Sex.FEMALE, "1958-03-02", null)))
        val target = PhotoTarget.Household(id)
        val photo = store.addPhoto(target, PhotoInput(PhotoKind.HOUSE, "房屋正面", null), cameraJpeg(3200, 2400))
        assertEquals(1600u, photo.width)
        assertEquals(1200u, photo.height)
        assertEquals(ReviewStatus.PENDING, photo.review)
        val bytes = store.photoFile(photo.sha256)
        assertEquals(photo.sha256, sha256(bytes))
        assertEquals(listOf(photo.photoId), store.photos(id).map { it.photoId })
        assertEquals(2u, store.photoUploadsPending().files)

        val heic = byteArrayOf(0, 0, 0, 24) + "ftypheic".toByteArray() + ByteArray(12)
        val refused = assertFailsWith<ApiException.PhotoRefused> {
            store.addPhoto(target, PhotoInput(PhotoKind.HOUSE, "", null), heic)
        }
        assertTrue(refused.reason.contains("HEIC"), refused.reason)

        assertFailsWith<ApiException.InvalidInput> {
            store.reviewPhoto(target, photo.photoId, ReviewStatus.RETAKE_NEEDED, "")
        }
        store.reviewPhoto(target, photo.photoId, ReviewStatus.RETAKE_NEEDED, "照片太暗，请白天重拍")
        val owed = store.retakesOwed()
        assertEquals(listOf("照片太暗，请白天重拍"), owed.map { it.reviewReason })
        store.close()
    }
}
