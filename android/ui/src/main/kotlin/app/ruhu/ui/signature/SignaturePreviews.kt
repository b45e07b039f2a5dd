// Preview states of the signing pad: a signer chosen and a name drawn (normal), the core's
// refusal (problem), an elderly family member signing (elder), many signers and signatures
// kept (long), an empty pad and saving. The people are fictional.
package app.ruhu.ui.signature

import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.signature.SignatureState
import uniffi.ruhu_core.PadPointInput
import uniffi.ruhu_core.PhotoKind
import uniffi.ruhu_core.PhotoRecord
import uniffi.ruhu_core.PhotoTarget
import uniffi.ruhu_core.ReviewStatus

/** The moment the signatures in the previews were kept: 2026-12-01 10:00 Beijing time. */
private const val PREVIEW_NOW_MS = 1_796_090_400_000L

/** Who may sign in the previews: the family members present and the two investigators. */
val previewSigners = listOf("户主 王建国", "配偶 刘秀英", "调查人 李红", "调查人 张伟")

/** A zig-zag stroke from ([x0], [y0]), like a hand-written character. */
private fun stroke(x0: Float, y0: Float): List<PadPointInput> =
    (0..12).map { i -> PadPointInput(x0 + i * 6f, y0 + if (i % 2 == 0) 0f else 40f) }

private val drawn = listOf(stroke(30f, 60f), stroke(130f, 80f), stroke(220f, 50f))

private fun kept(id: String, caption: String, minutesAgo: Long) = PhotoRecord(
    photoId = id,
    target = PhotoTarget.Case("case-1"),
    kind = PhotoKind.SIGNATURE,
    caption = caption,
    sha256 = "0".repeat(64),
    thumbSha256 = "0".repeat(64),
    width = 656u,
    height = 440u,
    bytes = 12_000uL,
    takenAtMs = PREVIEW_NOW_MS - minutesAgo * 60_000L,
    timeFromCamera = false,
    location = null,
    takenBy = "w-001",
    review = ReviewStatus.PENDING,
    reviewReason = "",
    retakeOf = null,
    onDevice = true,
    uploaded = false,
)

/** The named preview states of the signing pad. */
fun signaturePreviewStates(): Map<String, SignatureState> = mapOf(
    "empty" to SignatureState(),
    "normal" to SignatureState(signer = "户主 王建国", strokes = drawn),
    "problem" to SignatureState(signer = "户主 王建国", strokes = listOf(stroke(30f, 60f)), problem = Problem.Words("签字太短，请签完整的名字")),
    "elder" to SignatureState(signer = "户主母亲 王桂芳（按手印代签）", strokes = drawn.take(1)),
    "long" to SignatureState(
        signer = "调查人 张伟",
        strokes = drawn,
        kept = listOf(kept("sig-1", "户主 王建国", 12), kept("sig-2", "配偶 刘秀英", 9), kept("sig-3", "调查人 李红", 5)),
    ),
    "saving" to SignatureState(signer = "调查人 李红", strokes = drawn, saving = true),
)
