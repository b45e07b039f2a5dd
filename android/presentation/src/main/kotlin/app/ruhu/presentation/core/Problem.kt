// What went wrong, as the screens show it: the core's own Chinese words where it gives them
// (reasons, field problems), otherwise a kind the ui module words from its string resources.
package app.ruhu.presentation.core

import uniffi.ruhu_core.ApiException
import uniffi.ruhu_core.FieldProblem

/** A problem to show the worker. The ui module words the kinds without text of their own. */
sealed interface Problem {
    /** The core's own words (a refusal's reason), shown as they are. */
    data class Words(val text: String) : Problem

    /** The form's problems by field, each in the core's words. */
    data class Fields(val problems: List<FieldProblem>) : Problem

    /** A sync that did not finish; [retry] says whether trying later may help. */
    data class SyncFailed(val reason: String, val retry: Boolean) : Problem

    /** A handover file holding [count] households outside this worker's grids. */
    data class OutsideScope(val count: UInt) : Problem

    /** The county revoked this phone; its data has been wiped (本机已停用，资料已清除). */
    data object Revoked : Problem

    /** This phone is not enrolled yet (请先登记). */
    data object NotEnrolled : Problem

    /** Enrolled with another county already. */
    data object OtherCounty : Problem

    /** The record is not on this phone (没有找到，请先同步). */
    data object NotFound : Problem

    /** Storage full; nothing saved (手机空间已满). */
    data object StorageFull : Problem

    /** The store cannot be opened (wrong key or damaged file, kept as it was). */
    data object StoreUnreadable : Problem

    /** Data from a newer app version (请升级). */
    data object NewerVersion : Problem

    /** The worker stopped the sync; nothing is lost. */
    data object SyncCancelled : Problem

    /** Leaving the county would lose [documents] records and [photos] photo files not yet synced. */
    data class UnsyncedWork(val documents: ULong, val photos: ULong) : Problem

    /** A fault inside the app; [detail] names the part for support, nothing personal. */
    data class Internal(val detail: String) : Problem
}

/** The problem to show for an exception a core call threw. */
fun problemOf(error: Throwable): Problem = when (error) {
    is ApiException.InvalidInput ->
        // A scanned code the core refused: its words say why (another app's code, a newer
        // version, an address the phone may not use).
        error.problems.singleOrNull()?.takeIf { it.field == "qr" }?.let { Problem.Words(it.reason) }
            ?: Problem.Fields(error.problems)
    is ApiException.NotFound -> Problem.NotFound
    is ApiException.BadKey, is ApiException.StoreUnreadable -> Problem.StoreUnreadable
    is ApiException.NewerVersion -> Problem.NewerVersion
    is ApiException.NoProfile, is ApiException.NotEnrolled -> Problem.NotEnrolled
    is ApiException.OtherCounty -> Problem.OtherCounty
    is ApiException.BundleRefused -> Problem.Words(error.reason)
    is ApiException.BundleOutsideScope -> Problem.OutsideScope(error.count)
    is ApiException.SyncFailed -> Problem.SyncFailed(error.reason, error.retry)
    is ApiException.SyncCancelled -> Problem.SyncCancelled
    is ApiException.EnrollmentRefused -> Problem.Words(error.reason)
    is ApiException.DeviceRevoked -> Problem.Revoked
    is ApiException.PhotoRefused -> Problem.Words(error.reason)
    is ApiException.StorageFull -> Problem.StorageFull
    is ApiException.CaseRuleBroken -> Problem.Words(error.reason)
    is ApiException.UnsyncedWork -> Problem.UnsyncedWork(error.documents, error.photos)
    is ApiException.Internal -> Problem.Internal(error.detail)
    else -> Problem.Internal(error::class.simpleName ?: "unknown")
}
