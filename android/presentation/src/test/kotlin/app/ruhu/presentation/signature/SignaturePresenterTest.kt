// The signing pad on a fake core: strokes are kept as drawn and handed over whole; a refusal
// keeps the strokes and says why; a kept signature clears the pad for the next signer.
package app.ruhu.presentation.signature

import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.core.SignatureCore
import app.ruhu.presentation.fakes.settle
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.runTest
import org.junit.Test
import uniffi.ruhu_core.ApiException
import uniffi.ruhu_core.FieldProblem
import uniffi.ruhu_core.PhotoKind
import uniffi.ruhu_core.PhotoRecord
import uniffi.ruhu_core.PhotoTarget
import uniffi.ruhu_core.ReviewStatus
import uniffi.ruhu_core.Stroke

private class FakeSignatureCore : SignatureCore {
    val calls = mutableListOf<Triple<String, List<Stroke>, Pair<Float, Float>>>()
    var refuse: ApiException? = null

    override fun addSignature(target: PhotoTarget, signer: String, strokes: List<Stroke>, padWidth: Float, padHeight: Float): PhotoRecord {
        calls += Triple(signer, strokes, padWidth to padHeight)
        refuse?.let { throw it }
        return PhotoRecord(
            photoId = "p-${calls.size}", target = target, kind = PhotoKind.SIGNATURE, caption = "签字：$signer",
            sha256 = "a".repeat(64), thumbSha256 = "b".repeat(64), width = 1200u, height = 600u, bytes = 20_000u,
            takenAtMs = 1L, timeFromCamera = false, location = null, takenBy = "w-001",
            review = ReviewStatus.PENDING, reviewReason = "", retakeOf = null, onDevice = true, uploaded = false,
        )
    }
}

class SignaturePresenterTest {
    private fun draw(p: SignaturePresenter, vararg points: Pair<Float, Float>) {
        p.handle(SignatureEvents.PenDown(points[0].first, points[0].second))
        points.drop(1).forEach { p.handle(SignatureEvents.PenMove(it.first, it.second)) }
        p.handle(SignatureEvents.PenUp)
    }

    @Test
    fun `strokes are handed to the core as drawn and a kept signature clears the pad`() = runTest {
        val core = FakeSignatureCore()
        val p = SignaturePresenter(core, PhotoTarget.Household("h-1"), backgroundScope, StandardTestDispatcher(testScheduler))
        assertFalse(p.state.value.canSave)
        p.handle(SignatureEvents.SignerChanged("调查人 李网格员"))
        draw(p, 1f to 1f, 5f to 6f, 9f to 9f)
        draw(p, 20f to 2f, 22f to 8f)
        assertTrue(p.state.value.canSave)
        p.handle(SignatureEvents.Save(300f, 150f))
        settle()
        val (signer, strokes, pad) = core.calls.single()
        assertEquals("调查人 李网格员", signer)
        assertEquals(listOf(3, 2), strokes.map { it.points.size })
        assertEquals(5f to 6f, strokes[0].points[1].let { it.x to it.y })
        assertEquals(300f to 150f, pad)
        val s = p.state.value
        assertEquals(1, s.kept.size)
        assertTrue(s.strokes.isEmpty() && s.signer.isEmpty(), "ready for the next signer")
    }

    @Test
    fun `a refusal keeps what was drawn and says why, and clear starts again`() = runTest {
        val core = FakeSignatureCore()
        core.refuse = ApiException.InvalidInput(listOf(FieldProblem("strokes", "签字超出了签字区，请清除后重签")))
        val p = SignaturePresenter(core, PhotoTarget.Case("c-1"), backgroundScope, StandardTestDispatcher(testScheduler))
        p.handle(SignatureEvents.SignerChanged("户主"))
        draw(p, 1f to 1f, 2f to 2f)
        p.handle(SignatureEvents.Save(300f, 150f))
        settle()
        val s = p.state.value
        assertEquals(1, s.strokes.size)
        assertFalse(s.saving)
        assertTrue((s.problem as Problem.Fields).problems.single().field == "strokes")
        p.handle(SignatureEvents.Clear)
        assertTrue(p.state.value.strokes.isEmpty())
        assertFalse(p.state.value.canSave)
    }
}
