// The enrollment screen on the presentation module's EnrollmentState: 扫码登记 (the app opens
// the camera and sends what it read as QrScanned), or the county's address and the code typed
// by hand; then the worker this phone was enrolled for, or the revocation notice.
package app.ruhu.ui.enrollment

import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import app.ruhu.ui.R
import app.ruhu.presentation.enrollment.EnrollmentEvents
import app.ruhu.presentation.enrollment.EnrollmentState
import app.ruhu.presentation.enrollment.EnrollmentStep
import app.ruhu.ui.common.BodyText
import app.ruhu.ui.common.DetailText
import app.ruhu.ui.common.LabeledField
import app.ruhu.ui.common.PrimaryButton
import app.ruhu.ui.common.ProblemBox
import app.ruhu.ui.common.ScreenColumn
import app.ruhu.ui.common.SectionTitle
import app.ruhu.ui.common.problemText

/**
 * The enrollment screen for [state].
 *
 * @param onEvent the enrollment presenter's events.
 * @param onScan 扫码登记 tapped: the app opens the camera and sends [EnrollmentEvents.QrScanned].
 * @param onDone 开始工作 tapped once enrolled: the app goes to 我的走访.
 */
@Composable
fun EnrollmentView(
    state: EnrollmentState,
    onEvent: (EnrollmentEvents) -> Unit,
    onScan: () -> Unit,
    onDone: () -> Unit,
    modifier: Modifier = Modifier,
) {
    ScreenColumn(title = stringResource(R.string.enrollment_title), modifier = modifier) {
        when (val step = state.step) {
            EnrollmentStep.Form -> {
                BodyText(stringResource(R.string.enrollment_scan_intro))
                PrimaryButton(stringResource(R.string.enrollment_scan), onClick = onScan, description = stringResource(R.string.enrollment_scan_description))
                state.problem?.let { ProblemBox(problemText(it), onDismiss = { onEvent(EnrollmentEvents.Dismiss) }) }
                SectionTitle(stringResource(R.string.enrollment_by_hand))
                LabeledField(stringResource(R.string.enrollment_server), state.serverUrl, { onEvent(EnrollmentEvents.ServerUrlChanged(it)) }, hint = stringResource(R.string.enrollment_server_hint))
                LabeledField(stringResource(R.string.enrollment_code), state.code, { onEvent(EnrollmentEvents.CodeChanged(it)) })
                PrimaryButton(stringResource(R.string.enrollment_submit), onClick = { onEvent(EnrollmentEvents.Submit) }, enabled = state.canSubmit)
            }
            EnrollmentStep.Enrolling -> BodyText(stringResource(R.string.enrollment_enrolling))
            is EnrollmentStep.Enrolled -> {
                BodyText(stringResource(R.string.enrollment_done))
                SectionTitle(step.worker.displayName)
                DetailText(stringResource(R.string.enrollment_worker_id, step.worker.workerId))
                DetailText(stringResource(R.string.enrollment_county, step.worker.countyCode))
                PrimaryButton(stringResource(R.string.enrollment_start), onClick = onDone)
            }
            EnrollmentStep.Revoked -> {
                ProblemBox(stringResource(R.string.enrollment_revoked))
                PrimaryButton(stringResource(R.string.common_ok), onClick = { onEvent(EnrollmentEvents.Dismiss) })
            }
        }
    }
}
