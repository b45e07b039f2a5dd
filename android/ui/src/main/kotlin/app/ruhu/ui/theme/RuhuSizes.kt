// The sizes of normal and elder (长辈版) mode: text sizes and the smallest touch target, after the
// national 适老化 guideline (main text at least 18 sp and at most 30 sp in elder mode, touch
// targets at least 48 dp, and 60 dp in elder mode).
package app.ruhu.ui.theme

import androidx.compose.runtime.staticCompositionLocalOf
import androidx.compose.ui.unit.Dp
import androidx.compose.ui.unit.TextUnit
import androidx.compose.ui.unit.dp
import androidx.compose.ui.unit.sp

/**
 * The sizes a screen lays itself out with.
 *
 * @property bodyText main text: task titles, field values, list rows.
 * @property secondaryText the line under a row's title (village, clock).
 * @property titleText a screen's title.
 * @property touchTarget the smallest height and width of anything that can be tapped.
 * @property primaryActionHeight the height of a screen's one prominent action (发现急难).
 */
data class RuhuSizes(
    val bodyText: TextUnit,
    val secondaryText: TextUnit,
    val titleText: TextUnit,
    val touchTarget: Dp,
    val primaryActionHeight: Dp,
) {
    companion object {
        /** Normal mode. */
        val Normal = RuhuSizes(
            bodyText = 16.sp,
            secondaryText = 14.sp,
            titleText = 22.sp,
            touchTarget = 48.dp,
            primaryActionHeight = 64.dp,
        )

        /** Elder mode (长辈版): larger text, larger targets. */
        val Elder = RuhuSizes(
            bodyText = 22.sp,
            secondaryText = 20.sp,
            titleText = 30.sp,
            touchTarget = 60.dp,
            primaryActionHeight = 80.dp,
        )
    }
}

/** The sizes of the mode the screen is shown in; set by [RuhuTheme]. */
val LocalRuhuSizes = staticCompositionLocalOf { RuhuSizes.Normal }
