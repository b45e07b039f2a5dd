// The case screen on a fake core: only the steps the core allows open; a step goes to the core
// with its fields, its "happened at" time and the signatures the core offers (those turned off
// left out), and its draft is dropped; a
// refusal shows the core's reason and rule and keeps the form; drafts come back on reopening.
import Foundation
import RuhuCore
@testable import RuhuViewModels
import XCTest

@MainActor
final class CaseViewModelTests: XCTestCase {
    private let clock = Date(timeIntervalSince1970: 1_700_100_000)
    private let draftKey = "case/c-1/step/investigated"

    private func screen(_ core: FakeCaseCore) -> CaseViewModel {
        let clock = self.clock
        return CaseViewModel(core: core, caseId: "c-1", now: { clock })
    }

    func testAStepTheCoreDoesNotAllowDoesNotOpen() async {
        let core = FakeCaseCore(allowed: [.investigated])
        let vm = screen(core)
        vm.send(.openStep(.investigated))
        XCTAssertNil(vm.state.step, "nothing opens before the core said what is allowed")
        await vm.settle()
        XCTAssertEqual(vm.state.allowedSteps, [.investigated])
        XCTAssertEqual(vm.state.detail?.clocks.map(\.clock), ["accept"])
        vm.send(.openStep(.closed))
        XCTAssertNil(vm.state.step)
        vm.send(.openStep(.investigated))
        XCTAssertEqual(vm.state.step?.kind, .investigated)
        XCTAssertNil(vm.state.evidence, "the core offered no evidence for it")
    }

    func testAnInvestigationGoesWithTwoInvestigatorsItsTimeAndTheSignaturesTheCoreOffersAndItsDraftIsDropped() async {
        let core = FakeCaseCore(allowed: [.investigated])
        core.photoList = [
            .fixture("p-sig1", target: .case(caseId: "c-1"), kind: .signature, caption: "签字：户主"),
            .fixture("p-sig2", target: .case(caseId: "c-1"), kind: .signature, caption: "签字：调查人"),
            .fixture("p-house", target: .household(householdId: "h-1"), kind: .house),
        ]
        core.evidence = [StepEvidence(step: .investigated, kind: .signature, photoIds: ["p-sig1", "p-sig2"])]
        let vm = screen(core)
        await vm.settle()
        XCTAssertNil(vm.state.evidence, "no step open, no evidence")
        vm.send(.openStep(.investigated))
        XCTAssertEqual(vm.state.evidence?.kind, .signature)
        XCTAssertEqual(vm.state.evidencePhotos.map(\.photoId), ["p-sig1", "p-sig2"])
        XCTAssertEqual(vm.state.chosenPhotos, ["p-sig1", "p-sig2"], "every offered photo goes unless turned off")
        vm.send(.stepFieldChanged(field: "investigator.0", value: "王网格员"))
        vm.send(.stepFieldChanged(field: "investigator.1", value: "村主任"))
        vm.send(.stepFieldChanged(field: "note", value: "房屋受损"))
        let twoHoursAgo = clock.addingTimeInterval(-7200)
        vm.send(.happenedAtChosen(twoHoursAgo))
        vm.send(.photoToggled(photoId: "p-sig1"))
        XCTAssertEqual(vm.state.chosenPhotos, ["p-sig2"])
        await vm.settle()
        XCTAssertEqual(core.drafts.fields(draftKey)?["investigator.1"], "村主任")
        XCTAssertEqual(core.drafts.fields(draftKey)?["excluded_photos"], "p-sig1")
        // A third signature made on the pad meanwhile: the case is read again on return.
        core.evidence = [StepEvidence(step: .investigated, kind: .signature, photoIds: ["p-sig1", "p-sig2", "p-sig3"])]
        vm.send(.refresh)
        await vm.settle()
        XCTAssertEqual(vm.state.chosenPhotos, ["p-sig2", "p-sig3"])
        vm.send(.submitStep)
        XCTAssertTrue(vm.state.busy)
        await vm.settle()
        guard let sent = core.appended.first, core.appended.count == 1 else { return XCTFail("one step recorded") }
        XCTAssertEqual(sent.kind, .investigated)
        XCTAssertEqual(sent.investigators, ["王网格员", "村主任"])
        XCTAssertEqual(sent.photoIds, ["p-sig2", "p-sig3"])
        XCTAssertEqual(sent.note, "房屋受损")
        XCTAssertEqual(sent.happenedAtMs, Int64(twoHoursAgo.timeIntervalSince1970 * 1000))
        XCTAssertNil(vm.state.step)
        XCTAssertNil(vm.state.problem)
        XCTAssertNil(core.drafts.fields(draftKey))
    }

    func testAnInvestigationWithoutSignaturesIsRefusedInTheCoresWordsAndKeepsTheForm() async {
        let core = FakeCaseCore(allowed: [.investigated])
        let vm = screen(core)
        await vm.settle()
        vm.send(.openStep(.investigated))
        vm.send(.stepFieldChanged(field: "investigator.0", value: "王网格员"))
        vm.send(.submitStep)
        await vm.settle()
        XCTAssertEqual(vm.state.refusedRule, "signatures_missing")
        XCTAssertEqual(vm.state.problem, .words("入户调查需要被调查人和调查人签字"))
        XCTAssertEqual(vm.state.step?.value("investigator.0"), "王网格员")
        XCTAssertTrue(core.appended.isEmpty)
        vm.send(.dismiss)
        XCTAssertNil(vm.state.refusedRule)
    }

    func testARefusedStepShowsTheCoresReasonAndRuleAndKeepsTheForm() async {
        let core = FakeCaseCore(allowed: [.investigated])
        core.refuse = .CaseRuleBroken(rule: "backdated_too_far", reason: "发生时间早于县里允许的补录期限（录入前48小时内），请核对时间")
        let vm = screen(core)
        await vm.settle()
        vm.send(.openStep(.investigated))
        vm.send(.happenedAtChosen(clock.addingTimeInterval(-7 * 86_400)))
        vm.send(.submitStep)
        await vm.settle()
        XCTAssertEqual(vm.state.refusedRule, "backdated_too_far")
        XCTAssertEqual(vm.state.problem, .words("发生时间早于县里允许的补录期限（录入前48小时内），请核对时间"))
        XCTAssertEqual(vm.state.step?.kind, .investigated)
        XCTAssertFalse(vm.state.busy)
    }

    func testATimeNotEarlierThanNowMeansNow() async {
        let core = FakeCaseCore(allowed: [.advanceAid])
        let vm = screen(core)
        await vm.settle()
        vm.send(.openStep(.advanceAid))
        vm.send(.happenedAtChosen(clock.addingTimeInterval(600)))
        XCTAssertNil(vm.state.step?.happenedAtMs)
        vm.send(.happenedAtChosen(clock.addingTimeInterval(-600)))
        XCTAssertEqual(vm.state.step?.happenedAtMs, Int64(clock.timeIntervalSince1970 * 1000) - 600_000)
        vm.send(.happenedAtChosen(nil))
        XCTAssertNil(vm.state.step?.happenedAtMs)
    }

    func testAmountsAreReadByTheCoreAndOneItCannotReadIsShownOnItsField() async {
        let core = FakeCaseCore(allowed: [.advanceAid])
        let vm = screen(core)
        await vm.settle()
        vm.send(.openStep(.advanceAid))
        vm.send(.stepFieldChanged(field: "amount", value: "八百"))
        vm.send(.submitStep)
        await vm.settle()
        XCTAssertNotNil(vm.state.problem?.reason(for: "amount"), "got \(String(describing: vm.state.problem))")
        XCTAssertTrue(core.appended.isEmpty)
        vm.send(.stepFieldChanged(field: "amount", value: "800.50"))
        vm.send(.submitStep)
        await vm.settle()
        XCTAssertEqual(core.appended.map(\.amountFen), [80_050])
        XCTAssertEqual(core.appended.first?.photoIds, [])
    }

    func testAStepsDraftComesBackWhenTheFormIsOpenedAgainOnANewScreen() async {
        let core = FakeCaseCore(allowed: [.investigated, .referred])
        let first = screen(core)
        await first.settle()
        first.send(.openStep(.investigated))
        first.send(.stepFieldChanged(field: "investigator.0", value: "王网格员"))
        first.send(.happenedAtChosen(clock.addingTimeInterval(-3600)))
        first.send(.photoToggled(photoId: "p-sig1"))
        first.send(.closeStep)
        XCTAssertNil(first.state.step)
        await first.settle()

        let again = screen(core)
        await again.settle()
        again.send(.openStep(.investigated))
        await again.settle()
        XCTAssertEqual(again.state.step?.value("investigator.0"), "王网格员")
        XCTAssertEqual(again.state.step?.happenedAtMs, Int64(clock.timeIntervalSince1970 * 1000) - 3_600_000)
        XCTAssertEqual(again.state.step?.excludedPhotos, ["p-sig1"])
        again.send(.closeStep)
        again.send(.openStep(.referred))
        await again.settle()
        XCTAssertEqual(again.state.step?.fields, [:], "each step has its own draft")
    }
}
