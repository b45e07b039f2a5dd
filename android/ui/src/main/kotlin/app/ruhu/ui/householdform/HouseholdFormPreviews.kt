// Preview states of the household form (a new household, an edited one with its figures, one
// with the core's problems and a wrong ID number, a long one, one being saved) with fictional
// people; ID numbers are built with a valid checksum, except the one meant to be wrong.
package app.ruhu.ui.householdform

import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.householdform.FormFields
import app.ruhu.presentation.householdform.HouseholdFormState
import app.ruhu.presentation.householdform.IdCheck
import uniffi.ruhu_core.EconomicsSummary
import uniffi.ruhu_core.IdNumberInfo
import uniffi.ruhu_core.Place
import uniffi.ruhu_core.Sex

/** The places a preview phone serves. */
val previewPlaces = listOf(
    Place("370599101201", "柳树村", "G-03"),
    Place("370599101201", "柳树村", "G-04"),
    Place("370599101202", "河西村", "G-07"),
)

/** The county's 低保标准 in the previews: 760 元 per person and month. */
const val FORM_PREVIEW_DIBAO_LINE_FEN = 76_000L

/** A member's typed fields in row [i]. */
fun previewMemberFields(i: Int, name: String, id: String, relation: String, sex: String, birth: String, extra: Map<String, String> = emptyMap()): Map<String, String> =
    FormFields.newMember(i) + mapOf(
        FormFields.member(i, "name") to name,
        FormFields.member(i, "id_number") to id,
        FormFields.member(i, "relation") to relation,
        FormFields.member(i, "sex") to sex,
        FormFields.member(i, "birth_date") to birth,
    ) + extra.mapKeys { FormFields.member(i, it.key) }

private val editedFields: Map<String, String> = mapOf(
    FormFields.VILLAGE to "370599101201", FormFields.GRID to "G-03", FormFields.ADDRESS to "12 号",
    FormFields.PHONE to "13800000000", FormFields.LOCATION to "36.1,117.2,8.0", FormFields.HOUSING to "OWNED_UNSAFE",
    "categories.dibao" to "1", "already_assisted" to "1",
    FormFields.MEMBER_COUNT to "2", FormFields.SUPPORTER_COUNT to "1",
    "supporters.0.name" to "王小军", "supporters.0.id_number" to "370599198504120030", "supporters.0.relation" to "儿子",
    "supporters.0.annual_income" to "36000", "supporters.0.annual_support_paid" to "2400",
    "economics.farming" to "12000", "economics.pension" to "3600", "economics.support_received" to "2400", "economics.medical" to "6000",
) + previewMemberFields(0, "王建国", "37059919580302001X", "HEAD", "MALE", "1958-03-02", mapOf("chronic_illness" to "1", "marital" to "MARRIED")) +
    previewMemberFields(1, "张桂兰", "370599196007150029", "SPOUSE", "FEMALE", "1960-07-15",
        mapOf("disability_kind" to "PHYSICAL", "disability_grade" to "2", "work" to "UNABLE_TO_WORK", "marital" to "MARRIED"))

private val idChecks = mapOf(
    FormFields.member(0, "id_number") to IdCheck.Valid(IdNumberInfo("1958-03-02", Sex.MALE, "370599********001X")),
    FormFields.member(1, "id_number") to IdCheck.Valid(IdNumberInfo("1960-07-15", Sex.FEMALE, "370599********0029")),
)

private val longFields: Map<String, String> = editedFields + mapOf(FormFields.MEMBER_COUNT to "6", FormFields.SUPPORTER_COUNT to "2") +
    previewMemberFields(2, "王小军", "370599198504120030", "CHILD", "MALE", "1985-04-12", mapOf("status" to "MOVED_OUT", "work" to "EMPLOYED")) +
    previewMemberFields(3, "王欣", "370599201209010044", "GRANDCHILD", "FEMALE", "2012-09-01", mapOf("school" to "JUNIOR_MIDDLE", "work" to "STUDENT")) +
    previewMemberFields(4, "王大山", "370599198802200055", "CHILD", "MALE", "1988-02-20") +
    previewMemberFields(5, "李秀英", "37059919550101006X", "PARENT", "FEMALE", "1955-01-01", mapOf("status" to "DECEASED", "marital" to "WIDOWED")) +
    mapOf("supporters.1.name" to "王大山", "supporters.1.relation" to "儿子", "supporters.1.annual_income" to "48000")

/** The named preview states of the household form. */
fun householdFormPreviewStates(): Map<String, HouseholdFormState> = mapOf(
    "new" to HouseholdFormState("household/new/preview", fields = mapOf(FormFields.MEMBER_COUNT to "0"), places = previewPlaces, loading = false),
    "normal" to HouseholdFormState(
        "household/hh-1/profile", "hh-1", editedFields, previewPlaces, idChecks,
        economics = EconomicsSummary(1_800_000L, 600_000L, 50_000L, 33_300L), dibaoLineFen = FORM_PREVIEW_DIBAO_LINE_FEN, belowDibao = true, loading = false,
    ),
    "problem" to HouseholdFormState(
        "household/new/preview",
        fields = editedFields + mapOf(FormFields.member(1, "id_number") to "370599196007150028", FormFields.PHONE to "1380000"),
        places = previewPlaces,
        idChecks = idChecks + (FormFields.member(1, "id_number") to IdCheck.Invalid("身份证号码最后一位不对，请核对")),
        fieldProblems = mapOf(FormFields.PHONE to "电话号码应为 11 位手机号或带区号的座机", "economics.farming" to "请填写金额，如 1200 或 1200.50"),
        problem = Problem.StorageFull,
        loading = false,
        draftPending = true,
    ),
    "long" to HouseholdFormState("household/hh-1/profile", "hh-1", longFields, previewPlaces, idChecks, dibaoLineFen = FORM_PREVIEW_DIBAO_LINE_FEN, loading = false),
    "saving" to HouseholdFormState("household/hh-1/profile", "hh-1", editedFields, previewPlaces, idChecks, loading = false, saving = true),
)
