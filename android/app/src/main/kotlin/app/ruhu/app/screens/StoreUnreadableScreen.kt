// The screen shown when the store cannot be read (every other destination has its ui view).
package app.ruhu.app.screens

import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.res.stringResource
import app.ruhu.app.R

/** The store cannot be read: said plainly; the file is kept for the county's support. */
@Composable
fun StoreUnreadableScreen(detail: String) {
    ScreenColumn(stringResource(R.string.store_unreadable_title)) {
        Text(stringResource(R.string.store_unreadable))
        Text(detail)
    }
}
