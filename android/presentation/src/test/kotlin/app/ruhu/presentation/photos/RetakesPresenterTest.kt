// The retakes list on a fake core: photos sent back are listed with the supervisor's reason,
// a retake stores a new photo of the same kind and caption and takes the old one off the list,
// a refused retake keeps it there.
package app.ruhu.presentation.photos

import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.fakes.FakePhotosCore
import app.ruhu.presentation.fakes.settle
import kotlin.test.assertEquals
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.runTest
import org.junit.Test
import uniffi.ruhu_core.ApiException
import uniffi.ruhu_core.PhotoKind
import uniffi.ruhu_core.PhotoTarget
import uniffi.ruhu_core.ReviewStatus

class RetakesPresenterTest {
    private val core = FakePhotosCore().apply {
        kept += FakePhotosCore.photo("p-1", PhotoTarget.Household("h-1"), PhotoKind.ID_CARD, "户主身份证")
            .copy(review = ReviewStatus.RETAKE_NEEDED, reviewReason = "照片模糊，请重拍身份证")
    }

    @Test
    fun `a retake is a new photo naming the one sent back, which leaves the list and keeps its review`() = runTest {
        val p = RetakesPresenter(core, backgroundScope, StandardTestDispatcher(testScheduler))
        settle()
        val owed = p.state.value.owed.single()
        assertEquals("照片模糊，请重拍身份证", owed.reviewReason)
        p.handle(RetakesEvents.Retaken(owed, byteArrayOf(1)))
        settle()
        assertEquals(emptyList(), p.state.value.owed)
        assertEquals(PhotoKind.ID_CARD, core.inputs.single().kind)
        assertEquals("户主身份证", core.inputs.single().caption)
        assertEquals(ReviewStatus.RETAKE_NEEDED, core.kept.first { it.photoId == "p-1" }.review)
        assertEquals("p-1", core.kept.single { it.photoId != "p-1" }.retakeOf)
    }

    @Test
    fun `a refused retake keeps the photo on the list and says why`() = runTest {
        core.refuseNext = ApiException.PhotoRefused("不支持这种图片格式")
        val p = RetakesPresenter(core, backgroundScope, StandardTestDispatcher(testScheduler))
        settle()
        p.handle(RetakesEvents.Retaken(p.state.value.owed.single(), byteArrayOf(0)))
        settle()
        assertEquals(Problem.Words("不支持这种图片格式"), p.state.value.problem)
        assertEquals(listOf("p-1"), p.state.value.owed.map { it.photoId })
    }
}
