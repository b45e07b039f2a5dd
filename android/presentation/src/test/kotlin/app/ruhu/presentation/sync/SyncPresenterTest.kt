// 同步 on the fake core: progress from the listener, cancel stops after the round trip in
// flight, the last sync time is kept, what waits is shown, failures come in words.
package app.ruhu.presentation.sync

import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.fakes.FakeCore
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.TestScope
import app.ruhu.presentation.fakes.settle
import kotlinx.coroutines.test.runTest
import org.junit.Test
import uniffi.ruhu_core.*

class SyncPresenterTest {
    private val core = FakeCore()
    private val times = MemoryLastSyncStore()

    private fun TestScope.presenter() =
        SyncPresenter(core, backgroundScope, StandardTestDispatcher(testScheduler), times, now = { 42_000L })

    @Test
    fun `a finished sync keeps its report and time and shows what still waits`() = runTest {
        val heard = mutableListOf<SyncProgress>()
        core.syncAnswer = { listener ->
            for (i in 1u..3u) {
                val progress = SyncProgress(i, i, 0u, i < 3u)
                assertTrue(listener.onProgress(progress))
                heard += progress
            }
            core.photosPending = PhotoQueue(2u, 300_000uL)
            FakeCore.report(sent = 3u, received = 5u)
        }
        val p = presenter()
        settle()
        assertNull(p.state.value.lastSyncAtMs)
        p.handle(SyncEvents.Start)
        assertTrue(p.state.value.running)
        settle()
        val s = p.state.value
        assertFalse(s.running)
        assertEquals(heard.last(), s.progress)
        assertEquals(3u, s.lastReport?.documentsSent)
        assertEquals(42_000L, s.lastSyncAtMs)
        assertEquals(42_000L, times.load())
        assertEquals(PhotoQueue(2u, 300_000uL), s.photosWaiting)
    }

    @Test
    fun `cancel stops the sync after the round trip in flight and loses no time stamp`() = runTest {
        var rounds = 0
        lateinit var p: SyncPresenter
        core.syncAnswer = { listener ->
            while (true) {
                rounds++
                if (rounds == 2) p.handle(SyncEvents.Cancel)
                if (!listener.onProgress(SyncProgress(rounds.toUInt(), 0u, 0u, true))) throw ApiException.SyncCancelled()
            }
            @Suppress("UNREACHABLE_CODE")
            FakeCore.report()
        }
        p = presenter()
        p.handle(SyncEvents.Start)
        settle()
        assertEquals(2, rounds)
        assertEquals(Problem.SyncCancelled, p.state.value.problem)
        assertFalse(p.state.value.running)
        assertNull(p.state.value.lastSyncAtMs)
    }

    @Test
    fun `a failed sync shows the core's reason and the refused documents`() = runTest {
        core.refused = listOf(RefusedDocument("h-9", "household", "out_of_scope", "这户不在您的网格", RefusalAction.HAND_BACK, 1L))
        core.syncAnswer = { throw ApiException.SyncFailed("连不上县里，请到有信号的地方再试", true) }
        val p = presenter()
        p.handle(SyncEvents.Start)
        settle()
        assertEquals(Problem.SyncFailed("连不上县里，请到有信号的地方再试", true), p.state.value.problem)
        assertEquals(listOf("这户不在您的网格"), p.state.value.refused.map { it.reason })
    }

    @Test
    fun `a revoked phone is reported as revoked`() = runTest {
        core.syncAnswer = { throw ApiException.DeviceRevoked() }
        val p = presenter()
        p.handle(SyncEvents.Start)
        settle()
        assertEquals(Problem.Revoked, p.state.value.problem)
    }
}

/** A runner standing in for the app's WorkManager one: records what the presenter asked. */
private class RecordingRunner : SyncRunner {
    val asked = mutableListOf<String>()
    override val runs = kotlinx.coroutines.flow.MutableStateFlow(SyncRun())
    override fun start() { asked += "start"; runs.value = SyncRun(running = true) }
    override fun cancel() { asked += "cancel"; runs.value = runs.value.copy(cancelling = true) }
}

class SyncPresenterRunnerTest {
    @Test
    fun `the presenter asks its runner to start and stop and shows the run's progress and outcome`() = runTest {
        val core = FakeCore().apply { photosPending = PhotoQueue(1u, 10uL) }
        val runner = RecordingRunner()
        val p = SyncPresenter(core, backgroundScope, StandardTestDispatcher(testScheduler), MemoryLastSyncStore(), runner = runner)
        settle()
        p.handle(SyncEvents.Start)
        p.handle(SyncEvents.Start)
        settle()
        assertTrue(p.state.value.running)
        runner.runs.value = SyncRun(running = true, progress = SyncProgress(1u, 2u, 3u, true))
        settle()
        assertEquals(SyncProgress(1u, 2u, 3u, true), p.state.value.progress)
        p.handle(SyncEvents.Cancel)
        settle()
        assertTrue(p.state.value.cancelling)
        assertEquals(listOf("start", "cancel"), runner.asked)
        // The background run ends (in the app: the worker finished while the screen was shown).
        core.photosPending = PhotoQueue(0u, 0uL)
        runner.runs.value = SyncRun(report = FakeCore.report(sent = 2u), finishedAtMs = 7L, ended = 1)
        settle()
        assertFalse(p.state.value.running)
        assertEquals(7L, p.state.value.lastSyncAtMs)
        assertEquals(2u, p.state.value.lastReport?.documentsSent)
        assertEquals(PhotoQueue(0u, 0uL), p.state.value.photosWaiting)
    }

    @Test
    fun `a revoked run from the background runner shows revoked`() = runTest {
        val runner = RecordingRunner()
        val p = SyncPresenter(FakeCore(), backgroundScope, StandardTestDispatcher(testScheduler), MemoryLastSyncStore(), runner = runner)
        runner.runs.value = SyncRun(problem = Problem.Revoked, ended = 1)
        settle()
        assertEquals(Problem.Revoked, p.state.value.problem)
    }
}
