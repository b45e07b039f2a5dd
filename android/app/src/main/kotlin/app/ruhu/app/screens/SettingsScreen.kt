// Stand-in settings screen (the ui module has none yet): 长辈版, the version, and leaving the
// county — the wipe, confirmed twice in plain words since it cannot be undone.
package app.ruhu.app.screens

import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import app.ruhu.app.BuildConfig
import app.ruhu.app.R

/**
 * Settings.
 *
 * @param wiping true while the wipe runs.
 * @param onLeaveCounty called once the worker confirmed leaving the county.
 */
@Composable
fun SettingsScreen(elder: Boolean, onElderChange: (Boolean) -> Unit, wiping: Boolean, onLeaveCounty: () -> Unit) {
    var confirm by rememberSaveable { mutableStateOf(false) }
    ScreenColumn(stringResource(R.string.settings_title)) {
        Row(Modifier.fillMaxWidth(), verticalAlignment = Alignment.CenterVertically) {
            Text(stringResource(R.string.settings_elder), Modifier.weight(1f))
            Switch(checked = elder, onCheckedChange = onElderChange)
        }
        Text(stringResource(R.string.settings_version, BuildConfig.VERSION_NAME))
        BigButton(stringResource(if (wiping) R.string.settings_wiping else R.string.settings_leave), enabled = !wiping) { confirm = true }
    }
    if (confirm) {
        AlertDialog(
            onDismissRequest = { confirm = false },
            title = { Text(stringResource(R.string.settings_leave)) },
            text = { Text(stringResource(R.string.settings_leave_confirm)) },
            confirmButton = {
                TextButton(onClick = {
                    confirm = false
                    onLeaveCounty()
                }) { Text(stringResource(R.string.settings_leave_yes)) }
            },
            dismissButton = { TextButton(onClick = { confirm = false }) { Text(stringResource(R.string.action_cancel)) } },
        )
    }
}
