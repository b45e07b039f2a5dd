// The real-county walk on the real core and the demo county on loopback, one scenario per test,
// each on fresh stores enrolled with codes the console issues: a retake asked through the
// console's review form and taken on the phone, a conflict between two phones of one worker
// settled, a case handed to a colleague by file, a revoked phone wiped, and a sync killed halfway.
package app.ruhu.presentation.real

import app.ruhu.presentation.conflicts.ConflictsEvents
import app.ruhu.presentation.conflicts.ConflictsPresenter
import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.core.RealRuhuCore
import app.ruhu.presentation.enrollment.EnrollmentPresenter
import app.ruhu.presentation.enrollment.EnrollmentStep
import app.ruhu.presentation.handover.HandoverEvents
import app.ruhu.presentation.handover.HandoverPresenter
import app.ruhu.presentation.householdscreen.HouseholdScreenPresenter
import app.ruhu.presentation.photos.PhotoCaptureEvents
import app.ruhu.presentation.photos.PhotoCapturePresenter
import app.ruhu.presentation.photos.RetakesEvents
import app.ruhu.presentation.photos.RetakesPresenter
import app.ruhu.presentation.real.RealCoreFixtures.await
import app.ruhu.presentation.sync.MemoryLastSyncStore
import app.ruhu.presentation.sync.SyncEvents
import app.ruhu.presentation.sync.SyncPresenter
import java.awt.image.BufferedImage
import java.io.ByteArrayOutputStream
import javax.imageio.ImageIO
import kotlin.test.assertEquals
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import org.junit.After
import org.junit.Test
import uniffi.ruhu_core.ApiException
import uniffi.ruhu_core.CaseQuery
import uniffi.ruhu_core.HouseholdQuery
import uniffi.ruhu_core.PhotoKind
import uniffi.ruhu_core.ReviewStatus
import uniffi.ruhu_core.PhotoTarget
import uniffi.ruhu_core.RuhuStore
import uniffi.ruhu_core.SyncListener
import uniffi.ruhu_core.SyncProgress

class RealCountyWalkTest {
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
    private val io = Dispatchers.IO
    private val console by lazy { CountyConsole(RealCoreFixtures.countyUrl(), "admin", RealCoreFixtures.adminPassword()) }
    private val grid = "G01-1"

    @After
    fun stop() = scope.cancel()

    /** A fresh store enrolled as [workerId] in [grid] with a code the console issues. */
    private fun phone(workerId: String): RuhuStore {
        val store = RealCoreFixtures.openStore()
        store.enroll(RealCoreFixtures.countyUrl(), console.issueCode(workerId, "测试网格员", grid), "测试手机 $workerId")
        return store
    }

    private fun sync(store: RuhuStore): SyncPresenter {
        val p = SyncPresenter(RealRuhuCore(store), scope, io, MemoryLastSyncStore())
        p.handle(SyncEvents.Start)
        p.state.await("sync") { !it.running && (it.lastReport != null || it.problem != null) }
        return p
    }

    private fun syncOk(store: RuhuStore) {
        val s = sync(store).state.value
        assertNull(s.problem, "sync failed: ${s.problem}")
    }

    /** A sample camera JPEG, different for each [seed]. */
    private fun jpeg(seed: Int): ByteArray {
        val img = BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB)
        for (y in 0 until 480) for (x in 0 until 640) img.setRGB(x, y, (x * seed + y * 7) and 0xffffff)
        return ByteArrayOutputStream().also { ImageIO.write(img, "jpg", it) }.toByteArray()
    }

    private fun firstHousehold(store: RuhuStore): String =
        store.searchHouseholds(HouseholdQuery(gridCode = grid, limit = 1u)).firstOrNull()?.id ?: error("no household in $grid")

    @Test
    fun `a retake asked on the console's review form reaches the phone and the retake clears it`() {
        val store = phone("w-201")
        val core = RealRuhuCore(store)
        syncOk(store)
        val household = firstHousehold(store)
        val camera = PhotoCapturePresenter(core, scope, io, PhotoTarget.Household(household), household)
        camera.handle(PhotoCaptureEvents.KindChosen(PhotoKind.ID_CARD))
        camera.handle(PhotoCaptureEvents.CaptionChanged("户主身份证"))
        camera.handle(PhotoCaptureEvents.Captured(jpeg(3)))
        val photo = camera.state.await("photo kept") { it.kept != null || it.problem != null }.kept
            ?: throw AssertionError("photo refused: ${camera.state.value.problem}")
        val thumb = kotlinx.coroutines.runBlocking { camera.thumbnail(photo) } ?: throw AssertionError("no thumbnail")
        assertEquals(listOf(0xFF.toByte(), 0xD8.toByte()), thumb.take(2), "the thumbnail is not a JPEG")
        // A shot the core refuses (not an image) shows its words and keeps the caption typed.
        camera.handle(PhotoCaptureEvents.CaptionChanged("户主身份证背面"))
        camera.handle(PhotoCaptureEvents.Captured("not a photo".toByteArray()))
        val refused = camera.state.await("refused shot") { !it.saving && it.problem != null }
        assertTrue(refused.problem is Problem.Words || refused.problem is Problem.Fields, "${refused.problem}")
        assertEquals("户主身份证背面", refused.caption)
        println("refused shot: ${refused.problem}")
        syncOk(store)

        // The household screen lists the photo and the household's visit history as the core keeps it.
        val screen = HouseholdScreenPresenter(core, scope, io, household).state.await("household") { !it.loading }
        assertNull(screen.problem)
        assertTrue(screen.photos.any { it.photoId == photo.photoId })
        assertEquals(store.visitHistory(household).map { it.id }, screen.visits.map { it.id })
        println("household screen: ${screen.photos.size} photos, ${screen.visits.size} visits in its history, ${screen.cases.size} cases")

        console.askRetake(household, photo.photoId, "照片模糊，请重拍身份证")
        syncOk(store)
        val retakes = RetakesPresenter(core, scope, io)
        val owed = retakes.state.await("retakes") { !it.loading }.owed
        assertEquals(listOf(photo.photoId), owed.map { it.photoId })
        assertEquals("照片模糊，请重拍身份证", owed.single().reviewReason)

        retakes.handle(RetakesEvents.Retaken(owed.single(), jpeg(5)))
        retakes.state.await("retake stored") { it.retaking == null && (it.owed.isEmpty() || it.problem != null) }
        assertNull(retakes.state.value.problem)
        syncOk(store)
        // After the sync (the county merged the retake), a fresh list still holds nothing.
        val again = RetakesPresenter(core, scope, io).state.await("retakes after sync") { !it.loading }
        assertEquals(emptyList(), again.owed.map { it.photoId }, "the retake is still owed after the sync")
        val both = store.photos(household).filter { it.kind == PhotoKind.ID_CARD && it.caption == "户主身份证" }
        assertEquals(2, both.size)
        // The photo sent back keeps the supervisor's word; the new one names it and waits for review.
        assertEquals(ReviewStatus.RETAKE_NEEDED, both.single { it.photoId == photo.photoId }.review)
        assertEquals(photo.photoId, both.single { it.photoId != photo.photoId }.retakeOf)
    }

    @Test
    fun `a conflict between two phones of one worker shows on the household and is settled on both`() {
        val a = phone("w-202")
        val b = phone("w-202")
        syncOk(a)
        syncOk(b)
        val household = firstHousehold(a)
        a.updateHousehold(household, a.household(household).profile.copy(contactPhone = "13800000001"))
        b.updateHousehold(household, b.household(household).profile.copy(contactPhone = "13900000002"))
        syncOk(a)
        syncOk(b)
        syncOk(a)

        val screen = HouseholdScreenPresenter(RealRuhuCore(b), scope, io, household)
        val shown = screen.state.await("household screen") { !it.loading }
        assertTrue(shown.conflictCount >= 1, "no conflict badge on the second phone")
        val conflicts = ConflictsPresenter(RealRuhuCore(b), scope, io, household)
        val open = conflicts.state.await("conflicts") { !it.busy }.conflicts
        val phoneConflict = open.first { it.path.contains("contact_phone") }
        val chosen = phoneConflict.values.first { it.valueJson.contains("13900000002") }
        conflicts.handle(ConflictsEvents.Choose(phoneConflict.path, chosen.valueJson))
        conflicts.state.await("conflict settled") { !it.busy && it.conflicts.none { c -> c.path == phoneConflict.path } }
        syncOk(b)
        syncOk(a)
        for (store in listOf(a, b)) {
            val detail = store.household(household)
            assertEquals("13900000002", detail.profile.contactPhone)
            assertTrue(detail.conflicts.none { it.path.contains("contact_phone") }, "conflict still open: ${detail.conflicts}")
        }
    }

    @Test
    fun `a case handed to a colleague by file is previewed, imported and seen there`() {
        val giver = phone("w-203")
        syncOk(giver)
        val case = giver.listCases(CaseQuery(limit = 1u)).firstOrNull() ?: error("no case in $grid")
        val out = HandoverPresenter(RealRuhuCore(giver), scope, io)
        out.handle(HandoverEvents.Export(listOf(case.id), case.id))
        val file = out.state.await("bundle") { it.exported != null || it.problem != null }.exported
            ?: throw AssertionError("export failed: ${out.state.value.problem}")
        assertTrue(file.fileName.endsWith(".ruhu"))

        // The colleague enrolled but has not synced: the case reaches the phone by the file alone.
        val colleague = phone("w-204")
        assertTrue(colleague.listCases(CaseQuery(limit = 10u)).none { it.id == case.id })
        val into = HandoverPresenter(RealRuhuCore(colleague), scope, io)
        into.handle(HandoverEvents.Received(file.bytes))
        val preview = into.state.await("preview") { it.preview != null || it.problem != null }.preview
            ?: throw AssertionError("preview failed: ${into.state.value.problem}")
        assertTrue(preview.documents.any { it.documentId == case.id && it.created })
        assertEquals(0u, preview.outsideScope)
        into.handle(HandoverEvents.Import())
        val report = into.state.await("import") { it.imported != null || it.problem != null }.imported
            ?: throw AssertionError("import failed: ${into.state.value.problem}")
        assertTrue(report.created >= 1u)
        assertEquals(listOf(case.id), colleague.listCases(CaseQuery(householdId = case.householdId, limit = 50u)).map { it.id }.filter { it == case.id })
        assertEquals(case.id, colleague.caseDetail(case.id).id)
    }

    @Test
    fun `a phone revoked on the console is wiped at its next sync and enrollment says so`() {
        val store = phone("w-205")
        syncOk(store)
        assertTrue(store.searchHouseholds(HouseholdQuery(limit = 5u)).isNotEmpty())
        console.revokeDeviceOf("w-205")
        val after = sync(store).state.value
        assertEquals(Problem.Revoked, after.problem)
        assertNull(store.worker())
        assertEquals(emptyList(), store.searchHouseholds(HouseholdQuery(limit = 5u)))
        val enrollment = EnrollmentPresenter(RealRuhuCore(store), scope, io, deviceLabel = "测试手机", revoked = true)
        assertEquals(EnrollmentStep.Revoked, enrollment.state.value.step)
        assertEquals(Problem.Revoked, enrollment.state.value.problem)
    }

    @Test
    fun `a sync killed halfway and run again loses nothing and sends nothing twice`() {
        val store = phone("w-206")
        syncOk(store)
        val household = firstHousehold(store)
        val core = RealRuhuCore(store)
        val taken = (1..3).map { i -> store.addPhoto(PhotoTarget.Household(household), uniffi.ruhu_core.PhotoInput(PhotoKind.HOUSE, "住房 $i", null), jpeg(10 + i)).photoId }
        store.updateHousehold(household, store.household(household).profile.copy(addressDetail = "中途同步测试 1 号"))
        val before = core.photoUploadsPending()
        // Killed halfway: the listener says stop once the first round trip is through.
        var heard: SyncProgress? = null
        val killed = runCatching {
            store.sync(object : SyncListener {
                override fun onProgress(progress: SyncProgress): Boolean {
                    heard = progress
                    return false
                }
            })
        }
        println("sync killed after $heard; photo files waiting before ${before.files}, after ${core.photoUploadsPending().files}")
        assertNotNull(heard, "the sync stopped before its first round trip")
        assertTrue(killed.exceptionOrNull() is ApiException.SyncCancelled, "the sync was not stopped: $killed")
        assertTrue(core.photoUploadsPending().files > 0u, "nothing was left for the next sync")
        syncOk(store)
        assertEquals(0u, core.photoUploadsPending().files)

        // The county holds each photo once and the edit: a second phone of the grid reads them.
        val other = phone("w-207")
        syncOk(other)
        val there = other.photos(household).filter { it.photoId in taken }
        assertEquals(taken.sorted(), there.map { it.photoId }.sorted())
        assertEquals(3, other.photos(household).count { it.caption.startsWith("住房 ") })
        assertEquals("中途同步测试 1 号", other.household(household).profile.addressDetail)
    }
}
