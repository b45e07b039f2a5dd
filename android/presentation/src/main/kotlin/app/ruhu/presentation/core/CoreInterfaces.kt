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
import uniffi.ruhu_core.WarningRunRecord
import uniffi.ruhu_core.WorkerProfile
import uniffi.ruhu_core.Conflict
import uniffi.ruhu_core.CaseQuery
import uniffi.ruhu_core.CaseSummary
import uniffi.ruhu_core.PhotoRecord
import uniffi.ruhu_core.CaseEventInput
import uniffi.ruhu_core.DraftField
import uniffi.ruhu_core.EconomicsInput
import uniffi.ruhu_core.EconomicsPreview
import uniffi.ruhu_core.HouseholdDetail
import uniffi.ruhu_core.IdNumberInfo
import uniffi.ruhu_core.Place
import uniffi.ruhu_core.PolicySummary
import uniffi.ruhu_core.SupporterInput
import uniffi.ruhu_core.PhotoTarget
import uniffi.ruhu_core.Stroke

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

    /** The visits already raised, in the core's order, read at once (RuhuStore.listedVisits). */
    fun listedVisits(): List<VisitTaskRecord>

    /** Runs the warning rules where something changed or not yet today (RuhuStore.raiseVisitTasks). */
    fun raiseVisitTasks(): WarningRunRecord
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

    /** The villages and grids a new household may be registered in (within this phone's scope). */
    fun places(): List<Place>

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

/** Drafts: every field of an unfinished form kept as typed in the encrypted store. */
interface DraftsCore {
    /** Keeps one field as typed (RuhuStore.saveDraft); called on every change. */
    fun saveDraft(form: String, field: String, value: String)

    /** Every field of the draft [form], empty when there is none. */
    fun draft(form: String): List<DraftField>

    /** Forgets the draft [form] (saved as a record, or thrown away). */
    fun discardDraft(form: String)
}

/** What the household form (register and edit) needs. */
interface HouseholdFormCore : DraftsCore {
    /** The enrolled worker (the new household's county), or null. */
    fun worker(): WorkerProfile?

    /** The villages and grids a form may offer (within this phone's scope). */
    fun places(): List<Place>

    /** The county policy (低保标准), or null before the first sync. */
    fun countyPolicy(): PolicySummary?

    /** Reads an ID number as typed; throws ApiException.InvalidInput with the core's reason. */
    fun checkIdNumber(text: String): IdNumberInfo

    /** The economics form's figures as typed, not saved: totals, 人均月收入 and the 低保 verdict. */
    fun economicsPreview(economics: EconomicsInput, presentMembers: UInt): EconomicsPreview

    /** Registers a household with its first members; returns its id. */
    fun createHousehold(profile: HouseholdProfile, members: List<MemberInput>): String

    /** Replaces the household's profile. */
    fun updateHousehold(householdId: String, profile: HouseholdProfile)

    /** Adds a member; returns its id. */
    fun addMember(householdId: String, member: MemberInput): String

    /** Replaces a member's form (迁出/死亡 through its status; never deleted). */
    fun updateMember(householdId: String, memberId: String, member: MemberInput)

    /** Adds a supporter; returns its id. */
    fun addSupporter(householdId: String, supporter: SupporterInput): String

    /** Replaces a supporter's form. */
    fun updateSupporter(householdId: String, supporterId: String, supporter: SupporterInput)

    /** Replaces the economics form. */
    fun setEconomics(householdId: String, economics: EconomicsInput)

    /** Everything the household screen shows, the core's economics summary included. */
    fun household(householdId: String): HouseholdDetail
}

/** What the conflicts screen needs. */
interface ConflictsCore {
    /** Unsettled conflicts of one document. */
    fun conflicts(documentId: String): List<Conflict>

    /** Settles a conflict with one of its values (ConflictValue.valueJson). */
    fun settleConflict(documentId: String, path: String, valueJson: String)
}

/** What the case screen needs. */
interface CaseCore : DraftsCore {
    /** The case as its screen shows it: timeline, clocks, allowed steps. */
    fun caseDetail(caseId: String): CaseDetail

    /** Records a step; throws ApiException.CaseRuleBroken with the core's reason when refused. */
    fun appendCaseEvent(caseId: String, event: CaseEventInput): String
}

/** What the household screen needs. */
interface HouseholdScreenCore {
    /** Profile, members (masked IDs), supporters, economics summary, conflicts. */
    fun household(householdId: String): HouseholdDetail

    /** Photos a supervisor sent back and no retake answered yet, on every record (RuhuStore.retakesOwed). */
    fun retakesOwed(): List<PhotoRecord>

    /** The economics figures and the 低保 verdict for [presentMembers] people (RuhuStore.economicsPreview). */
    fun economicsPreview(economics: EconomicsInput, presentMembers: UInt): EconomicsPreview

    /** The household's cases (RuhuStore.listCases). */
    fun listCases(query: CaseQuery): List<CaseSummary>

    /** The household's photos. */
    fun photos(householdId: String): List<PhotoRecord>

    /** Every visit task raised for the household, open and closed, newest first (RuhuStore.visitHistory). */
    fun visitHistory(householdId: String): List<uniffi.ruhu_core.VisitHistoryItem>
}

/** What the signing pad needs: the signature kept as evidence on the household or the case. */
interface SignatureCore {
    /** Renders and stores the strokes (RuhuStore.addSignature); throws ApiException.InvalidInput naming `strokes` or `signer`. */
    fun addSignature(target: PhotoTarget, signer: String, strokes: List<Stroke>, padWidth: Float, padHeight: Float): PhotoRecord
}

/** What the settings screen needs. */
interface SettingsCore {
    /** The enrolled worker, or null. */
    fun worker(): WorkerProfile?

    /** Wipes this phone's records and photos (RuhuStore.leaveCounty); throws UnsyncedWork unless [evenUnsynced]. */
    fun leaveCounty(evenUnsynced: Boolean)
}
