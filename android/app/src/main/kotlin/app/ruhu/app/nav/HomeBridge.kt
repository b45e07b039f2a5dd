// Turns the presentation module's 我的走访 state into the ui module's stand-in HomeState (the
// two were written apart in round 1). Delete this once :ui renders the presenter's own state.
package app.ruhu.app.nav

import app.ruhu.presentation.home.VisitItem
import app.ruhu.ui.home.HomeEvent
import app.ruhu.ui.home.HomeState
import app.ruhu.ui.home.VisitTask
import app.ruhu.ui.home.VisitTaskKind
import java.time.Instant

/** The ui module's home state for [items]; [sink] gets the ui's events. */
fun homeStateOf(items: List<VisitItem>, now: Instant, sink: (HomeEvent) -> Unit): HomeState =
    HomeState(tasks = items.map { it.toTask(now) }, eventSink = sink)

private fun VisitItem.toTask(now: Instant) = VisitTask(
    id = taskId,
    // The presenter's row does not carry the core's task kind yet; every task shows as 预警.
    kind = VisitTaskKind.Warning,
    // The ui's row wants a household label; the presenter gives only its id, so the reason leads.
    household = reason,
    detail = dueOn,
    minutesLeft = minutesUntilEndOf(dueOn, now),
)
