// The household form's field controls on the shared ones (ui/common): a text field bound to a
// form key that sends every keystroke and shows that key's problem, a yes/no switch bound to a
// key, and a choice that lists its options inline (few) or opens them on a tap (many).
package app.ruhu.ui.householdform

import androidx.compose.foundation.border
import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.shape.RoundedCornerShape
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.unit.dp
import app.ruhu.presentation.householdform.HouseholdFormEvents
import app.ruhu.presentation.householdform.HouseholdFormState
import app.ruhu.ui.R
import app.ruhu.ui.common.ChoiceRow
import app.ruhu.ui.common.LabeledField
import app.ruhu.ui.common.SwitchRow
import app.ruhu.ui.theme.LocalRuhuSizes

/** A choice shown inline when it has at most this many options. */
private const val INLINE_OPTIONS = 3

/** The problem the core (or the form) found in a field, in its words; nothing when there is none. */
@Composable
fun FieldProblemLine(reason: String?) {
    if (reason == null) return
    Text(stringResource(R.string.hf_field_problem, reason), style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.error)
}

/** The text field of form key [key]: every keystroke goes out as FieldChanged. */
@Composable
fun FormTextField(label: String, key: String, state: HouseholdFormState, onEvent: (HouseholdFormEvents) -> Unit, hint: String? = null) {
    Column(verticalArrangement = Arrangement.spacedBy(2.dp)) {
        LabeledField(label, state.fields[key].orEmpty(), { onEvent(HouseholdFormEvents.FieldChanged(key, it)) }, hint)
        FieldProblemLine(state.fieldProblems[key])
    }
}

/** A yes/no field of form key [key] ("1" or ""). */
@Composable
fun FormFlag(label: String, key: String, state: HouseholdFormState, onEvent: (HouseholdFormEvents) -> Unit) {
    SwitchRow(label, state.fields[key] == "1", { onEvent(HouseholdFormEvents.FieldChanged(key, if (it) "1" else "")) })
    FieldProblemLine(state.fieldProblems[key])
}

/**
 * A choice among [options] (value to words) with [chosen] marked. Up to three options are listed
 * at once; more open from a row that says the choice in words, and close again once chosen.
 */
@Composable
fun FormChoice(label: String, options: List<Pair<String, String>>, chosen: String?, problem: String?, onChoose: (String) -> Unit) {
    val current = options.firstOrNull { it.first == chosen }?.second
    if (options.size <= INLINE_OPTIONS) {
        Text(label, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onBackground)
        options.forEach { (value, words) -> ChoiceRow(words, value == chosen, { onChoose(value) }) }
        FieldProblemLine(problem)
        return
    }
    var open by remember(label) { mutableStateOf(false) }
    val colors = MaterialTheme.colorScheme
    Column(
        Modifier
            .fillMaxWidth()
            .heightIn(min = LocalRuhuSizes.current.touchTarget)
            .border(1.dp, colors.outline, RoundedCornerShape(10.dp))
            .clickable(onClickLabel = stringResource(R.string.hf_choose, label), role = Role.Button) { open = !open }
            .padding(horizontal = 12.dp, vertical = 8.dp),
    ) {
        Text(
            stringResource(R.string.hf_choice_current, label, current ?: stringResource(R.string.hf_not_chosen)),
            style = MaterialTheme.typography.titleMedium,
            color = colors.onBackground,
        )
        if (!open) Text(stringResource(R.string.hf_tap_to_change), style = MaterialTheme.typography.bodyMedium, color = colors.onSurfaceVariant)
    }
    if (open) {
        options.forEach { (value, words) ->
            ChoiceRow(words, value == chosen, {
                onChoose(value)
                open = false
            })
        }
    }
    FieldProblemLine(problem)
}

/** [FormChoice] bound to form key [key]. */
@Composable
fun FormKeyChoice(label: String, key: String, options: List<Pair<String, String>>, state: HouseholdFormState, onEvent: (HouseholdFormEvents) -> Unit) {
    FormChoice(label, options, state.fields[key], state.fieldProblems[key]) { onEvent(HouseholdFormEvents.FieldChanged(key, it)) }
}
