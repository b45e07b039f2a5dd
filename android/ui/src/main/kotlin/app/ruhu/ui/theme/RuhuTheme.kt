// The app's Material 3 theme in normal or elder (长辈版) mode: colours, type sizes and the
// smallest touch target every screen reads through LocalRuhuSizes.
package app.ruhu.ui.theme

import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Typography
import androidx.compose.runtime.Composable
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.ui.text.TextStyle
import androidx.compose.ui.text.font.FontWeight

/**
 * Shows [content] in the app's theme.
 *
 * @param elder true for elder mode (长辈版): larger text and targets, higher contrast.
 */
@Composable
fun RuhuTheme(elder: Boolean, content: @Composable () -> Unit) {
    val sizes = if (elder) RuhuSizes.Elder else RuhuSizes.Normal
    CompositionLocalProvider(LocalRuhuSizes provides sizes, LocalOverdueColors provides ruhuOverdueColors(elder)) {
        MaterialTheme(
            colorScheme = ruhuColorScheme(elder),
            typography = ruhuTypography(sizes),
            content = content,
        )
    }
}

private fun ruhuTypography(sizes: RuhuSizes): Typography {
    val base = Typography()
    return base.copy(
        headlineSmall = base.headlineSmall.copy(fontSize = sizes.titleText, lineHeight = sizes.titleText * 1.3f, fontWeight = FontWeight.Bold),
        titleMedium = base.titleMedium.copy(fontSize = sizes.bodyText, lineHeight = sizes.bodyText * 1.4f, fontWeight = FontWeight.SemiBold),
        bodyLarge = base.bodyLarge.copy(fontSize = sizes.bodyText, lineHeight = sizes.bodyText * 1.4f),
        bodyMedium = base.bodyMedium.copy(fontSize = sizes.secondaryText, lineHeight = sizes.secondaryText * 1.4f),
        labelLarge = TextStyle(fontSize = sizes.bodyText, lineHeight = sizes.bodyText * 1.3f, fontWeight = FontWeight.Bold),
    )
}
