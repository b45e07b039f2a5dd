import Foundation
import RuhuCore
@testable import RuhuViewModels
import XCTest

@MainActor
final class EmergencyViewModelTests: XCTestCase {
    private func core() -> FakeEmergencyCore {
        let core = FakeEmergencyCore()
        core.enrolled = .fixture(name: "李网格员")
        core.households = [.fixture("h-1", head: "郝建国"), .fixture("h-2", head: "邱玉兰")]
        return core
    }

    private func viewModel(_ core: FakeEmergencyCore) -> EmergencyViewModel {
        EmergencyViewModel(core: core, now: { 5_000 }, debounce: .zero)
    }

    private func form() -> NewHouseholdForm {
        NewHouseholdForm(
            headName: "谭雪梅", headIdNumber: FakeIds.idNumber(birth: "1970-03-04", sequence: 2).lowercased(),
            headSex: .female, headBirthDate: "1970-03-04", villageCode: "370599100200", villageName: "前进村",
            gridCode: "G01-1", address: "9组2号", phone: "13800002222", housing: .disasterDamaged
        )
    }

    func testAnExistingHouseholdGetsAnUrgentCaseWithIts24HourClockInFourActions() async {
        let core = core()
        let vm = viewModel(core)
        vm.send(.searchChanged("建国"))
        await vm.settle()
        XCTAssertEqual(vm.state.results.map(\.id), ["h-1"])
        vm.send(.householdChosen(vm.state.results[0]))
        XCTAssertEqual(vm.state.step, .describeEmergency)
        vm.send(.kindChosen(.fire))
        vm.send(.pathChosen(.urgent))
        vm.send(.descriptionChanged(" 夜里厨房失火，房屋烧毁一半 "))
        XCTAssertTrue(vm.state.canReport)
        vm.send(.report)
        XCTAssertTrue(vm.state.working)
        await vm.settle()

        XCTAssertEqual(core.createdCases.count, 1)
        let input = core.createdCases[0]
        XCTAssertEqual(input.householdId, "h-1")
        XCTAssertEqual(input.origin, .discovery)
        XCTAssertEqual(input.kind, .emergency)
        XCTAssertEqual(input.path, .urgent)
        XCTAssertNil(input.openedAtMs)
        XCTAssertEqual(input.emergency?.kind, .fire)
        XCTAssertEqual(input.emergency?.occurredAtMs, 5_000)
        XCTAssertEqual(input.emergency?.description, "夜里厨房失火，房屋烧毁一半")
        XCTAssertEqual(vm.state.step, .reported)
        XCTAssertFalse(vm.state.working)
        XCTAssertEqual(vm.state.caseId, "c-1")
        XCTAssertEqual(vm.state.caseDetail?.clocks.first?.state, .running)
        XCTAssertEqual(vm.state.caseDetail.map { $0.openedAtMs + 24 * 3_600_000 }, vm.state.caseDetail?.nextDeadlineMs)
        // Reported: another 上报 opens no second case, and back stays on the case.
        vm.send(.report)
        vm.send(.back)
        await vm.settle()
        XCTAssertEqual(core.createdCases.count, 1)
        XCTAssertEqual(vm.state.step, .reported)
    }

    func testReportWaitsForKindAndUrgency() async {
        let core = core()
        let vm = viewModel(core)
        await vm.settle()
        vm.send(.householdChosen(vm.state.results[0]))
        vm.send(.kindChosen(.suddenIllness))
        XCTAssertFalse(vm.state.canReport)
        vm.send(.report)
        await vm.settle()
        XCTAssertTrue(core.createdCases.isEmpty)
        XCTAssertEqual(vm.state.step, .describeEmergency)
    }

    func testAFamilyNotOnThePhoneIsRegisteredInTheWorkersCountyAndThenReported() async {
        let core = core()
        let vm = viewModel(core)
        vm.send(.searchChanged("谭雪梅"))
        await vm.settle()
        XCTAssertTrue(vm.state.results.isEmpty)
        vm.send(.registerNew)
        XCTAssertEqual(vm.state.step, .registerHousehold)
        XCTAssertEqual(vm.state.form.headName, "谭雪梅")
        XCTAssertFalse(vm.state.canSaveHousehold)
        vm.send(.formChanged(form()))
        XCTAssertTrue(vm.state.canSaveHousehold)
        vm.send(.saveHousehold)
        await vm.settle()

        XCTAssertEqual(core.createdHouseholds.count, 1)
        let (profile, members) = core.createdHouseholds[0]
        XCTAssertEqual(profile.countyCode, "370599")
        XCTAssertEqual(profile.townshipCode, "370599100")
        XCTAssertEqual(profile.villageCode, "370599100200")
        XCTAssertEqual(profile.gridCode, "G01-1")
        XCTAssertEqual(profile.housing, .disasterDamaged)
        XCTAssertEqual(members.map(\.relation), [.head])
        XCTAssertEqual(members.first?.sex, .female)
        XCTAssertEqual(members.first?.idNumber, FakeIds.idNumber(birth: "1970-03-04", sequence: 2).uppercased())
        XCTAssertEqual(vm.state.household, ChosenHousehold(id: "h-new", headName: "谭雪梅"))
        XCTAssertEqual(vm.state.step, .describeEmergency)

        vm.send(.kindChosen(.naturalDisaster))
        vm.send(.pathChosen(.critical))
        vm.send(.report)
        await vm.settle()
        XCTAssertEqual(core.createdCases.map(\.householdId), ["h-new"])
        XCTAssertEqual(vm.state.step, .reported)
        XCTAssertEqual(vm.state.caseDetail.map { $0.openedAtMs + 2 * 3_600_000 }, vm.state.caseDetail?.nextDeadlineMs)
    }

    func testANewHouseholdsVillageAndGridAreChosenAmongThePhonesPlaces() async {
        let core = core()
        let here = Place(villageCode: "370599100200", villageName: "前进村", gridCode: "G01-1")
        core.placesAnswer = [here, Place(villageCode: "370599100201", villageName: "红星村", gridCode: "G02-1")]
        let vm = viewModel(core)
        await vm.settle()
        XCTAssertEqual(vm.state.places.map(\.gridCode), ["G01-1", "G02-1"])
        vm.send(.registerNew)
        var typed = form()
        typed.villageCode = ""
        typed.villageName = ""
        typed.gridCode = ""
        vm.send(.formChanged(typed))
        XCTAssertFalse(vm.state.canSaveHousehold, "no village yet")
        // A place this phone does not serve is not taken.
        vm.send(.placeChosen(Place(villageCode: "370599200300", villageName: "外乡村", gridCode: "G09-1")))
        XCTAssertEqual(vm.state.form.villageCode, "")
        vm.send(.placeChosen(here))
        XCTAssertEqual(vm.state.form.villageCode, "370599100200")
        XCTAssertEqual(vm.state.form.villageName, "前进村")
        XCTAssertEqual(vm.state.form.gridCode, "G01-1")
        XCTAssertTrue(vm.state.canSaveHousehold)
        vm.send(.saveHousehold)
        await vm.settle()
        XCTAssertEqual(core.createdHouseholds.map(\.profile.villageCode), ["370599100200"])
    }

    func testAnUnknownIdNumberIsSentAsNone() async {
        var form = form()
        form.headIdNumber = "  "
        XCTAssertNil(form.toCore(countyCode: "370599").head.idNumber)
    }

    func testTheCoresFieldProblemsKeepTheRegistrationFormOpenWithItsWords() async {
        let problem = FieldProblem(field: "members.0.id_number", reason: "身份证号校验位不对，请核对最后一位")
        let core = core()
        core.createHouseholdError = .InvalidInput(problems: [problem])
        let vm = viewModel(core)
        vm.send(.registerNew)
        vm.send(.formChanged(form()))
        vm.send(.saveHousehold)
        await vm.settle()
        XCTAssertEqual(vm.state.step, .registerHousehold)
        XCTAssertEqual(vm.state.problem, .fields([problem]))
        XCTAssertEqual(vm.state.problem?.reason(for: "members.0.id_number"), "身份证号校验位不对，请核对最后一位")
        XCTAssertNil(vm.state.household)
        XCTAssertFalse(vm.state.working)
    }

    func testAnUnenrolledPhoneRegistersNothing() async {
        let core = core()
        core.enrolled = nil
        let vm = viewModel(core)
        vm.send(.registerNew)
        vm.send(.formChanged(form()))
        vm.send(.saveHousehold)
        await vm.settle()
        XCTAssertEqual(vm.state.problem, .notEnrolled)
        XCTAssertTrue(core.createdHouseholds.isEmpty)
    }

    func testACaseThatCannotBeReadBackIsStillReportedOnce() async {
        let core = core()
        core.caseDetailError = .StorageFull
        let vm = viewModel(core)
        await vm.settle()
        vm.send(.householdChosen(vm.state.results[1]))
        vm.send(.kindChosen(.accident))
        vm.send(.pathChosen(.normal))
        vm.send(.report)
        await vm.settle()
        XCTAssertEqual(vm.state.step, .reported)
        XCTAssertEqual(vm.state.caseId, "c-1")
        XCTAssertNil(vm.state.caseDetail)
        XCTAssertEqual(vm.state.problem, .storageFull)
        vm.send(.report)
        await vm.settle()
        XCTAssertEqual(core.createdCases.count, 1)
    }

    func testBackFromTheDescriptionForgetsTheHousehold() async {
        let vm = viewModel(core())
        await vm.settle()
        vm.send(.householdChosen(vm.state.results[0]))
        vm.send(.back)
        XCTAssertEqual(vm.state.step, .chooseHousehold)
        XCTAssertNil(vm.state.household)
        vm.send(.registerNew)
        vm.send(.back)
        XCTAssertEqual(vm.state.step, .chooseHousehold)
    }
}
