// The sync run in this process over SyncCore: the core's blocking sync off the main actor, with
// a listener that reports each round trip's progress into the run and says stop once cancel was
// asked. Each finished sync's time is saved in the LastSyncStore.
import Foundation
import Observation
import RuhuCore

/// The core's sync listener: hands each round trip's progress on and answers false (stop) once
/// `stop()` was called. Called on the sync's own thread.
public final class SyncProgressListener: SyncListener, @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private var heard: SyncProgress?
    private let report: @Sendable (SyncProgress) -> Void

    /// - Parameter report: receives each round trip's progress (on the sync's thread).
    public init(report: @escaping @Sendable (SyncProgress) -> Void) { self.report = report }

    /// Asks the sync to stop after the round trip in flight.
    public func stop() { lock.withLock { stopped = true } }

    /// The last progress heard, if any.
    public var latest: SyncProgress? { lock.withLock { heard } }

    public func onProgress(progress: SyncProgress) -> Bool {
        let goOn = lock.withLock { () -> Bool in
            heard = progress
            return !stopped
        }
        report(progress)
        return goOn
    }
}

/// Runs `SyncCore.sync` in this process, off the main actor; one sync at a time.
@MainActor
@Observable
public final class InProcessSyncRunner: SyncRunner {
    public private(set) var run: SyncRun

    @ObservationIgnored private let core: SyncCore
    @ObservationIgnored private let lastSync: LastSyncStore
    @ObservationIgnored private let now: @Sendable () -> Int64
    @ObservationIgnored private var listener: SyncProgressListener?
    @ObservationIgnored private var task: Task<Void, Never>?
    @ObservationIgnored private var observers: [@MainActor (SyncRun) -> Bool] = []
    @ObservationIgnored private var waiting: [CheckedContinuation<SyncRun, Never>] = []

    /// - Parameters:
    ///   - lastSync: where each finished sync's time is kept (UserDefaults in the app).
    ///   - now: the wall clock, Unix ms.
    public init(core: SyncCore, lastSync: LastSyncStore,
                now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }) {
        self.core = core
        self.lastSync = lastSync
        self.now = now
        run = SyncRun(finishedAtMs: lastSync.load())
    }

    public func observe(_ observer: @escaping @MainActor (SyncRun) -> Bool) {
        observers.append(observer)
    }

    public func start() {
        guard !run.running else { return }
        update {
            $0.running = true
            $0.cancelling = false
            $0.progress = nil
            $0.problem = nil
        }
        let listener = SyncProgressListener { [weak self] progress in
            Task { @MainActor in self?.heard(progress) }
        }
        self.listener = listener
        let core = self.core
        task = Task { @MainActor [weak self] in
            let outcome = await attempt { try core.sync(listener: listener) }
            self?.finish(outcome, listener: listener)
        }
    }

    public func cancel() {
        guard run.running else { return }
        listener?.stop()
        update { $0.cancelling = true }
    }

    public func runToEnd() async -> SyncRun {
        start()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if run.running {
                    waiting.append(continuation)
                } else {
                    continuation.resume(returning: run)
                }
            }
        } onCancel: {
            Task { @MainActor [weak self] in self?.cancel() }
        }
    }

    /// A round trip's progress, on the main actor; an older one arriving late is ignored.
    private func heard(_ progress: SyncProgress) {
        guard run.running, progress.roundTrips >= (run.progress?.roundTrips ?? 0) else { return }
        update { $0.progress = progress }
    }

    private func finish(_ outcome: Outcome<SyncReport>, listener: SyncProgressListener) {
        var next = run
        next.running = false
        next.cancelling = false
        next.progress = listener.latest ?? next.progress
        next.ended += 1
        switch outcome {
        case .success(let report):
            let at = now()
            lastSync.save(atMs: at)
            next.report = report
            next.finishedAtMs = at
            next.problem = nil
        case .failure(let problem):
            next.problem = problem
        }
        self.listener = nil
        task = nil
        update { $0 = next }
        let done = waiting
        waiting = []
        for continuation in done { continuation.resume(returning: next) }
    }

    /// Changes the run and tells the observers.
    private func update(_ change: (inout SyncRun) -> Void) {
        var next = run
        change(&next)
        guard next != run else { return }
        run = next
        observers = observers.filter { $0(next) }
    }
}
