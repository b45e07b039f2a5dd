// The whole visit on the real core and the demo county, through the view models the app renders:
// a grid worker enrolls and syncs, registers a family with members, a supporter and economics,
// reports its emergency, the supervisor's phone accepts the case, the family and the
// investigators sign, the 入户调查 names those signatures, a photo is taken, everything reaches
// the county; the supervisor asks for a retake on the console's review form, the phone takes it,
// and the retake clears what was owed.
import Foundation
import RuhuCore
@testable import RuhuViewModels
import XCTest

@MainActor
final class RealVisitWalkTests: XCTestCase {
    private func type(_ form: HouseholdFormViewModel, _ field: String, _ value: String) {
        form.send(.fieldChanged(field: field, value: value))
    }

    func testAWholeVisitFromEnrollmentToARetakeTheSupervisorAskedFor() async throws {
        let console = try RealCounty.console()
        let phone = try await RealPhone.gridWorker("w-401", console: console)
        XCTAssertEqual(phone.worker.workerId, "w-401")
        let firstReport = await phone.syncOk()
        let first = try XCTUnwrap(firstReport)
        XCTAssertGreaterThan(first.documentsReceived, 0, "the first sync received nothing")
        XCTAssertNotNil(phone.sync.state.lastSyncAtMs)

        // 我的走访 shows the worker and what the warning rules raised for the grid.
        let home = HomeViewModel(core: phone.store)
        await home.settle()
        XCTAssertNil(home.state.problem)
        XCTAssertEqual(home.state.workerName, "测试网格员")
        XCTAssertEqual(home.state.visits.map(\.id), try phone.store.listedVisits().map(\.id))

        // A family registered through the household form: members, a supporter, economics.
        let form = HouseholdFormViewModel(core: phone.store, formKey: HouseholdFormViewModel.newFormKey())
        await form.settle()
        let place = try XCTUnwrap(form.state.places.first { $0.gridCode == "G01-1" }, "the form offers the grid")
        form.send(.placeChosen(place))
        type(form, FormFields.address, "7组3号")
        type(form, FormFields.phone, "13800004444")
        type(form, FormFields.housing, choiceName(Housing.disasterDamaged))
        form.send(.addMember)
        let headId = RealCounty.idNumber(birth: "1966-02-14", sequence: 731)
        type(form, FormFields.member(0, "name"), "葛秋云")
        type(form, FormFields.member(0, "relation"), choiceName(Relation.head))
        type(form, FormFields.member(0, "id_number"), headId)
        type(form, FormFields.member(0, "major_illness"), "1")
        form.send(.addMember)
        type(form, FormFields.member(1, "name"), "葛小川")
        type(form, FormFields.member(1, "relation"), choiceName(Relation.child))
        type(form, FormFields.member(1, "id_number"), RealCounty.idNumber(birth: "2009-07-01", sequence: 733))
        type(form, FormFields.member(1, "school"), choiceName(SchoolStage.seniorHigh))
        form.send(.addSupporter)
        type(form, FormFields.supporter(0, "name"), "葛大川")
        type(form, FormFields.supporter(0, "relation"), "长子")
        type(form, FormFields.supporter(0, "annual_income"), "30000")
        type(form, FormFields.supporter(0, "annual_support_paid"), "1200")
        type(form, "economics.farming", "6000")
        type(form, "economics.support_received", "1200")
        type(form, "economics.medical", "12000")
        await form.settle()
        XCTAssertEqual(form.state.value(FormFields.member(1, "birth_date")), "2009-07-01", "the birth date came from the ID")
        XCTAssertNotNil(form.state.economics, "the economics preview follows the typing")
        form.send(.save)
        await form.settle()
        XCTAssertNil(form.state.problem)
        XCTAssertEqual(form.state.fieldProblems, [:])
        let householdId = try XCTUnwrap(form.state.householdId)
        XCTAssertTrue(try phone.store.draft(form: form.state.formKey).isEmpty, "the draft is gone once saved")

        let screen = HouseholdViewModel(core: phone.store, householdId: householdId)
        await screen.settle()
        XCTAssertEqual(screen.state.detail?.members.map(\.member.name), ["葛秋云", "葛小川"])
        XCTAssertEqual(screen.state.detail?.supporters.count, 1)
        XCTAssertFalse(screen.state.detail?.members.contains { ($0.idMasked ?? "").contains("19660214") } ?? true, "IDs are masked")
        XCTAssertNotNil(screen.state.belowDibao, "the core's 低保 verdict for the members present")

        // 发现急难 for that family: the urgent case with its running clock.
        let emergency = EmergencyViewModel(core: phone.store, debounce: .zero)
        emergency.send(.searchChanged("葛秋云"))
        await emergency.settle()
        let found = try XCTUnwrap(emergency.state.results.first { $0.id == householdId }, "the search finds the family")
        emergency.send(.householdChosen(found))
        emergency.send(.kindChosen(.fire))
        emergency.send(.pathChosen(.urgent))
        emergency.send(.descriptionChanged("厨房起火，屋顶烧毁"))
        XCTAssertTrue(emergency.state.canReport)
        emergency.send(.report)
        await emergency.settle()
        XCTAssertNil(emergency.state.problem)
        XCTAssertEqual(emergency.state.step, .reported)
        let caseId = try XCTUnwrap(emergency.state.caseId)
        let clock = try XCTUnwrap(emergency.state.caseDetail?.clocks.first)
        XCTAssertEqual(clock.state, .running)
        await phone.syncOk()

        // The county supervisor's phone accepts the case (受理).
        let supervisor = try await RealPhone.enroll(code: RealCounty.env("RUHU_ENROLL_CODE_S001"), label: "测试 iPhone s-001")
        await supervisor.syncOk()
        let accepting = CaseViewModel(core: supervisor.store, caseId: caseId)
        await accepting.settle()
        XCTAssertTrue(accepting.state.allowedSteps.contains(.accepted), "allowed: \(accepting.state.allowedSteps)")
        accepting.send(.openStep(.accepted))
        accepting.send(.stepFieldChanged(field: "note", value: "县里受理"))
        accepting.send(.submitStep)
        await accepting.settle()
        XCTAssertNil(accepting.state.problem)
        await supervisor.syncOk()
        await phone.syncOk()

        // The family's head and an investigator sign for the case on the pad.
        let pad = SignatureViewModel(core: phone.store, target: .case(caseId: caseId))
        for (n, signer) in ["户主 葛秋云", "调查人 测试网格员"].enumerated() {
            pad.send(.signerChanged(signer))
            pad.send(.beginStroke(x: 20, y: 80))
            for i in 1...30 { pad.send(.extendStroke(x: 20 + Float(i) * 8, y: 80 + Float((i + n) % 5) * 6)) }
            pad.send(.endStroke)
            XCTAssertTrue(pad.state.canSave)
            pad.send(.save(padWidth: 320, padHeight: 160))
            await pad.settle()
            XCTAssertNil(pad.state.problem)
        }
        XCTAssertEqual(pad.state.kept.map(\.kind), [.signature, .signature])

        // 入户调查: the core offers the case's two signatures; the step names them and is recorded.
        let investigating = CaseViewModel(core: phone.store, caseId: caseId)
        await investigating.settle()
        investigating.send(.openStep(.investigated))
        XCTAssertEqual(investigating.state.step?.kind, .investigated, "allowed: \(investigating.state.allowedSteps)")
        XCTAssertEqual(Set(investigating.state.chosenPhotos), Set(pad.state.kept.map(\.photoId)))
        investigating.send(.stepFieldChanged(field: "investigator.0", value: "测试网格员"))
        investigating.send(.stepFieldChanged(field: "investigator.1", value: "村主任"))
        investigating.send(.stepFieldChanged(field: "note", value: "入户核实，房屋烧毁一间"))
        investigating.send(.submitStep)
        await investigating.settle()
        XCTAssertNil(investigating.state.problem, "refused: \(String(describing: investigating.state.refusedRule))")
        XCTAssertTrue(investigating.state.detail?.events.contains { $0.kind == .investigated } ?? false)

        // A photo of the house through the camera's view model; a shot that is no image is refused
        // in the core's words and keeps the caption typed.
        let camera = PhotoCaptureViewModel(core: phone.store, target: .household(householdId: householdId), householdId: householdId)
        camera.send(.kindChosen(.house))
        camera.send(.captionChanged("房屋正面"))
        camera.send(.captured(try RealCounty.photo(1)))
        await camera.settle()
        let photo = try XCTUnwrap(camera.state.kept, "photo refused: \(String(describing: camera.state.problem))")
        let thumb = await camera.thumbnail(photo)
        let thumbnail = try XCTUnwrap(thumb)
        XCTAssertEqual(Array(thumbnail.prefix(2)), [0xFF, 0xD8], "the thumbnail is a JPEG")
        camera.send(.captionChanged("房屋侧面"))
        camera.send(.captured(Data("not a photo".utf8)))
        await camera.settle()
        XCTAssertNotNil(camera.state.problem)
        XCTAssertEqual(camera.state.caption, "房屋侧面")

        let sentReport = await phone.syncOk()
        let sent = try XCTUnwrap(sentReport)
        XCTAssertEqual(sent.documentsRefused, 0)
        XCTAssertEqual(phone.sync.state.photosWaiting.files, 0, "every photo file reached the county")

        // The supervisor asks for a retake on the console; the phone hears it at its next sync.
        try console.askRetake(docId: householdId, photoId: photo.photoId, reason: "照片太暗，请白天重拍")
        await phone.syncOk()
        let retakes = RetakesViewModel(core: phone.store)
        await retakes.settle()
        XCTAssertEqual(retakes.state.owed.map(\.photoId), [photo.photoId])
        XCTAssertEqual(retakes.state.owed.first?.reviewReason, "照片太暗，请白天重拍")
        await screen.settle()
        screen.send(.refresh)
        await screen.settle()
        XCTAssertEqual(screen.state.retakesOwed.map(\.photoId), [photo.photoId], "the household screen shows it owed")

        retakes.send(.retaken(photo: retakes.state.owed[0], bytes: try RealCounty.photo(2)))
        await retakes.settle()
        XCTAssertNil(retakes.state.problem)
        XCTAssertEqual(retakes.state.owed, [])
        await phone.syncOk()
        let after = RetakesViewModel(core: phone.store)
        await after.settle()
        XCTAssertEqual(after.state.owed, [], "the retake is still owed after the sync")
        let houses = try phone.store.photos(householdId: householdId).filter { $0.kind == .house && $0.caption == "房屋正面" }
        XCTAssertEqual(houses.count, 2)
        XCTAssertEqual(houses.first { $0.photoId == photo.photoId }?.review, .retakeNeeded)
        XCTAssertEqual(houses.first { $0.photoId != photo.photoId }?.retakeOf, photo.photoId)
    }
}
