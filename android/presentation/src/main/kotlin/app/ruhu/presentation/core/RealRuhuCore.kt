// The real core behind every feature interface: each call goes straight to uniffi's RuhuStore.
// Calls block (disk, network for enroll and sync): presenters make them on their IO dispatcher.
package app.ruhu.presentation.core

import uniffi.ruhu_core.CaseDetail
import uniffi.ruhu_core.CaseInput
import uniffi.ruhu_core.HouseholdProfile
import uniffi.ruhu_core.HouseholdQuery
import uniffi.ruhu_core.HouseholdSummary
import uniffi.ruhu_core.MemberInput
import uniffi.ruhu_core.PhotoQueue
import uniffi.ruhu_core.RefusedDocument
import uniffi.ruhu_core.RuhuStore
import uniffi.ruhu_core.SyncListener
import uniffi.ruhu_core.EnrollmentTarget
import uniffi.ruhu_core.SyncReport
import uniffi.ruhu_core.VisitTaskRecord
import uniffi.ruhu_core.WorkerProfile

/** Every feature interface over one open [RuhuStore] (one per app process, shared). */
class RealRuhuCore(private val store: RuhuStore) : EnrollmentCore, VisitsCore, EmergencyCore, SyncCore {
    override fun worker(): WorkerProfile? = store.worker()

    override fun parseEnrollmentQr(payload: String): EnrollmentTarget = uniffi.ruhu_core.parseEnrollmentQr(payload)

    override fun enroll(serverUrl: String, code: String, deviceLabel: String): WorkerProfile =
        store.enroll(serverUrl, code, deviceLabel)

    override fun myVisits(): List<VisitTaskRecord> = store.myVisits()

    override fun searchHouseholds(query: HouseholdQuery): List<HouseholdSummary> = store.searchHouseholds(query)

    override fun createHousehold(profile: HouseholdProfile, members: List<MemberInput>): String =
        store.createHousehold(profile, members)

    override fun createCase(input: CaseInput): String = store.createCase(input)

    override fun caseDetail(caseId: String): CaseDetail = store.caseDetail(caseId)

    override fun sync(listener: SyncListener): SyncReport = store.sync(listener)

    override fun photoUploadsPending(): PhotoQueue = store.photoUploadsPending()

    override fun refusedDocuments(): List<RefusedDocument> = store.refusedDocuments()
}
