import Foundation
import RuhuCore
@testable import RuhuViewModels
import XCTest

@MainActor
final class EnrollmentViewModelTests: XCTestCase {
    func testATypedCodeEnrollsWithTheTrimmedAddressAndTheDeviceLabel() async {
        let core = FakeEnrollmentCore()
        let vm = EnrollmentViewModel(core: core, deviceLabel: "iPhone 12 · 李网格的手机")
        await vm.settle()
        XCTAssertFalse(vm.state.canSubmit)

        vm.send(.serverUrlChanged(" https://ruhu.example.gov.cn "))
        vm.send(.codeChanged("K7Q2-9XWD "))
        XCTAssertTrue(vm.state.canSubmit)
        vm.send(.submit)
        XCTAssertEqual(vm.state.step, .enrolling)
        await vm.settle()

        XCTAssertEqual(vm.state.step, .enrolled(.fixture()))
        XCTAssertEqual(vm.state.code, "")
        XCTAssertEqual(core.calls.map(\.server), ["https://ruhu.example.gov.cn"])
        XCTAssertEqual(core.calls.map(\.code), ["K7Q2-9XWD"])
        XCTAssertEqual(core.calls.map(\.label), ["iPhone 12 · 李网格的手机"])
    }

    func testAScannedPayloadFillsTheFormAndEnrolls() async {
        let core = FakeEnrollmentCore()
        let vm = EnrollmentViewModel(core: core, deviceLabel: "iPhone")
        vm.send(.qrScanned("ruhu://enroll?v=1&server=https%3A%2F%2Fruhu.example.gov.cn&code=ABCD-EFGH"))
        await vm.settle()
        XCTAssertEqual(vm.state.serverUrl, "https://ruhu.example.gov.cn")
        XCTAssertEqual(core.calls.map(\.code), ["ABCD-EFGH"])
        XCTAssertEqual(vm.state.step, .enrolled(.fixture()))
    }

    func testAnotherAppsCodeIsRefusedInTheCoresWordsAndNothingIsSent() async {
        let core = FakeEnrollmentCore()
        let vm = EnrollmentViewModel(core: core, deviceLabel: "iPhone")
        vm.send(.qrScanned("https://weixin.qq.com/x/abc"))
        await vm.settle()
        guard case .words(let words)? = vm.state.problem else {
            return XCTFail("expected the core's words, got \(String(describing: vm.state.problem))")
        }
        XCTAssertFalse(words.isEmpty)
        XCTAssertEqual(vm.state.step, .form)
        XCTAssertTrue(core.calls.isEmpty)
    }

    func testARefusedCodeKeepsTheFormWithTheCountysReason() async {
        let core = FakeEnrollmentCore()
        core.enrollError = .EnrollmentRefused(reason: "登记码已用过")
        let vm = EnrollmentViewModel(core: core, deviceLabel: "iPhone", defaultServerUrl: "https://ruhu.example.gov.cn")
        vm.send(.codeChanged("USED-CODE"))
        vm.send(.submit)
        await vm.settle()
        XCTAssertEqual(vm.state.step, .form)
        XCTAssertEqual(vm.state.problem, .words("登记码已用过"))
        XCTAssertEqual(vm.state.code, "USED-CODE")
    }

    func testAnEnrolledPhoneOpensEnrolledAndARevokedOneSaysSoUntilDismissed() async {
        let enrolled = EnrollmentViewModel(core: FakeEnrollmentCore(enrolled: .fixture()), deviceLabel: "iPhone")
        await enrolled.settle()
        XCTAssertEqual(enrolled.state.step, .enrolled(.fixture()))

        let revoked = EnrollmentViewModel(core: FakeEnrollmentCore(), deviceLabel: "iPhone", revoked: true)
        await revoked.settle()
        XCTAssertEqual(revoked.state.step, .revoked)
        XCTAssertEqual(revoked.state.problem, .revoked)
        revoked.send(.dismiss)
        XCTAssertEqual(revoked.state.step, .form)
        XCTAssertNil(revoked.state.problem)
    }
}
