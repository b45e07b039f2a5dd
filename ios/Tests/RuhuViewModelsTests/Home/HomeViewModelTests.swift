import Foundation
import RuhuCore
@testable import RuhuViewModels
import XCTest

@MainActor
final class HomeViewModelTests: XCTestCase {
    func testVisitsAreListedInTheCoresOrderWithTheirClocksAndTheWorkersName() async {
        let core = FakeVisitsCore()
        core.enrolled = .fixture(name: "李网格员")
        // Not sorted by any field the phone could sort by: the order is the core's decision.
        core.visits = [
            .fixture("b", clock: .overdue, urgency: .normal, dueOn: "2026-11-28"),
            .fixture("a", clock: .dueSoon, urgency: .immediate, dueOn: "2026-12-02"),
            .fixture("c", clock: .running, urgency: .high, dueOn: "2026-12-01"),
        ]
        let vm = HomeViewModel(core: core)
        XCTAssertTrue(vm.state.loading)
        await vm.settle()
        XCTAssertFalse(vm.state.loading)
        XCTAssertFalse(vm.state.checking)
        XCTAssertEqual(vm.state.workerName, "李网格员")
        XCTAssertEqual(vm.state.visits.map(\.id), ["b", "a", "c"])
        XCTAssertEqual(vm.state.visits.map(\.clock), [.overdue, .dueSoon, .running])
        XCTAssertEqual(vm.state.visits[0].dueOn, "2026-11-28")
        XCTAssertEqual(vm.state.visits[0].household, "户主b · 前进村 · 2组8号")
    }

    func testARefreshReadsTheTasksAgain() async {
        let core = FakeVisitsCore()
        let vm = HomeViewModel(core: core)
        await vm.settle()
        XCTAssertTrue(vm.state.visits.isEmpty)
        core.visits = [.fixture("a")]
        vm.send(.refresh)
        await vm.settle()
        XCTAssertEqual(core.visitReads, 2)
        XCTAssertEqual(vm.state.visits.map(\.id), ["a"])
    }

    func testTheTasksAlreadyRaisedShowBeforeTheRulesRunAndAreReadAgainWhenTheyRaiseMore() async {
        let core = FakeVisitsCore()
        core.visits = [.fixture("a")]
        let gate = DispatchSemaphore(value: 0)
        core.raiseAnswer = { core in
            gate.wait()
            core.visits += [.fixture("b", clock: .dueSoon, urgency: .immediate, dueOn: "2026-12-02")]
            return WarningRunRecord(lookedAt: 40, changed: 1, waitingForCalendar: 0)
        }
        let vm = HomeViewModel(core: core)
        let shown = await eventually { !vm.state.loading }
        XCTAssertTrue(shown)
        XCTAssertEqual(vm.state.visits.map(\.id), ["a"])
        XCTAssertTrue(vm.state.checking)
        gate.signal()
        await vm.settle()
        XCTAssertFalse(vm.state.checking)
        XCTAssertEqual(vm.state.visits.map(\.id), ["a", "b"])
        XCTAssertEqual(core.visitReads, 2)
    }

    func testWhenTheRulesRaiseNothingTheListIsNotReadAgainAndHouseholdsWaitingForTheCalendarAreCounted() async {
        let core = FakeVisitsCore()
        core.visits = [.fixture("a")]
        core.raiseAnswer = { _ in WarningRunRecord(lookedAt: 3, changed: 0, waitingForCalendar: 2) }
        let vm = HomeViewModel(core: core)
        await vm.settle()
        XCTAssertFalse(vm.state.checking)
        XCTAssertEqual(vm.state.waitingForCalendar, 2)
        XCTAssertEqual(core.visitReads, 1)
        XCTAssertEqual(core.raiseRuns, 1)
    }

    func testClosingATaskAsNotNeededSendsTheNoteAndTheHouseholdAndListsTheRest() async {
        let core = FakeVisitsCore()
        core.visits = [.fixture("a", household: "h-7"), .fixture("b")]
        let vm = HomeViewModel(core: core)
        await vm.settle()
        vm.send(.closeTask(taskId: "a", done: false, note: " 已搬到县城女儿家 "))
        XCTAssertEqual(vm.state.closingTaskId, "a")
        await vm.settle()
        XCTAssertNil(vm.state.closingTaskId)
        XCTAssertEqual(core.closed.map(\.household), ["h-7"])
        XCTAssertEqual(core.closed.map(\.task), ["a"])
        XCTAssertEqual(core.closed.map(\.done), [false])
        XCTAssertEqual(core.closed.map(\.note), ["已搬到县城女儿家"])
        XCTAssertEqual(vm.state.visits.map(\.id), ["b"])
    }

    func testARefusedCloseKeepsTheTaskAndShowsTheCoresWords() async {
        let core = FakeVisitsCore()
        core.visits = [.fixture("a")]
        core.closeError = .InvalidInput(problems: [FieldProblem(field: "note", reason: "请写明为什么不需要走访")])
        let vm = HomeViewModel(core: core)
        await vm.settle()
        vm.send(.closeTask(taskId: "a", done: false, note: ""))
        await vm.settle()
        XCTAssertEqual(vm.state.visits.map(\.id), ["a"])
        XCTAssertEqual(vm.state.problem?.reason(for: "note"), "请写明为什么不需要走访")
        vm.send(.dismissProblem)
        XCTAssertNil(vm.state.problem)
    }

    func testAFailedReadShowsTheProblemAndStopsLoading() async {
        let core = FakeVisitsCore()
        core.raiseAnswer = { _ in throw ApiError.StorageFull }
        let vm = HomeViewModel(core: core)
        await vm.settle()
        XCTAssertFalse(vm.state.loading)
        XCTAssertFalse(vm.state.checking)
        XCTAssertEqual(vm.state.problem, .storageFull)
    }

    func testTheEmergencyButtonAndAVisitRowAskTheViewToNavigate() async {
        let vm = HomeViewModel(core: FakeVisitsCore())
        var went: [HomeDestination] = []
        vm.navigate = { went.append($0) }
        vm.send(.reportEmergency)
        vm.send(.openHousehold(id: "h-3"))
        XCTAssertEqual(went, [.reportEmergency, .household(id: "h-3")])
        await vm.settle()
    }
}
