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
    /** Whether the list is being read (nothing to show yet). */
    val loading: Boolean = true,
    /** Whether the core is still looking for new visits (the list shown may grow). */
    val checking: Boolean = false,
    /**
     * Households whose visits cannot be dated until the county sends next year's holiday
     * schedule; the screen says so, since their tasks are missing from the list meanwhile.
     */
    val waitingForCalendar: Int = 0,
    /** What went wrong reading it. */
    val problem: Problem? = null,
)

/** One visit task as a row. */
data class VisitItem(
    /** Task id, to close the task. */
    val taskId: String,
    /** The household to visit. */
    val householdId: String,
    /** Who and where: the head's name, the village and the address (户主 · 村 · 地址). */
    val household: String,
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
            household = listOf(task.headName, task.villageName, task.address)
                .filter { it.isNotBlank() }
                .joinToString(" · "),
            reason = task.reason,
            urgency = task.urgency,
            dueOn = task.dueOn,
            clock = task.clock,
        )
    }
}
