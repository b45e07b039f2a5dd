// The controls every screen is built from, sized by the mode (LocalRuhuSizes): a screen column
// with its heading, buttons, a labelled text field, a choice that says it is chosen in words (not
// by colour alone), a switch row, and a problem box with its 知道了 button.
package app.ruhu.ui.common

import androidx.compose.foundation.background
import androidx.compose.foundation.border
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ColumnScope
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.widthIn
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.selection.toggleable
import androidx.compose.foundation.shape.RoundedCornerShape
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.semantics.stateDescription
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import app.ruhu.ui.R
import app.ruhu.ui.theme.LocalRuhuSizes

/** A screen: [title] as its heading, then [content] in a scrolling column. */
@Composable
fun ScreenColumn(title: String, modifier: Modifier = Modifier, content: @Composable ColumnScope.() -> Unit) {
    Column(
        modifier = modifier
            .fillMaxSize()
            .background(MaterialTheme.colorScheme.background)
            .verticalScroll(rememberScrollState())
            .padding(horizontal = 16.dp, vertical = 12.dp),
        verticalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        Text(
            text = title,
            style = MaterialTheme.typography.headlineSmall,
            color = MaterialTheme.colorScheme.onBackground,
            modifier = Modifier.semantics { heading() },
        )
        content()
    }
}

/** Main text on the screen's background. */
@Composable
fun BodyText(text: String, modifier: Modifier = Modifier) {
    Text(text, style = MaterialTheme.typography.bodyLarge, color = MaterialTheme.colorScheme.onBackground, modifier = modifier)
}

/** A secondary line (a detail under a title). */
@Composable
fun DetailText(text: String, modifier: Modifier = Modifier) {
    Text(text, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant, modifier = modifier)
}

/** A section's title. */
@Composable
fun SectionTitle(text: String) {
    Text(
        text,
        style = MaterialTheme.typography.titleMedium,
        color = MaterialTheme.colorScheme.onBackground,
        modifier = Modifier.semantics { heading() },
    )
}

/** The screen's main action, full width; [danger] for 发现急难 and 清除. */
@Composable
fun PrimaryButton(label: String, onClick: () -> Unit, enabled: Boolean = true, danger: Boolean = false, description: String? = null) {
    val sizes = LocalRuhuSizes.current
    Button(
        onClick = onClick,
        enabled = enabled,
        modifier = Modifier
            .fillMaxWidth()
            .heightIn(min = sizes.touchTarget)
            .let { m -> if (description != null) m.semantics { contentDescription = description } else m },
        colors = if (danger) {
            ButtonDefaults.buttonColors(containerColor = MaterialTheme.colorScheme.error, contentColor = MaterialTheme.colorScheme.onError)
        } else {
            ButtonDefaults.buttonColors()
        },
        shape = RoundedCornerShape(12.dp),
    ) {
        Text(label, style = MaterialTheme.typography.labelLarge)
    }
}

/** A lesser action (返回, 取消, 知道了). */
@Composable
fun SecondaryButton(label: String, onClick: () -> Unit, modifier: Modifier = Modifier) {
    val sizes = LocalRuhuSizes.current
    OutlinedButton(
        onClick = onClick,
        modifier = modifier.heightIn(min = sizes.touchTarget).widthIn(min = sizes.touchTarget),
        shape = RoundedCornerShape(12.dp),
    ) {
        Text(label, style = MaterialTheme.typography.labelLarge)
    }
}

/**
 * A text field with its [label] above it (never inside, where it would shrink below the mode's
 * text size) and the label as its TalkBack description.
 */
@Composable
fun LabeledField(label: String, value: String, onChange: (String) -> Unit, hint: String? = null) {
    val sizes = LocalRuhuSizes.current
    Column(verticalArrangement = Arrangement.spacedBy(4.dp)) {
        Text(label, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onBackground)
        OutlinedTextField(
            value = value,
            onValueChange = onChange,
            singleLine = true,
            textStyle = MaterialTheme.typography.bodyLarge,
            modifier = Modifier
                .fillMaxWidth()
                .heightIn(min = sizes.touchTarget)
                .semantics { contentDescription = label },
        )
        if (hint != null) DetailText(hint)
    }
}

/**
 * One option of a choice. A chosen option is marked with "✓" and "已选" in words and a thick
 * border, besides its colour.
 */
@Composable
fun ChoiceRow(label: String, chosen: Boolean, onChoose: () -> Unit, detail: String? = null) {
    val sizes = LocalRuhuSizes.current
    val colors = MaterialTheme.colorScheme
    // Read in composition: stringResource cannot be called inside the semantics lambda.
    val stateWords = stringResource(if (chosen) R.string.control_chosen else R.string.control_not_chosen)
    val chosenMark = stringResource(R.string.control_chosen_mark)
    Row(
        modifier = Modifier
            .fillMaxWidth()
            .heightIn(min = sizes.touchTarget)
            .border(if (chosen) 3.dp else 1.dp, if (chosen) colors.primary else colors.outline, RoundedCornerShape(10.dp))
            .background(if (chosen) colors.primaryContainer else colors.surface, RoundedCornerShape(10.dp))
            .selectable(selected = chosen, role = Role.RadioButton, onClick = onChoose)
            .semantics { stateDescription = stateWords }
            .padding(horizontal = 12.dp, vertical = 8.dp),
        verticalAlignment = Alignment.CenterVertically,
    ) {
        val content = if (chosen) colors.onPrimaryContainer else colors.onSurface
        Column(Modifier.weight(1f)) {
            Text(label, style = MaterialTheme.typography.titleMedium, color = content)
            if (detail != null) Text(detail, style = MaterialTheme.typography.bodyMedium, color = content)
        }
        if (chosen) Text(chosenMark, style = MaterialTheme.typography.bodyMedium, color = content)
    }
}

/** A row that turns a setting on or off; the state is said in words (已开启 / 已关闭). */
@Composable
fun SwitchRow(label: String, on: Boolean, onChange: (Boolean) -> Unit, detail: String? = null) {
    val sizes = LocalRuhuSizes.current
    val onOff = stringResource(if (on) R.string.control_on else R.string.control_off)
    val stateLine = if (detail == null) onOff else stringResource(R.string.control_switch_detail, onOff, detail)
    Row(
        modifier = Modifier
            .fillMaxWidth()
            .heightIn(min = sizes.touchTarget)
            .toggleable(value = on, role = Role.Switch, onValueChange = onChange)
            .padding(vertical = 4.dp),
        verticalAlignment = Alignment.CenterVertically,
    ) {
        Column(Modifier.weight(1f)) {
            Text(label, style = MaterialTheme.typography.titleMedium, color = MaterialTheme.colorScheme.onBackground)
            Text(
                stateLine,
                style = MaterialTheme.typography.bodyMedium,
                color = MaterialTheme.colorScheme.onSurfaceVariant,
            )
        }
        Switch(checked = on, onCheckedChange = null)
    }
}

/** A problem to show, in words, with [onDismiss] as its 知道了 button when given. */
@Composable
fun ProblemBox(text: String, onDismiss: (() -> Unit)? = null) {
    val colors = MaterialTheme.colorScheme
    Column(
        modifier = Modifier
            .fillMaxWidth()
            .border(2.dp, colors.error, RoundedCornerShape(10.dp))
            .background(colors.errorContainer, RoundedCornerShape(10.dp))
            .padding(12.dp),
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        Text(stringResource(R.string.control_problem, text), style = MaterialTheme.typography.bodyLarge, color = colors.onErrorContainer)
        if (onDismiss != null) SecondaryButton(stringResource(R.string.control_dismiss), onDismiss)
    }
}
