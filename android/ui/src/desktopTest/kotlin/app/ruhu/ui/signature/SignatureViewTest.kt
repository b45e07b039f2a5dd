// The signing pad against the real SignaturePresenter (a fake core behind it): a finger drawn
// across the pad reaches the presenter as a stroke of points in the pad's units, two swipes are
// two strokes, 确认签字 hands the strokes, the signer and the pad's size to the core and lists the
// signature kept, 清除重签 clears, and a refusal is said in the core's words.
package app.ruhu.ui.signature

import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.SkikoComposeUiTest
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.assertIsNotEnabled
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performTouchInput
import androidx.compose.ui.test.swipe
import app.ruhu.presentation.core.SignatureCore
import app.ruhu.presentation.signature.SignatureEvents
import app.ruhu.presentation.signature.SignaturePresenter
import app.ruhu.presentation.signature.SignatureState
import app.ruhu.ui.runScreen
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import uniffi.ruhu_core.PhotoRecord
import uniffi.ruhu_core.PhotoTarget
import uniffi.ruhu_core.Stroke

/** What the pad handed the core. */
private data class Signed(val signer: String, val strokes: List<Stroke>, val padWidth: Float, val padHeight: Float)

/** A core that records the signature and answers with a kept record (the real one is tested in android/presentation). */
private class RecordingSignatureCore : SignatureCore {
    val signed = mutableListOf<Signed>()
    override fun addSignature(target: PhotoTarget, signer: String, strokes: List<Stroke>, padWidth: Float, padHeight: Float): PhotoRecord {
        signed += Signed(signer, strokes, padWidth, padHeight)
        return signaturePreviewStates().getValue("long").kept.first().copy(photoId = "sig-new", caption = signer)
    }
}

@OptIn(ExperimentalTestApi::class)
class SignatureViewTest {
    private val core = RecordingSignatureCore()
    private val presenter = SignaturePresenter(core, PhotoTarget.Case("case-1"), CoroutineScope(Dispatchers.Unconfined), Dispatchers.Unconfined)

    private fun onPresenter(check: SkikoComposeUiTest.() -> Unit) = runScreen(elder = false, {
        val state by presenter.state.collectAsState()
        SignatureView(state, presenter::handle, previewSigners, {})
    }, check = check)

    @Test
    fun a_finger_drawn_across_the_pad_reaches_the_presenter_as_points_in_pad_units() {
        onPresenter {
            // The screen is drawn at 2 pixels per dp: 40 px is 20 dp from the pad's corner.
            onNodeWithContentDescription("签字区，用手指在这里签名").performScrollTo()
                .performTouchInput { swipe(Offset(40f, 60f), Offset(400f, 200f), durationMillis = 300) }
            waitForIdle()
        }
        val strokes = presenter.state.value.strokes
        assertEquals(1, strokes.size)
        val points = strokes.single()
        assertTrue("a swipe is more than its two ends: ${points.size} points", points.size >= 3)
        assertEquals(20f, points.first().x, 1f)
        assertEquals(30f, points.first().y, 1f)
        assertEquals(200f, points.last().x, 1f)
        assertEquals(100f, points.last().y, 1f)
        assertTrue("x only grows along a left-to-right swipe", points.zipWithNext().all { (a, b) -> b.x >= a.x })
        assertTrue("nothing is left half-drawn", presenter.state.value.drawing.isEmpty())
    }

    @Test
    fun two_swipes_are_two_strokes_and_clear_removes_them() {
        onPresenter {
            val pad = onNodeWithContentDescription("签字区，用手指在这里签名").performScrollTo()
            pad.performTouchInput { swipe(Offset(40f, 60f), Offset(200f, 60f)) }
            pad.performTouchInput { swipe(Offset(60f, 200f), Offset(300f, 260f)) }
            waitForIdle()
            assertEquals(2, presenter.state.value.strokes.size)
            onNodeWithText("清除重签").performScrollTo().performClick()
            waitForIdle()
        }
        assertEquals(emptyList<Any>(), presenter.state.value.strokes)
    }

    @Test
    fun save_hands_the_signer_the_strokes_and_the_pad_size_to_the_core_and_lists_the_signature_kept() {
        onPresenter {
            // The signer is set as the presenter's event: in this desktop harness a tap on any
            // other control before a swipe leaves the pad without the swipe (see the report of
            // branch h14-caseui); tapping a signer is tested on its own below.
            presenter.handle(SignatureEvents.SignerChanged("调查人 李红"))
            waitForIdle()
            onNodeWithContentDescription("签字区，用手指在这里签名").performScrollTo()
                .performTouchInput { swipe(Offset(40f, 60f), Offset(400f, 200f)) }
            waitForIdle()
            onNodeWithText("确认签字").performScrollTo().performClick()
            waitForIdle()
            onNodeWithText("调查人 李红 · ", substring = true).performScrollTo().assertIsDisplayed()
        }
        val signed = core.signed.single()
        assertEquals("调查人 李红", signed.signer)
        assertEquals(1, signed.strokes.size)
        assertEquals(20f, signed.strokes.single().points.first().x, 1f)
        // The pad fills the 360 dp screen less its 16 dp margins, and is PAD_HEIGHT tall.
        assertEquals(328f, signed.padWidth, 1f)
        assertEquals(PAD_HEIGHT.value, signed.padHeight, 1f)
        // Kept: the pad is empty for the next signer.
        assertEquals(emptyList<Any>(), presenter.state.value.strokes)
        assertEquals("", presenter.state.value.signer)
    }

    @Test
    fun the_cores_refusal_is_said_in_its_words() {
        runScreen(elder = true, { SignatureView(signaturePreviewStates().getValue("problem"), {}, previewSigners, {}) }) {
            onNodeWithText("签字太短，请签完整的名字", substring = true).assertIsDisplayed()
        }
    }

    @Test
    fun save_cannot_be_tapped_before_someone_has_signed() {
        runScreen(elder = true, { SignatureView(SignatureState(signer = "户主 王建国"), {}, previewSigners, {}) }) {
            onNodeWithText("确认签字").performScrollTo().assertIsNotEnabled()
        }
    }

    @Test
    fun choosing_who_signs_sends_their_name() {
        val events = mutableListOf<SignatureEvents>()
        runScreen(elder = true, { SignatureView(SignatureState(), { events += it }, previewSigners, {}) }) {
            onNodeWithText("配偶 刘秀英").performScrollTo().performClick()
            waitForIdle()
        }
        assertEquals(listOf<SignatureEvents>(SignatureEvents.SignerChanged("配偶 刘秀英")), events)
    }
}
