// The household list on the fake core: typing is debounced into one search, filters reach
// the query, and an older search that answers late never replaces a newer one's results.
package app.ruhu.presentation.households

import app.ruhu.presentation.fakes.FakeCore
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.test.StandardTestDispatcher
import app.ruhu.presentation.fakes.settle
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withTimeout
import org.junit.Test

class HouseholdsPresenterTest {
    @Test
    fun `typing quickly makes one search for the last text`() = runTest {
        val core = FakeCore().apply { households = listOf(FakeCore.household("h-1", "郝建国", "0371")) }
        val p = HouseholdsPresenter(core, backgroundScope, StandardTestDispatcher(testScheduler), debounceMs = 250)
        settle()
        for (text in listOf("郝", "郝建", "郝建国")) p.handle(HouseholdsEvents.TextChanged(text))
        settle()
        assertEquals(listOf("", "郝建国"), core.searches.map { it.text })
        assertEquals(listOf("h-1"), p.state.value.households.map { it.id })
    }

    @Test
    fun `filters go into the query`() = runTest {
        val core = FakeCore()
        val p = HouseholdsPresenter(core, backgroundScope, StandardTestDispatcher(testScheduler))
        p.handle(HouseholdsEvents.FiltersChanged(HouseholdFilters(villageCode = "370599100200", gridCode = "G01-1", category = "dibao", openCaseOnly = true, overdueOnly = true)))
        settle()
        val q = core.searches.last()
        assertEquals("370599100200", q.villageCode)
        assertEquals("G01-1", q.gridCode)
        assertEquals("dibao", q.category)
        assertTrue(q.openCaseOnly && q.overdueOnly)
    }

    @Test
    fun `a newer search answers while an older one is still running, and the older's late answer is dropped`() {
        val slowStarted = CountDownLatch(1)
        val releaseSlow = CountDownLatch(1)
        val core = FakeCore().apply {
            households = listOf(FakeCore.household("h-1", "郝建国", "0371"), FakeCore.household("h-2", "郝小宝", "0390"))
            val normal = searchAnswer
            searchAnswer = { q ->
                if (q.text == "郝") {
                    slowStarted.countDown()
                    releaseSlow.await(30, TimeUnit.SECONDS)
                }
                normal(q)
            }
        }
        val ioPool = Executors.newFixedThreadPool(2)
        val mainPool = Executors.newSingleThreadExecutor()
        val scope = CoroutineScope(SupervisorJob() + mainPool.asCoroutineDispatcher())
        try {
            val p = HouseholdsPresenter(core, scope, ioPool.asCoroutineDispatcher(), debounceMs = 0)
            runBlocking {
                withTimeout(10_000) { p.state.first { !it.searching } }
                p.handle(HouseholdsEvents.TextChanged("郝"))
                assertTrue(slowStarted.await(10, TimeUnit.SECONDS))
                p.handle(HouseholdsEvents.TextChanged("郝建国"))
                withTimeout(10_000) { p.state.first { !it.searching && it.text == "郝建国" } }
            }
            assertEquals(listOf("h-1"), p.state.value.households.map { it.id })
            // Let the old search answer, wait until its thread is done, then until the main
            // thread has run whatever that answer scheduled there.
            releaseSlow.countDown()
            ioPool.shutdown()
            assertTrue(ioPool.awaitTermination(10, TimeUnit.SECONDS))
            mainPool.submit {}.get(10, TimeUnit.SECONDS)
            assertEquals(listOf("", "郝", "郝建国"), core.searches.map { it.text })
            assertEquals(listOf("h-1"), p.state.value.households.map { it.id })
        } finally {
            releaseSlow.countDown()
            scope.cancel()
            ioPool.shutdownNow()
            mainPool.shutdownNow()
        }
    }
}
