// The conflicts screen (修改不一致) on the presentation module's ConflictsState: for each field two
// people changed differently, the values side by side (the one shown now first), 用这个 under
// each, and 已处理完 once every field is chosen. The core's display text is shown as it is (ID
// numbers masked, money in 元).
package app.ruhu.ui.conflicts

import androidx.compose.foundation.border
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.IntrinsicSize
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.Spacer
import androidx.compose.foundation.layout.fillMaxHeight
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.shape.RoundedCornerShape
import androidx.compose.material3.MaterialTheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import app.ruhu.presentation.conflicts.ConflictsEvents
import app.ruhu.presentation.conflicts.ConflictsState
import app.ruhu.ui.R
import app.ruhu.ui.common.BodyText
import app.ruhu.ui.common.DetailText
import app.ruhu.ui.common.PrimaryButton
import app.ruhu.ui.common.ProblemBox
import app.ruhu.ui.common.ScreenColumn
import app.ruhu.ui.common.SecondaryButton
import app.ruhu.ui.common.SectionTitle
import app.ruhu.ui.common.problemText
import uniffi.ruhu_core.Conflict
import uniffi.ruhu_core.ConflictValue

/**
 * The conflicts screen for [state].
 *
 * @param onEvent the conflicts presenter's events.
 * @param onDone 完成 tapped once nothing is left to choose: the app goes back.
 */
@Composable
fun ConflictsView(state: ConflictsState, onEvent: (ConflictsEvents) -> Unit, onDone: () -> Unit, modifier: Modifier = Modifier) {
    ScreenColumn(title = stringResource(R.string.conflicts_title), modifier = modifier) {
        state.problem?.let {
            ProblemBox(problemText(it))
            SecondaryButton(stringResource(R.string.conflicts_retry), { onEvent(ConflictsEvents.Refresh) }, Modifier.fillMaxWidth())
        }
        if (state.busy) BodyText(stringResource(if (state.conflicts.isEmpty()) R.string.conflicts_loading else R.string.conflicts_saving))
        if (state.done) {
            BodyText(stringResource(R.string.conflicts_done))
            PrimaryButton(stringResource(R.string.conflicts_finish), onClick = onDone)
        }
        if (state.conflicts.isNotEmpty()) DetailText(stringResource(R.string.conflicts_intro))
        state.conflicts.forEach { ConflictCard(it, enabled = !state.busy, onEvent) }
    }
}

/** One field: its name, then its candidate values two to a row. */
@Composable
private fun ConflictCard(conflict: Conflict, enabled: Boolean, onEvent: (ConflictsEvents) -> Unit) {
    SectionTitle(conflict.label)
    conflict.values.withIndex().chunked(2).forEach { pair ->
        Row(
            Modifier.fillMaxWidth().height(IntrinsicSize.Min),
            horizontalArrangement = Arrangement.spacedBy(8.dp),
        ) {
            pair.forEach { (index, value) ->
                ValueColumn(conflict, value, shownNow = index == 0, enabled, onEvent, Modifier.weight(1f))
            }
            if (pair.size == 1) Spacer(Modifier.weight(1f))
        }
    }
}

@Composable
private fun ValueColumn(
    conflict: Conflict,
    value: ConflictValue,
    shownNow: Boolean,
    enabled: Boolean,
    onEvent: (ConflictsEvents) -> Unit,
    modifier: Modifier,
) {
    val description = stringResource(R.string.conflicts_choose_description, conflict.label, value.display)
    Column(
        modifier = modifier
            .fillMaxHeight()
            .border(1.dp, MaterialTheme.colorScheme.outline, RoundedCornerShape(10.dp))
            .padding(8.dp),
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        DetailText(stringResource(if (shownNow) R.string.conflicts_shown_now else R.string.conflicts_other_edit))
        BodyText(value.display)
        Spacer(Modifier.weight(1f))
        SecondaryButton(
            stringResource(R.string.conflicts_choose),
            { if (enabled) onEvent(ConflictsEvents.Choose(conflict.path, value.valueJson)) },
            Modifier.fillMaxWidth().semantics { contentDescription = description },
        )
    }
}
