// What 我的走访 shows: the visit tasks in the core's order with their clocks, and the worker.
package app.ruhu.presentation.home

import app.ruhu.presentation.core.Problem
import uniffi.ruhu_core.ClockState
import uniffi.ruhu_core.Urgency
import uniffi.ruhu_core.VisitTaskRecord

/** The home screen (我的走访). The 发现急难 button opens the emergency presenter's flow. */
data class HomeState(
    /** The worker's name, once enrolled. */
    val workerName: String? = null,
    /** Open visit tasks, overdue first then by urgency and due day, as the core orders them. */
    val visits: List<VisitItem> = emptyList(),
    /** Whether the list is being read. */
    val loading: Boolean = true,
    /** What went wrong reading it. */
    val problem: Problem? = null,
)

/** One visit task as a row. */
data class VisitItem(
    /** Task id, to close the task. */
    val taskId: String,
    /** The household to visit. */
    val householdId: String,
    /** Why, in the core's words. */
    val reason: String,
    /** How soon. */
    val urgency: Urgency,
    /** The last day for the visit (YYYY-MM-DD). */
    val dueOn: String,
    /** Where its clock stands (进行中 / 即将到期 / 已超期). */
    val clock: ClockState,
) {
    companion object {
        /** The row for a core visit task. */
        fun of(task: VisitTaskRecord) = VisitItem(
            taskId = task.id,
            householdId = task.householdId,
            reason = task.reason,
            urgency = task.urgency,
            dueOn = task.dueOn,
            clock = task.clock,
        )
    }
}
