import Foundation
import RuhuCore
@testable import RuhuViewModels
import XCTest

@MainActor
final class HouseholdsViewModelTests: XCTestCase {
    private func core() -> FakeHouseholdsCore {
        let core = FakeHouseholdsCore()
        core.households = [.fixture("h-1", head: "郝建国"), .fixture("h-2", head: "郝小宝"), .fixture("h-3", head: "邱玉兰")]
        return core
    }

    func testTheListShowsTheWorkersHouseholdsAtOnce() async {
        let core = core()
        let vm = HouseholdsViewModel(core: core, debounce: .zero)
        XCTAssertTrue(vm.state.searching)
        await vm.settle()
        XCTAssertFalse(vm.state.searching)
        XCTAssertEqual(vm.state.households.map(\.id), ["h-1", "h-2", "h-3"])
        XCTAssertEqual(core.searches.map(\.text), [""])
        XCTAssertEqual(core.searches.first?.limit, 50)
    }

    func testTypingQuicklyMakesOneSearchForTheLastTrimmedText() async {
        let core = core()
        let vm = HouseholdsViewModel(core: core, debounce: .milliseconds(200))
        await vm.settle()
        for text in ["郝", "郝建", "郝建国 "] { vm.send(.textChanged(text)) }
        XCTAssertEqual(vm.state.text, "郝建国 ")
        XCTAssertTrue(vm.state.searching)
        await vm.settle()
        XCTAssertEqual(core.searches.map(\.text), ["", "郝建国"])
        XCTAssertEqual(vm.state.households.map(\.id), ["h-1"])
        XCTAssertFalse(vm.state.searching)
    }

    func testFiltersGoIntoTheQuery() async {
        let core = core()
        let vm = HouseholdsViewModel(core: core, debounce: .zero, pageSize: 20)
        vm.send(.filtersChanged(HouseholdFilters(villageCode: "370599100200", gridCode: "G01-1", category: "dibao",
                                                 openCaseOnly: true, overdueOnly: true)))
        await vm.settle()
        let q = core.searches.last
        XCTAssertEqual(q?.villageCode, "370599100200")
        XCTAssertEqual(q?.gridCode, "G01-1")
        XCTAssertEqual(q?.category, "dibao")
        XCTAssertEqual(q?.openCaseOnly, true)
        XCTAssertEqual(q?.overdueOnly, true)
        XCTAssertEqual(q?.limit, 20)
    }

    func testANewerSearchAnswersWhileAnOlderOneRunsAndTheOldersLateAnswerIsDropped() async {
        let core = core()
        let slow = core.hold("郝")
        let vm = HouseholdsViewModel(core: core, debounce: .zero)
        await vm.settle()
        vm.send(.textChanged("郝"))
        let started = await eventually { core.searches.count == 2 }
        XCTAssertTrue(started)
        vm.send(.textChanged("郝建国"))
        let answered = await eventually { !vm.state.searching && vm.state.households.map(\.id) == ["h-1"] }
        XCTAssertTrue(answered, "the newer search must not wait for the older one")
        // The old search answers now, late, with two households: they must not replace the newer answer.
        slow.release.signal()
        await vm.settle()
        XCTAssertEqual(core.searches.map(\.text), ["", "郝", "郝建国"])
        XCTAssertEqual(vm.state.households.map(\.id), ["h-1"])
        XCTAssertEqual(vm.state.text, "郝建国")
        XCTAssertFalse(vm.state.searching)
    }

    func testTheFiltersOfferThePlacesAndTheGridsOfTheChosenVillage() async {
        let core = core()
        core.placesAnswer = [
            Place(villageCode: "370599100200", villageName: "前进村", gridCode: "G01-1"),
            Place(villageCode: "370599100200", villageName: "前进村", gridCode: "G01-2"),
            Place(villageCode: "370599100201", villageName: "红旗村", gridCode: "G02-1"),
        ]
        let vm = HouseholdsViewModel(core: core, debounce: .zero)
        await vm.settle()
        XCTAssertEqual(vm.state.villages.map(\.name), ["前进村", "红旗村"])
        XCTAssertEqual(vm.state.grids, ["G01-1", "G01-2", "G02-1"])
        vm.send(.filtersChanged(HouseholdFilters(villageCode: "370599100201")))
        XCTAssertEqual(vm.state.grids, ["G02-1"])
        await vm.settle()
    }

    func testAFailedSearchShowsTheProblemAndKeepsTheLastResults() async {
        let core = core()
        let vm = HouseholdsViewModel(core: core, debounce: .zero)
        await vm.settle()
        core.searchError = .StoreUnreadable
        vm.send(.textChanged("邱"))
        await vm.settle()
        XCTAssertEqual(vm.state.problem, .storeUnreadable)
        XCTAssertFalse(vm.state.searching)
        XCTAssertEqual(vm.state.households.count, 3)
        core.searchError = nil
        vm.send(.refresh)
        await vm.settle()
        XCTAssertNil(vm.state.problem)
        XCTAssertEqual(vm.state.households.map(\.id), ["h-3"])
    }
}
