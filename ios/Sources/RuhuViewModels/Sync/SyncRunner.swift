// Who runs a sync: in the app the in-process runner, kept by the app (it outlives the screen)
// and called by the background tasks too; tests may stand in their own. The sync screen only
// asks to start or stop and follows the run.
import Foundation
import RuhuCore

/// Where a sync stands, as its runner reports it.
public struct SyncRun: Equatable, Sendable {
    /// Whether a sync is under way.
    public var running: Bool = false
    /// Whether stopping it was asked (it stops after the round trip in flight).
    public var cancelling: Bool = false
    /// How far the running (or last) sync got: each round trip as the core reported it.
    public var progress: SyncProgress?
    /// What the last finished sync did.
    public var report: SyncReport?
    /// When the last sync finished, Unix ms (also saved in the runner's LastSyncStore).
    public var finishedAtMs: Int64?
    /// What stopped the last sync, or nil. `.revoked`: the phone was wiped; go to enrollment.
    public var problem: Problem?
    /// Counts the syncs that ended (finished, failed or cancelled) since the runner started.
    public var ended: Int = 0

    public init(running: Bool = false, cancelling: Bool = false, progress: SyncProgress? = nil,
                report: SyncReport? = nil, finishedAtMs: Int64? = nil, problem: Problem? = nil, ended: Int = 0) {
        self.running = running
        self.cancelling = cancelling
        self.progress = progress
        self.report = report
        self.finishedAtMs = finishedAtMs
        self.problem = problem
        self.ended = ended
    }
}

/// Runs syncs one at a time; `run` says where the current (or last) one stands.
@MainActor
public protocol SyncRunner: AnyObject {
    /// The current or last sync.
    var run: SyncRun { get }
    /// Calls `observer` with the run after every change of it, until the observer's owner is gone
    /// (the observer returns false to be dropped).
    func observe(_ observer: @escaping @MainActor (SyncRun) -> Bool)
    /// Starts a sync unless one runs already.
    func start()
    /// Asks the running sync to stop after the round trip in flight.
    func cancel()
    /// Runs one sync to its end (joining the one under way, if any) and returns how it ended.
    /// Cancelling the awaiting task cancels the sync (a BGTask's expiration handler).
    func runToEnd() async -> SyncRun
}
