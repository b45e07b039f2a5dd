// The enrollment screen on the presentation module's EnrollmentState: 扫码登记 (the app opens
// the camera and sends what it read as QrScanned), or the county's address and the code typed
// by hand; then the worker this phone was enrolled for, or the revocation notice.
package app.ruhu.ui.enrollment

import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
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
    ScreenColumn(title = "登记本机", modifier = modifier) {
        when (val step = state.step) {
            EnrollmentStep.Form -> {
                BodyText("请扫描乡镇给您的登记二维码。")
                PrimaryButton("扫码登记", onClick = onScan, description = "扫码登记，打开相机扫描登记二维码")
                state.problem?.let { ProblemBox(problemText(it), onDismiss = { onEvent(EnrollmentEvents.Dismiss) }) }
                SectionTitle("没有二维码时手动输入")
                LabeledField("县里的服务地址", state.serverUrl, { onEvent(EnrollmentEvents.ServerUrlChanged(it)) }, hint = "以 https:// 开头")
                LabeledField("登记码", state.code, { onEvent(EnrollmentEvents.CodeChanged(it)) })
                PrimaryButton("登记", onClick = { onEvent(EnrollmentEvents.Submit) }, enabled = state.canSubmit)
            }
            EnrollmentStep.Enrolling -> BodyText("正在登记，请稍候…")
            is EnrollmentStep.Enrolled -> {
                BodyText("登记成功。")
                SectionTitle(step.worker.displayName)
                DetailText("工号 ${step.worker.workerId}")
                DetailText("所属县 ${step.worker.countyCode}")
                PrimaryButton("开始工作", onClick = onDone)
            }
            EnrollmentStep.Revoked -> {
                ProblemBox("本机已被县里停用，本机上的资料已清除。需要继续使用，请找乡镇重新登记。")
                PrimaryButton("知道了", onClick = { onEvent(EnrollmentEvents.Dismiss) })
            }
        }
    }
}
