// A problem in the worker's words: the core's own Chinese where it gives them, otherwise the
// app's fixed sentences from strings.xml. Nothing personal, no exception text.
package app.ruhu.app.screens

import androidx.compose.runtime.Composable
import androidx.compose.ui.res.stringResource
import app.ruhu.app.R
import app.ruhu.presentation.core.Problem

/** What to show for [problem]. */
@Composable
fun problemText(problem: Problem): String = when (problem) {
    is Problem.Words -> problem.text
    is Problem.Fields -> problem.problems.joinToString("\n") { it.reason }
    is Problem.SyncFailed -> if (problem.retry) stringResource(R.string.problem_sync_retry, problem.reason) else problem.reason
    is Problem.OutsideScope -> stringResource(R.string.handover_outside_scope, problem.count.toInt())
    Problem.Revoked -> stringResource(R.string.problem_revoked)
    Problem.NotEnrolled -> stringResource(R.string.problem_not_enrolled)
    Problem.OtherCounty -> stringResource(R.string.problem_other_county)
    Problem.NotFound -> stringResource(R.string.problem_not_found)
    Problem.StorageFull -> stringResource(R.string.problem_storage_full)
    Problem.StoreUnreadable -> stringResource(R.string.store_unreadable)
    Problem.NewerVersion -> stringResource(R.string.problem_newer_version)
    Problem.SyncCancelled -> stringResource(R.string.problem_sync_cancelled)
    is Problem.UnsyncedWork -> stringResource(R.string.problem_unsynced_work, problem.documents.toInt(), problem.photos.toInt())
    is Problem.Internal -> stringResource(R.string.problem_internal, problem.detail)
}
