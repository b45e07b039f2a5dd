// What the household screen shows: the core's household detail (profile, members with masked
// IDs, supporters, economics summary, conflicts), its cases, photos and visit history.
package app.ruhu.presentation.householdscreen

import app.ruhu.presentation.core.Problem
import uniffi.ruhu_core.CaseSummary
import uniffi.ruhu_core.HouseholdDetail
import uniffi.ruhu_core.PhotoRecord
import uniffi.ruhu_core.VisitHistoryItem

/** The household screen. */
data class HouseholdScreenState(
    /** The household. */
    val householdId: String,
    /** Profile, members (IDs masked in idMasked), supporters, economics summary, conflicts. */
    val detail: HouseholdDetail? = null,
    /** Its cases, nearest deadline first. */
    val cases: List<CaseSummary> = emptyList(),
    /** Its photos. */
    val photos: List<PhotoRecord> = emptyList(),
    /** Its visit history: every task raised for it, open, done or dismissed, newest first. */
    val visits: List<VisitHistoryItem> = emptyList(),
    /** The county's 低保标准 per person per month (分); null before the first sync. */
    val dibaoLineFen: Long? = null,
    /** The core's verdict: 人均月收入 of the members present below that line; null when unknown. */
    val belowDibao: Boolean? = null,
    /** Ids of this household's photos (and its cases') a supervisor sent back and no retake answered yet. */
    val retakesOwed: Set<String> = emptySet(),
    /** Whether the screen is being read. */
    val loading: Boolean = true,
    /** What went wrong. */
    val problem: Problem? = null,
) {
    /** The conflict badge: unsettled fields of this household. */
    val conflictCount: Int get() = detail?.conflicts?.size ?: 0
}
