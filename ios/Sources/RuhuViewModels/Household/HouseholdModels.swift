// What the household screen shows: the core's household detail (profile, members with masked
// IDs, supporters, economics summary, conflicts), the 低保 verdict, its cases with their clocks,
// photos, visit history and the retakes owed on it.
import Foundation
import RuhuCore

/// The household screen.
public struct HouseholdState: Equatable {
    /// The household.
    public var householdId: String
    /// Profile, members (IDs masked in `idMasked`, ages), supporters, economics and its summary,
    /// conflicts; nil until read.
    public var detail: HouseholdDetail?
    /// Its cases, as the core orders them (nearest deadline first), each with its next deadline.
    public var cases: [CaseSummary] = []
    /// Each case's clocks by case id (its deadlines, their state and the core's warning words),
    /// read with the case; a case whose detail could not be read has none.
    public var caseClocks: [String: [CaseClockRecord]] = [:]
    /// Its photos and its cases' photos, newest first (thumbnails by thumbSha256).
    public var photos: [PhotoRecord] = []
    /// Every visit task raised for it, open, done or dismissed, newest first.
    public var visits: [VisitHistoryItem] = []
    /// The county's 低保标准 per person per month (分); nil before the first sync.
    public var dibaoLineFen: Int64?
    /// The core's verdict: 人均月收入 of the members present below that line; nil when unknown.
    public var belowDibao: Bool?
    /// This household's photos (and its cases') a supervisor sent back and no retake answered
    /// yet, each with the supervisor's words in reviewReason.
    public var retakesOwed: [PhotoRecord] = []
    /// Whether the screen is being read.
    public var loading: Bool = true
    /// What went wrong (notFound: the household is not on this phone).
    public var problem: Problem?

    /// The conflict badge: unsettled fields of this household.
    public var conflictCount: Int { detail?.conflicts.count ?? 0 }
    /// The core's economics figures (totals, 人均月收入).
    public var economics: EconomicsSummary? { detail?.economicsSummary }
    /// Whether `photoId` is owed a retake (the photo grid marks it 需重拍).
    public func isRetakeOwed(_ photoId: String) -> Bool { retakesOwed.contains { $0.photoId == photoId } }
}

/// What the worker does on the household screen.
public enum HouseholdAction {
    /// Read again (back from the form, a case, the camera, after a sync or a settled conflict).
    case refresh
    /// The problem was read.
    case dismiss
}
