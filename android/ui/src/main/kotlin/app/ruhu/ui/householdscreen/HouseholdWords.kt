// The words for a household's members and photos (relation, status, health, work, school,
// marriage, education, photo kind), from strings_household.xml; the household form uses them too.
package app.ruhu.ui.householdscreen

import androidx.compose.runtime.Composable
import androidx.compose.ui.res.stringResource
import app.ruhu.ui.R
import uniffi.ruhu_core.AssistanceKind
import uniffi.ruhu_core.DisabilityKind
import uniffi.ruhu_core.Education
import uniffi.ruhu_core.MaritalStatus
import uniffi.ruhu_core.MemberInput
import uniffi.ruhu_core.MemberStatus
import uniffi.ruhu_core.PhotoKind
import uniffi.ruhu_core.Relation
import uniffi.ruhu_core.SchoolStage
import uniffi.ruhu_core.WorkStatus

/** 户主, 配偶, 子女…: a member's relation to the head of household. */
@Composable
fun relationText(relation: Relation): String = stringResource(
    when (relation) {
        Relation.HEAD -> R.string.rel_head
        Relation.SPOUSE -> R.string.rel_spouse
        Relation.CHILD -> R.string.rel_child
        Relation.CHILD_IN_LAW -> R.string.rel_child_in_law
        Relation.PARENT -> R.string.rel_parent
        Relation.GRANDPARENT -> R.string.rel_grandparent
        Relation.GRANDCHILD -> R.string.rel_grandchild
        Relation.SIBLING -> R.string.rel_sibling
        Relation.OTHER -> R.string.rel_other
    },
)

/** 在户 / 已迁出 / 已死亡. */
@Composable
fun memberStatusText(status: MemberStatus): String = stringResource(
    when (status) {
        MemberStatus.PRESENT -> R.string.status_present
        MemberStatus.MOVED_OUT -> R.string.status_moved_out
        MemberStatus.DECEASED -> R.string.status_deceased
    },
)

/** 视力, 肢体…: the kind of a disability (without the word 残疾). */
@Composable
fun disabilityKindText(kind: DisabilityKind): String = stringResource(
    when (kind) {
        DisabilityKind.VISUAL -> R.string.dis_visual
        DisabilityKind.HEARING -> R.string.dis_hearing
        DisabilityKind.SPEECH -> R.string.dis_speech
        DisabilityKind.PHYSICAL -> R.string.dis_physical
        DisabilityKind.INTELLECTUAL -> R.string.dis_intellectual
        DisabilityKind.MENTAL -> R.string.dis_mental
        DisabilityKind.MULTIPLE -> R.string.dis_multiple
    },
)

/** What a member does for a living. */
@Composable
fun workText(work: WorkStatus): String = stringResource(
    when (work) {
        WorkStatus.EMPLOYED -> R.string.work_employed
        WorkStatus.FARMING -> R.string.work_farming
        WorkStatus.SELF_EMPLOYED -> R.string.work_self_employed
        WorkStatus.FLEXIBLE_WORK -> R.string.work_flexible
        WorkStatus.UNEMPLOYED -> R.string.work_unemployed
        WorkStatus.RETIRED -> R.string.work_retired
        WorkStatus.UNABLE_TO_WORK -> R.string.work_unable
        WorkStatus.STUDENT -> R.string.work_student
        WorkStatus.PRESCHOOL -> R.string.work_preschool
    },
)

/** Where a member is at school, or 不在上学. */
@Composable
fun schoolText(school: SchoolStage): String = stringResource(
    when (school) {
        SchoolStage.NOT_IN_SCHOOL -> R.string.school_none
        SchoolStage.PRESCHOOL -> R.string.school_preschool
        SchoolStage.PRIMARY -> R.string.school_primary
        SchoolStage.JUNIOR_MIDDLE -> R.string.school_junior
        SchoolStage.SENIOR_HIGH -> R.string.school_senior
        SchoolStage.HIGHER -> R.string.school_higher
    },
)

/** 未婚 / 已婚 / 离异 / 丧偶. */
@Composable
fun maritalText(marital: MaritalStatus): String = stringResource(
    when (marital) {
        MaritalStatus.UNMARRIED -> R.string.marital_unmarried
        MaritalStatus.MARRIED -> R.string.marital_married
        MaritalStatus.DIVORCED -> R.string.marital_divorced
        MaritalStatus.WIDOWED -> R.string.marital_widowed
    },
)

/** How far a member went at school. */
@Composable
fun educationText(education: Education): String = stringResource(
    when (education) {
        Education.NONE -> R.string.edu_none
        Education.PRIMARY -> R.string.edu_primary
        Education.JUNIOR_MIDDLE -> R.string.edu_junior
        Education.SENIOR_HIGH -> R.string.edu_senior
        Education.COLLEGE -> R.string.edu_college
    },
)

/** What a photo shows. */
@Composable
fun photoKindText(kind: PhotoKind): String = stringResource(
    when (kind) {
        PhotoKind.HOUSE -> R.string.photo_house
        PhotoKind.PEOPLE -> R.string.photo_people
        PhotoKind.DAMAGE -> R.string.photo_damage
        PhotoKind.ID_CARD -> R.string.photo_id_card
        PhotoKind.MEDICAL_BILL -> R.string.photo_medical_bill
        PhotoKind.AUTHORIZATION -> R.string.photo_authorization
        PhotoKind.SIGNATURE -> R.string.photo_signature
        PhotoKind.PUBLIC_NOTICE -> R.string.photo_public_notice
    },
)

/** 急难救助 / 支出型救助. */
@Composable
fun assistanceKindText(kind: AssistanceKind): String = stringResource(
    when (kind) {
        AssistanceKind.EMERGENCY -> R.string.hh_kind_emergency
        AssistanceKind.EXPENDITURE -> R.string.hh_kind_expenditure
    },
)

/** A member's health in words: 健康, or 重病、慢性病、肢体残疾 2 级 and the note. */
@Composable
fun healthText(member: MemberInput): String {
    val parts = buildList {
        if (member.majorIllness) add(stringResource(R.string.hh_major_illness))
        if (member.chronicIllness) add(stringResource(R.string.hh_chronic_illness))
        member.disabilityKind?.let { kind ->
            val k = disabilityKindText(kind)
            add(member.disabilityGrade?.let { stringResource(R.string.hh_disability_grade, k, it.toInt()) } ?: stringResource(R.string.hh_disability, k))
        }
        member.healthNote.trim().takeIf { it.isNotEmpty() }?.let { add(it) }
    }
    return if (parts.isEmpty()) stringResource(R.string.hh_health_good) else parts.joinToString(stringResource(R.string.common_enumeration_comma))
}

/** 分 as 元 for reading: "1200", "1200.5", "-30". */
fun yuan(fen: Long): String =
    java.math.BigDecimal.valueOf(fen).movePointLeft(2).stripTrailingZeros().let { if (it.scale() < 0) it.setScale(0) else it }.toPlainString()
