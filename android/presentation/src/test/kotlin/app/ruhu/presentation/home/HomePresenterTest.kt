// 我的走访 on the fake core: the core's order is kept as it is, a refresh reads again.
package app.ruhu.presentation.home

import app.ruhu.presentation.fakes.FakeCore
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.test.StandardTestDispatcher
import app.ruhu.presentation.fakes.settle
import kotlinx.coroutines.test.runTest
import org.junit.Test
import uniffi.ruhu_core.ClockState
import uniffi.ruhu_core.Urgency
import uniffi.ruhu_core.WarningRunRecord
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

    @Test
    fun `the tasks already raised show before the rules run, and the list is read again when they raise more`() = runTest {
        val core = FakeCore()
        core.visits = listOf(FakeCore.visit("a", ClockState.RUNNING, Urgency.HIGH, "2026-12-01"))
        val gate = kotlinx.coroutines.CompletableDeferred<Unit>()
        core.raiseAnswer = {
            kotlinx.coroutines.runBlocking { gate.await() }
            core.visits = core.visits + FakeCore.visit("b", ClockState.DUE_SOON, Urgency.IMMEDIATE, "2026-12-02")
            WarningRunRecord(lookedAt = 40u, changed = 1u, waitingForCalendar = 0u)
        }
        val io = kotlinx.coroutines.Dispatchers.IO
        val p = HomePresenter(core, backgroundScope, io)
        val first = p.state.first { !it.loading }
        assertEquals(listOf("a"), first.visits.map { it.taskId })
        assertTrue(first.checking)
        assertEquals("户主a · 前进村 · 2组8号", first.visits[0].household)
        gate.complete(Unit)
        val done = p.state.first { !it.checking }
        assertEquals(listOf("a", "b"), done.visits.map { it.taskId })
        assertEquals(2, core.visitReads)
    }

    @Test
    fun `when the rules raise nothing the list is not read again, and households waiting for next year's calendar are counted`() = runTest {
        val core = FakeCore()
        core.visits = listOf(FakeCore.visit("a", ClockState.RUNNING, Urgency.HIGH, "2026-12-01"))
        core.raiseAnswer = { WarningRunRecord(3u, 0u, 2u) }
        val p = HomePresenter(core, backgroundScope, StandardTestDispatcher(testScheduler))
        settle()
        val s = p.state.value
        assertFalse(s.checking)
        assertEquals(2, s.waitingForCalendar)
        assertEquals(1, core.visitReads)
        assertEquals(1, core.raiseRuns)
    }
}
