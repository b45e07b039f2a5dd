// 发现急难 on the fake core: an existing household and a new one each become a case in a few
// events, the case's clock is shown, and the core's field problems keep the form open.
package app.ruhu.presentation.emergency

import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.fakes.FakeCore
import kotlin.test.assertEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.TestScope
import app.ruhu.presentation.fakes.settle
import kotlinx.coroutines.test.runTest
import org.junit.Test
import uniffi.ruhu_core.*

class EmergencyPresenterTest {
    private val core = FakeCore().apply {
        enrolled = WorkerProfile("370599", "w-001", "李网格员")
        households = listOf(FakeCore.household("h-1", "郝建国", "0371"), FakeCore.household("h-2", "邱玉兰", "0382"))
    }

    private fun TestScope.presenter() =
        EmergencyPresenter(core, backgroundScope, StandardTestDispatcher(testScheduler), now = { 5_000L })

    @Test
    fun `an existing household gets an urgent case with its 24 hour clock in four events`() = runTest {
        val p = presenter()
        p.handle(EmergencyEvents.SearchChanged("建国"))
        settle()
        val found = p.state.value.results.single()
        p.handle(EmergencyEvents.HouseholdChosen(found))
        p.handle(EmergencyEvents.KindChosen(EmergencyKind.FIRE))
        p.handle(EmergencyEvents.PathChosen(CasePath.URGENT))
        p.handle(EmergencyEvents.Report)
        settle()

        val input = core.createdCases.single()
        assertEquals("h-1", input.householdId)
        assertEquals(CaseOrigin.DISCOVERY, input.origin)
        assertEquals(AssistanceKind.EMERGENCY, input.kind)
        assertEquals(CasePath.URGENT, input.path)
        assertEquals(EmergencyKind.FIRE, input.emergency?.kind)
        assertEquals(5_000L, input.emergency?.occurredAtMs)
        val s = p.state.value
        assertEquals(EmergencyStep.Reported, s.step)
        assertEquals(ClockState.RUNNING, s.case?.clocks?.first()?.state)
        assertEquals(s.case?.openedAtMs?.plus(24 * 3_600_000L), s.case?.nextDeadlineMs)
    }

    @Test
    fun `report waits for kind and urgency`() = runTest {
        val p = presenter()
        settle()
        p.handle(EmergencyEvents.HouseholdChosen(p.state.value.results.first()))
        p.handle(EmergencyEvents.KindChosen(EmergencyKind.SUDDEN_ILLNESS))
        p.handle(EmergencyEvents.Report)
        settle()
        assertTrue(core.createdCases.isEmpty())
        assertEquals(EmergencyStep.DescribeEmergency, p.state.value.step)
    }

    private fun form() = NewHouseholdForm(
        headName = "谭雪梅", headIdNumber = "37059919700304002x", headSex = Sex.FEMALE,
        headBirthDate = "1970-03-04", villageCode = "370599100200", villageName = "前进村",
        gridCode = "G01-1", address = "9组2号", phone = "13800002222", housing = Housing.DISASTER_DAMAGED,
    )

    @Test
    fun `a family not on the phone is registered in the worker's county and then reported`() = runTest {
        val p = presenter()
        p.handle(EmergencyEvents.SearchChanged("谭雪梅"))
        settle()
        assertTrue(p.state.value.results.isEmpty())
        p.handle(EmergencyEvents.RegisterNew)
        assertEquals("谭雪梅", p.state.value.form.headName)
        p.handle(EmergencyEvents.FormChanged(form()))
        p.handle(EmergencyEvents.SaveHousehold)
        settle()

        val (profile, members) = core.createdHouseholds.single()
        assertEquals("370599", profile.countyCode)
        assertEquals("370599100", profile.townshipCode)
        assertEquals(Housing.DISASTER_DAMAGED, profile.housing)
        assertEquals(Relation.HEAD, members.single().relation)
        assertEquals("37059919700304002X", members.single().idNumber)
        assertEquals(ChosenHousehold("h-new", "谭雪梅"), p.state.value.household)
        assertEquals(EmergencyStep.DescribeEmergency, p.state.value.step)

        p.handle(EmergencyEvents.KindChosen(EmergencyKind.NATURAL_DISASTER))
        p.handle(EmergencyEvents.PathChosen(CasePath.CRITICAL))
        p.handle(EmergencyEvents.Report)
        settle()
        assertEquals("h-new", core.createdCases.single().householdId)
        assertEquals(EmergencyStep.Reported, p.state.value.step)
    }

    @Test
    fun `a new household's village and grid are chosen among the phone's places`() = runTest {
        val p = presenter()
        settle()
        assertEquals(listOf("G01-1", "G02-1"), p.state.value.places.map { it.gridCode })
        p.handle(EmergencyEvents.RegisterNew)
        p.handle(EmergencyEvents.FormChanged(form().copy(villageCode = "", villageName = "", gridCode = "")))
        assertTrue(!p.state.value.form.complete, "no village yet")
        // A place this phone does not serve is not taken.
        p.handle(EmergencyEvents.PlaceChosen(Place("370599200300", "外乡村", "G09-1")))
        assertEquals("", p.state.value.form.villageCode)
        p.handle(EmergencyEvents.PlaceChosen(core.places[1]))
        assertEquals("370599100201", p.state.value.form.villageCode)
        assertEquals("红星村", p.state.value.form.villageName)
        assertEquals("G02-1", p.state.value.form.gridCode)
        p.handle(EmergencyEvents.SaveHousehold)
        settle()
        assertEquals("370599100201", core.createdHouseholds.single().first.villageCode)
    }

    @Test
    fun `the core's field problems keep the registration form open with its words`() = runTest {
        val problem = FieldProblem("members.0.id_number", "身份证号校验位不对，请核对最后一位")
        core.createHouseholdAnswer = { throw ApiException.InvalidInput(listOf(problem)) }
        val p = presenter()
        p.handle(EmergencyEvents.RegisterNew)
        p.handle(EmergencyEvents.FormChanged(form()))
        p.handle(EmergencyEvents.SaveHousehold)
        settle()
        assertEquals(EmergencyStep.RegisterHousehold, p.state.value.step)
        assertEquals(Problem.Fields(listOf(problem)), p.state.value.problem)
        assertNull(p.state.value.household)
    }
}
