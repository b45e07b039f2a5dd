// The calls each feature makes on the core, one small interface per feature, in the generated
// bindings' own types. RealRuhuCore implements them all over uniffi's RuhuStore; tests give a
// presenter a fake of just the interface it uses.
package app.ruhu.presentation.core

import uniffi.ruhu_core.EnrollmentTarget
import uniffi.ruhu_core.CaseDetail
import uniffi.ruhu_core.CaseInput
import uniffi.ruhu_core.HouseholdProfile
import uniffi.ruhu_core.HouseholdQuery
import uniffi.ruhu_core.HouseholdSummary
import uniffi.ruhu_core.MemberInput
import uniffi.ruhu_core.PhotoQueue
import uniffi.ruhu_core.RefusedDocument
import uniffi.ruhu_core.SyncListener
import uniffi.ruhu_core.SyncReport
import uniffi.ruhu_core.VisitTaskRecord
import uniffi.ruhu_core.WorkerProfile

/** What enrollment needs: who this phone serves already, reading the QR code, enrolling. */
interface EnrollmentCore {
    /** The enrolled worker, or null before enrollment. */
    fun worker(): WorkerProfile?

    /** The server and code a scanned QR payload carries; throws ApiException when it is not one. */
    fun parseEnrollmentQr(payload: String): EnrollmentTarget

    /** Enrolls this phone with a one-time code (RuhuStore.enroll). */
    fun enroll(serverUrl: String, code: String, deviceLabel: String): WorkerProfile
}

/** What 我的走访 needs. */
interface VisitsCore {
    /** The enrolled worker, or null. */
    fun worker(): WorkerProfile?

    /** Open visit tasks in the core's order (RuhuStore.myVisits). */
    fun myVisits(): List<VisitTaskRecord>
}

/** What the household list needs. */
interface HouseholdsCore {
    /** Households matching the query, ID numbers masked (RuhuStore.searchHouseholds). */
    fun searchHouseholds(query: HouseholdQuery): List<HouseholdSummary>
}

/** What reporting an emergency (发现急难) needs: find or register the household, open the case. */
interface EmergencyCore : HouseholdsCore {
    /** The enrolled worker (the new household's county), or null. */
    fun worker(): WorkerProfile?

    /** Registers a household with its first members; returns its id. */
    fun createHousehold(profile: HouseholdProfile, members: List<MemberInput>): String

    /** Opens a case; returns its id. */
    fun createCase(input: CaseInput): String

    /** The case as its screen shows it, clocks included. */
    fun caseDetail(caseId: String): CaseDetail
}

/** What the sync screen needs. */
interface SyncCore {
    /** One sync with the county; blocks; the listener hears each round trip and may cancel. */
    fun sync(listener: SyncListener): SyncReport

    /** Photo files still to reach the county. */
    fun photoUploadsPending(): PhotoQueue

    /** Documents the county refused, with reason and what to do. */
    fun refusedDocuments(): List<RefusedDocument>
}
