// A fake core for pure presenter tests: every feature interface, answering from what the test
// put in it and recording what the presenters asked for. No native library is loaded.
package app.ruhu.presentation.fakes

import app.ruhu.presentation.core.EmergencyCore
import app.ruhu.presentation.core.EnrollmentCore
import app.ruhu.presentation.core.SyncCore
import app.ruhu.presentation.core.VisitsCore
import uniffi.ruhu_core.*

/** A fake of every feature interface; set the answers, read the calls. */
class FakeCore : EnrollmentCore, VisitsCore, EmergencyCore, SyncCore {
    var enrolled: WorkerProfile? = null
    var enrollAnswer: () -> WorkerProfile = { WorkerProfile("370599", "w-001", "李网格员") }
    val enrollCalls = mutableListOf<Triple<String, String, String>>()

    var visits: List<VisitTaskRecord> = emptyList()
    var visitReads = 0
    var raiseRuns = 0
    /** What a run of the warning rules answers; may change [visits] to play rules raising tasks. */
    var raiseAnswer: () -> WarningRunRecord = { WarningRunRecord(0u, 0u, 0u) }

    var households: List<HouseholdSummary> = emptyList()
    val searches = mutableListOf<HouseholdQuery>()
    var searchAnswer: (HouseholdQuery) -> List<HouseholdSummary> = { q ->
        households.filter { q.text.isEmpty() || it.headName.contains(q.text) || it.headIdMasked.endsWith(q.text) }
    }

    /** The villages and grids this phone serves. */
    var places: List<Place> = listOf(Place("370599100200", "前进村", "G01-1"), Place("370599100201", "红星村", "G02-1"))

    val createdHouseholds = mutableListOf<Pair<HouseholdProfile, List<MemberInput>>>()
    var createHouseholdAnswer: () -> String = { "h-new" }
    val createdCases = mutableListOf<CaseInput>()
    var caseDetailAnswer: (String, CaseInput) -> CaseDetail = { id, input -> caseDetail(id, input) }

    var syncAnswer: (SyncListener) -> SyncReport = { report() }
    var photosPending = PhotoQueue(0u, 0uL)
    var refused: List<RefusedDocument> = emptyList()

    override fun worker(): WorkerProfile? = enrolled

    override fun places(): List<Place> = places

    /** Payloads the fake reads as the core would; any other is refused as the core words it. */
    val qrTargets = mutableMapOf(
        "ruhu://enroll?v=1&server=http%3A%2F%2F127.0.0.1%3A8443&code=AZHXTGA6Y8V5" to
            EnrollmentTarget("http://127.0.0.1:8443", "AZHXTGA6Y8V5"),
    )

    override fun parseEnrollmentQr(payload: String): EnrollmentTarget = qrTargets[payload]
        ?: throw ApiException.InvalidInput(listOf(FieldProblem("qr", NOT_ENROLLMENT)))

    override fun enroll(serverUrl: String, code: String, deviceLabel: String): WorkerProfile {
        enrollCalls += Triple(serverUrl, code, deviceLabel)
        return enrollAnswer().also { enrolled = it }
    }

    override fun listedVisits(): List<VisitTaskRecord> {
        visitReads++
        return visits
    }

    override fun raiseVisitTasks(): WarningRunRecord {
        raiseRuns++
        return raiseAnswer()
    }

    override fun searchHouseholds(query: HouseholdQuery): List<HouseholdSummary> {
        synchronized(searches) { searches += query }
        return searchAnswer(query)
    }

    override fun createHousehold(profile: HouseholdProfile, members: List<MemberInput>): String {
        createdHouseholds += profile to members
        return createHouseholdAnswer()
    }

    override fun createCase(input: CaseInput): String {
        createdCases += input
        return "c-${createdCases.size}"
    }

    override fun caseDetail(caseId: String): CaseDetail = caseDetailAnswer(caseId, createdCases.last())

    override fun sync(listener: SyncListener): SyncReport = syncAnswer(listener)

    override fun photoUploadsPending(): PhotoQueue = photosPending

    override fun refusedDocuments(): List<RefusedDocument> = refused

    companion object {
        fun visit(id: String, clock: ClockState, urgency: Urgency, due: String) = VisitTaskRecord(
            id = id, householdId = "h-$id", gridCode = "G01-1", headName = "户主$id",
            villageName = "前进村", address = "2组8号", kind = "review_due",
            reason = "该复核了", urgency = urgency, createdOn = "2026-11-20", dueOn = due, clock = clock,
        )

        fun household(id: String, name: String, idTail: String) = HouseholdSummary(
            id = id, headName = name, headIdMasked = "37************$idTail", villageName = "前进村",
            gridCode = "G01-1", address = "2组8号", categories = emptyList(), memberCount = 3u,
            openCases = 0u, nextDeadlineMs = null, conflicts = 0u,
        )

        fun caseDetail(id: String, input: CaseInput, openedAt: Long = 1_000_000L) = CaseDetail(
            id = id, householdId = input.householdId, origin = input.origin, kind = input.kind,
            path = input.path, openedAtMs = openedAt, openedBy = "w-001", emergency = input.emergency,
            status = CaseStatus.REPORTED, owner = "w-001", nextDeadlineMs = openedAt + 24 * 3_600_000L,
            overdue = false, totalPaidFen = 0, events = emptyList(),
            clocks = listOf(CaseClockRecord("advance_aid_urgent", openedAt + 24 * 3_600_000L, ClockState.RUNNING, null)),
            allowedActions = emptyList(), policyVersion = 1u, conflicts = emptyList(),
        )

        fun report(sent: UInt = 0u, received: UInt = 0u) = SyncReport(
            roundTrips = 1u, documentsSent = sent, changesSent = sent, changeBytesSent = 0uL,
            documentsReceived = received, bytesSent = 0uL, bytesReceived = 0uL, newConflicts = 0u,
            photosSent = 0u, photoBytesSent = 0uL, photosPending = 0u, documentsRefused = 0u,
            documentsHeldBack = 0u,
        )
    }
}

/** The core's words for a scanned code that is not the county's. */
const val NOT_ENROLLMENT = "这不是县级平台的登记码，请扫描县里提供的登记二维码"
