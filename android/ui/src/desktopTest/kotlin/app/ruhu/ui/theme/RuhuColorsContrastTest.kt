// Every text colour of both themes against the ground it is drawn on reaches WCAG 4.5:1.
package app.ruhu.ui.theme

import androidx.compose.ui.graphics.Color
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test

class RuhuColorsContrastTest {
    private fun pairs(elder: Boolean): Map<String, Pair<Color, Color>> {
        val s = ruhuColorScheme(elder)
        val overdue = ruhuOverdueColors(elder)
        return mapOf(
            "onPrimary/primary" to (s.onPrimary to s.primary),
            "onPrimaryContainer/primaryContainer" to (s.onPrimaryContainer to s.primaryContainer),
            "primary/surface" to (s.primary to s.surface),
            "onSecondary/secondary" to (s.onSecondary to s.secondary),
            "onError/error" to (s.onError to s.error),
            "onErrorContainer/errorContainer" to (s.onErrorContainer to s.errorContainer),
            "onBackground/background" to (s.onBackground to s.background),
            "onSurface/surface" to (s.onSurface to s.surface),
            "onSurfaceVariant/surface" to (s.onSurfaceVariant to s.surface),
            "onSurfaceVariant/surfaceVariant" to (s.onSurfaceVariant to s.surfaceVariant),
            "overdue" to (overdue.content to overdue.container),
        )
    }

    private fun failing(elder: Boolean) = pairs(elder)
        .mapValues { (_, p) -> contrastRatio(p.first, p.second) }
        .filterValues { it < 4.5 }

    @Test
    fun normal_theme_text_pairs_reach_4_5_to_1() = assertTrue(failing(elder = false).toString(), failing(elder = false).isEmpty())

    @Test
    fun elder_theme_text_pairs_reach_4_5_to_1() = assertTrue(failing(elder = true).toString(), failing(elder = true).isEmpty())

    @Test
    fun contrast_of_black_on_white_is_21_and_of_a_colour_on_itself_is_1() {
        assertEquals(21.0, contrastRatio(Color.Black, Color.White), 0.01)
        assertEquals(1.0, contrastRatio(Color(0xFF777777), Color(0xFF777777)), 0.0001)
    }
}
