// The 我的走访 (home) screen on the presentation module's HomeState: the large 发现急难 action
// above the visit tasks in the core's order, each with its urgency and clock in words. Sends
// HomeEvents to the presenter; opening a task and 发现急难 go to the app's navigation.
package app.ruhu.ui.home

import androidx.compose.foundation.background
import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.Spacer
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.width
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.foundation.shape.RoundedCornerShape
import androidx.compose.material3.Button
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import app.ruhu.ui.R
import app.ruhu.presentation.home.HomeEvents
import app.ruhu.presentation.home.HomeState
import app.ruhu.presentation.home.VisitItem
import app.ruhu.ui.common.ProblemBox
import app.ruhu.ui.common.SecondaryButton
import app.ruhu.ui.common.clockStateText
import app.ruhu.ui.common.problemText
import app.ruhu.ui.common.urgencyText
import app.ruhu.ui.theme.LocalOverdueColors
import app.ruhu.ui.theme.LocalRuhuSizes
import uniffi.ruhu_core.ClockState

/**
 * The 我的走访 screen for [state], in the sizes and colours of the current [app.ruhu.ui.theme.RuhuTheme].
 *
 * @param onEvent the home presenter's events (刷新).
 * @param onReportEmergency 发现急难 tapped: the app opens the emergency flow.
 * @param onOpenVisit a task tapped: the app opens its household.
 */
@Composable
fun HomeView(
    state: HomeState,
    onEvent: (HomeEvents) -> Unit,
    onReportEmergency: () -> Unit,
    onOpenVisit: (VisitItem) -> Unit,
    modifier: Modifier = Modifier,
) {
    val sizes = LocalRuhuSizes.current
    Column(
        modifier = modifier
            .fillMaxSize()
            .background(MaterialTheme.colorScheme.background)
            .padding(horizontal = 16.dp, vertical = 12.dp),
        verticalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        Row(verticalAlignment = Alignment.CenterVertically) {
            Column(Modifier.weight(1f)) {
                Text(
                    text = stringResource(R.string.home_title),
                    style = MaterialTheme.typography.headlineSmall,
                    color = MaterialTheme.colorScheme.onBackground,
                    modifier = Modifier.semantics { heading() },
                )
                state.workerName?.let {
                    Text(it, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onBackground)
                }
            }
            SecondaryButton(stringResource(R.string.home_refresh), onClick = { onEvent(HomeEvents.Refresh) })
        }
        Button(
            onClick = onReportEmergency,
            modifier = Modifier.fillMaxWidth().heightIn(min = sizes.primaryActionHeight),
            colors = ButtonDefaults.buttonColors(
                containerColor = MaterialTheme.colorScheme.error,
                contentColor = MaterialTheme.colorScheme.onError,
            ),
            shape = RoundedCornerShape(12.dp),
        ) {
            Text(text = stringResource(R.string.home_report_emergency), style = MaterialTheme.typography.labelLarge)
        }
        state.problem?.let { ProblemBox(problemText(it)) }
        if (state.checking) {
            Text(
                text = stringResource(R.string.home_checking),
                style = MaterialTheme.typography.bodyMedium,
                color = MaterialTheme.colorScheme.onBackground,
            )
        }
        if (state.waitingForCalendar > 0) {
            ProblemBox(stringResource(R.string.home_waiting_for_calendar, state.waitingForCalendar))
        }
        when {
            state.loading && state.visits.isEmpty() -> Text(
                text = stringResource(R.string.home_loading),
                style = MaterialTheme.typography.bodyLarge,
                color = MaterialTheme.colorScheme.onBackground,
            )
            state.visits.isEmpty() && state.problem == null -> Text(
                text = stringResource(R.string.home_empty),
                style = MaterialTheme.typography.bodyLarge,
                color = MaterialTheme.colorScheme.onBackground,
                modifier = Modifier.padding(top = 24.dp),
            )
            else -> LazyColumn(
                verticalArrangement = Arrangement.spacedBy(8.dp),
                contentPadding = PaddingValues(bottom = 16.dp),
            ) {
                items(state.visits, key = { it.taskId }) { visit ->
                    VisitRow(visit, onOpen = { onOpenVisit(visit) })
                }
            }
        }
    }
}

@Composable
private fun VisitRow(visit: VisitItem, onOpen: () -> Unit) {
    val sizes = LocalRuhuSizes.current
    val openLabel = stringResource(R.string.common_open)
    Surface(
        color = MaterialTheme.colorScheme.surface,
        contentColor = MaterialTheme.colorScheme.onSurface,
        shape = RoundedCornerShape(12.dp),
        shadowElevation = 1.dp,
    ) {
        Row(
            modifier = Modifier
                .fillMaxWidth()
                .heightIn(min = sizes.touchTarget)
                .clickable(onClickLabel = openLabel, onClick = onOpen)
                .padding(horizontal = 12.dp, vertical = 10.dp),
            verticalAlignment = Alignment.CenterVertically,
        ) {
            UrgencyBadge(urgencyText(visit.urgency))
            Spacer(Modifier.width(12.dp))
            Column(Modifier.weight(1f)) {
                Text(visit.reason, style = MaterialTheme.typography.titleMedium)
                if (visit.household.isNotBlank()) {
                    Text(visit.household, style = MaterialTheme.typography.bodyLarge)
                }
                Text(
                    stringResource(R.string.home_due_on, visit.dueOn),
                    style = MaterialTheme.typography.bodyMedium,
                    color = MaterialTheme.colorScheme.onSurfaceVariant,
                )
                ClockLine(visit.clock)
            }
        }
    }
}

@Composable
private fun UrgencyBadge(text: String) {
    Box(
        modifier = Modifier
            .background(MaterialTheme.colorScheme.primaryContainer, RoundedCornerShape(6.dp))
            .padding(horizontal = 8.dp, vertical = 4.dp),
    ) {
        Text(text, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onPrimaryContainer)
    }
}

/** A clock's state in words; overdue also on the overdue colours, with a ⚠ mark. */
@Composable
internal fun ClockLine(clock: ClockState) {
    val words = clockStateText(clock)
    if (clock == ClockState.OVERDUE) {
        val colors = LocalOverdueColors.current
        Text(
            text = stringResource(R.string.home_overdue_mark, words),
            style = MaterialTheme.typography.bodyMedium,
            color = colors.content,
            modifier = Modifier
                .padding(top = 4.dp)
                .background(colors.container, RoundedCornerShape(4.dp))
                .padding(horizontal = 6.dp, vertical = 2.dp),
        )
    } else {
        Text(
            text = words,
            style = MaterialTheme.typography.bodyMedium,
            color = MaterialTheme.colorScheme.primary,
            modifier = Modifier.padding(top = 4.dp),
        )
    }
}
