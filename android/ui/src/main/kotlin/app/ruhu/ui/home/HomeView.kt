// The 我的走访 (home) screen: the large 发现急难 action above the visit tasks, most urgent first,
// each with its clock. Renders HomeState and sends HomeEvent; decides nothing itself.
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
import androidx.compose.ui.unit.dp
import app.ruhu.ui.theme.LocalRuhuSizes
import app.ruhu.ui.theme.LocalOverdueColors

/** The 我的走访 screen for [state], in the sizes and colours of the current [app.ruhu.ui.theme.RuhuTheme]. */
@Composable
fun HomeView(state: HomeState, modifier: Modifier = Modifier) {
    val sizes = LocalRuhuSizes.current
    Column(
        modifier = modifier
            .fillMaxSize()
            .background(MaterialTheme.colorScheme.background)
            .padding(horizontal = 16.dp, vertical = 12.dp),
        verticalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        Text(
            text = "我的走访",
            style = MaterialTheme.typography.headlineSmall,
            color = MaterialTheme.colorScheme.onBackground,
            modifier = Modifier.semantics { heading() },
        )
        Button(
            onClick = { state.eventSink(HomeEvent.ReportEmergency) },
            modifier = Modifier.fillMaxWidth().heightIn(min = sizes.primaryActionHeight),
            colors = ButtonDefaults.buttonColors(
                containerColor = MaterialTheme.colorScheme.error,
                contentColor = MaterialTheme.colorScheme.onError,
            ),
            shape = RoundedCornerShape(12.dp),
        ) {
            Text(text = "发现急难", style = MaterialTheme.typography.labelLarge)
        }
        if (state.tasks.isEmpty()) {
            Text(
                text = "现在没有要办的走访。",
                style = MaterialTheme.typography.bodyLarge,
                color = MaterialTheme.colorScheme.onBackground,
                modifier = Modifier.padding(top = 24.dp),
            )
        } else {
            LazyColumn(
                verticalArrangement = Arrangement.spacedBy(8.dp),
                contentPadding = PaddingValues(bottom = 16.dp),
            ) {
                items(state.tasks, key = { it.id }) { task ->
                    VisitTaskRow(task, onOpen = { state.eventSink(HomeEvent.OpenTask(task.id)) })
                }
            }
        }
    }
}

@Composable
private fun VisitTaskRow(task: VisitTask, onOpen: () -> Unit) {
    val sizes = LocalRuhuSizes.current
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
                .clickable(onClickLabel = "打开", onClick = onOpen)
                .padding(horizontal = 12.dp, vertical = 10.dp),
            verticalAlignment = Alignment.CenterVertically,
        ) {
            KindBadge(task.kind)
            Spacer(Modifier.width(12.dp))
            Column(Modifier.weight(1f)) {
                Text(task.household, style = MaterialTheme.typography.titleMedium)
                Text(
                    task.detail,
                    style = MaterialTheme.typography.bodyMedium,
                    color = MaterialTheme.colorScheme.onSurfaceVariant,
                )
                dueClockText(task.minutesLeft)?.let { clock -> DueClock(clock, overdue = (task.minutesLeft ?: 0) < 0) }
            }
        }
    }
}

@Composable
private fun KindBadge(kind: VisitTaskKind) {
    Box(
        modifier = Modifier
            .background(MaterialTheme.colorScheme.primaryContainer, RoundedCornerShape(6.dp))
            .padding(horizontal = 8.dp, vertical = 4.dp),
    ) {
        Text(kind.label, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onPrimaryContainer)
    }
}

@Composable
private fun DueClock(text: String, overdue: Boolean) {
    if (overdue) {
        val colors = LocalOverdueColors.current
        Text(
            text = text,
            style = MaterialTheme.typography.bodyMedium,
            color = colors.content,
            modifier = Modifier
                .padding(top = 4.dp)
                .background(colors.container, RoundedCornerShape(4.dp))
                .padding(horizontal = 6.dp, vertical = 2.dp),
        )
    } else {
        Text(
            text = text,
            style = MaterialTheme.typography.bodyMedium,
            color = MaterialTheme.colorScheme.primary,
            modifier = Modifier.padding(top = 4.dp),
        )
    }
}
