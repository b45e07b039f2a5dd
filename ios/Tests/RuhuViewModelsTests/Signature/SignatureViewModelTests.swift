// The signing pad on a fake core: strokes are kept as drawn and handed over whole with the pad's
// size; a refusal keeps what was drawn and shows the core's words on strokes or signer; undo takes
// back one stroke, clear all; a kept signature clears the pad for the next signer.
import Foundation
import RuhuCore
@testable import RuhuViewModels
import XCTest

@MainActor
final class SignatureViewModelTests: XCTestCase {
    private func draw(_ vm: SignatureViewModel, _ points: [(Float, Float)]) {
        vm.send(.beginStroke(x: points[0].0, y: points[0].1))
        for p in points.dropFirst() { vm.send(.extendStroke(x: p.0, y: p.1)) }
        vm.send(.endStroke)
    }

    func testStrokesAreHandedToTheCoreAsDrawnAndAKeptSignatureClearsThePad() async {
        let core = FakeSignatureCore()
        let vm = SignatureViewModel(core: core, target: .household(householdId: "h-1"))
        XCTAssertFalse(vm.state.canSave)
        vm.send(.signerChanged("调查人 李网格员"))
        draw(vm, [(1, 1), (5, 6), (9, 9)])
        vm.send(.beginStroke(x: 20, y: 2))
        vm.send(.extendStroke(x: 22, y: 8))
        XCTAssertEqual(vm.state.drawing.count, 2)
        XCTAssertEqual(vm.state.strokes.count, 1, "a stroke is finished when the finger lifts")
        vm.send(.endStroke)
        XCTAssertTrue(vm.state.canSave)
        vm.send(.save(padWidth: 300, padHeight: 150))
        XCTAssertTrue(vm.state.saving)
        XCTAssertFalse(vm.state.canSave)
        await vm.settle()
        guard let call = core.calls.first, core.calls.count == 1 else { return XCTFail("one signature stored") }
        XCTAssertEqual(call.target, .household(householdId: "h-1"))
        XCTAssertEqual(call.signer, "调查人 李网格员")
        XCTAssertEqual(call.strokes.map(\.points.count), [3, 2])
        XCTAssertEqual(call.strokes[0].points[1], PadPointInput(x: 5, y: 6))
        XCTAssertEqual(call.pad, [300, 150])
        XCTAssertEqual(vm.state.kept.map(\.photoId), ["p-1"])
        XCTAssertTrue(vm.state.strokes.isEmpty && vm.state.signer.isEmpty, "ready for the next signer")
        XCTAssertFalse(vm.state.saving)
    }

    func testARefusalKeepsWhatWasDrawnAndShowsTheCoresWordsAndClearStartsAgain() async {
        let core = FakeSignatureCore()
        core.refuse = .InvalidInput(problems: [FieldProblem(field: "strokes", reason: "签字超出了签字区，请清除后重签")])
        let vm = SignatureViewModel(core: core, target: .case(caseId: "c-1"))
        vm.send(.signerChanged("户主"))
        draw(vm, [(1, 1), (2, 2)])
        vm.send(.save(padWidth: 300, padHeight: 150))
        await vm.settle()
        XCTAssertEqual(vm.state.strokes.count, 1)
        XCTAssertFalse(vm.state.saving)
        XCTAssertEqual(vm.state.strokesProblem, "签字超出了签字区，请清除后重签")
        XCTAssertNil(vm.state.signerProblem)
        XCTAssertEqual(vm.state.kept, [])
        vm.send(.clear)
        XCTAssertTrue(vm.state.strokes.isEmpty)
        XCTAssertNil(vm.state.problem)
        XCTAssertFalse(vm.state.canSave)
    }

    func testTheCoresWordsOnTheSignerShowUnderTheName() async {
        let core = FakeSignatureCore()
        core.refuse = .InvalidInput(problems: [FieldProblem(field: "signer", reason: "请写明签字人")])
        let vm = SignatureViewModel(core: core, target: .case(caseId: "c-1"))
        vm.send(.signerChanged("  户主  "))
        draw(vm, [(1, 1), (2, 2)])
        vm.send(.save(padWidth: 300, padHeight: 150))
        await vm.settle()
        XCTAssertEqual(core.calls.first?.signer, "户主", "the name as typed, trimmed")
        XCTAssertEqual(vm.state.signerProblem, "请写明签字人")
        vm.send(.signerChanged("户主 韩秀兰"))
        XCTAssertNil(vm.state.signerProblem, "typing the name clears it")
    }

    func testUndoTakesBackTheLastStrokeOnly() async {
        let vm = SignatureViewModel(core: FakeSignatureCore(), target: .case(caseId: "c-1"))
        vm.send(.signerChanged("户主"))
        draw(vm, [(1, 1), (2, 2)])
        draw(vm, [(5, 5), (6, 6), (7, 7)])
        vm.send(.undo)
        XCTAssertEqual(vm.state.strokes, [[PadPointInput(x: 1, y: 1), PadPointInput(x: 2, y: 2)]])
        XCTAssertTrue(vm.state.canSave)
        vm.send(.extendStroke(x: 3, y: 3))
        XCTAssertTrue(vm.state.drawing.isEmpty, "a move without a touch draws nothing")
        vm.send(.undo)
        XCTAssertTrue(vm.state.strokes.isEmpty)
        XCTAssertFalse(vm.state.canSave)
        vm.send(.undo)
        XCTAssertTrue(vm.state.strokes.isEmpty)
    }
}
