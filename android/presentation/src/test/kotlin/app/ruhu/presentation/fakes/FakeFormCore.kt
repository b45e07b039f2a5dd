// A fake of the household form's and the conflicts screen's core calls: drafts in a map (the
// same fake may serve a second presenter, as the store outlives a killed app), households
// kept as the presenter sent them, every command recorded. No native library is loaded.
package app.ruhu.presentation.fakes

import app.ruhu.presentation.core.ConflictsCore
import app.ruhu.presentation.core.HouseholdFormCore
import uniffi.ruhu_core.*

/** Set the answers, read the calls. */
class FakeFormCore : HouseholdFormCore, ConflictsCore {
    val drafts = mutableMapOf<String, LinkedHashMap<String, String>>()
    val draftWrites = mutableListOf<Triple<String, String, String>>()
    var enrolled: WorkerProfile? = WorkerProfile("370599", "w-001", "李网格员")
    var placeList = listOf(Place("370599100200", "前进村", "G01-1"))
    var policy: PolicySummary? = PolicySummary(3u, "2026-01-01", 70_000, 1_000_000, 2_000_000)

    /** The answer for create/add calls, or a refusal to throw. */
    var createAnswer: () -> String = { "h-new" }
    val created = mutableListOf<Pair<HouseholdProfile, List<MemberInput>>>()
    val memberUpdates = mutableListOf<Triple<String, String, MemberInput>>()
    val memberAdds = mutableListOf<Pair<String, MemberInput>>()
    val supporterAdds = mutableListOf<Pair<String, SupporterInput>>()
    val economicsSet = mutableListOf<Pair<String, EconomicsInput>>()
    var details = mutableMapOf<String, HouseholdDetail>()

    var conflictList = mutableListOf<Conflict>()
    val settled = mutableListOf<Triple<String, String, String>>()

    override fun saveDraft(form: String, field: String, value: String) {
        synchronized(drafts) {
            draftWrites += Triple(form, field, value)
            drafts.getOrPut(form) { LinkedHashMap() }[field] = value
        }
    }

    override fun draft(form: String): List<DraftField> =
        synchronized(drafts) { drafts[form].orEmpty().map { DraftField(it.key, it.value) } }

    override fun discardDraft(form: String) { synchronized(drafts) { drafts.remove(form) } }

    override fun worker(): WorkerProfile? = enrolled
    override fun places(): List<Place> = placeList
    override fun countyPolicy(): PolicySummary? = policy

    /** What economicsPreview was asked, in order. */
    val previews = mutableListOf<Pair<EconomicsInput, UInt>>()

    /** Adds up as the core does (yearly income / 12 / people, rounded down), against [policy]'s line. */
    override fun economicsPreview(economics: EconomicsInput, presentMembers: UInt): EconomicsPreview {
        previews += economics to presentMembers
        return figures(economics, presentMembers)
    }

    private fun figures(economics: EconomicsInput, presentMembers: UInt): EconomicsPreview {
        val income = with(economics) { wageFen + farmingFen + businessFen + propertyRentalFen + landTransferFen + pensionFen + supportReceivedFen + subsidiesFen + otherIncomeFen }
        val people = presentMembers.toLong()
        val perCapita = if (people == 0L) 0L else income / 12 / people
        val line = policy?.dibaoMonthlyPerPersonFen
        return EconomicsPreview(
            EconomicsSummary(income, 0L, perCapita, perCapita),
            line,
            line?.takeIf { people > 0 }?.let { income < it * 12 * people },
        )
    }

    /** Reads numbers as the core would for the few the tests type; others are refused. */
    override fun checkIdNumber(text: String): IdNumberInfo = when (text) {
        VALID_ID -> IdNumberInfo("1970-03-04", Sex.FEMALE, "370599********4127")
        else -> throw ApiException.InvalidInput(listOf(FieldProblem("id_number", BAD_ID)))
    }

    override fun createHousehold(profile: HouseholdProfile, members: List<MemberInput>): String {
        val id = createAnswer()
        created += profile to members
        details[id] = detail(id, profile, members)
        return id
    }

    override fun updateHousehold(householdId: String, profile: HouseholdProfile) {
        details[householdId] = details.getValue(householdId).copy(profile = profile)
    }

    override fun addMember(householdId: String, member: MemberInput): String {
        memberAdds += householdId to member
        return "m-added-${memberAdds.size}"
    }

    override fun updateMember(householdId: String, memberId: String, member: MemberInput) {
        memberUpdates += Triple(householdId, memberId, member)
    }

    override fun addSupporter(householdId: String, supporter: SupporterInput): String {
        supporterAdds += householdId to supporter
        return "s-${supporterAdds.size}"
    }

    override fun updateSupporter(householdId: String, supporterId: String, supporter: SupporterInput) = Unit

    /** The fake's summary is fixed: the tests check the presenter shows the core's figure. */

    override fun setEconomics(householdId: String, economics: EconomicsInput) {
        economicsSet += householdId to economics
        val d = details.getValue(householdId)
        val present = d.members.count { it.member.status == MemberStatus.PRESENT }.toUInt()
        details[householdId] = d.copy(economics = economics, economicsSummary = figures(economics, present).summary)
    }

    override fun household(householdId: String): HouseholdDetail =
        details[householdId] ?: throw ApiException.NotFound("household")

    override fun conflicts(documentId: String): List<Conflict> = conflictList.filter { it.documentId == documentId }

    override fun settleConflict(documentId: String, path: String, valueJson: String) {
        settled += Triple(documentId, path, valueJson)
        conflictList.removeAll { it.documentId == documentId && it.path == path }
    }

    companion object {
        const val VALID_ID = "370599197003044127"
        const val BAD_ID = "校验位不对，请核对身份证号"

        /** A saved household with these members (ids m-1, m-2, … in order). */
        fun detail(id: String, profile: HouseholdProfile, members: List<MemberInput>) = HouseholdDetail(
            id = id,
            profile = profile,
            members = members.mapIndexed { i, m -> MemberDetail("m-${i + 1}", m, null, 50u) },
            supporters = emptyList(),
            economics = EconomicsInput(),
            economicsSummary = EconomicsSummary(0, 0, 0, 0),
            conflicts = emptyList(),
            registeredBy = "w-001",
            registeredAtMs = 0,
        )
    }
}
