// The presenters on the real core (JNA, target/debug/libruhu_core.so) and a real county on
// loopback: enroll by QR payload, first sync, 我的走访 lists tasks, 发现急难 for a new
// household gives a case with a running clock, search finds it by initials and by ID suffix,
// and a sync sends it. Counts are printed for the report.
package app.ruhu.presentation.real

import app.ruhu.presentation.core.RealRuhuCore
import app.ruhu.presentation.emergency.EmergencyEvents
import app.ruhu.presentation.emergency.EmergencyPresenter
import app.ruhu.presentation.emergency.EmergencyStep
import app.ruhu.presentation.emergency.NewHouseholdForm
import app.ruhu.presentation.enrollment.EnrollmentEvents
import app.ruhu.presentation.enrollment.EnrollmentPresenter
import app.ruhu.presentation.enrollment.EnrollmentStep
import app.ruhu.presentation.home.HomePresenter
import app.ruhu.presentation.settings.Leaving
import app.ruhu.presentation.settings.MemoryDisplayPreferences
import app.ruhu.presentation.settings.SettingsEvents
import app.ruhu.presentation.settings.SettingsPresenter
import app.ruhu.presentation.signature.SignatureEvents
import app.ruhu.presentation.signature.SignaturePresenter
import uniffi.ruhu_core.PhotoKind
import uniffi.ruhu_core.PhotoTarget
import app.ruhu.presentation.households.HouseholdsEvents
import app.ruhu.presentation.households.HouseholdsPresenter
import app.ruhu.presentation.real.RealCoreFixtures.await
import app.ruhu.presentation.sync.MemoryLastSyncStore
import app.ruhu.presentation.sync.SyncEvents
import app.ruhu.presentation.sync.SyncPresenter
import kotlin.test.assertEquals
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import org.junit.Test
import uniffi.ruhu_core.CasePath
import uniffi.ruhu_core.ClockState
import uniffi.ruhu_core.EmergencyKind
import uniffi.ruhu_core.Housing
import uniffi.ruhu_core.Sex

class RealCoreVisitTest {
    @Test
    fun `a worker enrolls by QR, syncs, reports an emergency for a new family, finds it and sends it`() {
        val store = RealCoreFixtures.openStore()
        val core = RealRuhuCore(store)
        val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
        val io = Dispatchers.IO
        try {
            // Enroll by the QR payload the county prints.
            val enrollment = EnrollmentPresenter(core, scope, io, deviceLabel = "测试手机")
            enrollment.handle(EnrollmentEvents.QrScanned(RealCoreFixtures.qrPayload(RealCoreFixtures.countyUrl(), RealCoreFixtures.enrollCode())))
            val enrolled = enrollment.state.await("enrollment") { it.step is EnrollmentStep.Enrolled || it.problem != null }
            val worker = (enrolled.step as? EnrollmentStep.Enrolled)?.worker ?: throw AssertionError("not enrolled: ${enrolled.problem}")
            assertEquals("w-001", worker.workerId)
            assertEquals("李网格员", worker.displayName)

            // First sync brings the worker's households and the county policy.
            val times = MemoryLastSyncStore()
            val sync = SyncPresenter(core, scope, io, times)
            sync.handle(SyncEvents.Start)
            val first = sync.state.await("first sync") { !it.running && (it.lastReport != null || it.problem != null) }
            assertNull(first.problem)
            val received = first.lastReport!!.documentsReceived
            assertTrue(received > 0u, "the first sync received nothing")
            assertNotNull(times.load())
            println("first sync: ${first.lastReport!!.roundTrips} round trips, $received documents received")

            // 我的走访 shows what is listed at once (nothing yet on a new phone), then the tasks the
            // core's warning rules raised for this worker's grid.
            val home = HomePresenter(core, scope, io).state.await("home") { !it.loading && !it.checking }
            assertNull(home.problem)
            assertEquals("李网格员", home.workerName)
            assertTrue(home.visits.isNotEmpty(), "我的走访 is empty after the first sync")
            assertEquals(store.myVisits().map { it.id }, home.visits.map { it.taskId })
            println("我的走访: ${home.visits.size} tasks, first: ${home.visits.first().clock} due ${home.visits.first().dueOn}")

            // 发现急难 for a family not on the phone.
            val birth = "1970-03-04"
            val idNumber = RealCoreFixtures.idNumber(birth, 412)
            val emergency = EmergencyPresenter(core, scope, io)
            emergency.state.await("household list") { it.results.isNotEmpty() }
            emergency.handle(EmergencyEvents.RegisterNew)
            emergency.handle(
                EmergencyEvents.FormChanged(
                    NewHouseholdForm(
                        headName = "谭雪梅", headIdNumber = idNumber, headSex = Sex.FEMALE, headBirthDate = birth,
                        villageCode = "370599100200", villageName = "前进村", gridCode = "G01-1",
                        address = "9组2号", phone = "13800002222", housing = Housing.DISASTER_DAMAGED,
                    ),
                ),
            )
            emergency.handle(EmergencyEvents.SaveHousehold)
            val registered = emergency.state.await("registration") { it.household != null || it.problem != null }
            assertNull(registered.problem)
            val householdId = registered.household!!.id
            emergency.handle(EmergencyEvents.KindChosen(EmergencyKind.FIRE))
            emergency.handle(EmergencyEvents.PathChosen(CasePath.URGENT))
            emergency.handle(EmergencyEvents.DescriptionChanged("厨房起火，屋顶烧毁"))
            emergency.handle(EmergencyEvents.Report)
            val reported = emergency.state.await("case") { it.step == EmergencyStep.Reported || it.problem != null }
            assertNull(reported.problem)
            val case = reported.case!!
            assertEquals(householdId, case.householdId)
            val clock = case.clocks.first()
            assertEquals(ClockState.RUNNING, clock.state)
            val due = assertNotNull(clock.dueMs)
            val hours = (due - case.openedAtMs) / 3_600_000.0
            assertTrue(hours > 23.0 && hours <= 24.01, "the urgent clock runs ${"%.2f".format(hours)} h")
            println("case ${case.status}: clock ${clock.clock} ${clock.state}, due in ${"%.2f".format(hours)} h")

            // The list finds the family by pinyin initials and by the last digits of the ID.
            val households = HouseholdsPresenter(core, scope, io, debounceMs = 50)
            for (text in listOf("txm", idNumber.takeLast(4))) {
                households.handle(HouseholdsEvents.TextChanged(text))
                val found = households.state.await("search '$text'") { it.text == text && !it.searching }
                val hit = found.households.singleOrNull { it.id == householdId } ?: throw AssertionError("'$text' did not find the family")
                assertEquals("谭雪梅", hit.headName)
                assertTrue(hit.headIdMasked.endsWith(idNumber.takeLast(4)) && !hit.headIdMasked.contains(idNumber.substring(6, 14)))
                assertEquals(1u, hit.openCases)
            }

            // The family's head signs on the pad; the signature is kept as a photo of the household.
            val pad = SignaturePresenter(core, PhotoTarget.Household(householdId), scope, io)
            pad.handle(SignatureEvents.SignerChanged("户主 谭雪梅"))
            pad.handle(SignatureEvents.PenDown(20f, 80f))
            for (i in 1..30) pad.handle(SignatureEvents.PenMove(20f + i * 8f, 80f + (i % 5) * 6f))
            pad.handle(SignatureEvents.PenUp)
            assertTrue(pad.state.value.canSave)
            pad.handle(SignatureEvents.Save(padWidth = 320f, padHeight = 160f))
            val signed = pad.state.await("signature") { it.kept.isNotEmpty() || it.problem != null }
            assertNull(signed.problem)
            assertEquals(PhotoKind.SIGNATURE, signed.kept.single().kind)
            assertEquals("签字：户主 谭雪梅", signed.kept.single().caption)
            assertTrue(signed.strokes.isEmpty(), "the pad is cleared for the next signer")

            // Leaving the county now would lose the new family: the worker is asked first.
            val settings = SettingsPresenter(core, MemoryDisplayPreferences(), "1.0", scope, io)
            settings.handle(SettingsEvents.Leave)
            val asked = settings.state.await("leave") { it.leaving is Leaving.ConfirmLoss || it.problem != null }
            val loss = asked.leaving as Leaving.ConfirmLoss
            assertTrue(loss.documents >= 2u && loss.photos >= 1u, "$loss")
            settings.handle(SettingsEvents.CancelLeave)

            // The next sync sends the household, its case and the signature.
            sync.handle(SyncEvents.Start)
            val second = sync.state.await("second sync") { !it.running && it.lastReport !== first.lastReport || it.problem != null }
            assertNull(second.problem)
            val report = second.lastReport!!
            assertTrue(report.documentsSent >= 2u, "sent ${report.documentsSent} documents, expected the household and its case")
            assertEquals(0u, report.documentsRefused)
            println("second sync: ${report.documentsSent} documents, ${report.changesSent} changes sent, ${report.roundTrips} round trips")
            assertTrue(report.photosSent >= 1u, "the signature's files were not sent")

            // Everything is at the county now: leaving wipes the phone without asking.
            settings.handle(SettingsEvents.Leave)
            val left = settings.state.await("left") { it.leaving == Leaving.Left || it.leaving is Leaving.ConfirmLoss || it.problem != null }
            assertEquals(Leaving.Left, left.leaving, "${left.leaving} ${left.problem}")
            assertNull(store.worker())
            assertTrue(store.listedVisits().isEmpty())
        } finally {
            scope.cancel()
            store.close()
        }
    }
}
