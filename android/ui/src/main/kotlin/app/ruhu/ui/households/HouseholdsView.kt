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
    ScreenColumn(title = "我的农户", modifier = modifier) {
        LabeledField("查找", state.text, { onEvent(HouseholdsEvents.TextChanged(it)) }, hint = "姓名、拼音首字母或身份证后几位")
        SectionTitle("筛选")
        SwitchRow("只看有在办案件的", filters.openCaseOnly, { onEvent(HouseholdsEvents.FiltersChanged(filters.copy(openCaseOnly = it))) })
        SwitchRow("只看有超期的", filters.overdueOnly, { onEvent(HouseholdsEvents.FiltersChanged(filters.copy(overdueOnly = it))) })
        filterCategories.forEach { code ->
            val on = filters.category == code
            SwitchRow(
                "只看${categoryText(code)}",
                on,
                { onEvent(HouseholdsEvents.FiltersChanged(filters.copy(category = if (it) code else null))) },
            )
        }
        state.problem?.let { ProblemBox(problemText(it)) }
        when {
            state.searching && state.households.isEmpty() -> BodyText("正在查找…")
            state.households.isEmpty() -> BodyText("没有符合条件的农户。")
            else -> {
                BodyText("共 ${state.households.size} 户")
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
fun HouseholdRow(household: HouseholdSummary, onOpen: () -> Unit, actionLabel: String = "打开") {
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
            Text("${household.headName}  ${household.headIdMasked}", style = MaterialTheme.typography.titleMedium)
            Text(
                "${household.villageName} · 网格 ${household.gridCode} · ${household.memberCount} 人",
                style = MaterialTheme.typography.bodyMedium,
                color = MaterialTheme.colorScheme.onSurfaceVariant,
            )
            val notes = buildList {
                addAll(household.categories.map(::categoryText))
                if (household.openCases > 0u) add("在办案件 ${household.openCases} 件")
                if (household.conflicts > 0u) add("⚠ 有 ${household.conflicts} 处修改冲突")
            }
            if (notes.isNotEmpty()) {
                Text(notes.joinToString(" · "), style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
            }
        }
    }
}
