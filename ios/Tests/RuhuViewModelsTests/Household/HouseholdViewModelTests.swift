// The household screen on a fake core: the household, its cases, photos, visit history, the
// retakes owed on it and the conflict badge come from the core; the 低保 verdict is the core's for
// the members present; a household not on the phone says so; refresh reads again.
import Foundation
import RuhuCore
@testable import RuhuViewModels
import XCTest

@MainActor
final class HouseholdViewModelTests: XCTestCase {
    private let phone = Conflict(documentId: "h-1", path: "profile/contact_phone", label: "联系电话",
                                 values: [ConflictValue(display: "1", valueJson: "\"1\""), ConflictValue(display: "2", valueJson: "\"2\"")])

    private func members() -> [MemberDetail] {
        [MemberDetail(memberId: "m-1", member: .fixture(name: "韩秀兰", id: FakeIds.idNumber(birth: "1970-03-04", sequence: 442)),
                      idMasked: "370599********4427", age: 56),
         MemberDetail(memberId: "m-2", member: .fixture(name: "韩大军", relation: .child, sex: .male, birth: "1995-06-01", status: .movedOut),
                      idMasked: nil, age: 31)]
    }

    func testTheHouseholdItsCasesVisitsRetakesAndTheConflictBadgeComeFromTheCore() async {
        let core = FakeHouseholdScreenCore(detail: .fixture(members: members(), conflicts: [phone]))
        let vm = HouseholdViewModel(core: core, householdId: "h-1")
        XCTAssertTrue(vm.state.loading)
        await vm.settle()
        XCTAssertEqual(core.queries.map(\.householdId), ["h-1"])
        XCTAssertEqual(vm.state.cases.map(\.id), ["c-1"])
        XCTAssertEqual(vm.state.cases.first?.nextDeadlineMs, 86_400_000)
        XCTAssertEqual(vm.state.caseClocks["c-1"]?.map(\.clock), ["accept"])
        XCTAssertEqual(vm.state.caseClocks["c-1"]?.first?.state, .running)
        XCTAssertEqual(vm.state.conflictCount, 1)
        XCTAssertEqual(vm.state.visits.map(\.status), ["open", "done"])
        XCTAssertEqual(vm.state.photos.map(\.photoId), ["p-1", "p-2"])
        XCTAssertEqual(vm.state.detail?.members.map(\.idMasked), ["370599********4427", nil])
        // Retakes owed: this household's only, with the supervisor's words.
        XCTAssertEqual(vm.state.retakesOwed.map(\.photoId), ["p-1"])
        XCTAssertEqual(vm.state.retakesOwed.first?.reviewReason, "看不清")
        XCTAssertTrue(vm.state.isRetakeOwed("p-1"))
        XCTAssertFalse(vm.state.isRetakeOwed("p-2"))
        XCTAssertFalse(vm.state.loading)
        XCTAssertNil(vm.state.problem)
    }

    func testTheDibaoVerdictIsTheCoresForTheMembersPresent() async {
        let core = FakeHouseholdScreenCore(detail: .fixture(members: members()))
        let vm = HouseholdViewModel(core: core, householdId: "h-1")
        await vm.settle()
        XCTAssertEqual(core.previews, [1], "the member who moved out is not counted")
        XCTAssertEqual(vm.state.belowDibao, true)
        XCTAssertEqual(vm.state.dibaoLineFen, 70_000)
        XCTAssertEqual(vm.state.economics, vm.state.detail?.economicsSummary)
    }

    func testAHouseholdNotOnThePhoneShowsNotFound() async {
        let vm = HouseholdViewModel(core: FakeHouseholdScreenCore(detail: nil), householdId: "h-9")
        await vm.settle()
        XCTAssertEqual(vm.state.problem, .notFound)
        XCTAssertNil(vm.state.detail)
        XCTAssertFalse(vm.state.loading)
        vm.send(.dismiss)
        XCTAssertNil(vm.state.problem)
    }

    func testRefreshReadsAgainAndTheBadgeFollowsTheCore() async {
        let core = FakeHouseholdScreenCore(detail: .fixture(conflicts: [phone]))
        let vm = HouseholdViewModel(core: core, householdId: "h-1")
        await vm.settle()
        XCTAssertEqual(vm.state.conflictCount, 1)
        core.detail = .fixture(conflicts: [])
        vm.send(.refresh)
        XCTAssertTrue(vm.state.loading)
        await vm.settle()
        XCTAssertEqual(core.reads, 2)
        XCTAssertEqual(vm.state.conflictCount, 0)
        XCTAssertFalse(vm.state.loading)
    }
}
