// Phones for the real-county walk: fresh stores enrolled through the enrollment view model with
// codes the console issues, synced through the sync view model and its in-process runner, as
// the app does.
import Foundation
import RuhuCore
@testable import RuhuViewModels
import XCTest

@MainActor
struct RealPhone {
    let store: RuhuStore
    let path: String
    let key: Data
    let worker: WorkerProfile
    let runner: InProcessSyncRunner
    let sync: SyncViewModel

    /// Enrolls a new phone with `code` (typed, as a worker without a camera would).
    static func enroll(code: String, label: String) async throws -> RealPhone {
        let opened = try RealCounty.openStore()
        let enrollment = EnrollmentViewModel(core: opened.store, deviceLabel: label, defaultServerUrl: try RealCounty.url())
        enrollment.send(.codeChanged(code))
        enrollment.send(.submit)
        await enrollment.settle()
        guard case .enrolled(let worker) = enrollment.state.step else {
            throw RealCounty.Missing(name: "enrollment of \(label): \(String(describing: enrollment.state.problem))")
        }
        let runner = InProcessSyncRunner(core: opened.store, lastSync: InMemoryLastSyncStore())
        return RealPhone(store: opened.store, path: opened.path, key: opened.key, worker: worker, runner: runner,
                         sync: SyncViewModel(core: opened.store, runner: runner))
    }

    /// A phone of grid worker `workerId` in `grid`, enrolled with a code the console issues.
    static func gridWorker(_ workerId: String, grid: String = "G01-1", console: CountyConsole) async throws -> RealPhone {
        try await enroll(code: console.issueCode(workerId: workerId, name: "测试网格员", grid: grid), label: "测试 iPhone \(workerId)")
    }

    /// One sync through the sync screen (同步 tapped), to its end; the screen's state after it.
    @discardableResult
    func syncOnce() async -> SyncState {
        sync.send(.start)
        _ = await runner.runToEnd()
        sync.send(.refresh)
        await sync.settle()
        return sync.state
    }

    /// A sync that must succeed.
    @discardableResult
    func syncOk(file: StaticString = #filePath, line: UInt = #line) async -> SyncReport? {
        let state = await syncOnce()
        XCTAssertNil(state.problem, "sync failed", file: file, line: line)
        return state.lastReport
    }

    /// A household of `grid` on this phone.
    func household(in grid: String = "G01-1") throws -> HouseholdSummary {
        guard let first = try store.searchHouseholds(query: HouseholdQuery(gridCode: grid, limit: 1)).first else {
            throw RealCounty.Missing(name: "a household in \(grid)")
        }
        return first
    }
}
