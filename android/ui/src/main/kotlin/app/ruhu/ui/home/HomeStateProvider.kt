// Preview states of the 我的走访 screen (empty, a few tasks, one overdue), used by the screen
// tests and screenshots. The people and villages are fictional.
package app.ruhu.ui.home

/** The named preview states of the 我的走访 screen; [eventSink] receives their events. */
fun homePreviewStates(eventSink: (HomeEvent) -> Unit = {}): Map<String, HomeState> = mapOf(
    "empty" to HomeState(tasks = emptyList(), eventSink = eventSink),
    "tasks" to HomeState(tasks = previewTasks, eventSink = eventSink),
    "overdue" to HomeState(tasks = listOf(overdueTask) + previewTasks, eventSink = eventSink),
)

private val overdueTask = VisitTask(
    id = "task-overdue",
    kind = VisitTaskKind.CaseStep,
    household = "赵桂兰 · 东山村",
    detail = "入户调查未完成",
    minutesLeft = -35,
)

private val previewTasks = listOf(
    VisitTask("task-1", VisitTaskKind.CaseStep, "王建国 · 柳树村", "先行救助待发放", 80),
    VisitTask("task-2", VisitTaskKind.Retake, "李秀英 · 柳树村", "补拍房屋照片：照片模糊", 6 * 60),
    VisitTask("task-3", VisitTaskKind.Warning, "陈志强 · 河西村", "人均收入低于低保线", 2 * 24 * 60 + 3 * 60),
    VisitTask("task-4", VisitTaskKind.ReviewDue, "刘淑芬 · 河西村", "季度复核", null),
)
