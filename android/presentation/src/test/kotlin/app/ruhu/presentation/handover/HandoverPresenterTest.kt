// Handover on a fake core: export gives bytes and an ASCII file name; a file within the grids
// is previewed then imported; one reaching outside them waits for the worker's answer; a
// foreign file shows the core's words.
package app.ruhu.presentation.handover

import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.fakes.FakePhotosCore
import app.ruhu.presentation.fakes.settle
import kotlin.test.assertEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.runTest
import org.junit.Test
import uniffi.ruhu_core.BundleDocumentPreview
import uniffi.ruhu_core.BundlePreview

class HandoverPresenterTest {
    private val core = FakePhotosCore()
    private fun TestScope.presenter() = HandoverPresenter(core, backgroundScope, StandardTestDispatcher(testScheduler), today = { "20261201" })
    private fun doc(id: String, inScope: Boolean) = BundleDocumentPreview(id, "case", "370599100200", "G01", inScope, true, true)

    @Test
    fun `export seals the documents and suggests an ascii file name`() = runTest {
        val p = presenter()
        p.handle(HandoverEvents.Export(listOf("c-1"), "张三 c-1"))
        settle()
        assertEquals(listOf(listOf("c-1")), core.exported)
        assertEquals("ruhu-c-1-20261201.ruhu", p.state.value.exported?.fileName)
        assertEquals(3, p.state.value.exported?.bytes?.size)
    }

    @Test
    fun `a file within the grids is previewed and then imported`() = runTest {
        core.preview = BundlePreview(listOf(doc("c-1", true), doc("h-1", true)), 0u)
        val p = presenter()
        p.handle(HandoverEvents.Received(byteArrayOf(9)))
        settle()
        assertEquals(2, p.state.value.preview?.documents?.size)
        assertEquals(false, p.state.value.needsConsent)
        assertEquals(emptyList(), core.imports)
        p.handle(HandoverEvents.Import())
        settle()
        assertEquals(listOf("plain"), core.imports)
        assertEquals(2u, p.state.value.imported?.created)
    }

    @Test
    fun `a file reaching outside the grids is imported only as the worker agreed`() = runTest {
        core.preview = BundlePreview(listOf(doc("c-1", true), doc("h-1", false)), 1u)
        val p = presenter()
        p.handle(HandoverEvents.Received(byteArrayOf(9)))
        settle()
        assertTrue(p.state.value.needsConsent)
        p.handle(HandoverEvents.Import(includeOutsideScope = false))
        settle()
        assertEquals(listOf("confirmed:false"), core.imports)
        assertEquals(1u, p.state.value.imported?.skipped)
    }

    @Test
    fun `a foreign file shows the core's words and imports nothing`() = runTest {
        val p = presenter()
        p.handle(HandoverEvents.Received(ByteArray(0)))
        settle()
        assertEquals(Problem.Words("这不是如户的转交文件"), p.state.value.problem)
        assertNull(p.state.value.preview)
        p.handle(HandoverEvents.Import())
        settle()
        assertEquals(emptyList(), core.imports)
    }
}
