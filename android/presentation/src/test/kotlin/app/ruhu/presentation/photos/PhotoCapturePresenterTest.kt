// The photo screen on a fake core: the kind and caption chosen go with the shot, a refused
// shot shows the core's words and keeps the caption, a kept one joins the thumbnails.
package app.ruhu.presentation.photos

import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.fakes.FakePhotosCore
import app.ruhu.presentation.fakes.settle
import kotlin.test.assertEquals
import kotlin.test.assertNull
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.runTest
import org.junit.Test
import uniffi.ruhu_core.ApiException
import uniffi.ruhu_core.PhotoKind
import uniffi.ruhu_core.PhotoTarget

class PhotoCapturePresenterTest {
    private val core = FakePhotosCore()
    private val target = PhotoTarget.Case("c-1")

    private fun TestScope.presenter() = PhotoCapturePresenter(core, backgroundScope, StandardTestDispatcher(testScheduler), target, "h-1")

    @Test
    fun `the kind and caption chosen go with the shot and the photo joins the list`() = runTest {
        val p = presenter()
        p.handle(PhotoCaptureEvents.KindChosen(PhotoKind.MEDICAL_BILL))
        p.handle(PhotoCaptureEvents.CaptionChanged("住院发票"))
        p.handle(PhotoCaptureEvents.Captured(byteArrayOf(1)))
        settle()
        assertEquals(PhotoKind.MEDICAL_BILL, core.inputs.single().kind)
        assertEquals("住院发票", core.inputs.single().caption)
        assertEquals("p-1", p.state.value.kept?.photoId)
        assertEquals(listOf("p-1"), p.state.value.photos.map { it.photoId })
        assertEquals("", p.state.value.caption)
        assertEquals(false, p.state.value.saving)
    }

    @Test
    fun `a refused shot shows the core's reason and keeps the typed caption`() = runTest {
        core.refuseNext = ApiException.PhotoRefused("照片文件已损坏，请重拍")
        val p = presenter()
        p.handle(PhotoCaptureEvents.CaptionChanged("房屋裂缝"))
        p.handle(PhotoCaptureEvents.Captured(byteArrayOf(0)))
        settle()
        assertEquals(Problem.Words("照片文件已损坏，请重拍"), p.state.value.problem)
        assertEquals("房屋裂缝", p.state.value.caption)
        assertNull(p.state.value.kept)
        assertEquals(emptyList(), p.state.value.photos)
        // The next shot goes through with the same caption.
        p.handle(PhotoCaptureEvents.Captured(byteArrayOf(1)))
        settle()
        assertEquals("房屋裂缝", core.inputs.single().caption)
        assertNull(p.state.value.problem)
    }

    @Test
    fun `only the target's own photos are listed`() = runTest {
        core.kept += FakePhotosCore.photo("p-9", PhotoTarget.Household("h-1"), PhotoKind.HOUSE, "房屋")
        core.kept += FakePhotosCore.photo("p-8", target, PhotoKind.DAMAGE, "受灾")
        val p = presenter()
        settle()
        assertEquals(listOf("p-8"), p.state.value.photos.map { it.photoId })
    }
}
