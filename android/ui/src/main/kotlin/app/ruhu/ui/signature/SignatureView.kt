// The signing pad screen (签字) on the presentation module's SignatureState: who signs (a family
// member present or an investigator, chosen or written), the pad, 清除重签 and 确认签字, the
// core's refusal in its words, and the signatures kept so far on this 入户调查表.
package app.ruhu.ui.signature

import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalDensity
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.IntSize
import app.ruhu.presentation.signature.SignatureEvents
import app.ruhu.presentation.signature.SignatureState
import app.ruhu.ui.R
import app.ruhu.ui.common.BodyText
import app.ruhu.ui.common.ChoiceRow
import app.ruhu.ui.common.DetailText
import app.ruhu.ui.common.LabeledField
import app.ruhu.ui.common.PrimaryButton
import app.ruhu.ui.common.ProblemBox
import app.ruhu.ui.common.ScreenColumn
import app.ruhu.ui.common.SecondaryButton
import app.ruhu.ui.common.SectionTitle
import app.ruhu.ui.common.problemText
import app.ruhu.ui.common.timeText

/**
 * The signing pad for [state].
 *
 * @param onEvent the signature presenter's events.
 * @param signers who may sign, as the caption will say (户主 王某, 调查人 李某): the family members
 *   present and the two investigators, given by the app; someone else can be written in.
 * @param onDone 签完了 tapped: the app goes back to the form.
 */
@Composable
fun SignatureView(
    state: SignatureState,
    onEvent: (SignatureEvents) -> Unit,
    signers: List<String>,
    onDone: () -> Unit,
    modifier: Modifier = Modifier,
) {
    var padSize by remember { mutableStateOf(IntSize.Zero) }
    val density = LocalDensity.current
    ScreenColumn(title = stringResource(R.string.signature_title), modifier = modifier) {
        state.problem?.let { ProblemBox(problemText(it)) }
        SectionTitle(stringResource(R.string.signature_who))
        signers.forEach { name -> ChoiceRow(name, state.signer == name, { onEvent(SignatureEvents.SignerChanged(name)) }) }
        LabeledField(
            stringResource(R.string.signature_signer_field),
            state.signer,
            { onEvent(SignatureEvents.SignerChanged(it)) },
            hint = stringResource(R.string.signature_signer_hint),
        )
        BodyText(stringResource(R.string.signature_pad_hint))
        SignaturePad(state.strokes, state.drawing, stringResource(R.string.signature_pad_description), onEvent, { padSize = it })
        if (state.saving) BodyText(stringResource(R.string.signature_saving))
        if (!state.canSave && !state.saving) DetailText(stringResource(R.string.signature_needs))
        PrimaryButton(
            stringResource(R.string.signature_save),
            onClick = {
                with(density) { onEvent(SignatureEvents.Save(padSize.width.toDp().value, padSize.height.toDp().value)) }
            },
            enabled = state.canSave,
        )
        SecondaryButton(stringResource(R.string.signature_clear), { onEvent(SignatureEvents.Clear) }, Modifier.fillMaxWidth())
        if (state.kept.isNotEmpty()) {
            SectionTitle(stringResource(R.string.signature_kept_title))
            state.kept.forEach { DetailText(stringResource(R.string.signature_kept_item, it.caption, timeText(it.takenAtMs))) }
            PrimaryButton(stringResource(R.string.signature_done), onClick = onDone)
        }
    }
}
