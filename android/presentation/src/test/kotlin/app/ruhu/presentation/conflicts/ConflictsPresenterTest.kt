// The conflicts screen on the fake core: both values shown as the core gives them, a choice
// goes to settleConflict with that value, and the screen is done when none is left.
package app.ruhu.presentation.conflicts

import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.fakes.FakeFormCore
import app.ruhu.presentation.fakes.settle
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.runTest
import org.junit.Test
import uniffi.ruhu_core.ApiException
import uniffi.ruhu_core.Conflict
import uniffi.ruhu_core.ConflictValue

class ConflictsPresenterTest {
    private val phone = Conflict(
        "h-1", "profile/contact_phone", "联系电话",
        listOf(ConflictValue("13800001111", "\"13800001111\""), ConflictValue("13900002222", "\"13900002222\"")),
    )

    @Test
    fun `both values are shown and the chosen one is settled until none is left`() = runTest {
        val core = FakeFormCore().apply { conflictList += phone }
        val p = ConflictsPresenter(core, backgroundScope, StandardTestDispatcher(testScheduler), "h-1")
        settle()
        assertEquals(listOf("13800001111", "13900002222"), p.state.value.conflicts.single().values.map { it.display })
        assertEquals(false, p.state.value.done)
        p.handle(ConflictsEvents.Choose("profile/contact_phone", "\"13900002222\""))
        settle()
        assertEquals(listOf(Triple("h-1", "profile/contact_phone", "\"13900002222\"")), core.settled)
        assertTrue(p.state.value.done)
    }

    @Test
    fun `a refused choice keeps the list and shows the problem`() = runTest {
        val core = object : app.ruhu.presentation.core.ConflictsCore {
            override fun conflicts(documentId: String) = listOf(phone)
            override fun settleConflict(documentId: String, path: String, valueJson: String) =
                throw ApiException.NotFound("conflict")
        }
        val p = ConflictsPresenter(core, backgroundScope, StandardTestDispatcher(testScheduler), "h-1")
        settle()
        p.handle(ConflictsEvents.Choose("profile/contact_phone", "\"13900002222\""))
        settle()
        assertEquals(Problem.NotFound, p.state.value.problem)
        assertEquals(1, p.state.value.conflicts.size)
        assertEquals(false, p.state.value.done)
    }
}
