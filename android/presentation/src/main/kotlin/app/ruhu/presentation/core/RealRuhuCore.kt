// The real core behind every feature interface: each call goes straight to uniffi's RuhuStore.
// Calls block (disk, network for enroll and sync): presenters make them on their IO dispatcher.
package app.ruhu.presentation.core

import uniffi.ruhu_core.Stroke
import uniffi.ruhu_core.PhotoTarget
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
import uniffi.ruhu_core.WarningRunRecord
import uniffi.ruhu_core.WorkerProfile
import uniffi.ruhu_core.Conflict
import uniffi.ruhu_core.CaseQuery
import uniffi.ruhu_core.CaseSummary
import uniffi.ruhu_core.PhotoRecord
import uniffi.ruhu_core.CaseEventInput
import uniffi.ruhu_core.DraftField
import uniffi.ruhu_core.EconomicsInput
import uniffi.ruhu_core.HouseholdDetail
import uniffi.ruhu_core.IdNumberInfo
import uniffi.ruhu_core.Place
import uniffi.ruhu_core.PolicySummary
import uniffi.ruhu_core.SupporterInput
import uniffi.ruhu_core.BundlePreview
import uniffi.ruhu_core.ImportReport
import uniffi.ruhu_core.PhotoInput
import uniffi.ruhu_core.VisitHistoryItem

/** Every feature interface over one open [RuhuStore] (one per app process, shared). */
class RealRuhuCore(private val store: RuhuStore) : EnrollmentCore, VisitsCore, EmergencyCore, SyncCore,
    HouseholdFormCore, ConflictsCore, CaseCore, HouseholdScreenCore, SignatureCore, SettingsCore,
    PhotosCore, RetakesCore, HandoverCore {
    override fun worker(): WorkerProfile? = store.worker()

    override fun addSignature(target: PhotoTarget, signer: String, strokes: List<Stroke>, padWidth: Float, padHeight: Float): PhotoRecord =
        store.addSignature(target, signer, strokes, padWidth, padHeight)

    override fun leaveCounty(evenUnsynced: Boolean) = store.leaveCounty(evenUnsynced)

    override fun parseEnrollmentQr(payload: String): EnrollmentTarget = uniffi.ruhu_core.parseEnrollmentQr(payload)

    override fun enroll(serverUrl: String, code: String, deviceLabel: String): WorkerProfile =
        store.enroll(serverUrl, code, deviceLabel)

    override fun listedVisits(): List<VisitTaskRecord> = store.listedVisits()

    override fun raiseVisitTasks(): WarningRunRecord = store.raiseVisitTasks()

    override fun searchHouseholds(query: HouseholdQuery): List<HouseholdSummary> = store.searchHouseholds(query)

    override fun createHousehold(profile: HouseholdProfile, members: List<MemberInput>): String =
        store.createHousehold(profile, members)

    override fun createCase(input: CaseInput): String = store.createCase(input)

    override fun caseDetail(caseId: String): CaseDetail = store.caseDetail(caseId)

    override fun sync(listener: SyncListener): SyncReport = store.sync(listener)

    override fun photoUploadsPending(): PhotoQueue = store.photoUploadsPending()

    override fun refusedDocuments(): List<RefusedDocument> = store.refusedDocuments()

    override fun saveDraft(form: String, field: String, value: String) = store.saveDraft(form, field, value)

    override fun draft(form: String): List<DraftField> = store.draft(form)

    override fun discardDraft(form: String) = store.discardDraft(form)

    override fun places(): List<Place> = store.places()

    override fun countyPolicy(): PolicySummary? = store.countyPolicy()

    override fun checkIdNumber(text: String): IdNumberInfo = uniffi.ruhu_core.checkIdNumber(text)

    override fun economicsPreview(economics: EconomicsInput, presentMembers: UInt) =
        store.economicsPreview(economics, presentMembers)

    override fun updateHousehold(householdId: String, profile: HouseholdProfile) = store.updateHousehold(householdId, profile)

    override fun addMember(householdId: String, member: MemberInput): String = store.addMember(householdId, member)

    override fun updateMember(householdId: String, memberId: String, member: MemberInput) =
        store.updateMember(householdId, memberId, member)

    override fun addSupporter(householdId: String, supporter: SupporterInput): String = store.addSupporter(householdId, supporter)

    override fun updateSupporter(householdId: String, supporterId: String, supporter: SupporterInput) =
        store.updateSupporter(householdId, supporterId, supporter)

    override fun setEconomics(householdId: String, economics: EconomicsInput) = store.setEconomics(householdId, economics)

    override fun household(householdId: String): HouseholdDetail = store.household(householdId)

    override fun conflicts(documentId: String): List<Conflict> = store.conflicts(documentId)

    override fun settleConflict(documentId: String, path: String, valueJson: String) =
        store.settleConflict(documentId, path, valueJson)

    override fun appendCaseEvent(caseId: String, event: CaseEventInput): String = store.appendCaseEvent(caseId, event)

    override fun listCases(query: CaseQuery): List<CaseSummary> = store.listCases(query)

    override fun photos(householdId: String): List<PhotoRecord> = store.photos(householdId)

    override fun visitHistory(householdId: String): List<VisitHistoryItem> = store.visitHistory(householdId)

    override fun addPhoto(target: PhotoTarget, input: PhotoInput, cameraBytes: ByteArray): PhotoRecord =
        store.addPhoto(target, input, cameraBytes)

    override fun photoFile(sha256: String): ByteArray = store.photoFile(sha256)

    override fun retakesOwed(): List<PhotoRecord> = store.retakesOwed()

    override fun retakePhoto(target: PhotoTarget, photoId: String, input: PhotoInput, cameraBytes: ByteArray) =
        store.retakePhoto(target, photoId, input, cameraBytes)

    override fun exportBundle(documentIds: List<String>): ByteArray = store.exportBundle(documentIds)

    override fun previewBundle(bundle: ByteArray): BundlePreview = store.previewBundle(bundle)

    override fun importBundle(bundle: ByteArray): ImportReport = store.importBundle(bundle)

    override fun importBundleConfirmed(bundle: ByteArray, includeOutsideScope: Boolean): ImportReport =
        store.importBundleConfirmed(bundle, includeOutsideScope)
}
