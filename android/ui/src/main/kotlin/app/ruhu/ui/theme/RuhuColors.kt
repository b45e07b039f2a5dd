// The colour schemes of normal and elder mode. Elder mode is high contrast: darker text on a
// white ground. Every text colour is paired with its ground at a contrast of at least 4.5:1
// (checked by RuhuColorsContrastTest).
package app.ruhu.ui.theme

import androidx.compose.material3.ColorScheme
import androidx.compose.material3.lightColorScheme
import androidx.compose.runtime.staticCompositionLocalOf
import androidx.compose.ui.graphics.Color

/**
 * The Material 3 colour scheme of a mode.
 *
 * @param elder true for elder mode (长辈版), which uses the high-contrast scheme.
 */
fun ruhuColorScheme(elder: Boolean): ColorScheme = if (elder) elderScheme else normalScheme

/**
 * The colours of an overdue clock and its ground. Overdue is also said in words (已超时), never
 * by colour alone.
 */
data class OverdueColors(val content: Color, val container: Color)

/** The overdue colours of a mode. */
fun ruhuOverdueColors(elder: Boolean): OverdueColors =
    if (elder) OverdueColors(Color(0xFF7A0000), Color(0xFFFFE4E1)) else OverdueColors(Color(0xFF9C1B1B), Color(0xFFFDECEA))

/** The overdue colours of the mode the screen is shown in; set by [RuhuTheme]. */
val LocalOverdueColors = staticCompositionLocalOf { ruhuOverdueColors(elder = false) }

private val normalScheme = lightColorScheme(
    primary = Color(0xFF1F5C99),
    onPrimary = Color.White,
    primaryContainer = Color(0xFFD6E6F7),
    onPrimaryContainer = Color(0xFF0B2947),
    secondary = Color(0xFF4F5B66),
    onSecondary = Color.White,
    error = Color(0xFFB3261E),
    onError = Color.White,
    errorContainer = Color(0xFFF9DEDC),
    onErrorContainer = Color(0xFF410E0B),
    background = Color(0xFFF7F9FC),
    onBackground = Color(0xFF1A1C1E),
    surface = Color.White,
    onSurface = Color(0xFF1A1C1E),
    surfaceVariant = Color(0xFFE7ECF2),
    onSurfaceVariant = Color(0xFF41484F),
)

private val elderScheme = lightColorScheme(
    primary = Color(0xFF0B3D6E),
    onPrimary = Color.White,
    primaryContainer = Color(0xFFCFE2F5),
    onPrimaryContainer = Color(0xFF001B33),
    secondary = Color(0xFF2E363D),
    onSecondary = Color.White,
    error = Color(0xFF8C1D18),
    onError = Color.White,
    errorContainer = Color(0xFFFFE4E1),
    onErrorContainer = Color(0xFF2D0000),
    background = Color.White,
    onBackground = Color.Black,
    surface = Color.White,
    onSurface = Color.Black,
    surfaceVariant = Color(0xFFEDEFF2),
    onSurfaceVariant = Color(0xFF1F2327),
)
