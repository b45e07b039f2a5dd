// The photo screen on a fake core: the kind, caption and location chosen go with the shot,
// which is stored off the main thread; a refused shot shows the core's words and keeps the
// caption; a kept one joins the thumbnails; only the target's own photos are listed.
import Foundation
import RuhuCore
@testable import RuhuViewModels
import XCTest

@MainActor
final class PhotoCaptureViewModelTests: XCTestCase {
    private let target = PhotoTarget.case(caseId: "c-1")

    func testTheKindCaptionAndLocationGoWithTheShotAndThePhotoJoinsTheList() async {
        let core = FakePhotosCore()
        let vm = PhotoCaptureViewModel(core: core, target: target, householdId: "h-1")
        XCTAssertEqual(vm.state.kind, .house)
        vm.send(.kindChosen(.medicalBill))
        vm.send(.captionChanged("住院发票"))
        vm.send(.locationFixed(latitude: 36.5, longitude: 117.25, accuracy: 8))
        vm.send(.captured(Data([0xFF, 0xD8, 1])))
        XCTAssertTrue(vm.state.saving)
        await vm.settle()
        XCTAssertEqual(core.inputs.map(\.kind), [.medicalBill])
        XCTAssertEqual(core.inputs.map(\.caption), ["住院发票"])
        XCTAssertEqual(core.inputs.first?.location, GeoPoint(lat: 36.5, lon: 117.25, accuracyM: 8))
        XCTAssertEqual(core.bytes, [Data([0xFF, 0xD8, 1])])
        XCTAssertEqual(core.storedOffMain, [true], "the pipeline runs off the main thread")
        XCTAssertEqual(vm.state.kept?.photoId, "shot-1")
        XCTAssertEqual(vm.state.photos.map(\.photoId), ["shot-1"])
        XCTAssertEqual(vm.state.caption, "")
        XCTAssertFalse(vm.state.saving)
    }

    func testARefusedShotShowsTheCoresWordsAndKeepsTheTypedCaption() async {
        let core = FakePhotosCore()
        core.refuseNext = .PhotoRefused(reason: "照片文件已损坏，请重拍")
        let vm = PhotoCaptureViewModel(core: core, target: target, householdId: "h-1", kind: .damage)
        vm.send(.captionChanged("房屋裂缝"))
        vm.send(.captured(Data([0])))
        await vm.settle()
        XCTAssertEqual(vm.state.problem, .words("照片文件已损坏，请重拍"))
        XCTAssertEqual(vm.state.caption, "房屋裂缝")
        XCTAssertNil(vm.state.kept)
        XCTAssertEqual(vm.state.photos, [])
        XCTAssertFalse(vm.state.saving)
        // The next shot goes through with the same caption and kind.
        vm.send(.captured(Data([1])))
        await vm.settle()
        XCTAssertEqual(core.inputs.map(\.caption), ["房屋裂缝"])
        XCTAssertEqual(core.inputs.map(\.kind), [.damage])
        XCTAssertNil(vm.state.problem)
    }

    func testOnlyTheTargetsOwnPhotosAreListed() async {
        let core = FakePhotosCore()
        core.kept = [.fixture("p-9", target: .household(householdId: "h-1"), caption: "房屋"),
                     .fixture("p-8", target: target, kind: .damage, caption: "受灾")]
        let vm = PhotoCaptureViewModel(core: core, target: target, householdId: "h-1")
        await vm.settle()
        XCTAssertEqual(vm.state.photos.map(\.photoId), ["p-8"])
    }

    func testAThumbnailComesFromTheCoreOrIsNilWhenThisPhoneLacksIt() async {
        let core = FakePhotosCore()
        let here = PhotoRecord.fixture("p-1", target: target)
        core.file(here.thumbSha256, Data([7, 7]))
        let vm = PhotoCaptureViewModel(core: core, target: target, householdId: "h-1")
        let bytes = await vm.thumbnail(here)
        XCTAssertEqual(bytes, Data([7, 7]))
        var elsewhere = here
        elsewhere.thumbSha256 = String(repeating: "c", count: 64)
        let missing = await vm.thumbnail(elsewhere)
        XCTAssertNil(missing)
    }
}
