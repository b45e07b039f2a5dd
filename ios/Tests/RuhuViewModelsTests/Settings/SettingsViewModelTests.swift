import Foundation
import RuhuCore
@testable import RuhuViewModels
import XCTest

@MainActor
final class SettingsViewModelTests: XCTestCase {
    func testElderModeIsKeptInTheStoreAndShown() async {
        let store = InMemorySettingsStore()
        let vm = SettingsViewModel(core: FakeSettingsCore(), store: store, version: "1.2.0")
        await vm.settle()
        XCTAssertEqual(vm.state.workerName, "李网格员")
        XCTAssertEqual(vm.state.version, "1.2.0")
        XCTAssertFalse(vm.state.elderMode)
        vm.send(.elderModeChanged(true))
        XCTAssertTrue(store.elderMode())
        XCTAssertTrue(vm.state.elderMode)
        // The next screen opened shows the choice kept.
        XCTAssertTrue(SettingsViewModel(core: FakeSettingsCore(), store: store, version: "1.2.0").state.elderMode)
    }

    func testLeavingWithUnsyncedWorkAsksFirstCancelWipesNothingConfirmWipes() async {
        let core = FakeSettingsCore(unsynced: (documents: 3, photos: 5))
        let vm = SettingsViewModel(core: core, store: InMemorySettingsStore(), version: "1.2.0")
        vm.send(.leave)
        XCTAssertEqual(vm.state.leaving, .working)
        await vm.settle()
        XCTAssertEqual(vm.state.leaving, .confirmLoss(documents: 3, photos: 5))
        vm.send(.cancelLeave)
        XCTAssertEqual(vm.state.leaving, .no)
        XCTAssertEqual(core.leaves, [false])
        XCTAssertFalse(core.wiped)
        vm.send(.leave)
        await vm.settle()
        vm.send(.confirmLeave)
        await vm.settle()
        XCTAssertEqual(vm.state.leaving, .left)
        XCTAssertNil(vm.state.workerName)
        XCTAssertEqual(core.leaves, [false, false, true])
        XCTAssertTrue(core.wiped)
    }

    func testWithEverythingSyncedLeavingWipesAtOnce() async {
        let core = FakeSettingsCore()
        let vm = SettingsViewModel(core: core, store: InMemorySettingsStore(), version: "1.2.0")
        vm.send(.leave)
        await vm.settle()
        XCTAssertEqual(vm.state.leaving, .left)
        XCTAssertEqual(core.leaves, [false])
    }

    func testConfirmingWithoutHavingBeenAskedWipesNothing() async {
        let core = FakeSettingsCore(unsynced: (documents: 1, photos: 0))
        let vm = SettingsViewModel(core: core, store: InMemorySettingsStore(), version: "1.2.0")
        vm.send(.confirmLeave)
        await vm.settle()
        XCTAssertTrue(core.leaves.isEmpty)
        XCTAssertEqual(vm.state.leaving, .no)
    }

    func testAFailedWipeShowsTheProblemAndLeavesNothing() async {
        let core = FakeSettingsCore()
        core.leaveError = .StorageFull
        let vm = SettingsViewModel(core: core, store: InMemorySettingsStore(), version: "1.2.0")
        vm.send(.leave)
        await vm.settle()
        XCTAssertEqual(vm.state.leaving, .no)
        XCTAssertEqual(vm.state.problem, .storageFull)
        XCTAssertEqual(vm.state.workerName, "李网格员")
    }
}
