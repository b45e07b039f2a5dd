// What went wrong, as the screens show it: the core's own Chinese words where it gives them
// (reasons, field problems), otherwise a kind the app words from its string table
// (App/Resources, the same texts as the Android app).
import Foundation
import RuhuCore

/// A problem to show the worker. The app words the kinds that carry no text of their own.
public enum Problem: Equatable, Sendable {
    /// The core's own words (a refusal's reason), shown as they are.
    case words(String)
    /// The form's problems by field, each in the core's words.
    case fields([FieldProblem])
    /// A sync that did not finish; `retry` says whether trying later may help.
    case syncFailed(reason: String, retry: Bool)
    /// A handover file holding `count` households outside this worker's grids.
    case outsideScope(count: UInt32)
    /// The county revoked this phone; its data has been wiped (本机已停用，资料已清除).
    case revoked
    /// This phone is not enrolled yet (请先登记).
    case notEnrolled
    /// Enrolled with another county already.
    case otherCounty
    /// The record is not on this phone (没有找到，请先同步).
    case notFound
    /// Storage full; nothing saved (手机空间已满).
    case storageFull
    /// The store cannot be opened (wrong key or damaged file, kept as it was).
    case storeUnreadable
    /// Data from a newer app version (请升级).
    case newerVersion
    /// The worker stopped the sync; nothing is lost.
    case syncCancelled
    /// Leaving the county would lose `documents` records and `photos` photo files not yet synced.
    case unsyncedWork(documents: UInt64, photos: UInt64)
    /// A fault inside the app; `detail` names the part for support, nothing personal.
    case internalFault(String)

    /// The problem to show for an error a core call threw.
    public init(_ error: Error) {
        guard let api = error as? ApiError else {
            self = .internalFault(String(describing: type(of: error)))
            return
        }
        switch api {
        case .InvalidInput(let problems):
            // A scanned code the core refused: its words say why (another app's code, a newer
            // version, an address the phone may not use).
            if problems.count == 1, problems[0].field == "qr" {
                self = .words(problems[0].reason)
            } else {
                self = .fields(problems)
            }
        case .NotFound: self = .notFound
        case .BadKey, .StoreUnreadable: self = .storeUnreadable
        case .NewerVersion: self = .newerVersion
        case .NoProfile, .NotEnrolled: self = .notEnrolled
        case .OtherCounty: self = .otherCounty
        case .BundleRefused(let reason): self = .words(reason)
        case .BundleOutsideScope(let count): self = .outsideScope(count: count)
        case .SyncFailed(let reason, let retry): self = .syncFailed(reason: reason, retry: retry)
        case .SyncCancelled: self = .syncCancelled
        case .EnrollmentRefused(let reason): self = .words(reason)
        case .DeviceRevoked: self = .revoked
        case .PhotoRefused(let reason): self = .words(reason)
        case .StorageFull: self = .storageFull
        case .CaseRuleBroken(_, let reason): self = .words(reason)
        case .UnsyncedWork(let documents, let photos): self = .unsyncedWork(documents: documents, photos: photos)
        case .Internal(let detail): self = .internalFault(detail)
        }
    }

    /// The core's words for `field`, when the problem is a form's and names it.
    public func reason(for field: String) -> String? {
        guard case .fields(let problems) = self else { return nil }
        return problems.first { $0.field == field }?.reason
    }
}
