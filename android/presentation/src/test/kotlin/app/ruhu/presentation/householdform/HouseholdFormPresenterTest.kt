// The household form on the fake core: typed values reach the draft in order and a new
// presenter restores them; ID numbers are judged by the core as typed; saving registers
// through the core, discards the draft and shows the core's figures; the core's field
// problems land on their field; members are marked 迁出, never removed.
package app.ruhu.presentation.householdform

import app.ruhu.presentation.fakes.FakeFormCore
import app.ruhu.presentation.fakes.settle
import kotlin.test.assertEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.runTest
import org.junit.Test
import uniffi.ruhu_core.ApiException
import uniffi.ruhu_core.FieldProblem
import uniffi.ruhu_core.MemberStatus
import uniffi.ruhu_core.Relation
import uniffi.ruhu_core.Sex

class HouseholdFormPresenterTest {
    private val key = "household/new/test-1"

    private fun TestScope.form(core: FakeFormCore, householdId: String? = null, formKey: String = key) =
        HouseholdFormPresenter(core, backgroundScope, StandardTestDispatcher(testScheduler), formKey, householdId)

    private fun HouseholdFormPresenter.type(field: String, value: String) = handle(HouseholdFormEvents.FieldChanged(field, value))

    private fun HouseholdFormPresenter.fillHead() {
        handle(HouseholdFormEvents.PlaceChosen("370599100200", "G01-1"))
        type(FormFields.ADDRESS, "3组7号")
        type(FormFields.HOUSING, "OWNED_UNSAFE")
        type("categories.dibao", "1")
        handle(HouseholdFormEvents.AddMember)
        type(FormFields.member(0, "name"), "韩秀兰")
        type(FormFields.member(0, "relation"), Relation.HEAD.name)
        type(FormFields.member(0, "id_number"), FakeFormCore.VALID_ID)
        type("economics.wage", "12000")
    }

    @Test
    fun `every change is kept in the draft in the order typed`() = runTest {
        val core = FakeFormCore()
        val p = form(core)
        settle()
        for (text in listOf("韩", "韩秀", "韩秀兰")) p.type(FormFields.member(0, "name"), text)
        settle()
        assertEquals(listOf("韩", "韩秀", "韩秀兰"), core.draftWrites.filter { it.second == "members.0.name" }.map { it.third })
        assertEquals("韩秀兰", core.drafts.getValue(key)["members.0.name"])
        assertEquals(false, p.state.value.draftPending)
    }

    @Test
    fun `a new presenter on the same store restores the form field for field`() = runTest {
        val core = FakeFormCore()
        val first = form(core)
        settle()
        first.fillHead()
        settle()
        val typed = first.state.value.fields
        val again = form(core) // the app was killed; the store kept the draft
        settle()
        assertEquals(typed, again.state.value.fields)
        assertEquals(1, again.state.value.memberCount)
        assertTrue(again.state.value.idChecks["members.0.id_number"] is IdCheck.Valid, "the restored ID number is checked again")
    }

    @Test
    fun `an ID number is judged by the core as typed and a valid one fills birth date and sex`() = runTest {
        val core = FakeFormCore()
        val p = form(core)
        settle()
        p.handle(HouseholdFormEvents.AddMember)
        p.type("members.0.id_number", "37059919700304412")
        settle()
        assertEquals(IdCheck.Invalid(FakeFormCore.BAD_ID), p.state.value.idChecks["members.0.id_number"])
        p.type("members.0.id_number", FakeFormCore.VALID_ID)
        settle()
        assertTrue(p.state.value.idChecks["members.0.id_number"] is IdCheck.Valid)
        assertEquals("1970-03-04", p.state.value.fields["members.0.birth_date"])
        assertEquals(Sex.FEMALE.name, p.state.value.fields["members.0.sex"])
        assertEquals("1970-03-04", core.drafts.getValue(key)["members.0.birth_date"], "the filled values are in the draft too")
    }

    @Test
    fun `saving registers through the core, discards the draft and shows the core's figures against the dibao line`() = runTest {
        val core = FakeFormCore()
        val p = form(core)
        settle()
        p.fillHead()
        settle()
        p.handle(HouseholdFormEvents.Save)
        settle()
        val s = p.state.value
        assertNull(s.problem)
        assertTrue(s.saved, "fields: ${s.fieldProblems}")
        assertEquals("h-new", s.householdId)
        val (profile, members) = core.created.single()
        assertEquals("前进村", profile.villageName)
        assertEquals("370599100", profile.townshipCode)
        assertTrue(profile.categories.dibao)
        assertEquals(listOf("韩秀兰"), members.map { it.name })
        assertEquals(1_200_000L, core.economicsSet.single().second.wageFen)
        assertNull(core.drafts[key], "the draft is gone once saved")
        // 12,000 元 a year for one person: 1,000 元 a month, above the county's 700 元.
        assertEquals(100_000L, s.economics?.perCapitaMonthlyIncomeFen)
        assertEquals(false, s.belowDibaoLine)
    }

    @Test
    fun `the core's field problems are shown on their field and the draft is kept`() = runTest {
        val core = FakeFormCore().apply {
            createAnswer = { throw ApiException.InvalidInput(listOf(FieldProblem("members.0.birth_date", "出生日期不能晚于今天"), FieldProblem("contact_phone", "电话号码不对"))) }
        }
        val p = form(core)
        settle()
        p.fillHead()
        settle()
        p.handle(HouseholdFormEvents.Save)
        settle()
        val s = p.state.value
        assertEquals(false, s.saved)
        assertEquals("出生日期不能晚于今天", s.fieldProblems["members.0.birth_date"])
        assertEquals("电话号码不对", s.fieldProblems["contact_phone"])
        assertEquals("韩秀兰", core.drafts.getValue(key)["members.0.name"])
        p.type("contact_phone", "13800001111")
        assertNull(p.state.value.fieldProblems["contact_phone"], "typing in the field clears its problem")
    }

    @Test
    fun `an amount that is no number is shown on its field and nothing is sent`() = runTest {
        val core = FakeFormCore()
        val p = form(core)
        settle()
        p.fillHead()
        p.type("economics.pension", "一千")
        settle()
        p.handle(HouseholdFormEvents.Save)
        settle()
        assertTrue(p.state.value.fieldProblems.containsKey("economics.pension"))
        assertTrue(core.economicsSet.isEmpty())
    }

    @Test
    fun `a member marked moved out is updated with that status, not removed`() = runTest {
        val core = FakeFormCore()
        val seed = form(core, formKey = "household/new/seed")
        settle()
        seed.fillHead()
        settle()
        seed.handle(HouseholdFormEvents.Save)
        settle()
        val edit = form(core, householdId = "h-new", formKey = HouseholdFormPresenter.editFormKey("h-new"))
        settle()
        assertEquals("韩秀兰", edit.state.value.fields["members.0.name"], "editing starts from the saved household")
        edit.handle(HouseholdFormEvents.MemberStatusChanged(0, MemberStatus.MOVED_OUT))
        edit.handle(HouseholdFormEvents.Save)
        settle()
        val (_, memberId, member) = core.memberUpdates.single()
        assertEquals("m-1", memberId)
        assertEquals(MemberStatus.MOVED_OUT, member.status)
        assertTrue(core.memberAdds.isEmpty())
    }

    @Test
    fun `the per-capita figure follows the typing, from the core, counting only members present`() = runTest {
        val core = FakeFormCore()
        val p = form(core)
        settle()
        p.handle(HouseholdFormEvents.AddMember)
        p.handle(HouseholdFormEvents.AddMember)
        p.type("economics.wage", "24000")
        settle()
        // 24,000 元 a year for two people: 1,000 元 a month each, above a 700 元 line.
        assertEquals(100_000L, p.state.value.economics?.perCapitaMonthlyIncomeFen)
        assertEquals(false, p.state.value.belowDibaoLine)
        assertEquals(2u, core.previews.last().second)
        // One moves out: 2,000 元 for the one left, still above; the wage drops and it is below.
        p.handle(HouseholdFormEvents.MemberStatusChanged(1, MemberStatus.MOVED_OUT))
        settle()
        assertEquals(1u, core.previews.last().second)
        assertEquals(200_000L, p.state.value.economics?.perCapitaMonthlyIncomeFen)
        p.type("economics.wage", "6000")
        settle()
        assertEquals(50_000L, p.state.value.economics?.perCapitaMonthlyIncomeFen)
        assertEquals(true, p.state.value.belowDibaoLine)
        // An amount the form cannot read keeps the last figures rather than flashing nothing.
        val asked = core.previews.size
        p.type("economics.wage", "6000.123")
        settle()
        assertEquals(asked, core.previews.size)
        assertEquals(50_000L, p.state.value.economics?.perCapitaMonthlyIncomeFen)
    }

    @Test
    fun `amounts typed before the core works out a figure are asked for once, the last one`() = runTest {
        val core = FakeFormCore()
        val p = form(core)
        settle()
        p.handle(HouseholdFormEvents.AddMember)
        settle()
        val before = core.previews.size
        p.type("economics.wage", "1000")
        p.type("economics.wage", "2000")
        p.type("economics.wage", "3000")
        settle()
        assertEquals(listOf(300_000L), core.previews.drop(before).map { it.first.wageFen })
        // 3,000 元 a year for one person: 250 元 a month.
        assertEquals(25_000L, p.state.value.economics?.perCapitaMonthlyIncomeFen)
        assertEquals(true, p.state.value.belowDibaoLine)
    }
}
