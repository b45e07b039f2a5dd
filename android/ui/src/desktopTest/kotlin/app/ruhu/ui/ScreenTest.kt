// Runs a screen headless at 360×800 dp (density 2) on Skia's software renderer, writes its
// screenshot to build/compose-screens/, and checks the semantics rules every screen must meet:
// every clickable has a label, and every clickable is at least the mode's touch target; and
// reads the size of every text as drawn.
package app.ruhu.ui

import androidx.compose.runtime.Composable
import androidx.compose.ui.graphics.asSkiaBitmap
import androidx.compose.ui.semantics.SemanticsActions
import androidx.compose.ui.semantics.SemanticsNode
import androidx.compose.ui.semantics.SemanticsProperties
import androidx.compose.ui.semantics.getOrNull
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.SkikoComposeUiTest
import androidx.compose.ui.test.hasClickAction
import androidx.compose.ui.test.hasText
import androidx.compose.ui.text.TextLayoutResult
import androidx.compose.ui.unit.Density
import androidx.compose.ui.unit.Dp
import app.ruhu.ui.theme.RuhuSizes
import app.ruhu.ui.theme.RuhuTheme
import org.jetbrains.skia.EncodedImageFormat
import org.jetbrains.skia.Image
import java.io.File
import kotlin.coroutines.EmptyCoroutineContext

/** The phone the screens are checked on: 360×800 dp at 2 pixels per dp. */
private const val WIDTH_DP = 360
private const val HEIGHT_DP = 800
private val density = Density(2f)

/** Where screenshots go: `ruhu.screens.dir` (set by the Maven build), else build/compose-screens. */
fun screensDir(): File = File(System.getProperty("ruhu.screens.dir") ?: "build/compose-screens").apply { mkdirs() }

/**
 * Shows [content] in [RuhuTheme] for [elder], then runs [check] on the live test. With a
 * [screenshot] name, the first frame is written as `<screenshot>-normal.png` or
 * `<screenshot>-elder.png` before [check] runs.
 */
@OptIn(ExperimentalTestApi::class)
fun runScreen(elder: Boolean, content: @Composable () -> Unit, screenshot: String? = null, check: SkikoComposeUiTest.() -> Unit = {}) {
    val width = (WIDTH_DP * density.density).toInt()
    val height = (HEIGHT_DP * density.density).toInt()
    SkikoComposeUiTest(width, height, EmptyCoroutineContext, density).runTest {
        setContent { RuhuTheme(elder = elder) { content() } }
        waitForIdle()
        if (screenshot != null) {
            val png = Image.makeFromBitmap(captureToImage().asSkiaBitmap()).encodeToData(EncodedImageFormat.PNG)
                ?: error("the screenshot $screenshot could not be encoded")
            File(screensDir(), "$screenshot-${if (elder) "elder" else "normal"}.png").writeBytes(png.bytes)
        }
        check()
    }
}

/** A clickable node that breaks a rule, described for the failure message. */
data class Violation(val what: String, val node: String)

/**
 * The clickables on screen that have no label or are smaller than [RuhuSizes.touchTarget] of the
 * mode. A screen without any clickable fails unless [noneExpected] (a screen that only waits).
 */
@OptIn(ExperimentalTestApi::class)
fun SkikoComposeUiTest.clickableViolations(elder: Boolean, noneExpected: Boolean = false): List<Violation> {
    val target = (if (elder) RuhuSizes.Elder else RuhuSizes.Normal).touchTarget
    val nodes = onAllNodes(hasClickAction()).fetchSemanticsNodes()
    check(nodes.isNotEmpty() || noneExpected) { "the screen has no clickable at all" }
    return nodes.flatMap { node ->
        val described = describe(node)
        buildList {
            if (label(node).isBlank()) add(Violation("no label", described))
            val (w, h) = sizeDp(node)
            if (w < target || h < target) add(Violation("smaller than $target ($w × $h)", described))
        }
    }
}

/**
 * The font size, in sp, of every text on screen with its text: read from the laid-out text
 * (GetTextLayoutResult), so it is the size actually drawn, not the theme's constant.
 */
@OptIn(ExperimentalTestApi::class)
fun SkikoComposeUiTest.drawnTextSizes(): List<Pair<String, Float>> =
    onAllNodes(hasText("", substring = true), useUnmergedTree = true).fetchSemanticsNodes().flatMap { node ->
        val results = mutableListOf<TextLayoutResult>()
        node.config.getOrNull(SemanticsActions.GetTextLayoutResult)?.action?.invoke(results)
        results.map { it.layoutInput.text.text to it.layoutInput.style.fontSize.value }
    }

private fun label(node: SemanticsNode): String {
    val config = node.config
    val description = config.getOrNull(SemanticsProperties.ContentDescription).orEmpty().joinToString(" ")
    val text = config.getOrNull(SemanticsProperties.Text).orEmpty().joinToString(" ") { it.text }
    return "$description $text".trim()
}

/**
 * The node's laid-out size, not clipped by the window: a control scrolled below the fold of a
 * scrolling screen keeps its size (its boundsInRoot would be cut to what is on screen).
 */
private fun sizeDp(node: SemanticsNode): Pair<Dp, Dp> = with(density) {
    node.size.width.toDp() to node.size.height.toDp()
}

private fun describe(node: SemanticsNode): String = "node ${node.id} '${label(node)}' at ${node.boundsInRoot}"
