// The conflicts screen on a fake core: both values shown as the core gives them, a choice goes
// to settleConflict with that value and the list is read again, the screen is done when none is
// left; a refused choice keeps the list and shows the problem.
import Foundation
import RuhuCore
@testable import RuhuViewModels
import XCTest

@MainActor
final class ConflictsViewModelTests: XCTestCase {
    private let phone = Conflict(
        documentId: "h-1", path: "profile/contact_phone", label: "联系电话",
        values: [ConflictValue(display: "13800001111", valueJson: "\"13800001111\""),
                 ConflictValue(display: "13900002222", valueJson: "\"13900002222\"")]
    )
    private let address = Conflict(
        documentId: "h-1", path: "profile/address_detail", label: "详细地址",
        values: [ConflictValue(display: "3组7号", valueJson: "\"3组7号\""), ConflictValue(display: "3组8号", valueJson: "\"3组8号\"")]
    )

    func testBothValuesAreShownAndTheChosenOneIsSettledUntilNoneIsLeft() async {
        let core = FakeConflictsCore([phone, address])
        let vm = ConflictsViewModel(core: core, documentId: "h-1")
        XCTAssertTrue(vm.state.busy)
        await vm.settle()
        XCTAssertEqual(vm.state.conflicts.first?.values.map(\.display), ["13800001111", "13900002222"])
        XCTAssertFalse(vm.state.done)
        vm.send(.choose(phone, phone.values[1]))
        await vm.settle()
        XCTAssertEqual(core.settled.map(\.2), ["\"13900002222\""])
        XCTAssertEqual(core.settled.map(\.1), ["profile/contact_phone"])
        XCTAssertEqual(vm.state.conflicts.map(\.label), ["详细地址"], "the list is read again")
        XCTAssertFalse(vm.state.done)
        vm.send(.choose(address, address.values[0]))
        await vm.settle()
        XCTAssertTrue(vm.state.done)
        XCTAssertEqual(core.asked, ["h-1", "h-1", "h-1"])
    }

    func testARefusedChoiceKeepsTheListAndShowsTheProblem() async {
        let core = FakeConflictsCore([phone])
        core.refuse = .NotFound(what: "conflict")
        let vm = ConflictsViewModel(core: core, documentId: "h-1")
        await vm.settle()
        vm.send(.choose(phone, phone.values[1]))
        await vm.settle()
        XCTAssertEqual(vm.state.problem, .notFound)
        XCTAssertEqual(vm.state.conflicts.count, 1)
        XCTAssertFalse(vm.state.done)
        core.refuse = nil
        vm.send(.refresh)
        await vm.settle()
        XCTAssertNil(vm.state.problem)
        XCTAssertFalse(vm.state.done)
    }

    func testEveryDocumentsConflictsWhenNoneIsNamedAndEachSettledOnItsOwnDocument() async {
        var other = phone
        other.documentId = "c-7"
        let core = FakeConflictsCore([phone, other])
        let vm = ConflictsViewModel(core: core, documentId: nil)
        await vm.settle()
        XCTAssertEqual(vm.state.conflicts.map(\.documentId), ["h-1", "c-7"])
        vm.send(.choose(other, other.values[0]))
        XCTAssertTrue(vm.state.busy)
        vm.send(.choose(phone, phone.values[0]))
        await vm.settle()
        XCTAssertEqual(core.settled.map(\.0), ["c-7"], "a second choice while one is recorded is not taken")
        XCTAssertEqual(vm.state.conflicts.map(\.documentId), ["h-1"])
    }
}
