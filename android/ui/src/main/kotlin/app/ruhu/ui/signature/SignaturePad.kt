// The signing surface: a bordered box a finger draws in. Each touch sends the presenter PenDown,
// then PenMove for every move and PenUp when the finger lifts, in the pad's units (dp from the
// pad's top-left corner, kept inside the pad); the strokes the state holds are drawn back.
// The pad takes the moves for itself, so drawing down the pad does not scroll the screen.
package app.ruhu.ui.signature

import androidx.compose.foundation.background
import androidx.compose.foundation.border
import androidx.compose.foundation.gestures.awaitEachGesture
import androidx.compose.foundation.gestures.awaitFirstDown
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.foundation.shape.RoundedCornerShape
import androidx.compose.material3.MaterialTheme
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.rememberUpdatedState
import androidx.compose.ui.Modifier
import androidx.compose.ui.draw.drawBehind
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.graphics.Path
import androidx.compose.ui.graphics.StrokeCap
import androidx.compose.ui.graphics.StrokeJoin
import androidx.compose.ui.graphics.drawscope.Stroke
import androidx.compose.ui.input.pointer.pointerInput
import androidx.compose.ui.input.pointer.positionChanged
import androidx.compose.ui.layout.onSizeChanged
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.Dp
import androidx.compose.ui.unit.IntSize
import androidx.compose.ui.unit.dp
import app.ruhu.presentation.signature.SignatureEvents
import uniffi.ruhu_core.PadPointInput

/** The pad's height; its width is the screen's. */
val PAD_HEIGHT: Dp = 220.dp

/**
 * The signing pad showing [strokes] and the stroke being [drawing].
 *
 * @param onEvent receives PenDown / PenMove / PenUp in dp from the pad's top-left corner.
 * @param onSize the pad's laid-out size in pixels (for SignatureEvents.Save in the same units).
 */
@Composable
fun SignaturePad(
    strokes: List<List<PadPointInput>>,
    drawing: List<PadPointInput>,
    description: String,
    onEvent: (SignatureEvents) -> Unit,
    onSize: (IntSize) -> Unit,
    modifier: Modifier = Modifier,
) {
    val send by rememberUpdatedState(onEvent)
    val ink = MaterialTheme.colorScheme.onSurface
    Box(
        modifier = modifier
            .fillMaxWidth()
            .height(PAD_HEIGHT)
            .border(2.dp, MaterialTheme.colorScheme.outline, RoundedCornerShape(8.dp))
            .background(MaterialTheme.colorScheme.surface, RoundedCornerShape(8.dp))
            .onSizeChanged(onSize)
            .semantics { contentDescription = description }
            .pointerInput(Unit) {
                awaitEachGesture {
                    val down = awaitFirstDown()
                    down.consume()
                    fun at(p: Offset) = Offset(
                        p.x.coerceIn(0f, size.width.toFloat()).toDp().value,
                        p.y.coerceIn(0f, size.height.toFloat()).toDp().value,
                    )
                    at(down.position).let { send(SignatureEvents.PenDown(it.x, it.y)) }
                    while (true) {
                        val change = awaitPointerEvent().changes.firstOrNull { it.id == down.id } ?: break
                        if (change.positionChanged()) at(change.position).let { send(SignatureEvents.PenMove(it.x, it.y)) }
                        change.consume()
                        if (!change.pressed) break
                    }
                    send(SignatureEvents.PenUp)
                }
            }
            .drawBehind {
                val width = 3.dp.toPx()
                (strokes + listOf(drawing)).filter { it.isNotEmpty() }.forEach { points ->
                    val path = Path()
                    path.moveTo(points[0].x.dp.toPx(), points[0].y.dp.toPx())
                    if (points.size == 1) path.lineTo(points[0].x.dp.toPx() + 0.5f, points[0].y.dp.toPx())
                    points.drop(1).forEach { path.lineTo(it.x.dp.toPx(), it.y.dp.toPx()) }
                    drawPath(path, ink, style = Stroke(width = width, cap = StrokeCap.Round, join = StrokeJoin.Round))
                }
            },
    )
}
