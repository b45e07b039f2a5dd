// Preview states of the household screen (normal, problem, conflicts, long lists, an
// elderly household) and the fictional household they share. ID numbers are built with a valid
// checksum and shown only as the core masks them.
package app.ruhu.ui.householdscreen

import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.householdscreen.HouseholdScreenState
import uniffi.ruhu_core.AssistanceKind
import uniffi.ruhu_core.CasePath
import uniffi.ruhu_core.CaseStatus
import uniffi.ruhu_core.CaseSummary
import uniffi.ruhu_core.Conflict
import uniffi.ruhu_core.ConflictValue
import uniffi.ruhu_core.DisabilityKind
import uniffi.ruhu_core.EconomicsInput
import uniffi.ruhu_core.EconomicsSummary
import uniffi.ruhu_core.Education
import uniffi.ruhu_core.GeoPoint
import uniffi.ruhu_core.HardshipCategories
import uniffi.ruhu_core.HouseholdDetail
import uniffi.ruhu_core.HouseholdProfile
import uniffi.ruhu_core.Housing
import uniffi.ruhu_core.MaritalStatus
import uniffi.ruhu_core.MemberDetail
import uniffi.ruhu_core.MemberInput
import uniffi.ruhu_core.MemberStatus
import uniffi.ruhu_core.PhotoKind
import uniffi.ruhu_core.PhotoRecord
import uniffi.ruhu_core.PhotoTarget
import uniffi.ruhu_core.Relation
import uniffi.ruhu_core.ReviewStatus
import uniffi.ruhu_core.SchoolStage
import uniffi.ruhu_core.Sex
import uniffi.ruhu_core.SupporterDetail
import uniffi.ruhu_core.SupporterInput
import uniffi.ruhu_core.Urgency
import uniffi.ruhu_core.VisitHistoryItem
import uniffi.ruhu_core.WorkStatus

/** The moment the previews' clocks count from: 2026-12-01 10:00 Beijing time. */
const val HOUSEHOLD_PREVIEW_NOW_MS = 1_796_090_400_000L

/** The county's 低保标准 the previews compare with: 760 元 per person and month. */
const val PREVIEW_DIBAO_LINE_FEN = 76_000L

private const val HOUR_MS = 3_600_000L

/** A fictional member. */
fun previewMember(
    id: String,
    name: String,
    idNumber: String?,
    masked: String?,
    relation: Relation,
    sex: Sex,
    birth: String,
    age: Int,
    status: MemberStatus = MemberStatus.PRESENT,
    disability: DisabilityKind? = null,
    grade: UByte? = null,
    chronic: Boolean = false,
    work: WorkStatus = WorkStatus.FARMING,
    school: SchoolStage = SchoolStage.NOT_IN_SCHOOL,
    marital: MaritalStatus = MaritalStatus.MARRIED,
) = MemberDetail(
    id,
    MemberInput(name, idNumber, relation, sex, birth, false, chronic, disability, grade, "", work, school, marital, Education.PRIMARY, status),
    masked,
    age.toUInt(),
)

private val wangMembers = listOf(
    previewMember("m-1", "王建国", "37059919580302001X", "370599********001X", Relation.HEAD, Sex.MALE, "1958-03-02", 68, chronic = true),
    previewMember("m-2", "张桂兰", "370599196007150029", "370599********0029", Relation.SPOUSE, Sex.FEMALE, "1960-07-15", 66,
        disability = DisabilityKind.PHYSICAL, grade = 2u, work = WorkStatus.UNABLE_TO_WORK),
    previewMember("m-3", "王小军", "370599198504120030", "370599********0030", Relation.CHILD, Sex.MALE, "1985-04-12", 41,
        status = MemberStatus.MOVED_OUT, work = WorkStatus.EMPLOYED),
    previewMember("m-4", "王欣", "370599201209010044", "370599********0044", Relation.GRANDCHILD, Sex.FEMALE, "2012-09-01", 14,
        work = WorkStatus.STUDENT, school = SchoolStage.JUNIOR_MIDDLE, marital = MaritalStatus.UNMARRIED),
)

private fun profile(village: String = "柳树村", grid: String = "G-03", address: String = "12 号") = HouseholdProfile(
    "370599", "370599101", "370599101201", village, grid, address, "13800000000", GeoPoint(36.1, 117.2, 8.0),
    Housing.OWNED_UNSAFE, HardshipCategories(true, false, false, false, false, true, false),
    alreadyAssisted = true, povertyRegistered = false, staffRelative = false,
)

/** A fictional household: four members (one moved out), a son as supporter, income below the line. */
val previewHousehold = HouseholdDetail(
    id = "hh-1",
    profile = profile(),
    members = wangMembers,
    supporters = listOf(SupporterDetail("s-1", SupporterInput("王小军", "370599198504120030", "儿子", 3_600_000L, 240_000L))),
    economics = EconomicsInput(farmingFen = 1_200_000L, pensionFen = 360_000L, supportReceivedFen = 240_000L, medicalFen = 600_000L),
    economicsSummary = EconomicsSummary(1_800_000L, 600_000L, 50_000L, 33_300L),
    conflicts = emptyList(),
    registeredBy = "李网格",
    registeredAtMs = HOUSEHOLD_PREVIEW_NOW_MS - 90L * 24 * HOUR_MS,
)

private val previewCases = listOf(
    CaseSummary("c-1", "hh-1", CaseStatus.ACCEPTED, CasePath.URGENT, AssistanceKind.EMERGENCY,
        HOUSEHOLD_PREVIEW_NOW_MS - 20 * HOUR_MS, HOUSEHOLD_PREVIEW_NOW_MS + 4 * HOUR_MS, 0u),
    CaseSummary("c-2", "hh-1", CaseStatus.CLOSED, CasePath.NORMAL, AssistanceKind.EXPENDITURE,
        HOUSEHOLD_PREVIEW_NOW_MS - 200 * 24 * HOUR_MS, null, 0u),
)

private fun photo(id: String, kind: PhotoKind, caption: String, review: ReviewStatus = ReviewStatus.PENDING, reason: String = "", uploaded: Boolean = true) =
    PhotoRecord(id, PhotoTarget.Household("hh-1"), kind, caption, "sha-$id", "thumb-$id", 1600u, 1200u, 240_000uL,
        HOUSEHOLD_PREVIEW_NOW_MS - 2 * HOUR_MS, true, null, "李网格", review, reason, null, true, uploaded)

private val previewPhotos = listOf(
    photo("p-1", PhotoKind.HOUSE, "正房东墙裂缝", ReviewStatus.APPROVED),
    photo("p-2", PhotoKind.MEDICAL_BILL, "住院费用清单", ReviewStatus.RETAKE_NEEDED, "票据金额看不清，请靠近重拍"),
    photo("p-3", PhotoKind.PEOPLE, "", uploaded = false),
)

/** The visit history the previews show. */
val previewVisits = listOf(
    VisitHistoryItem("v-1", "review_due", "低保年度复核", Urgency.NORMAL, "2026-11-20", "2026-12-10", "open", null, null, null),
    VisitHistoryItem("v-2", "warning", "老人独居，每月探访", Urgency.HIGH, "2026-10-01", "2026-10-08", "closed", "李网格",
        HOUSEHOLD_PREVIEW_NOW_MS - 55L * 24 * HOUR_MS, "身体尚好，药已配齐"),
)

private val previewConflicts = listOf(
    Conflict("hh-1", "profile.contact_phone", "联系电话", listOf(ConflictValue("13800000000", "\"13800000000\""), ConflictValue("13900000000", "\"13900000000\""))),
    Conflict("hh-1", "members.1.disability_grade", "张桂兰 残疾等级", listOf(ConflictValue("2 级", "2"), ConflictValue("3 级", "3"))),
)

private val elderHousehold = HouseholdDetail(
    id = "hh-2",
    profile = profile(address = "31 号").copy(categories = HardshipCategories(false, true, false, false, false, false, false), housing = Housing.OWNED_SAFE),
    members = listOf(
        previewMember("m-9", "李秀英", "37059919550101006X", "370599********006X", Relation.HEAD, Sex.FEMALE, "1955-01-01", 71,
            work = WorkStatus.UNABLE_TO_WORK, marital = MaritalStatus.WIDOWED, chronic = true),
    ),
    supporters = emptyList(),
    economics = EconomicsInput(pensionFen = 180_000L),
    economicsSummary = EconomicsSummary(180_000L, 0L, 15_000L, 15_000L),
    conflicts = emptyList(),
    registeredBy = "李网格",
    registeredAtMs = HOUSEHOLD_PREVIEW_NOW_MS - 400L * 24 * HOUR_MS,
)

private val manyNames = listOf("王一", "王二", "王三", "王四", "王五", "王六", "王七", "王八")

private val longHousehold = previewHousehold.copy(
    members = wangMembers + manyNames.mapIndexed { i, n ->
        previewMember("m-l$i", n, null, null, Relation.GRANDCHILD, if (i % 2 == 0) Sex.MALE else Sex.FEMALE, "2010-01-0${i + 1}", 16,
            status = if (i == 7) MemberStatus.DECEASED else MemberStatus.PRESENT, work = WorkStatus.STUDENT,
            school = SchoolStage.SENIOR_HIGH, marital = MaritalStatus.UNMARRIED)
    },
)

/** The named preview states of the household screen. */
fun householdScreenPreviewStates(): Map<String, HouseholdScreenState> = mapOf(
    "normal" to HouseholdScreenState("hh-1", previewHousehold, previewCases, previewPhotos, previewVisits, PREVIEW_DIBAO_LINE_FEN, belowDibao = true, retakesOwed = setOf("p-2"), loading = false),
    "problem" to HouseholdScreenState("hh-1", loading = false, problem = Problem.NotFound),
    "conflicts" to HouseholdScreenState("hh-1", previewHousehold.copy(conflicts = previewConflicts), previewCases, previewPhotos, previewVisits, PREVIEW_DIBAO_LINE_FEN, belowDibao = true, loading = false),
    "long" to HouseholdScreenState(
        "hh-1", longHousehold,
        List(12) { i -> previewCases[i % 2].copy(id = "c-l$i") },
        List(15) { i -> previewPhotos[i % 3].copy(photoId = "p-l$i") },
        loading = false,
    ),
    "elder" to HouseholdScreenState("hh-2", elderHousehold, loading = false),
)
