// What the sync screen shows: whether a sync runs and how far it got, the last sync, what is
// still waiting (photos, refused documents), and what went wrong.
import Foundation
import RuhuCore

/// The sync screen (and the 同步 button's badge).
public struct SyncState: Equatable {
    /// Whether a sync is under way.
    public var running: Bool = false
    /// Whether the worker asked to stop it (it stops after the current round trip).
    public var cancelling: Bool = false
    /// How far the running sync got (round trips, documents sent and received, whether more wait).
    public var progress: SyncProgress?
    /// When the last sync finished, Unix ms; nil before the first.
    public var lastSyncAtMs: Int64?
    /// What the last finished sync did.
    public var lastReport: SyncReport?
    /// Photo files still to send.
    public var photosWaiting = PhotoQueue(files: 0, bytes: 0)
    /// Documents the county refused, with its reason (core's words) and what to do.
    public var refused: [RefusedDocument] = []
    /// The refused documents being sent again (their ids).
    public var retrying: Set<String> = []
    /// What went wrong last. `.revoked`: the phone was wiped; the app shows enrollment's revoked
    /// notice (EnrollmentViewModel(revoked: true)).
    public var problem: Problem?

    /// Whether the phone was revoked (the app leaves for enrollment).
    public var revoked: Bool { problem == .revoked }
}

/// What the worker does on the sync screen.
public enum SyncAction {
    /// 同步 tapped.
    case start
    /// 停止 tapped during a sync.
    case cancel
    /// Read what is waiting again (screen shown again).
    case refresh
    /// Send a refused document again after the worker fixed it.
    case retry(documentId: String)
    /// The problem was read.
    case dismissProblem
}
