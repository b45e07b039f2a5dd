// Named placeholder destinations for screens neither :ui nor this module has yet (household
// detail, the case, the household form, conflicts, the signature pad). Each says so on screen and
// offers what the app module itself owns for that record (a photo, sending it to a colleague) and
// the routes the coming screens take, with their ids. Listed in android/README.md.
package app.ruhu.app.screens

import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.res.stringResource
import app.ruhu.app.R

/** The household detail screen, still to come; photo, handover, the form and conflicts for this household. */
@Composable
fun HouseholdPlaceholder(onPhoto: () -> Unit, onSend: () -> Unit, onEdit: () -> Unit, onConflicts: () -> Unit) {
    ScreenColumn(stringResource(R.string.placeholder_household)) {
        Text(stringResource(R.string.placeholder_note))
        BigButton(stringResource(R.string.photo_take)) { onPhoto() }
        BigButton(stringResource(R.string.handover_send)) { onSend() }
        BigButton(stringResource(R.string.household_edit)) { onEdit() }
        BigButton(stringResource(R.string.household_conflicts)) { onConflicts() }
    }
}

/** The case screen, still to come; photo, handover and the signature pad for this case. */
@Composable
fun CasePlaceholder(onPhoto: () -> Unit, onSend: () -> Unit, onSign: () -> Unit) {
    ScreenColumn(stringResource(R.string.placeholder_case)) {
        Text(stringResource(R.string.placeholder_note))
        BigButton(stringResource(R.string.photo_take)) { onPhoto() }
        BigButton(stringResource(R.string.handover_send)) { onSend() }
        BigButton(stringResource(R.string.case_sign)) { onSign() }
    }
}

/** A screen still to come (the household form, conflicts, the signature pad), titled [title]. */
@Composable
fun ComingPlaceholder(title: Int) {
    ScreenColumn(stringResource(title)) {
        Text(stringResource(R.string.placeholder_coming))
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
