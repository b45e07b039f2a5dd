import Foundation
import RuhuCore
@testable import RuhuViewModels
import XCTest

private func progress(_ round: UInt32, more: Bool = true) -> SyncProgress {
    SyncProgress(roundTrips: round, documentsSent: round, documentsReceived: 0, more: more)
}

@MainActor
final class SyncViewModelTests: XCTestCase {
    private let core = FakeSyncCore()
    private let times = InMemoryLastSyncStore()

    private func viewModel() -> (SyncViewModel, InProcessSyncRunner) {
        let runner = InProcessSyncRunner(core: core, lastSync: times, now: { 42_000 })
        return (SyncViewModel(core: core, runner: runner), runner)
    }

    func testAFinishedSyncKeepsItsReportAndTimeAndShowsWhatStillWaits() async {
        let core = self.core
        core.syncAnswer = { listener in
            for i in UInt32(1)...3 { XCTAssertTrue(listener.onProgress(progress: progress(i, more: i < 3))) }
            core.photosPending = PhotoQueue(files: 2, bytes: 300_000)
            return .fixture(sent: 3, received: 5)
        }
        let (vm, _) = viewModel()
        await vm.settle()
        XCTAssertNil(vm.state.lastSyncAtMs)
        vm.send(.start)
        XCTAssertTrue(vm.state.running)
        await vm.settle()
        XCTAssertFalse(vm.state.running)
        XCTAssertEqual(vm.state.progress, progress(3, more: false))
        XCTAssertEqual(vm.state.lastReport?.documentsSent, 3)
        XCTAssertEqual(vm.state.lastSyncAtMs, 42_000)
        XCTAssertEqual(times.load(), 42_000)
        XCTAssertEqual(vm.state.photosWaiting, PhotoQueue(files: 2, bytes: 300_000))
        XCTAssertNil(vm.state.problem)
    }

    func testEachRoundTripsProgressShowsWhileTheSyncRuns() async {
        let gate = DispatchSemaphore(value: 0)
        core.syncAnswer = { listener in
            _ = listener.onProgress(progress: progress(1))
            gate.wait()
            _ = listener.onProgress(progress: progress(2, more: false))
            return .fixture()
        }
        let (vm, runner) = viewModel()
        vm.send(.start)
        let shown = await eventually { vm.state.progress?.roundTrips == 1 }
        XCTAssertTrue(shown)
        XCTAssertTrue(vm.state.running)
        XCTAssertEqual(runner.run.progress, progress(1))
        gate.signal()
        await vm.settle()
        XCTAssertEqual(vm.state.progress?.roundTrips, 2)
        XCTAssertFalse(vm.state.running)
    }

    func testCancelStopsTheSyncAfterTheRoundTripInFlightAndLosesNoTimeStamp() async {
        let gate = DispatchSemaphore(value: 0)
        let rounds = Counter()
        core.syncAnswer = { listener in
            while true {
                let round = rounds.next()
                if round == 2 { gate.wait() }
                if !listener.onProgress(progress: progress(UInt32(round))) { throw ApiError.SyncCancelled }
            }
        }
        let (vm, _) = viewModel()
        vm.send(.start)
        let first = await eventually { vm.state.progress?.roundTrips == 1 }
        XCTAssertTrue(first)
        vm.send(.cancel)
        XCTAssertTrue(vm.state.cancelling)
        gate.signal()
        await vm.settle()
        XCTAssertEqual(rounds.value, 2)
        XCTAssertEqual(vm.state.problem, .syncCancelled)
        XCTAssertFalse(vm.state.running)
        XCTAssertFalse(vm.state.cancelling)
        XCTAssertNil(vm.state.lastSyncAtMs)
        XCTAssertNil(times.load())
    }

    func testAFailedSyncShowsTheCoresReasonAndTheRefusedDocuments() async {
        core.refused = [.fixture("h-9")]
        core.syncAnswer = { _ in throw ApiError.SyncFailed(reason: "连不上县里，请到有信号的地方再试", retry: true) }
        let (vm, _) = viewModel()
        vm.send(.start)
        await vm.settle()
        XCTAssertEqual(vm.state.problem, .syncFailed(reason: "连不上县里，请到有信号的地方再试", retry: true))
        XCTAssertEqual(vm.state.refused.map(\.reason), ["这户不在您的网格"])
        // The next sync that works clears the problem.
        core.syncAnswer = { _ in .fixture() }
        vm.send(.start)
        XCTAssertNil(vm.state.problem)
        await vm.settle()
        XCTAssertNil(vm.state.problem)
        XCTAssertEqual(vm.state.lastSyncAtMs, 42_000)
    }

    func testARevokedPhoneIsReportedAsRevoked() async {
        core.syncAnswer = { _ in throw ApiError.DeviceRevoked }
        let (vm, _) = viewModel()
        vm.send(.start)
        await vm.settle()
        XCTAssertEqual(vm.state.problem, .revoked)
        XCTAssertTrue(vm.state.revoked)
    }

    func testARefusedDocumentIsSentAgainAndLeavesTheList() async {
        core.refused = [.fixture("h-9"), .fixture("c-4", reason: "个案内容不完整")]
        let (vm, _) = viewModel()
        await vm.settle()
        XCTAssertEqual(vm.state.refused.map(\.documentId), ["h-9", "c-4"])
        vm.send(.retry(documentId: "h-9"))
        XCTAssertEqual(vm.state.retrying, ["h-9"])
        await vm.settle()
        XCTAssertEqual(core.retried, ["h-9"])
        XCTAssertEqual(vm.state.refused.map(\.documentId), ["c-4"])
        XCTAssertTrue(vm.state.retrying.isEmpty)
    }

    func testARunnerSyncsToTheEndForABackgroundTaskAndKeepsTheTime() async {
        core.syncAnswer = { _ in .fixture(sent: 4) }
        let runner = InProcessSyncRunner(core: core, lastSync: times, now: { 77 })
        let run = await runner.runToEnd()
        XCTAssertFalse(run.running)
        XCTAssertEqual(run.report?.documentsSent, 4)
        XCTAssertEqual(run.finishedAtMs, 77)
        XCTAssertEqual(run.ended, 1)
        XCTAssertEqual(times.load(), 77)
        // A screen opened later shows that sync.
        let vm = SyncViewModel(core: core, runner: runner)
        XCTAssertEqual(vm.state.lastSyncAtMs, 77)
        XCTAssertEqual(vm.state.lastReport?.documentsSent, 4)
        await vm.settle()
    }

    func testCancellingTheBackgroundTaskStopsTheSync() async {
        let rounds = Counter()
        core.syncAnswer = { listener in
            while true {
                let round = rounds.next()
                Thread.sleep(forTimeInterval: 0.01)
                if !listener.onProgress(progress: progress(UInt32(round))) { throw ApiError.SyncCancelled }
                if round > 2_000 { return .fixture() }
            }
        }
        let runner = InProcessSyncRunner(core: core, lastSync: times)
        let task = Task { await runner.runToEnd() }
        let going = await eventually { rounds.value >= 2 }
        XCTAssertTrue(going)
        task.cancel()
        let run = await task.value
        XCTAssertEqual(run.problem, .syncCancelled)
        XCTAssertLessThan(rounds.value, 2_000)
        XCTAssertNil(times.load())
    }

    func testAnOldTimeIsShownBeforeAnySync() async {
        let runner = InProcessSyncRunner(core: core, lastSync: InMemoryLastSyncStore(atMs: 9))
        let vm = SyncViewModel(core: core, runner: runner)
        XCTAssertEqual(vm.state.lastSyncAtMs, 9)
        await vm.settle()
        XCTAssertEqual(core.syncs, 0)
    }
}

@MainActor
final class SyncViewModelRunnerTests: XCTestCase {
    func testTheViewModelAsksItsRunnerToStartAndStopAndShowsTheRunsProgressAndOutcome() async {
        let core = FakeSyncCore()
        core.photosPending = PhotoQueue(files: 1, bytes: 10)
        let runner = RecordingSyncRunner()
        let vm = SyncViewModel(core: core, runner: runner)
        await vm.settle()
        XCTAssertEqual(vm.state.photosWaiting, PhotoQueue(files: 1, bytes: 10))
        vm.send(.start)
        vm.send(.start)
        XCTAssertTrue(vm.state.running)
        runner.run = SyncRun(running: true, progress: SyncProgress(roundTrips: 1, documentsSent: 2, documentsReceived: 3, more: true))
        XCTAssertEqual(vm.state.progress, SyncProgress(roundTrips: 1, documentsSent: 2, documentsReceived: 3, more: true))
        vm.send(.cancel)
        XCTAssertTrue(vm.state.cancelling)
        XCTAssertEqual(runner.asked, ["start", "cancel"])
        // The run ends elsewhere (a background task) while the screen is shown.
        core.photosPending = PhotoQueue(files: 0, bytes: 0)
        runner.run = SyncRun(report: .fixture(sent: 2), finishedAtMs: 7, ended: 1)
        await vm.settle()
        XCTAssertFalse(vm.state.running)
        XCTAssertEqual(vm.state.lastSyncAtMs, 7)
        XCTAssertEqual(vm.state.lastReport?.documentsSent, 2)
        XCTAssertEqual(vm.state.photosWaiting, PhotoQueue(files: 0, bytes: 0))
    }

    func testARevokedRunFromAnotherRunnerShowsRevoked() async {
        let runner = RecordingSyncRunner()
        let vm = SyncViewModel(core: FakeSyncCore(), runner: runner)
        runner.run = SyncRun(problem: .revoked, ended: 1)
        await vm.settle()
        XCTAssertEqual(vm.state.problem, .revoked)
    }
}

/// A count shared with the fake's sync thread.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func next() -> Int { lock.withLock { count += 1; return count } }
}
