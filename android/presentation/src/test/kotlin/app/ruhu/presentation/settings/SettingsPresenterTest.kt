// Settings on a fake core: 长辈版 is kept; leaving with work not yet synced asks first and
// wipes only once confirmed; cancelling wipes nothing.
package app.ruhu.presentation.settings

import app.ruhu.presentation.core.SettingsCore
import app.ruhu.presentation.fakes.settle
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.runTest
import org.junit.Test
import uniffi.ruhu_core.ApiException
import uniffi.ruhu_core.WorkerProfile

private class FakeSettingsCore(var unsynced: Pair<ULong, ULong>?) : SettingsCore {
    val leaves = mutableListOf<Boolean>()
    var wiped = false

    override fun worker(): WorkerProfile? = if (wiped) null else WorkerProfile("370599", "w-001", "李网格员")

    override fun leaveCounty(evenUnsynced: Boolean) {
        leaves += evenUnsynced
        val work = unsynced
        if (!evenUnsynced && work != null) throw ApiException.UnsyncedWork(work.first, work.second)
        wiped = true
    }
}

class SettingsPresenterTest {
    @Test
    fun `elder mode is kept in the preferences and shown`() = runTest {
        val prefs = MemoryDisplayPreferences()
        val p = SettingsPresenter(FakeSettingsCore(null), prefs, "1.2.0", backgroundScope, StandardTestDispatcher(testScheduler))
        settle()
        assertEquals("李网格员", p.state.value.workerName)
        assertEquals("1.2.0", p.state.value.version)
        p.handle(SettingsEvents.ElderMode(true))
        assertTrue(prefs.elderMode())
        assertTrue(p.state.value.elderMode)
    }

    @Test
    fun `leaving with unsynced work asks first, cancel wipes nothing, confirm wipes`() = runTest {
        val core = FakeSettingsCore(3uL to 5uL)
        val p = SettingsPresenter(core, MemoryDisplayPreferences(), "1.2.0", backgroundScope, StandardTestDispatcher(testScheduler))
        p.handle(SettingsEvents.Leave)
        settle()
        assertEquals(Leaving.ConfirmLoss(3uL, 5uL), p.state.value.leaving)
        p.handle(SettingsEvents.CancelLeave)
        assertEquals(Leaving.No, p.state.value.leaving)
        assertEquals(listOf(false), core.leaves)
        assertTrue(!core.wiped)
        p.handle(SettingsEvents.Leave)
        settle()
        p.handle(SettingsEvents.ConfirmLeave)
        settle()
        assertEquals(Leaving.Left, p.state.value.leaving)
        assertEquals(listOf(false, false, true), core.leaves)
        assertTrue(core.wiped)
    }

    @Test
    fun `with everything synced leaving wipes at once`() = runTest {
        val core = FakeSettingsCore(null)
        val p = SettingsPresenter(core, MemoryDisplayPreferences(), "1.2.0", backgroundScope, StandardTestDispatcher(testScheduler))
        p.handle(SettingsEvents.Leave)
        settle()
        assertEquals(Leaving.Left, p.state.value.leaving)
        assertEquals(listOf(false), core.leaves)
    }
}
