// Enrollment on the fake core: QR payloads and typed codes reach core.enroll, refusals show
// the core's words, a payload that is not the county's is not sent, a revoked phone says so.
package app.ruhu.presentation.enrollment

import app.cash.turbine.test
import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.fakes.NOT_ENROLLMENT
import app.ruhu.presentation.fakes.FakeCore
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.TestScope
import app.ruhu.presentation.fakes.settle
import kotlinx.coroutines.test.runTest
import org.junit.Test
import uniffi.ruhu_core.ApiException
import uniffi.ruhu_core.WorkerProfile

class EnrollmentPresenterTest {
    private val core = FakeCore()

    private fun TestScope.presenter(revoked: Boolean = false) =
        EnrollmentPresenter(core, backgroundScope, StandardTestDispatcher(testScheduler), "HUAWEI NOVA", revoked = revoked)

    @Test
    fun `a scanned county QR code enrolls with its server and code and shows the worker`() = runTest {
        val p = presenter()
        p.state.test {
            assertEquals(EnrollmentStep.Form, awaitItem().step)
            p.handle(EnrollmentEvents.QrScanned("ruhu://enroll?v=1&server=http%3A%2F%2F127.0.0.1%3A8443&code=AZHXTGA6Y8V5"))
            var item = awaitItem()
            while (item.step != EnrollmentStep.Enrolling) item = awaitItem()
            while (item.step == EnrollmentStep.Enrolling) item = awaitItem()
            assertEquals(EnrollmentStep.Enrolled(WorkerProfile("370599", "w-001", "李网格员")), item.step)
        }
        assertEquals(listOf(Triple("http://127.0.0.1:8443", "AZHXTGA6Y8V5", "HUAWEI NOVA")), core.enrollCalls)
    }

    @Test
    fun `a refused code shows the core's reason and keeps the form`() = runTest {
        core.enrollAnswer = { throw ApiException.EnrollmentRefused("登记码已用过，请向乡镇经办人要一个新的") }
        val p = presenter()
        p.handle(EnrollmentEvents.ServerUrlChanged("http://county"))
        p.handle(EnrollmentEvents.CodeChanged(" azhx-tga6 "))
        p.handle(EnrollmentEvents.Submit)
        settle()
        assertEquals(EnrollmentStep.Form, p.state.value.step)
        assertEquals(Problem.Words("登记码已用过，请向乡镇经办人要一个新的"), p.state.value.problem)
        assertEquals("azhx-tga6", core.enrollCalls.single().second)
    }

    @Test
    fun `a QR code that is not the county's is refused without asking the county`() = runTest {
        val p = presenter()
        p.handle(EnrollmentEvents.QrScanned("https://example.cn/pay?id=7"))
        settle()
        assertEquals(Problem.Words(NOT_ENROLLMENT), p.state.value.problem)
        assertTrue(core.enrollCalls.isEmpty())
    }

    @Test
    fun `a revoked phone says it was wiped until the worker acknowledges`() = runTest {
        core.enrollAnswer = { throw ApiException.DeviceRevoked() }
        val p = presenter()
        p.handle(EnrollmentEvents.ServerUrlChanged("http://county"))
        p.handle(EnrollmentEvents.CodeChanged("AZHX"))
        p.handle(EnrollmentEvents.Submit)
        settle()
        assertEquals(EnrollmentStep.Revoked, p.state.value.step)
        assertEquals(Problem.Revoked, p.state.value.problem)
        p.handle(EnrollmentEvents.Dismiss)
        assertEquals(EnrollmentStep.Form, p.state.value.step)
    }

    @Test
    fun `an enrolled phone opens on the worker, a phone sent back by a revocation on the notice`() = runTest {
        core.enrolled = WorkerProfile("370599", "w-002", "王网格员")
        val enrolled = presenter()
        settle()
        assertEquals(EnrollmentStep.Enrolled(core.enrolled!!), enrolled.state.value.step)
        val revoked = presenter(revoked = true)
        settle()
        assertEquals(EnrollmentStep.Revoked, revoked.state.value.step)
    }
}
