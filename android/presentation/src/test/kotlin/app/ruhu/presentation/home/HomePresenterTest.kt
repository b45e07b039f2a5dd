// 我的走访 on the fake core: the core's order is kept as it is, a refresh reads again.
package app.ruhu.presentation.home

import app.ruhu.presentation.fakes.FakeCore
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlinx.coroutines.test.StandardTestDispatcher
import app.ruhu.presentation.fakes.settle
import kotlinx.coroutines.test.runTest
import org.junit.Test
import uniffi.ruhu_core.ClockState
import uniffi.ruhu_core.Urgency
import uniffi.ruhu_core.WorkerProfile

class HomePresenterTest {
    @Test
    fun `visit tasks are listed in the core's order with their clocks and the worker's name`() = runTest {
        val core = FakeCore()
        core.enrolled = WorkerProfile("370599", "w-001", "李网格员")
        // Not sorted by any field the phone could sort by: the order is the core's decision.
        core.visits = listOf(
            FakeCore.visit("b", ClockState.OVERDUE, Urgency.NORMAL, "2026-11-28"),
            FakeCore.visit("a", ClockState.DUE_SOON, Urgency.IMMEDIATE, "2026-12-02"),
            FakeCore.visit("c", ClockState.RUNNING, Urgency.HIGH, "2026-12-01"),
        )
        val p = HomePresenter(core, backgroundScope, StandardTestDispatcher(testScheduler))
        settle()
        val s = p.state.value
        assertFalse(s.loading)
        assertEquals("李网格员", s.workerName)
        assertEquals(listOf("b", "a", "c"), s.visits.map { it.taskId })
        assertEquals(listOf(ClockState.OVERDUE, ClockState.DUE_SOON, ClockState.RUNNING), s.visits.map { it.clock })
        assertEquals("2026-11-28", s.visits[0].dueOn)
    }

    @Test
    fun `a refresh reads the tasks again`() = runTest {
        val core = FakeCore()
        val p = HomePresenter(core, backgroundScope, StandardTestDispatcher(testScheduler))
        settle()
        assertEquals(0, p.state.value.visits.size)
        core.visits = listOf(FakeCore.visit("a", ClockState.RUNNING, Urgency.HIGH, "2026-12-01"))
        p.handle(HomeEvents.Refresh)
        settle()
        assertEquals(2, core.visitReads)
        assertEquals(listOf("a"), p.state.value.visits.map { it.taskId })
    }
}
