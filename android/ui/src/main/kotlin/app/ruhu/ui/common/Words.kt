// The Chinese words the screens show for the presentation module's problems and the core's
// enums and times: one place, so every screen says the same thing the same way.
package app.ruhu.ui.common

import app.ruhu.presentation.core.Problem
import uniffi.ruhu_core.CasePath
import uniffi.ruhu_core.CaseStatus
import uniffi.ruhu_core.ClockState
import uniffi.ruhu_core.EmergencyKind
import uniffi.ruhu_core.Housing
import uniffi.ruhu_core.RefusalAction
import uniffi.ruhu_core.Sex
import uniffi.ruhu_core.Urgency
import java.time.Instant
import java.time.ZoneId
import java.time.format.DateTimeFormatter

/** The words for [problem]: the core's own where it gives them. */
fun problemText(problem: Problem): String = when (problem) {
    is Problem.Words -> problem.text
    is Problem.Fields -> problem.problems.joinToString("；") { it.reason }
    is Problem.SyncFailed -> if (problem.retry) "同步没有完成：${problem.reason}。稍后再试。" else "同步没有完成：${problem.reason}"
    is Problem.OutsideScope -> "文件里有 ${problem.count} 户不在您的网格，没有导入"
    Problem.Revoked -> "本机已停用，资料已清除"
    Problem.NotEnrolled -> "请先登记本机"
    Problem.OtherCounty -> "本机已登记在别的县"
    Problem.NotFound -> "没有找到，请先同步"
    Problem.StorageFull -> "手机空间已满，没有保存"
    Problem.StoreUnreadable -> "本机资料打不开，请联系乡镇"
    Problem.NewerVersion -> "资料来自新版本，请升级应用"
    Problem.SyncCancelled -> "已停止同步，资料没有丢失"
    is Problem.UnsyncedWork -> "还有${problem.documents}条记录和${problem.photos}张照片没有同步到县里，退出会丢失，请先同步"
    is Problem.Internal -> "应用出错了（${problem.detail}），请联系乡镇"
}

/** 紧急 / 较急 / 一般. */
fun urgencyText(urgency: Urgency): String = when (urgency) {
    Urgency.IMMEDIATE -> "紧急"
    Urgency.HIGH -> "较急"
    Urgency.NORMAL -> "一般"
}

/** Where a clock stands, in words. */
fun clockStateText(state: ClockState): String = when (state) {
    ClockState.RUNNING -> "进行中"
    ClockState.DUE_SOON -> "即将到期"
    ClockState.OVERDUE -> "已超期"
}

/** The kinds of emergency, in the words of the 发现急难 sheet. */
fun emergencyKindText(kind: EmergencyKind): String = when (kind) {
    EmergencyKind.FIRE -> "火灾"
    EmergencyKind.TRAFFIC_ACCIDENT -> "交通事故"
    EmergencyKind.SUDDEN_ILLNESS -> "突发疾病"
    EmergencyKind.ACCIDENT -> "意外伤害"
    EmergencyKind.NATURAL_DISASTER -> "自然灾害"
    EmergencyKind.MAJOR_ILLNESS -> "重大疾病"
    EmergencyKind.OTHER -> "其他"
}

/** How urgent a case is, with the time it must be handled in. */
fun casePathText(path: CasePath): Pair<String, String> = when (path) {
    CasePath.CRITICAL -> "紧急" to "2 小时内处置"
    CasePath.URGENT -> "急难" to "24 小时内处置"
    CasePath.NORMAL -> "常规" to "按一般程序办理"
}

/** Where a case stands. */
fun caseStatusText(status: CaseStatus): String = when (status) {
    CaseStatus.REPORTED -> "已上报"
    CaseStatus.ACCEPTED -> "已受理"
    CaseStatus.INVESTIGATED -> "已调查"
    CaseStatus.REVIEWED -> "已审核"
    CaseStatus.APPROVED -> "已批准"
    CaseStatus.REJECTED -> "不予救助"
    CaseStatus.CLOSED -> "已结案"
}

/** 男 / 女. */
fun sexText(sex: Sex): String = when (sex) {
    Sex.MALE -> "男"
    Sex.FEMALE -> "女"
}

/** The kinds of housing on the registration form. */
fun housingText(housing: Housing): String = when (housing) {
    Housing.OWNED_SAFE -> "自有住房，安全"
    Housing.OWNED_UNSAFE -> "自有住房，有危险"
    Housing.RENTED -> "租房"
    Housing.BORROWED -> "借住"
    Housing.DISASTER_DAMAGED -> "受灾损毁"
    Housing.NONE -> "无住房"
}

/** What the worker does about a document the county refused. */
fun refusalActionText(action: RefusalAction): String = when (action) {
    RefusalAction.HAND_BACK -> "请修改后重新同步"
    RefusalAction.ASK_TOWNSHIP -> "请联系乡镇处理"
}

/** Household categories by code; an unknown code is shown as it is. */
fun categoryText(code: String): String = when (code) {
    "dibao" -> "低保"
    "tekun" -> "特困"
    "low_income" -> "低收入"
    "orphan" -> "孤儿"
    "vulnerable_child" -> "困境儿童"
    "disability_subsidy" -> "残疾人补贴"
    "expenditure_hardship" -> "支出型困难"
    else -> code
}

private val timeFormat = DateTimeFormatter.ofPattern("M月d日 HH:mm").withZone(ZoneId.of("Asia/Shanghai"))

/** A moment as the worker reads it, in Beijing time: "12月1日 09:30". */
fun timeText(ms: Long): String = timeFormat.format(Instant.ofEpochMilli(ms))

/** A case clock by its policy code; an unknown code is shown as 办理时限. */
fun caseClockText(code: String): String = when (code) {
    "advance_aid_critical" -> "先行救助（紧急）"
    "advance_aid_urgent" -> "先行救助（急难）"
    "materials_after_advance_aid" -> "救助后补齐材料"
    "home_visit_start" -> "入户调查"
    "preliminary_review" -> "调查初审"
    "township_approval" -> "乡镇审核审批"
    "county_decision" -> "县里决定"
    "rejection_notice" -> "告知不予救助"
    "publicity" -> "村内公示"
    "referral_feedback" -> "转办回复"
    else -> "办理时限"
}
