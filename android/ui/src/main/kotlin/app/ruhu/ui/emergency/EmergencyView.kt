// The 发现急难 sheet on the presentation module's EmergencyState, one step at a time: choose the
// household (or register a family not on the phone), the kind of emergency and how urgent, then
// the reported case with its clocks in words. The app shows it as a full-height sheet.
package app.ruhu.ui.emergency

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import app.ruhu.presentation.emergency.EmergencyEvents
import app.ruhu.presentation.emergency.EmergencyState
import app.ruhu.presentation.emergency.EmergencyStep
import app.ruhu.presentation.emergency.NewHouseholdForm
import app.ruhu.ui.common.BodyText
import app.ruhu.ui.common.ChoiceRow
import app.ruhu.ui.common.DetailText
import app.ruhu.ui.common.LabeledField
import app.ruhu.ui.common.PrimaryButton
import app.ruhu.ui.common.ProblemBox
import app.ruhu.ui.common.ScreenColumn
import app.ruhu.ui.common.SecondaryButton
import app.ruhu.ui.common.SectionTitle
import app.ruhu.ui.common.caseClockText
import app.ruhu.ui.common.casePathText
import app.ruhu.ui.common.caseStatusText
import app.ruhu.ui.common.clockStateText
import app.ruhu.ui.common.emergencyKindText
import app.ruhu.ui.common.housingText
import app.ruhu.ui.common.problemText
import app.ruhu.ui.common.sexText
import app.ruhu.ui.common.timeText
import app.ruhu.ui.home.dueClockText
import app.ruhu.ui.households.HouseholdRow
import uniffi.ruhu_core.CaseDetail
import uniffi.ruhu_core.CasePath
import uniffi.ruhu_core.EmergencyKind
import uniffi.ruhu_core.Housing
import uniffi.ruhu_core.Sex

/**
 * The 发现急难 sheet for [state].
 *
 * @param onEvent the emergency presenter's events.
 * @param nowMs the present moment, to say how long a case's clock has left.
 * @param onClose 完成 tapped once the case is reported: the app closes the sheet.
 */
@Composable
fun EmergencyView(
    state: EmergencyState,
    onEvent: (EmergencyEvents) -> Unit,
    nowMs: Long,
    onClose: () -> Unit,
    modifier: Modifier = Modifier,
) {
    ScreenColumn(title = "发现急难", modifier = modifier) {
        state.problem?.let { ProblemBox(problemText(it)) }
        if (state.working) BodyText("正在保存，请稍候…")
        when (state.step) {
            EmergencyStep.ChooseHousehold -> ChooseHousehold(state, onEvent)
            EmergencyStep.RegisterHousehold -> RegisterHousehold(state.form, onEvent)
            EmergencyStep.DescribeEmergency -> Describe(state, onEvent)
            EmergencyStep.Reported -> state.case?.let { Reported(it, nowMs, onClose) }
        }
    }
}

@Composable
private fun ChooseHousehold(state: EmergencyState, onEvent: (EmergencyEvents) -> Unit) {
    BodyText("第 1 步：是哪一户？")
    LabeledField("查找户主", state.searchText, { onEvent(EmergencyEvents.SearchChanged(it)) }, hint = "姓名、拼音或身份证后几位")
    state.results.forEach { household ->
        HouseholdRow(household, onOpen = { onEvent(EmergencyEvents.HouseholdChosen(household)) }, actionLabel = "选这一户")
    }
    if (state.searchText.isNotBlank() && state.results.isEmpty()) DetailText("没有找到这一户。")
    PrimaryButton("本机上没有，登记新户", onClick = { onEvent(EmergencyEvents.RegisterNew) })
}

@Composable
private fun RegisterHousehold(form: NewHouseholdForm, onEvent: (EmergencyEvents) -> Unit) {
    val change = { f: NewHouseholdForm -> onEvent(EmergencyEvents.FormChanged(f)) }
    BodyText("登记新户：先填最要紧的，其余以后补。")
    LabeledField("户主姓名（必填）", form.headName, { change(form.copy(headName = it)) })
    LabeledField("户主身份证号", form.headIdNumber, { change(form.copy(headIdNumber = it)) }, hint = "不知道可以先空着")
    SectionTitle("户主性别（必填）")
    Sex.entries.forEach { sex -> ChoiceRow(sexText(sex), form.headSex == sex, { change(form.copy(headSex = sex)) }) }
    LabeledField("出生日期（必填）", form.headBirthDate, { change(form.copy(headBirthDate = it)) }, hint = "如 1956-03-08")
    LabeledField("村（必填）", form.villageName, { change(form.copy(villageName = it)) })
    LabeledField("网格（必填）", form.gridCode, { change(form.copy(gridCode = it)) })
    LabeledField("门牌", form.address, { change(form.copy(address = it)) })
    LabeledField("联系电话", form.phone, { change(form.copy(phone = it)) })
    SectionTitle("住房（必填）")
    Housing.entries.forEach { h -> ChoiceRow(housingText(h), form.housing == h, { change(form.copy(housing = h)) }) }
    PrimaryButton("保存这一户", onClick = { onEvent(EmergencyEvents.SaveHousehold) }, enabled = form.complete)
    SecondaryButton("返回", onClick = { onEvent(EmergencyEvents.Back) })
}

@Composable
private fun Describe(state: EmergencyState, onEvent: (EmergencyEvents) -> Unit) {
    state.household?.let { SectionTitle("户主：${it.headName}") }
    BodyText("第 2 步：出了什么事？")
    EmergencyKind.entries.forEach { kind ->
        ChoiceRow(emergencyKindText(kind), state.kind == kind, { onEvent(EmergencyEvents.KindChosen(kind)) })
    }
    BodyText("第 3 步：有多急？")
    listOf(CasePath.CRITICAL, CasePath.URGENT, CasePath.NORMAL).forEach { path ->
        val (label, detail) = casePathText(path)
        ChoiceRow(label, state.path == path, { onEvent(EmergencyEvents.PathChosen(path)) }, detail = detail)
    }
    LabeledField("简单说一下情况", state.description, { onEvent(EmergencyEvents.DescriptionChanged(it)) })
    PrimaryButton("上报", onClick = { onEvent(EmergencyEvents.Report) }, enabled = state.canReport, danger = true)
    SecondaryButton("返回", onClick = { onEvent(EmergencyEvents.Back) })
}

@Composable
private fun Reported(case: CaseDetail, nowMs: Long, onClose: () -> Unit) {
    val (pathLabel, pathDetail) = casePathText(case.path)
    SectionTitle("已上报：$pathLabel，$pathDetail")
    DetailText("上报时间 ${timeText(case.openedAtMs)} · ${caseStatusText(case.status)}")
    case.nextDeadlineMs?.let { due ->
        val clock = dueClockText((due - nowMs) / 60_000) ?: ""
        if (case.overdue || due < nowMs) ProblemBox("已超时，请马上处理（$clock）") else BodyText("下一步 $clock（${timeText(due)} 前）")
    }
    case.clocks.forEach { c ->
        Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            val where = c.state?.let { clockStateText(it) } ?: (c.warning ?: "时限未定")
            val due = c.dueMs?.let { "${timeText(it)} 前" } ?: ""
            DetailText("${caseClockText(c.clock)}：$where $due")
        }
    }
    PrimaryButton("完成", onClick = onClose)
}
