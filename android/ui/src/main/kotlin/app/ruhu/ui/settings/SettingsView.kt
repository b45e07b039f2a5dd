// The settings screen on the presentation module's SettingsState: the 长辈版 switch (larger text
// and targets, higher contrast), who this phone is enrolled for, the app's version, and 退出本县.
// Leaving is asked twice when it would lose work: first here ("确定退出"), then, when the core
// says the county still lacks records or photos, with their numbers (Leaving.ConfirmLoss).
package app.ruhu.ui.settings

import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import app.ruhu.presentation.settings.Leaving
import app.ruhu.presentation.settings.SettingsEvents
import app.ruhu.presentation.settings.SettingsState
import app.ruhu.ui.R
import app.ruhu.ui.common.BodyText
import app.ruhu.ui.common.DetailText
import app.ruhu.ui.common.PrimaryButton
import app.ruhu.ui.common.ProblemBox
import app.ruhu.ui.common.ScreenColumn
import app.ruhu.ui.common.SecondaryButton
import app.ruhu.ui.common.SectionTitle
import app.ruhu.ui.common.SwitchRow
import app.ruhu.ui.common.problemText

/**
 * The settings screen for [state]; [onEvent] takes the settings presenter's events.
 *
 * @param asking whether the first "确定要退出本县吗？" is shown at first (previews and tests);
 *   afterwards the view keeps it, as the open sheet it is.
 */
@Composable
fun SettingsView(
    state: SettingsState,
    onEvent: (SettingsEvents) -> Unit,
    modifier: Modifier = Modifier,
    asking: Boolean = false,
) {
    var askingNow by rememberSaveable { mutableStateOf(asking) }
    ScreenColumn(title = stringResource(R.string.settings_view_title), modifier = modifier) {
        state.problem?.let { ProblemBox(problemText(it)) }
        when (val leaving = state.leaving) {
            Leaving.Working -> {
                BodyText(stringResource(R.string.settings_view_wiping))
                return@ScreenColumn
            }
            Leaving.Left -> {
                BodyText(stringResource(R.string.settings_view_left))
                return@ScreenColumn
            }
            is Leaving.ConfirmLoss -> {
                ProblemBox(stringResource(R.string.settings_view_loss_warning, leaving.documents.toLong(), leaving.photos.toLong()))
                PrimaryButton(stringResource(R.string.settings_view_loss_yes), onClick = { onEvent(SettingsEvents.ConfirmLeave) }, danger = true)
                SecondaryButton(stringResource(R.string.settings_view_loss_no), onClick = { onEvent(SettingsEvents.CancelLeave) })
                return@ScreenColumn
            }
            Leaving.No -> Unit
        }
        if (askingNow) {
            ProblemBox(stringResource(R.string.settings_view_leave_warning))
            BodyText(stringResource(R.string.settings_view_leave_question))
            PrimaryButton(stringResource(R.string.settings_view_leave_yes), onClick = {
                askingNow = false
                onEvent(SettingsEvents.Leave)
            }, danger = true)
            SecondaryButton(stringResource(R.string.common_cancel), onClick = { askingNow = false })
            return@ScreenColumn
        }
        SwitchRow(
            stringResource(R.string.settings_view_elder),
            state.elderMode,
            { onEvent(SettingsEvents.ElderMode(it)) },
            detail = stringResource(R.string.settings_view_elder_detail),
        )
        SectionTitle(stringResource(R.string.settings_view_about))
        state.workerName?.let { BodyText(stringResource(R.string.settings_view_worker, it)) }
        DetailText(stringResource(R.string.settings_view_version, state.version))
        SectionTitle(stringResource(R.string.settings_view_leave_section))
        DetailText(stringResource(R.string.settings_view_leave_when))
        PrimaryButton(stringResource(R.string.settings_view_leave), onClick = { askingNow = true }, danger = true)
    }
}
