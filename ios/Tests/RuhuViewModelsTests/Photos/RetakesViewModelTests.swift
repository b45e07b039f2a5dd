// The retakes list on a fake core: photos sent back are listed with the supervisor's reason, a
// retake stores a new photo of the same kind and caption naming the old one, which leaves the
// list and keeps its review; a refused retake keeps it there and says why.
import Foundation
import RuhuCore
@testable import RuhuViewModels
import XCTest

@MainActor
final class RetakesViewModelTests: XCTestCase {
    private func core() -> FakePhotosCore {
        let core = FakePhotosCore()
        core.kept = [.fixture("p-1", target: .household(householdId: "h-1"), kind: .idCard, caption: "户主身份证",
                              review: .retakeNeeded, reason: "照片模糊，请重拍身份证"),
                     .fixture("p-2", target: .household(householdId: "h-1"), kind: .house, review: .approved)]
        return core
    }

    func testARetakeIsANewPhotoNamingTheOneSentBackWhichLeavesTheListAndKeepsItsReview() async {
        let core = core()
        let vm = RetakesViewModel(core: core)
        XCTAssertTrue(vm.state.loading)
        await vm.settle()
        XCTAssertFalse(vm.state.loading)
        XCTAssertEqual(vm.state.owed.map(\.photoId), ["p-1"])
        XCTAssertEqual(vm.state.owed.first?.reviewReason, "照片模糊，请重拍身份证")
        vm.send(.retaken(photo: vm.state.owed[0], bytes: Data([1])))
        XCTAssertEqual(vm.state.retaking, "p-1")
        await vm.settle()
        XCTAssertNil(vm.state.retaking)
        XCTAssertEqual(vm.state.owed, [])
        XCTAssertEqual(core.inputs.map(\.kind), [.idCard])
        XCTAssertEqual(core.inputs.map(\.caption), ["户主身份证"])
        XCTAssertEqual(core.kept.first { $0.photoId == "p-1" }?.review, .retakeNeeded)
        XCTAssertEqual(core.kept.first?.retakeOf, "p-1")
        XCTAssertEqual(core.kept.first?.target, .household(householdId: "h-1"))
        XCTAssertEqual(core.storedOffMain, [true])
    }

    func testARefusedRetakeKeepsThePhotoOnTheListAndSaysWhy() async {
        let core = core()
        core.refuseNext = .PhotoRefused(reason: "不支持这种图片格式")
        let vm = RetakesViewModel(core: core)
        await vm.settle()
        vm.send(.retaken(photo: vm.state.owed[0], bytes: Data([0])))
        await vm.settle()
        XCTAssertEqual(vm.state.problem, .words("不支持这种图片格式"))
        XCTAssertEqual(vm.state.owed.map(\.photoId), ["p-1"])
        XCTAssertNil(vm.state.retaking)
        vm.send(.dismiss)
        XCTAssertNil(vm.state.problem)
    }

    func testAPhotoNotOwedIsRefusedByTheCoreOnRetakeOf() async {
        let core = core()
        let vm = RetakesViewModel(core: core)
        await vm.settle()
        vm.send(.retaken(photo: core.kept[1], bytes: Data([1])))
        await vm.settle()
        XCTAssertEqual(vm.state.problem?.reason(for: "retake_of"), "这张照片不需要重拍")
        XCTAssertTrue(core.inputs.isEmpty)
    }
}
