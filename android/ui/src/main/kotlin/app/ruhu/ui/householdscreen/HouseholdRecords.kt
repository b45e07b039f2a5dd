// The household screen's records: cases with their status and clock (tap to open), photos as
// labelled boxes (kind, caption, review, upload), and the visit history.
package app.ruhu.ui.householdscreen

import androidx.compose.foundation.border
import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.shape.RoundedCornerShape
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.unit.dp
import app.ruhu.ui.R
import app.ruhu.ui.common.SecondaryButton
import app.ruhu.ui.common.SectionTitle
import app.ruhu.ui.common.casePathText
import app.ruhu.ui.common.caseStatusText
import app.ruhu.ui.common.timeText
import app.ruhu.ui.common.urgencyText
import app.ruhu.ui.home.dueClockText
import app.ruhu.ui.theme.LocalRuhuSizes
import uniffi.ruhu_core.CaseSummary
import uniffi.ruhu_core.PhotoRecord
import uniffi.ruhu_core.ReviewStatus
import uniffi.ruhu_core.VisitHistoryItem

/** The household's cases; each opens its case screen. */
@Composable
internal fun Cases(cases: List<CaseSummary>, nowMs: Long, onOpen: (CaseSummary) -> Unit) {
    SectionTitle(stringResource(R.string.hh_cases, cases.size))
    if (cases.isEmpty()) EmptyLine(stringResource(R.string.hh_no_cases))
    val label = stringResource(R.string.hh_case_open)
    cases.forEach { c ->
        InfoCard(
            Modifier
                .heightIn(min = LocalRuhuSizes.current.touchTarget)
                .clickable(onClickLabel = label, role = Role.Button) { onOpen(c) },
        ) {
            val (path, within) = casePathText(c.path)
            CardTitle(stringResource(R.string.hh_case_title, assistanceKindText(c.kind), caseStatusText(c.status)))
            CardLine(stringResource(R.string.hh_case_line, path, within, timeText(c.openedAtMs)))
            val deadline = c.nextDeadlineMs
            CardLine(
                if (deadline == null) {
                    stringResource(R.string.hh_case_no_deadline)
                } else {
                    stringResource(R.string.hh_case_deadline, timeText(deadline), dueClockText(Math.floorDiv(deadline - nowMs, 60_000L)).orEmpty())
                },
            )
            if (c.conflicts > 0u) CardLine(stringResource(R.string.hh_case_conflicts, c.conflicts.toInt()))
        }
    }
}

/** The photos as boxes labelled by kind and caption (the thumbnail itself is the app's to draw). */
@Composable
internal fun Photos(photos: List<PhotoRecord>, owed: Set<String>, onRetake: (PhotoRecord) -> Unit) {
    SectionTitle(stringResource(R.string.hh_photos, photos.size))
    if (photos.isEmpty()) EmptyLine(stringResource(R.string.hh_no_photos))
    val colors = MaterialTheme.colorScheme
    photos.forEach { p ->
        Column(
            Modifier
                .fillMaxWidth()
                .border(1.dp, colors.outline, RoundedCornerShape(10.dp))
                .padding(12.dp),
        ) {
            val kind = photoKindText(p.kind)
            Text(
                if (p.caption.isBlank()) stringResource(R.string.hh_photo_no_caption, kind) else stringResource(R.string.hh_photo_label, kind, p.caption),
                style = MaterialTheme.typography.titleMedium,
                color = colors.onBackground,
            )
            val review = when (p.review) {
                ReviewStatus.PENDING -> stringResource(R.string.hh_photo_pending)
                ReviewStatus.APPROVED -> stringResource(R.string.hh_photo_approved)
                ReviewStatus.RETAKE_NEEDED -> null
            }
            val upload = stringResource(if (p.uploaded) R.string.hh_photo_uploaded else R.string.hh_photo_not_uploaded)
            Text(
                listOfNotNull(stringResource(R.string.hh_photo_taken, timeText(p.takenAtMs)), review, upload).joinToString(" · "),
                style = MaterialTheme.typography.bodyMedium,
                color = colors.onSurfaceVariant,
            )
            if (p.review == ReviewStatus.RETAKE_NEEDED) {
                Text(stringResource(R.string.hh_photo_retake, p.reviewReason), style = MaterialTheme.typography.bodyMedium, color = colors.error)
            }
            if (p.photoId in owed) {
                SecondaryButton(stringResource(R.string.hh_photo_retake_now), { onRetake(p) }, Modifier.fillMaxWidth())
            }
        }
    }
}

/** The visits made or owed to this household, newest first as the core gives them. */
@Composable
internal fun Visits(visits: List<VisitHistoryItem>) {
    SectionTitle(stringResource(R.string.hh_visits, visits.size))
    if (visits.isEmpty()) EmptyLine(stringResource(R.string.hh_no_visits))
    visits.forEach { v ->
        InfoCard {
            CardTitle(v.reason)
            CardLine(stringResource(R.string.hh_visit_line, urgencyText(v.urgency), v.createdOn, v.dueOn))
            CardLine(v.closedAtMs?.let { stringResource(R.string.hh_visit_closed, timeText(it)) } ?: stringResource(R.string.hh_visit_open))
            v.note?.takeIf { it.isNotBlank() }?.let { CardLine(it) }
        }
    }
}
