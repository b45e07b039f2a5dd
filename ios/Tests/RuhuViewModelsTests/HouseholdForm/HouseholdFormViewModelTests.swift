// The household form on the fake core: typed values reach the draft in order and a new view
// model restores them; ID numbers are judged by the core as typed; saving registers through the
// core, discards the draft and shows the core's figures; the core's field problems land on their
// field; members are marked 迁出, never removed; the per-capita figure follows the typing.
import Foundation
import RuhuCore
@testable import RuhuViewModels
import XCTest

@MainActor
final class HouseholdFormViewModelTests: XCTestCase {
    private let key = "household/new/test-1"
    private let validId = FakeIds.idNumber(birth: "1970-03-04", sequence: 442)

    private func form(_ core: FakeHouseholdFormCore, householdId: String? = nil, formKey: String? = nil) -> HouseholdFormViewModel {
        HouseholdFormViewModel(core: core, formKey: formKey ?? key, householdId: householdId)
    }

    private func fillHead(_ vm: HouseholdFormViewModel) {
        vm.send(.placeChosen(Place(villageCode: "370599100200", villageName: "前进村", gridCode: "G01-1")))
        vm.send(.fieldChanged(field: FormFields.address, value: "3组7号"))
        vm.send(.fieldChanged(field: FormFields.housing, value: choiceName(Housing.ownedUnsafe)))
        vm.send(.fieldChanged(field: "categories.dibao", value: "1"))
        vm.send(.addMember)
        vm.send(.fieldChanged(field: FormFields.member(0, "name"), value: "韩秀兰"))
        vm.send(.fieldChanged(field: FormFields.member(0, "relation"), value: choiceName(Relation.head)))
        vm.send(.fieldChanged(field: FormFields.member(0, "id_number"), value: validId))
        vm.send(.fieldChanged(field: "economics.wage", value: "12000"))
    }

    func testDraftKeysAreNamedAsOnAndroid() async {
        XCTAssertEqual(HouseholdFormViewModel.editFormKey(householdId: "h-7"), "household/h-7/profile")
        let fresh = HouseholdFormViewModel.newFormKey()
        XCTAssertTrue(fresh.hasPrefix("household/new/"))
        XCTAssertNotNil(UUID(uuidString: String(fresh.dropFirst("household/new/".count))))
        XCTAssertNotEqual(fresh, HouseholdFormViewModel.newFormKey())
        XCTAssertEqual(choiceName(MemberStatus.movedOut), "MOVED_OUT")
        XCTAssertEqual(choiceName(Housing.ownedUnsafe), "OWNED_UNSAFE")
    }

    func testEveryChangeIsKeptInTheDraftInTheOrderTyped() async {
        let core = FakeHouseholdFormCore()
        let vm = form(core)
        await vm.settle()
        for text in ["韩", "韩秀", "韩秀兰"] { vm.send(.fieldChanged(field: FormFields.member(0, "name"), value: text)) }
        XCTAssertEqual(vm.state.value("members.0.name"), "韩秀兰", "shown at once")
        XCTAssertTrue(vm.state.draftPending)
        await vm.settle()
        XCTAssertEqual(core.drafts.writes.filter { $0.field == "members.0.name" }.map(\.value), ["韩", "韩秀", "韩秀兰"])
        XCTAssertEqual(core.drafts.fields(key)?["members.0.name"], "韩秀兰")
        XCTAssertFalse(vm.state.draftPending)
    }

    func testADroppedViewModelAndANewOneOnTheSameStoreGiveTheSameState() async {
        let core = FakeHouseholdFormCore()
        var first: HouseholdFormViewModel? = form(core)
        await first!.settle()
        fillHead(first!)
        first!.send(.locationFixed(latitude: 36.5, longitude: 117.25, accuracy: 12))
        first!.send(.addSupporter)
        first!.send(.fieldChanged(field: FormFields.supporter(0, "name"), value: "韩大军"))
        await first!.settle()
        let typed = first!.state
        first = nil // the app was killed; the store kept the draft

        let again = form(core)
        XCTAssertTrue(again.state.loading)
        await again.settle()
        XCTAssertEqual(again.state, typed)
        XCTAssertEqual(again.state.memberCount, 1)
        XCTAssertEqual(again.state.supporterCount, 1)
        XCTAssertEqual(again.state.value(FormFields.location), "36.5,117.25,12.0")
        guard case .valid? = again.state.idChecks["members.0.id_number"] else {
            return XCTFail("the restored ID number is checked again")
        }
    }

    func testAnIdNumberIsJudgedByTheCoreAsTypedAndAValidOneFillsBirthDateAndSex() async {
        let core = FakeHouseholdFormCore()
        let vm = form(core)
        await vm.settle()
        vm.send(.addMember)
        vm.send(.fieldChanged(field: "members.0.id_number", value: String(validId.dropLast())))
        await vm.settle()
        guard case .invalid(let reason)? = vm.state.idChecks["members.0.id_number"] else {
            return XCTFail("expected the core's refusal, got \(String(describing: vm.state.idChecks))")
        }
        XCTAssertFalse(reason.isEmpty)
        XCTAssertEqual(vm.state.value("members.0.birth_date"), "")

        vm.send(.fieldChanged(field: "members.0.id_number", value: validId))
        await vm.settle()
        guard case .valid(let info)? = vm.state.idChecks["members.0.id_number"] else {
            return XCTFail("expected a valid number")
        }
        XCTAssertNotEqual(info.masked, validId, "the number is shown masked")
        XCTAssertEqual(vm.state.value("members.0.birth_date"), "1970-03-04")
        XCTAssertEqual(vm.state.value("members.0.sex"), "FEMALE")
        XCTAssertEqual(core.drafts.fields(key)?["members.0.birth_date"], "1970-03-04", "the filled values are in the draft too")

        vm.send(.fieldChanged(field: "members.0.id_number", value: ""))
        await vm.settle()
        XCTAssertNil(vm.state.idChecks["members.0.id_number"], "an emptied field has no check")
    }

    func testSavingRegistersThroughTheCoreDiscardsTheDraftAndShowsTheCoresFigures() async {
        let core = FakeHouseholdFormCore()
        let vm = form(core)
        await vm.settle()
        XCTAssertEqual(vm.state.places.map(\.villageName), ["前进村", "红星村"])
        XCTAssertEqual(vm.state.dibaoLineFen, 70_000)
        fillHead(vm)
        vm.send(.addSupporter)
        vm.send(.fieldChanged(field: FormFields.supporter(0, "name"), value: "韩大军"))
        vm.send(.fieldChanged(field: FormFields.supporter(0, "annual_income"), value: "1,200.50"))
        await vm.settle()
        vm.send(.save)
        XCTAssertTrue(vm.state.saving)
        await vm.settle()
        let s = vm.state
        XCTAssertNil(s.problem)
        XCTAssertTrue(s.saved, "fields: \(s.fieldProblems)")
        XCTAssertFalse(s.saving)
        XCTAssertEqual(s.householdId, "h-new")
        guard let (profile, members) = core.created.first, core.created.count == 1 else { return XCTFail("one registration") }
        XCTAssertEqual(profile.villageName, "前进村")
        XCTAssertEqual(profile.townshipCode, "370599100")
        XCTAssertEqual(profile.countyCode, "370599")
        XCTAssertEqual(profile.housing, .ownedUnsafe)
        XCTAssertTrue(profile.categories.dibao)
        XCTAssertFalse(profile.categories.tekun)
        XCTAssertEqual(members.map(\.name), ["韩秀兰"])
        XCTAssertEqual(members.first?.idNumber, validId)
        XCTAssertEqual(members.first?.sex, .female)
        XCTAssertEqual(core.supporterAdds.map(\.1.annualIncomeFen), [120_050], "amounts read by the core")
        XCTAssertEqual(core.economicsSet.map(\.1.wageFen), [1_200_000])
        XCTAssertEqual(vm.state.value("members.0.member_id"), "m-1", "the core's member id is kept")
        XCTAssertEqual(vm.state.value("supporters.0.supporter_id"), "s-1")
        XCTAssertNil(core.drafts.fields(key), "the draft is gone once saved")
        // 12,000 元 a year for one person: 1,000 元 a month, above the county's 700 元.
        XCTAssertEqual(s.economics?.perCapitaMonthlyIncomeFen, 100_000)
        XCTAssertEqual(s.belowDibao, false)
    }

    func testTheCoresFieldProblemsAreShownOnTheirFieldAndTheDraftIsKept() async {
        let core = FakeHouseholdFormCore()
        core.createError = .InvalidInput(problems: [
            FieldProblem(field: "members.0.birth_date", reason: "出生日期不能晚于今天"),
            FieldProblem(field: "contact_phone", reason: "电话号码不对"),
        ])
        let vm = form(core)
        await vm.settle()
        fillHead(vm)
        await vm.settle()
        vm.send(.save)
        await vm.settle()
        XCTAssertFalse(vm.state.saved)
        XCTAssertFalse(vm.state.saving)
        XCTAssertEqual(vm.state.fieldProblems["members.0.birth_date"], .words("出生日期不能晚于今天"))
        XCTAssertEqual(vm.state.fieldProblems["contact_phone"], .words("电话号码不对"))
        XCTAssertEqual(core.drafts.fields(key)?["members.0.name"], "韩秀兰")
        vm.send(.fieldChanged(field: "contact_phone", value: "13800001111"))
        XCTAssertNil(vm.state.fieldProblems["contact_phone"], "typing in the field clears its problem")
        XCTAssertNotNil(vm.state.fieldProblems["members.0.birth_date"])
    }

    func testAnAmountTheCoreCannotReadIsShownOnItsFieldAndNothingIsSent() async {
        let core = FakeHouseholdFormCore()
        let vm = form(core)
        await vm.settle()
        fillHead(vm)
        vm.send(.fieldChanged(field: "economics.pension", value: "一千"))
        await vm.settle()
        vm.send(.save)
        await vm.settle()
        guard case .words(let reason)? = vm.state.fieldProblems["economics.pension"] else {
            return XCTFail("expected the core's words on economics.pension, got \(vm.state.fieldProblems)")
        }
        XCTAssertFalse(reason.isEmpty)
        XCTAssertTrue(core.economicsSet.isEmpty)
        XCTAssertFalse(vm.state.saved)
    }

    func testAChoiceNotMadeIsShownOnItsFieldBeforeTheCoreIsAsked() async {
        let core = FakeHouseholdFormCore()
        let vm = form(core)
        await vm.settle()
        vm.send(.fieldChanged(field: FormFields.address, value: "3组7号"))
        vm.send(.save)
        await vm.settle()
        XCTAssertEqual(vm.state.fieldProblems[FormFields.housing], .choiceMissing)
        XCTAssertTrue(core.created.isEmpty)
    }

    func testAMemberMarkedMovedOutIsUpdatedWithThatStatusNotRemoved() async {
        let core = FakeHouseholdFormCore()
        let seed = form(core, formKey: "household/new/seed")
        await seed.settle()
        fillHead(seed)
        await seed.settle()
        seed.send(.save)
        await seed.settle()
        XCTAssertTrue(seed.state.saved)

        let editKey = HouseholdFormViewModel.editFormKey(householdId: "h-new")
        let edit = form(core, householdId: "h-new", formKey: editKey)
        await edit.settle()
        XCTAssertEqual(edit.state.value("members.0.name"), "韩秀兰", "editing starts from the saved household")
        XCTAssertEqual(edit.state.value("economics.wage"), "12000")
        edit.send(.memberStatusChanged(index: 0, status: .movedOut))
        XCTAssertEqual(edit.state.memberStatus(0), .movedOut)
        edit.send(.addMember)
        edit.send(.fieldChanged(field: FormFields.member(1, "name"), value: "韩小宝"))
        edit.send(.fieldChanged(field: FormFields.member(1, "relation"), value: choiceName(Relation.grandchild)))
        edit.send(.fieldChanged(field: FormFields.member(1, "sex"), value: choiceName(Sex.male)))
        await edit.settle()
        XCTAssertEqual(core.drafts.fields(editKey)?["members.0.status"], "MOVED_OUT")
        edit.send(.save)
        await edit.settle()
        XCTAssertTrue(edit.state.saved, "\(edit.state.fieldProblems) \(String(describing: edit.state.problem))")
        XCTAssertEqual(core.memberUpdates.map(\.1), ["m-1"])
        XCTAssertEqual(core.memberUpdates.first?.2.status, .movedOut)
        XCTAssertEqual(core.memberAdds.map(\.1.name), ["韩小宝"], "only the new row is added")
        XCTAssertEqual(core.created.count, 1, "an edit registers nothing")
        XCTAssertNil(core.drafts.fields(editKey))
    }

    func testThePerCapitaFigureFollowsTheTypingFromTheCoreCountingOnlyMembersPresent() async {
        let core = FakeHouseholdFormCore()
        let vm = form(core)
        await vm.settle()
        vm.send(.addMember)
        vm.send(.addMember)
        vm.send(.fieldChanged(field: "economics.wage", value: "24000"))
        await vm.settle()
        // 24,000 元 a year for two people: 1,000 元 a month each, above a 700 元 line.
        XCTAssertEqual(vm.state.economics?.perCapitaMonthlyIncomeFen, 100_000)
        XCTAssertEqual(vm.state.economics?.totalIncomeFen, 2_400_000)
        XCTAssertEqual(vm.state.belowDibao, false)
        XCTAssertEqual(core.previews.last?.1, 2)
        // One moves out: 2,000 元 for the one left; the wage drops and it is below the line.
        vm.send(.memberStatusChanged(index: 1, status: .movedOut))
        await vm.settle()
        XCTAssertEqual(core.previews.last?.1, 1)
        XCTAssertEqual(vm.state.economics?.perCapitaMonthlyIncomeFen, 200_000)
        vm.send(.fieldChanged(field: "economics.wage", value: "6000"))
        await vm.settle()
        XCTAssertEqual(vm.state.economics?.perCapitaMonthlyIncomeFen, 50_000)
        XCTAssertEqual(vm.state.belowDibao, true)
        // An amount the core cannot read keeps the last figures rather than flashing nothing.
        let asked = core.previews.count
        vm.send(.fieldChanged(field: "economics.wage", value: "6000.123"))
        await vm.settle()
        XCTAssertEqual(core.previews.count, asked)
        XCTAssertEqual(vm.state.economics?.perCapitaMonthlyIncomeFen, 50_000)
    }

    func testWhileTheCoreWorksOutOneFigureOnlyTheLastTypedIsAskedForNext() async {
        let core = FakeHouseholdFormCore()
        let slow = core.holdPreview(incomeFen: 100_000)
        let vm = form(core)
        await vm.settle()
        vm.send(.addMember)
        vm.send(.fieldChanged(field: "economics.wage", value: "1000"))
        let started = await eventually { core.previews.last?.0.incomeFen == 100_000 }
        XCTAssertTrue(started)
        // Typed while the core is busy: 2000 is overtaken before its turn and never asked for.
        vm.send(.fieldChanged(field: "economics.wage", value: "2000"))
        vm.send(.fieldChanged(field: "economics.wage", value: "3000"))
        slow.release.signal()
        await vm.settle()
        let asked = core.previews.map(\.0.incomeFen)
        XCTAssertEqual(Array(asked.suffix(2)), [100_000, 300_000])
        XCTAssertFalse(asked.contains(200_000))
        // 3,000 元 a year for one person: 250 元 a month, and the older answer did not replace it.
        XCTAssertEqual(vm.state.economics?.perCapitaMonthlyIncomeFen, 25_000)
        XCTAssertEqual(vm.state.belowDibao, true)
    }
}
