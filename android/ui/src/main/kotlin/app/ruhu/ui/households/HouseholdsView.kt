// The household list on the presentation module's HouseholdsState: the search box, the filters
// (在办案件, 有超期, categories) and the households found, ID numbers masked by the core.
package app.ruhu.ui.households

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Column
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
import app.ruhu.ui.R
import androidx.compose.ui.unit.dp
import app.ruhu.presentation.households.HouseholdsEvents
import app.ruhu.presentation.households.HouseholdsState
import app.ruhu.ui.common.BodyText
import app.ruhu.ui.common.LabeledField
import app.ruhu.ui.common.ProblemBox
import app.ruhu.ui.common.ScreenColumn
import app.ruhu.ui.common.SectionTitle
import app.ruhu.ui.common.SwitchRow
import app.ruhu.ui.common.categoryText
import app.ruhu.ui.common.problemText
import app.ruhu.ui.theme.LocalRuhuSizes
import uniffi.ruhu_core.HouseholdSummary

/** The categories offered as filters, by code. */
val filterCategories = listOf("dibao", "tekun", "low_income", "expenditure_hardship")

/**
 * The household list for [state].
 *
 * @param onEvent the households presenter's events.
 * @param onOpen a household tapped: the app opens it.
 */
@Composable
fun HouseholdsView(
    state: HouseholdsState,
    onEvent: (HouseholdsEvents) -> Unit,
    onOpen: (HouseholdSummary) -> Unit,
    modifier: Modifier = Modifier,
) {
    val filters = state.filters
    ScreenColumn(title = stringResource(R.string.households_view_title), modifier = modifier) {
        LabeledField(stringResource(R.string.households_view_search), state.text, { onEvent(HouseholdsEvents.TextChanged(it)) }, hint = stringResource(R.string.households_view_search_hint))
        SectionTitle(stringResource(R.string.households_view_filters))
        SwitchRow(stringResource(R.string.households_view_open_case_only), filters.openCaseOnly, { onEvent(HouseholdsEvents.FiltersChanged(filters.copy(openCaseOnly = it))) })
        SwitchRow(stringResource(R.string.households_view_overdue_only), filters.overdueOnly, { onEvent(HouseholdsEvents.FiltersChanged(filters.copy(overdueOnly = it))) })
        filterCategories.forEach { code ->
            val on = filters.category == code
            SwitchRow(
                stringResource(R.string.households_view_category_only, categoryText(code)),
                on,
                { onEvent(HouseholdsEvents.FiltersChanged(filters.copy(category = if (it) code else null))) },
            )
        }
        state.problem?.let { ProblemBox(problemText(it)) }
        when {
            state.searching && state.households.isEmpty() -> BodyText(stringResource(R.string.households_view_searching))
            state.households.isEmpty() -> BodyText(stringResource(R.string.households_view_none))
            else -> {
                BodyText(stringResource(R.string.households_view_count, state.households.size))
                state.households.forEach { HouseholdRow(it, onOpen = { onOpen(it) }) }
            }
        }
    }
}

/**
 * One household as a row: 户主, the masked ID number, village and grid, categories, and its open
 * cases and conflicts in words. Shared with the 发现急难 sheet's search.
 */
@Composable
fun HouseholdRow(household: HouseholdSummary, onOpen: () -> Unit, actionLabel: String = stringResource(R.string.common_open)) {
    val sizes = LocalRuhuSizes.current
    Surface(
        color = MaterialTheme.colorScheme.surface,
        contentColor = MaterialTheme.colorScheme.onSurface,
        shape = RoundedCornerShape(12.dp),
        shadowElevation = 1.dp,
    ) {
        Column(
            Modifier
                .fillMaxWidth()
                .heightIn(min = sizes.touchTarget)
                .clickable(onClickLabel = actionLabel, onClick = onOpen)
                .padding(horizontal = 12.dp, vertical = 10.dp),
        ) {
            Text(stringResource(R.string.households_view_row_head, household.headName, household.headIdMasked), style = MaterialTheme.typography.titleMedium)
            Text(
                stringResource(R.string.households_view_row_place, household.villageName, household.gridCode, household.memberCount.toLong()),
                style = MaterialTheme.typography.bodyMedium,
                color = MaterialTheme.colorScheme.onSurfaceVariant,
            )
            val notes = buildList {
                household.categories.forEach { add(categoryText(it)) }
                if (household.openCases > 0u) add(stringResource(R.string.households_view_open_cases, household.openCases.toLong()))
                if (household.conflicts > 0u) add(stringResource(R.string.households_view_conflicts, household.conflicts.toLong()))
            }
            if (notes.isNotEmpty()) {
                Text(notes.joinToString(stringResource(R.string.households_view_note_separator)), style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
            }
        }
    }
}
