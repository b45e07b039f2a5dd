// Enrollment on the real core and the demo county: the QR code the console prints and a typed
// code both enroll a phone; a used code is refused in the county's words.
import Foundation
import RuhuCore
@testable import RuhuViewModels
import XCTest

@MainActor
final class RealEnrollmentTests: XCTestCase {
    func testTheConsolesQrCodeEnrollsAPhoneThatThenSyncsItsGrid() async throws {
        let console = try RealCounty.console()
        let code = try console.issueCode(workerId: "w-301", name: "测试网格员", grid: "G01-1")
        let phone = try RealCounty.openStore()
        let vm = EnrollmentViewModel(core: phone.store, deviceLabel: "测试 iPhone w-301")
        await vm.settle()
        XCTAssertEqual(vm.state.step, .form)

        vm.send(.qrScanned(RealCounty.qrPayload(server: try RealCounty.url(), code: code)))
        await vm.settle()
        guard case .enrolled(let worker) = vm.state.step else {
            return XCTFail("not enrolled: \(vm.state)")
        }
        XCTAssertEqual(worker.workerId, "w-301")
        XCTAssertEqual(try phone.store.worker(), worker)

        _ = try await offMain { try phone.store.sync(listener: nil) }
        let found = try phone.store.searchHouseholds(query: HouseholdQuery(gridCode: "G01-1", limit: 5))
        XCTAssertFalse(found.isEmpty, "the grid's households did not arrive")

        // The same code again, typed on a second phone: the county's refusal, in its words.
        let second = try RealCounty.openStore()
        let again = EnrollmentViewModel(core: second.store, deviceLabel: "测试 iPhone 2", defaultServerUrl: try RealCounty.url())
        again.send(.codeChanged(code))
        again.send(.submit)
        await again.settle()
        XCTAssertEqual(again.state.step, .form)
        guard case .words(let words)? = again.state.problem else {
            return XCTFail("expected the county's words, got \(String(describing: again.state.problem))")
        }
        XCTAssertFalse(words.isEmpty)
        XCTAssertNil(try second.store.worker())
    }
}
