// Named placeholder destinations for screens neither :ui nor this module has yet (household
// detail, the case, 发现急难's form). Each says so on screen and offers what the app module itself
// owns for that record: taking a photo and sending it to a colleague. Listed in android/README.md.
package app.ruhu.app.screens

import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.res.stringResource
import app.ruhu.app.R

/** The household detail screen, still to come; [onPhoto] and [onSend] for this household. */
@Composable
fun HouseholdPlaceholder(onPhoto: () -> Unit, onSend: () -> Unit) {
    ScreenColumn(stringResource(R.string.placeholder_household)) {
        Text(stringResource(R.string.placeholder_note))
        BigButton(stringResource(R.string.photo_take)) { onPhoto() }
        BigButton(stringResource(R.string.handover_send)) { onSend() }
    }
}

/** The case screen, still to come; [onPhoto] and [onSend] for this case. */
@Composable
fun CasePlaceholder(onPhoto: () -> Unit, onSend: () -> Unit) {
    ScreenColumn(stringResource(R.string.placeholder_case)) {
        Text(stringResource(R.string.placeholder_note))
        BigButton(stringResource(R.string.photo_take)) { onPhoto() }
        BigButton(stringResource(R.string.handover_send)) { onSend() }
    }
}

/** 发现急难's form, still to come (EmergencyPresenter exists; its view does not). */
@Composable
fun EmergencyPlaceholder() {
    ScreenColumn(stringResource(R.string.placeholder_emergency)) {
        Text(stringResource(R.string.placeholder_note))
    }
}

/** The store cannot be read: said plainly; the file is kept for the county's support. */
@Composable
fun StoreUnreadableScreen(detail: String) {
    ScreenColumn(stringResource(R.string.store_unreadable_title)) {
        Text(stringResource(R.string.store_unreadable))
        Text(detail)
    }
}
