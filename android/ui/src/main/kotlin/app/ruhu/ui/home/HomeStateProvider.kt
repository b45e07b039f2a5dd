// Preview states of the 我的走访 screen on the presentation module's HomeState (loading, empty,
// a few tasks, one overdue, still looking for new ones, waiting for next year's calendar, a problem), used by the screen tests and screenshots. Fictional data.
package app.ruhu.ui.home

import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.home.HomeState
import app.ruhu.presentation.home.VisitItem
import uniffi.ruhu_core.ClockState
import uniffi.ruhu_core.Urgency

/** The named preview states of the 我的走访 screen. */
fun homePreviewStates(): Map<String, HomeState> = mapOf(
    "loading" to HomeState(workerName = "张丽华", loading = true),
    "empty" to HomeState(workerName = "张丽华", loading = false),
    "tasks" to HomeState(workerName = "张丽华", visits = previewVisits, loading = false),
    "overdue" to HomeState(workerName = "张丽华", visits = listOf(overdueVisit) + previewVisits, loading = false),
    "checking" to HomeState(workerName = "张丽华", visits = previewVisits, loading = false, checking = true),
    "calendar" to HomeState(workerName = "张丽华", visits = previewVisits, loading = false, waitingForCalendar = 12),
    "problem" to HomeState(workerName = "张丽华", loading = false, problem = Problem.StoreUnreadable),
)

private val overdueVisit = VisitItem("task-overdue", "hh-7", "贾秀梅 · 前进村 · 3组11号", "入户调查未完成", Urgency.IMMEDIATE, "2026-11-30", ClockState.OVERDUE)

private val previewVisits = listOf(
    VisitItem("task-1", "hh-1", "郑德全 · 前进村 · 1组2号", "先行救助待发放", Urgency.IMMEDIATE, "2026-12-01", ClockState.DUE_SOON),
    VisitItem("task-2", "hh-2", "韩桂兰 · 东营村 · 5组7号", "补拍房屋照片：照片模糊", Urgency.HIGH, "2026-12-03", ClockState.RUNNING),
    VisitItem("task-3", "hh-3", "冯志强 · 前进村 · 2组9号", "人均收入低于低保线", Urgency.NORMAL, "2026-12-10", ClockState.RUNNING),
)
