// The household form's people: each member's fields (the ID number checked by the core as
// typed, its reason shown), the member's status (迁出 / 死亡: members are never deleted), and
// the supporters; each with its 添加 button.
package app.ruhu.ui.householdform

import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import app.ruhu.presentation.householdform.FormFields
import app.ruhu.presentation.householdform.HouseholdFormEvents
import app.ruhu.presentation.householdform.HouseholdFormState
import app.ruhu.presentation.householdform.IdCheck
import app.ruhu.ui.R
import app.ruhu.ui.common.DetailText
import app.ruhu.ui.common.SecondaryButton
import app.ruhu.ui.common.SectionTitle
import app.ruhu.ui.common.sexText
import app.ruhu.ui.householdscreen.disabilityKindText
import app.ruhu.ui.householdscreen.educationText
import app.ruhu.ui.householdscreen.maritalText
import app.ruhu.ui.householdscreen.memberStatusText
import app.ruhu.ui.householdscreen.relationText
import app.ruhu.ui.householdscreen.schoolText
import app.ruhu.ui.householdscreen.workText
import uniffi.ruhu_core.DisabilityKind
import uniffi.ruhu_core.Education
import uniffi.ruhu_core.MaritalStatus
import uniffi.ruhu_core.MemberStatus
import uniffi.ruhu_core.Relation
import uniffi.ruhu_core.SchoolStage
import uniffi.ruhu_core.Sex
import uniffi.ruhu_core.WorkStatus

/** Every member row, then 添加成员. */
@Composable
internal fun Members(state: HouseholdFormState, onEvent: (HouseholdFormEvents) -> Unit) {
    SectionTitle(stringResource(R.string.hf_members))
    DetailText(stringResource(R.string.hf_members_never_deleted))
    for (i in 0 until state.memberCount) MemberRow(i, state, onEvent)
    SecondaryButton(stringResource(R.string.hf_add_member), { onEvent(HouseholdFormEvents.AddMember) }, Modifier.fillMaxWidth())
}

@Composable
private fun MemberRow(i: Int, state: HouseholdFormState, onEvent: (HouseholdFormEvents) -> Unit) {
    val k = { field: String -> FormFields.member(i, field) }
    val name = state.fields[k("name")].orEmpty().ifBlank { stringResource(R.string.hf_member_unnamed) }
    val status = state.fields[k("status")]?.let { s -> MemberStatus.entries.firstOrNull { it.name == s } } ?: MemberStatus.PRESENT
    val statusWords = if (status == MemberStatus.PRESENT) "" else stringResource(R.string.hf_member_title_status, memberStatusText(status))
    SectionTitle(statusWords + stringResource(R.string.hf_member_title, i + 1, name))
    FormTextField(stringResource(R.string.hf_name), k("name"), state, onEvent)
    FormTextField(stringResource(R.string.hf_id_number), k("id_number"), state, onEvent)
    IdCheckLine(state.idChecks[k("id_number")])
    FormKeyChoice(stringResource(R.string.hf_relation), k("relation"), Relation.entries.map { it.name to relationText(it) }, state, onEvent)
    FormKeyChoice(stringResource(R.string.hf_sex), k("sex"), Sex.entries.map { it.name to sexText(it) }, state, onEvent)
    FormTextField(stringResource(R.string.hf_birth_date), k("birth_date"), state, onEvent)
    FormFlag(stringResource(R.string.hf_major_illness), k("major_illness"), state, onEvent)
    FormFlag(stringResource(R.string.hf_chronic_illness), k("chronic_illness"), state, onEvent)
    val kinds = listOf("" to stringResource(R.string.hf_no_disability)) + DisabilityKind.entries.map { it.name to disabilityKindText(it) }
    FormKeyChoice(stringResource(R.string.hf_disability_kind), k("disability_kind"), kinds, state, onEvent)
    if (!state.fields[k("disability_kind")].isNullOrEmpty() || state.fieldProblems.containsKey(k("disability_grade"))) {
        FormTextField(stringResource(R.string.hf_disability_grade), k("disability_grade"), state, onEvent)
    }
    FormTextField(stringResource(R.string.hf_health_note), k("health_note"), state, onEvent)
    FormKeyChoice(stringResource(R.string.hf_work), k("work"), WorkStatus.entries.map { it.name to workText(it) }, state, onEvent)
    FormKeyChoice(stringResource(R.string.hf_school), k("school"), SchoolStage.entries.map { it.name to schoolText(it) }, state, onEvent)
    FormKeyChoice(stringResource(R.string.hf_marital), k("marital"), MaritalStatus.entries.map { it.name to maritalText(it) }, state, onEvent)
    FormKeyChoice(stringResource(R.string.hf_education), k("education"), Education.entries.map { it.name to educationText(it) }, state, onEvent)
    FormChoice(
        stringResource(R.string.hf_status),
        MemberStatus.entries.map { it.name to memberStatusText(it) },
        status.name,
        state.fieldProblems[k("status")],
    ) { chosen -> onEvent(HouseholdFormEvents.MemberStatusChanged(i, MemberStatus.valueOf(chosen))) }
}

/** The core's reading of an ID number as typed: valid with its birth date and sex, or its reason. */
@Composable
private fun IdCheckLine(check: IdCheck?) {
    when (check) {
        null -> Unit
        is IdCheck.Valid -> Text(
            stringResource(R.string.hf_id_valid, check.info.birthDate, sexText(check.info.sex)),
            style = MaterialTheme.typography.bodyMedium,
            color = MaterialTheme.colorScheme.onBackground,
        )
        is IdCheck.Invalid -> FieldProblemLine(check.reason)
    }
}

/** Every supporter row, then 添加赡养人. */
@Composable
internal fun Supporters(state: HouseholdFormState, onEvent: (HouseholdFormEvents) -> Unit) {
    SectionTitle(stringResource(R.string.hf_supporters))
    for (i in 0 until state.supporterCount) {
        val k = { field: String -> FormFields.supporter(i, field) }
        val name = state.fields[k("name")].orEmpty().ifBlank { stringResource(R.string.hf_member_unnamed) }
        SectionTitle(stringResource(R.string.hf_supporter_title, i + 1, name))
        FormTextField(stringResource(R.string.hf_name), k("name"), state, onEvent)
        FormTextField(stringResource(R.string.hf_id_number), k("id_number"), state, onEvent)
        IdCheckLine(state.idChecks[k("id_number")])
        FormTextField(stringResource(R.string.hf_supporter_relation), k("relation"), state, onEvent)
        FormTextField(stringResource(R.string.hf_supporter_income), k("annual_income"), state, onEvent)
        FormTextField(stringResource(R.string.hf_supporter_paid), k("annual_support_paid"), state, onEvent)
    }
    SecondaryButton(stringResource(R.string.hf_add_supporter), { onEvent(HouseholdFormEvents.AddSupporter) }, Modifier.fillMaxWidth())
}
