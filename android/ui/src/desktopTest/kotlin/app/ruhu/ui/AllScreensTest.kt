// Every preview state of every screen, in normal and elder mode at 360×800 dp: a screenshot in
// build/compose-screens/, every clickable labelled for TalkBack and at least the mode's touch
// target, and in elder mode every text drawn between 18 and 30 sp.
package app.ruhu.ui

import androidx.compose.ui.test.ExperimentalTestApi
import org.junit.Assert.assertTrue
import org.junit.Test

/** The previews that only wait (nothing to tap while the core works). */
private val waitingPreviews = setOf("enrollment-enrolling", "sync-cancelling", "settings-wiping")

@OptIn(ExperimentalTestApi::class)
class AllScreensTest {
    @Test
    fun every_preview_in_both_modes_has_labelled_clickables_of_the_touch_target_size() {
        val failures = mutableListOf<String>()
        for ((name, content) in allPreviews()) {
            for (elder in listOf(false, true)) {
                runScreen(elder, content, screenshot = name) {
                    try {
                        clickableViolations(elder, noneExpected = name in waitingPreviews).forEach { failures += "$name elder=$elder: ${it.what}: ${it.node}" }
                    } catch (e: IllegalStateException) {
                        failures += "$name elder=$elder: ${e.message}"
                    }
                }
            }
        }
        assertTrue(failures.joinToString("\n"), failures.isEmpty())
    }

    @Test
    fun every_text_in_elder_mode_is_drawn_between_18_and_30_sp() {
        val failures = mutableListOf<String>()
        for ((name, content) in allPreviews()) {
            runScreen(elder = true, content) {
                val sizes = drawnTextSizes()
                if (sizes.isEmpty()) failures += "$name shows no text"
                sizes.filter { (_, sp) -> sp !in 18f..30f }.forEach { failures += "$name: $it" }
            }
        }
        assertTrue(failures.joinToString("\n"), failures.isEmpty())
    }

    @Test
    fun every_screen_has_previews() {
        val screens = allPreviews().keys.map { it.substringBefore('-') }.toSet()
        assertTrue(screens.toString(), screens.containsAll(listOf("home", "enrollment", "emergency", "households", "sync", "settings", "householdscreen", "householdform", "case", "conflicts", "signature")))
    }
}
