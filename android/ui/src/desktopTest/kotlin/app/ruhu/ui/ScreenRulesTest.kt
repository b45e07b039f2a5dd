// The semantics rules of ScreenTest catch what they are for: a clickable without a label, and a
// clickable smaller than the mode's touch target, also when it is scrolled below the fold (so a
// screen passing them is not passing by default).
package app.ruhu.ui

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.size
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Text
import androidx.compose.ui.Modifier
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.unit.dp
import org.junit.Assert.assertEquals
import org.junit.Test

@OptIn(ExperimentalTestApi::class)
class ScreenRulesTest {
    @Test
    fun a_clickable_without_a_label_is_reported() {
        runScreen(elder = false, { Box(Modifier.size(64.dp).clickable {}) }) {
            assertEquals(listOf("no label"), clickableViolations(elder = false).map { it.what })
        }
    }

    @Test
    fun a_clickable_of_52_dp_passes_in_normal_mode_and_is_too_small_in_elder_mode() {
        val content = @androidx.compose.runtime.Composable {
            Column { Box(Modifier.size(52.dp).clickable {}) { Text("打开") } }
        }
        runScreen(elder = false, content) {
            assertEquals(emptyList<String>(), clickableViolations(elder = false).map { it.what })
        }
        runScreen(elder = true, content) {
            assertEquals(1, clickableViolations(elder = true).size)
        }
    }

    @Test
    fun a_small_clickable_below_the_fold_is_measured_at_its_own_size() {
        val content = @androidx.compose.runtime.Composable {
            Column(Modifier.verticalScroll(rememberScrollState())) {
                Box(Modifier.size(64.dp, 900.dp))
                Box(Modifier.size(40.dp).clickable {}) { Text("打开") }
                Box(Modifier.size(64.dp).clickable {}) { Text("保存") }
            }
        }
        runScreen(elder = false, content) {
            assertEquals(listOf("smaller than 48.0.dp (40.0.dp × 40.0.dp)"), clickableViolations(elder = false).map { it.what })
        }
    }
}
