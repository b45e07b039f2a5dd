// The household form and the conflicts screen on the real core (JNA) with the county on
// loopback, enrolled as w-002: a form typed halfway survives the app being killed (the store
// closed and opened again, a new presenter restores every field), registering through the
// form saves members, supporter and economics and discards the draft; then a second store of
// the same worker, handed the household by bundle, edits the same field, and after the
// exchange back the conflicts screen shows both values and settles it; a case step dated 2 h
// back on the supervisor's phone is recorded with its entry time, one 49 h back refused. Figures are printed.
package app.ruhu.presentation.real

import app.ruhu.presentation.conflicts.ConflictsEvents
import app.ruhu.presentation.conflicts.ConflictsPresenter
import app.ruhu.presentation.core.RealRuhuCore
import app.ruhu.presentation.householdform.FormFields
import app.ruhu.presentation.householdform.HouseholdFormEvents
import app.ruhu.presentation.householdform.HouseholdFormPresenter
import app.ruhu.presentation.householdform.IdCheck
import app.ruhu.presentation.real.RealCoreFixtures.await
import java.nio.file.Files
import java.security.SecureRandom
import kotlin.test.assertEquals
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import app.ruhu.presentation.casescreen.CaseEvents
import app.ruhu.presentation.casescreen.CasePresenter
import app.ruhu.presentation.core.Problem
import org.junit.Test
import uniffi.ruhu_core.AssistanceKind
import uniffi.ruhu_core.CaseEventKind
import uniffi.ruhu_core.CaseInput
import uniffi.ruhu_core.CaseOrigin
import uniffi.ruhu_core.CasePath
import uniffi.ruhu_core.EmergencyInput
import uniffi.ruhu_core.EmergencyKind
import uniffi.ruhu_core.MemberStatus
import uniffi.ruhu_core.Relation
import uniffi.ruhu_core.RuhuStore

class RealCoreHouseholdFormTest {
    private val io = Dispatchers.IO
    private val HOUR = 3_600_000L

    private fun HouseholdFormPresenter.type(field: String, value: String) = handle(HouseholdFormEvents.FieldChanged(field, value))

    @Test
    fun `a form survives the app being killed, registers a household, a conflict from a second phone is settled, and a case step is backdated within the window only`() {
        val dir = Files.createTempDirectory("ruhu-form")
        val path = dir.resolve("phone.db").toString()
        val key = ByteArray(32).also { SecureRandom().nextBytes(it) }
        var store = RuhuStore.open(path, key)
        val worker = store.enroll(RealCoreFixtures.countyUrl(), RealCoreFixtures.enrollCode2(), "测试手机二")
        assertEquals("w-002", worker.workerId)
        store.sync(null)
        val place = store.places().firstOrNull() ?: throw AssertionError("no places after the first sync")
        val line = assertNotNull(store.countyPolicy()).dibaoMonthlyPerPersonFen

        // Halfway through the form, the app is killed.
        val formKey = HouseholdFormPresenter.newFormKey()
        val headId = RealCoreFixtures.idNumber("1968-05-12", 515)
        val spouseId = RealCoreFixtures.idNumber("1970-09-30", 624)
        var scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
        val first = HouseholdFormPresenter(RealRuhuCore(store), scope, io, formKey)
        first.state.await("form opened") { !it.loading }
        assertTrue(first.state.value.places.contains(place), "the form offers the places of this phone")
        first.handle(HouseholdFormEvents.PlaceChosen(place.villageCode, place.gridCode))
        first.type(FormFields.ADDRESS, "5组12号")
        first.type(FormFields.PHONE, "13800003333")
        first.type(FormFields.HOUSING, "OWNED_UNSAFE")
        first.type("categories.low_income", "1")
        first.handle(HouseholdFormEvents.AddMember)
        first.type(FormFields.member(0, "name"), "邹德旺")
        first.type(FormFields.member(0, "relation"), Relation.HEAD.name)
        first.type(FormFields.member(0, "id_number"), headId)
        first.type(FormFields.member(0, "chronic_illness"), "1")
        first.handle(HouseholdFormEvents.AddMember)
        first.type(FormFields.member(1, "name"), "韦春花")
        first.type(FormFields.member(1, "relation"), Relation.SPOUSE.name)
        first.type(FormFields.member(1, "id_number"), spouseId)
        first.type(FormFields.member(1, "disability_kind"), "PHYSICAL")
        first.type(FormFields.member(1, "disability_grade"), "3")
        first.handle(HouseholdFormEvents.AddSupporter)
        first.type(FormFields.supporter(0, "name"), "邹小军")
        first.type(FormFields.supporter(0, "relation"), "长子")
        first.type(FormFields.supporter(0, "annual_income"), "36000")
        first.type(FormFields.supporter(0, "annual_support_paid"), "2400")
        first.type("economics.farming", "9600")
        first.type("economics.support_received", "2400")
        first.type("economics.medical", "3000.50")
        val typed = first.state.await("draft written and IDs checked") {
            !it.draftPending && it.idChecks.size == 2 && it.fields["members.1.sex"] != null
        }
        assertTrue(typed.idChecks.values.all { it is IdCheck.Valid }, "checks: ${typed.idChecks}")
        assertEquals("1970-09-30", typed.fields["members.1.birth_date"], "the birth date came from the ID number")
        scope.cancel()
        store.close()

        // The app starts again: the same store file, a new presenter, every field back.
        store = RuhuStore.open(path, key)
        val core = RealRuhuCore(store)
        scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
        try {
            assertTrue(store.drafts().any { it.form == formKey })
            val again = HouseholdFormPresenter(core, scope, io, formKey)
            val restored = again.state.await("form restored") { !it.loading }
            assertNull(restored.problem)
            assertEquals(typed.fields, restored.fields)
            println("draft restored: ${restored.fields.size} fields")

            again.handle(HouseholdFormEvents.Save)
            val saved = again.state.await("registration") { it.saved || it.fieldProblems.isNotEmpty() || it.problem != null }
            assertNull(saved.problem)
            assertEquals(emptyMap(), saved.fieldProblems)
            val householdId = assertNotNull(saved.householdId)
            val detail = store.household(householdId)
            assertEquals(listOf("邹德旺", "韦春花"), detail.members.map { it.member.name })
            assertTrue(detail.members.all { it.idMasked != null && !it.idMasked!!.contains("19680512") })
            assertEquals(3.toUByte(), detail.members[1].member.disabilityGrade)
            assertEquals("邹小军", detail.supporters.single().supporter.name)
            assertEquals(960_000L, detail.economics.farmingFen)
            assertEquals(300_050L, detail.economics.medicalFen)
            assertEquals(detail.economicsSummary, saved.economics, "the form shows the core's figures")
            assertTrue(store.draft(formKey).isEmpty(), "the draft is gone once registered")
            println("registered: 人均月收入 ${saved.economics!!.perCapitaMonthlyIncomeFen} 分 against 低保 $line 分: below=${saved.belowDibaoLine}")

            // A member moved out is kept, with that status.
            val edit = HouseholdFormPresenter(core, scope, io, HouseholdFormPresenter.editFormKey(householdId), householdId)
            edit.state.await("edit opened") { !it.loading }
            edit.handle(HouseholdFormEvents.MemberStatusChanged(1, MemberStatus.MOVED_OUT))
            edit.handle(HouseholdFormEvents.Save)
            val edited = edit.state.await("edit saved") { it.saved || it.fieldProblems.isNotEmpty() || it.problem != null }
            assertNull(edited.problem); assertEquals(emptyMap(), edited.fieldProblems)
            val after = store.household(householdId).members
            assertEquals(2, after.size)
            assertEquals(MemberStatus.MOVED_OUT, after.single { it.member.name == "韦春花" }.member.status)

            // A second phone of the same worker gets the household, both change the phone number.
            val other = RealCoreFixtures.openStore()
            other.setWorker(worker)
            other.importBundleConfirmed(store.exportBundle(listOf(householdId)), true)
            val otherProfile = other.household(householdId).profile
            other.updateHousehold(householdId, otherProfile.copy(contactPhone = "13900004444"))
            val here = HouseholdFormPresenter(core, scope, io, HouseholdFormPresenter.editFormKey(householdId), householdId)
            here.state.await("edit opened") { !it.loading }
            here.type(FormFields.PHONE, "13700005555")
            here.handle(HouseholdFormEvents.Save)
            here.state.await("phone saved") { it.saved || it.problem != null || it.fieldProblems.isNotEmpty() }
            val report = store.importBundleConfirmed(other.exportBundle(listOf(householdId)), true)
            assertTrue(report.newConflicts >= 1u, "no conflict after the exchange: $report")

            val conflicts = ConflictsPresenter(core, scope, io, householdId)
            val shown = conflicts.state.await("conflicts read") { !it.busy }
            val phone = shown.conflicts.singleOrNull { it.path.endsWith("contact_phone") }
                ?: throw AssertionError("no phone conflict: ${shown.conflicts.map { it.path }}")
            assertEquals(setOf("13700005555", "13900004444"), phone.values.map { it.display }.toSet())
            println("conflict ${phone.label}: ${phone.values.joinToString(" / ") { it.display }}")
            val chosen = phone.values.single { it.display == "13900004444" }
            conflicts.handle(ConflictsEvents.Choose(phone.path, chosen.valueJson))
            val settled = conflicts.state.await("settled") { !it.busy && it.conflicts.none { c -> c.path == phone.path } || it.problem != null }
            assertNull(settled.problem)
            assertEquals("13900004444", store.household(householdId).profile.contactPhone)
            other.close()

            // A case step dated two hours back is recorded with its entry time; one dated beyond
            // the county's window is refused with the core's reason.
            val now = System.currentTimeMillis()
            val caseId = store.createCase(
                CaseInput(householdId, CaseOrigin.DISCOVERY, AssistanceKind.EMERGENCY, CasePath.URGENT, now - 3 * HOUR,
                    EmergencyInput(EmergencyKind.SUDDEN_ILLNESS, now - 3 * HOUR, "户主突发脑梗住院", 0, 0)),
            )
            // 受理 is the township's or the county's: the supervisor's phone takes the steps.
            val county = RealCoreFixtures.openStore()
            county.enroll(RealCoreFixtures.countyUrl(), RealCoreFixtures.enrollCodeSupervisor(), "督导手机")
            county.sync(null)
            county.importBundle(store.exportBundle(listOf(caseId)))
            val case = CasePresenter(RealRuhuCore(county), scope, io, caseId)
            val opened = case.state.await("case read") { !it.busy }
            val firstStep = opened.allowedSteps.firstOrNull() ?: throw AssertionError("no step allowed: ${opened.problem} ${opened.detail}")
            fun fill(kind: CaseEventKind, at: Long) {
                case.handle(CaseEvents.OpenStep(kind))
                case.handle(CaseEvents.StepFieldChanged("note", "入户核实情况"))
                if (kind == CaseEventKind.INVESTIGATED) {
                    case.handle(CaseEvents.StepFieldChanged("investigator.0", "王网格员"))
                    case.handle(CaseEvents.StepFieldChanged("investigator.1", "村委会主任"))
                }
                if (kind == CaseEventKind.REFERRED) case.handle(CaseEvents.StepFieldChanged("department", "县医疗保障局"))
                if (kind == CaseEventKind.ADVANCE_AID || kind == CaseEventKind.PAYMENT) case.handle(CaseEvents.StepFieldChanged("amount", "500"))
                case.handle(CaseEvents.HappenedAtChosen(at))
                case.handle(CaseEvents.SubmitStep)
            }
            fill(firstStep, now - 2 * HOUR)
            val recorded = case.state.await("step recorded") { !it.busy && (it.step == null || it.problem != null) }
            assertNull(recorded.problem, "step $firstStep refused: ${recorded.refusedRule}")
            val event = recorded.detail!!.events.last { it.kind == firstStep }
            assertEquals(now - 2 * HOUR, event.atMs)
            val entered = assertNotNull(event.recordedAtMs, "a backdated step shows when it was entered")
            assertTrue(entered >= now, "entered ${entered - now} ms after the test began")
            val nextStep = recorded.allowedSteps.firstOrNull() ?: throw AssertionError("no second step allowed")
            fill(nextStep, now - 49 * HOUR)
            val refused = case.state.await("step refused") { !it.busy && it.problem != null }
            assertEquals("backdated_too_far", refused.refusedRule)
            val words = (refused.problem as Problem.Words).text
            assertTrue(words.contains("补录"), words)
            assertEquals(recorded.detail!!.events.size, county.caseDetail(caseId).events.size, "nothing recorded")
            county.close()
            println("case steps: $firstStep backdated 2 h recorded; $nextStep 49 h back refused: $words")
        } finally {
            scope.cancel()
            store.close()
        }
    }
}
