// The sizes of both modes meet the 适老化 guideline: main text 18–30 sp and targets 60 dp in
// elder mode, targets 48 dp in normal mode, and elder mode never smaller than normal.
package app.ruhu.ui.theme

import androidx.compose.ui.unit.dp
import org.junit.Assert.assertTrue
import org.junit.Test

class RuhuSizesTest {
    private val normal = RuhuSizes.Normal
    private val elder = RuhuSizes.Elder

    @Test
    fun elder_main_text_is_between_18_and_30_sp() {
        for (size in listOf(elder.bodyText, elder.secondaryText, elder.titleText)) {
            assertTrue("$size", size.value in 18f..30f)
        }
    }

    @Test
    fun touch_targets_are_48_dp_normal_and_60_dp_elder() {
        assertTrue("${normal.touchTarget}", normal.touchTarget >= 48.dp)
        assertTrue("${elder.touchTarget}", elder.touchTarget >= 60.dp)
        assertTrue(normal.primaryActionHeight >= normal.touchTarget && elder.primaryActionHeight >= elder.touchTarget)
    }

    @Test
    fun elder_mode_is_never_smaller_than_normal() {
        assertTrue(elder.bodyText.value > normal.bodyText.value)
        assertTrue(elder.secondaryText.value > normal.secondaryText.value)
        assertTrue(elder.titleText.value >= normal.titleText.value)
        assertTrue(elder.primaryActionHeight > normal.primaryActionHeight)
    }
}
