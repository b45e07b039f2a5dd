// Reads what a composable function returns (a word from the string resources, say) outside a
// screen, for tests of the functions that turn values into words.
package app.ruhu.ui

import androidx.compose.runtime.Composable
import androidx.compose.ui.ImageComposeScene

/** The value [block] returns when composed once. */
fun <T> composed(block: @Composable () -> T): T {
    var result: Result<T>? = null
    val scene = ImageComposeScene(width = 1, height = 1) { result = runCatching { block() } }
    scene.close()
    return checkNotNull(result) { "the block was not composed" }.getOrThrow()
}
