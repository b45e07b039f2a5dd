// The household screen on the presentation module's HouseholdScreenState: the profile, the
// conflict badge, the actions (修改, 拍照, 签字, 发给同事, 发现急难), then members, supporters,
// economics against the 低保 line, cases with their clocks, photos and visit history.
package app.ruhu.ui.householdscreen

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ColumnScope
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.shape.RoundedCornerShape
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.unit.dp
import app.ruhu.presentation.householdscreen.HouseholdScreenEvents
import app.ruhu.presentation.householdscreen.HouseholdScreenState
import app.ruhu.ui.R
import app.ruhu.ui.common.BodyText
import app.ruhu.ui.common.DetailText
import app.ruhu.ui.common.PrimaryButton
import app.ruhu.ui.common.ProblemBox
import app.ruhu.ui.common.ScreenColumn
import app.ruhu.ui.common.SecondaryButton
import app.ruhu.ui.common.SectionTitle
import app.ruhu.ui.common.categoryText
import app.ruhu.ui.common.housingText
import app.ruhu.ui.common.problemText
import app.ruhu.ui.common.timeText
import app.ruhu.ui.theme.LocalRuhuSizes
import uniffi.ruhu_core.CaseSummary
import uniffi.ruhu_core.HouseholdDetail
import uniffi.ruhu_core.PhotoRecord
import uniffi.ruhu_core.Relation
import uniffi.ruhu_core.VisitHistoryItem

/**
 * Where the household screen's actions lead; the app opens the form, camera, pad, share sheet,
 * 发现急难 sheet, conflicts or case screen.
 */
class HouseholdScreenActions(
    /** 修改信息: the household form on this household. */
    val onEdit: () -> Unit = {},
    /** 拍照: the camera for this household. */
    val onPhoto: () -> Unit = {},
    /** 签字: the signature pad. */
    val onSign: () -> Unit = {},
    /** 发给同事: the handover bundle through the share sheet. */
    val onHandover: () -> Unit = {},
    /** 发现急难 for this household. */
    val onEmergency: () -> Unit = {},
    /** The conflict badge: the conflicts screen. */
    val onConflicts: () -> Unit = {},
    /** 重拍 on a photo a supervisor sent back: the camera, answering that photo. */
    val onRetake: (PhotoRecord) -> Unit = {},
    /** A case tapped. */
    val onOpenCase: (CaseSummary) -> Unit = {},
)

/**
 * The household screen for [state].
 *
 * @param onEvent the household screen presenter's events (重新读取 sends Refresh).
 * @param nowMs the moment the case clocks count from.
 */
@Composable
fun HouseholdScreenView(
    state: HouseholdScreenState,
    onEvent: (HouseholdScreenEvents) -> Unit,
    actions: HouseholdScreenActions,
    nowMs: Long,
    modifier: Modifier = Modifier,
) {
    ScreenColumn(title = stringResource(R.string.hh_title), modifier = modifier) {
        state.problem?.let {
            ProblemBox(problemText(it))
            SecondaryButton(stringResource(R.string.hh_retry), { onEvent(HouseholdScreenEvents.Refresh) }, Modifier.fillMaxWidth())
        }
        val detail = state.detail
        if (detail == null) {
            if (state.loading) BodyText(stringResource(R.string.hh_loading))
            return@ScreenColumn
        }
        Profile(detail)
        if (state.conflictCount > 0) ConflictBadge(state.conflictCount, actions.onConflicts)
        Actions(actions)
        Members(detail)
        Supporters(detail)
        Economics(detail, state.dibaoLineFen, state.belowDibao)
        Cases(state.cases, nowMs, actions.onOpenCase)
        Photos(state.photos, state.retakesOwed, actions.onRetake)
        Visits(state.visits)
    }
}

/** A white card holding one item's lines. */
@Composable
internal fun InfoCard(modifier: Modifier = Modifier, content: @Composable ColumnScope.() -> Unit) {
    Surface(
        color = MaterialTheme.colorScheme.surface,
        contentColor = MaterialTheme.colorScheme.onSurface,
        shape = RoundedCornerShape(12.dp),
        shadowElevation = 1.dp,
        modifier = modifier.fillMaxWidth(),
    ) {
        Column(Modifier.padding(horizontal = 12.dp, vertical = 10.dp), verticalArrangement = Arrangement.spacedBy(2.dp), content = content)
    }
}

/** A card's first line. */
@Composable
internal fun CardTitle(text: String) {
    Text(text, style = MaterialTheme.typography.titleMedium)
}

/** A card's further line. */
@Composable
internal fun CardLine(text: String) {
    Text(text, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
}

@Composable
private fun Profile(detail: HouseholdDetail) {
    val p = detail.profile
    val head = detail.members.firstOrNull { it.member.relation == Relation.HEAD }
    InfoCard {
        CardTitle(head?.let { stringResource(R.string.hh_head_line, it.member.name) } ?: stringResource(R.string.hh_no_head))
        CardLine(stringResource(R.string.hh_place_line, p.villageName, p.gridCode) + " · " + p.addressDetail)
        CardLine(if (p.contactPhone.isBlank()) stringResource(R.string.hh_no_phone) else stringResource(R.string.hh_phone_line, p.contactPhone))
        CardLine(stringResource(R.string.hh_housing_line, housingText(p.housing)) + " · " +
            stringResource(if (p.location != null) R.string.hh_located else R.string.hh_not_located))
        val c = p.categories
        val codes = listOf(
            "dibao" to c.dibao, "tekun" to c.tekun, "low_income" to c.lowIncome, "orphan" to c.orphan,
            "vulnerable_child" to c.vulnerableChild, "disability_subsidy" to c.disabilitySubsidy,
            "expenditure_hardship" to c.expenditureHardship,
        ).filter { it.second }.map { categoryText(it.first) }
        val flags = buildList {
            if (p.alreadyAssisted) add(stringResource(R.string.hh_flag_already_assisted))
            if (p.povertyRegistered) add(stringResource(R.string.hh_flag_poverty_registered))
            if (p.staffRelative) add(stringResource(R.string.hh_flag_staff_relative))
        }
        val all = codes + flags
        CardLine(if (all.isEmpty()) stringResource(R.string.hh_no_categories) else stringResource(R.string.hh_categories_line, all.joinToString(stringResource(R.string.common_enumeration_comma))))
        CardLine(stringResource(R.string.hh_registered_line, detail.registeredBy, timeText(detail.registeredAtMs)))
    }
}

/** The badge saying fields conflict, in words; tapping it opens the conflicts screen. */
@Composable
private fun ConflictBadge(count: Int, onOpen: () -> Unit) {
    val colors = MaterialTheme.colorScheme
    val label = stringResource(R.string.hh_conflicts_action)
    Surface(
        color = colors.errorContainer,
        contentColor = colors.onErrorContainer,
        shape = RoundedCornerShape(12.dp),
        modifier = Modifier
            .fillMaxWidth()
            .heightIn(min = LocalRuhuSizes.current.touchTarget)
            .clickable(onClickLabel = label, role = Role.Button, onClick = onOpen),
    ) {
        Text(
            stringResource(R.string.hh_conflicts_badge, count),
            style = MaterialTheme.typography.titleMedium,
            modifier = Modifier.padding(12.dp),
        )
    }
}

@Composable
private fun Actions(actions: HouseholdScreenActions) {
    PrimaryButton(
        stringResource(R.string.hh_emergency),
        actions.onEmergency,
        danger = true,
        description = stringResource(R.string.hh_emergency_description),
    )
    SectionTitle(stringResource(R.string.hh_actions))
    val wide = Modifier.fillMaxWidth()
    SecondaryButton(stringResource(R.string.hh_edit), actions.onEdit, wide)
    SecondaryButton(stringResource(R.string.hh_photo), actions.onPhoto, wide)
    SecondaryButton(stringResource(R.string.hh_sign), actions.onSign, wide)
    SecondaryButton(stringResource(R.string.hh_handover), actions.onHandover, wide)
}

/** A section's empty line. */
@Composable
internal fun EmptyLine(text: String) {
    DetailText(text)
}
