// 同步: asks its SyncRunner to start or stop, mirrors the run's progress and outcome, and after
// each run shows what is still waiting (photo uploads, refused documents).
import Foundation
import Observation
import RuhuCore

/// The sync screen's logic; reads what waits at once and after every run that ends.
@MainActor
@Observable
public final class SyncViewModel: ScreenViewModel {
    public private(set) var state: SyncState

    @ObservationIgnored private let core: SyncCore
    @ObservationIgnored private let runner: SyncRunner
    @ObservationIgnored private let work = WorkTracker()
    @ObservationIgnored private var seenEnded: Int

    /// - Parameters:
    ///   - core: read for what still waits and to retry refused documents.
    ///   - runner: runs the syncs (the app's one InProcessSyncRunner, shared with its background tasks).
    public init(core: SyncCore, runner: SyncRunner) {
        self.core = core
        self.runner = runner
        let run = runner.run
        seenEnded = run.ended
        state = SyncState(running: run.running, cancelling: run.cancelling, progress: run.progress,
                          lastSyncAtMs: run.finishedAtMs, lastReport: run.report)
        runner.observe { [weak self] run in
            guard let self else { return false }
            self.follow(run)
            return true
        }
        refresh()
    }

    public func send(_ action: SyncAction) {
        switch action {
        case .start:
            guard !state.running else { return }
            state.running = true
            state.cancelling = false
            state.progress = nil
            state.problem = nil
            runner.start()
        case .cancel:
            guard state.running else { return }
            state.cancelling = true
            runner.cancel()
        case .refresh:
            refresh()
        case .retry(let documentId):
            retry(documentId)
        case .dismissProblem:
            state.problem = nil
        }
    }

    public func settle() async {
        // A sync under way is part of the work: wait for it to end, then for what its end started.
        if runner.run.running { _ = await runner.runToEnd() }
        await work.settle()
    }

    private func follow(_ run: SyncRun) {
        state.running = run.running
        state.cancelling = run.cancelling
        if let progress = run.progress { state.progress = progress }
        if let report = run.report { state.lastReport = report }
        if let at = run.finishedAtMs { state.lastSyncAtMs = at }
        if run.running {
            state.problem = nil
        } else if let problem = run.problem {
            state.problem = problem
        }
        if run.ended != seenEnded {
            seenEnded = run.ended
            if run.problem == nil { state.problem = nil }
            // A revoked phone was wiped: there is nothing left to read.
            if run.problem != .revoked { refresh() }
        }
    }

    private func refresh() {
        let core = self.core
        work.run { [weak self] in
            switch await attempt({ (try core.photoUploadsPending(), try core.refusedDocuments()) }) {
            case .success(let (photos, refused)):
                self?.state.photosWaiting = photos
                self?.state.refused = refused
            case .failure(let problem):
                if self?.state.problem != .revoked { self?.state.problem = problem }
            }
        }
    }

    private func retry(_ documentId: String) {
        guard !state.retrying.contains(documentId) else { return }
        state.retrying.insert(documentId)
        state.problem = nil
        let core = self.core
        work.run { [weak self] in
            let outcome = await attempt { () -> [RefusedDocument] in
                try core.retryRefused(documentId: documentId)
                return try core.refusedDocuments()
            }
            guard let self else { return }
            self.state.retrying.remove(documentId)
            switch outcome {
            case .success(let refused): self.state.refused = refused
            case .failure(let problem): self.state.problem = problem
            }
        }
    }
}
