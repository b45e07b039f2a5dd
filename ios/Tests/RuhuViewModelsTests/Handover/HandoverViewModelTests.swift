import Foundation
import RuhuCore
@testable import RuhuViewModels
import XCTest

@MainActor
final class HandoverViewModelTests: XCTestCase {
    private let core = FakeHandoverCore()

    private func viewModel() -> HandoverViewModel { HandoverViewModel(core: core, today: { "20261201" }) }

    private func doc(_ id: String, inScope: Bool) -> BundleDocumentPreview {
        BundleDocumentPreview(documentId: id, kind: "case", villageCode: "370599100200", gridCode: "G01",
                              inScope: inScope, created: true, changes: true)
    }

    func testExportSealsTheDocumentsAndSuggestsAnAsciiFileName() async {
        let vm = viewModel()
        vm.send(.export(documentIds: ["c-1"], label: "张三 c-1"))
        XCTAssertTrue(vm.state.busy)
        await vm.settle()
        XCTAssertFalse(vm.state.busy)
        XCTAssertEqual(core.exported, [["c-1"]])
        XCTAssertEqual(vm.state.exported?.fileName, "ruhu-c-1-20261201.ruhu")
        XCTAssertEqual(vm.state.exported?.bytes, Data([1, 2, 3]))
        vm.send(.exportShared)
        XCTAssertNil(vm.state.exported)
    }

    func testASecondTapWhileSealingSealsNothingMore() async {
        let vm = viewModel()
        vm.send(.export(documentIds: ["c-1"], label: "c-1"))
        vm.send(.export(documentIds: ["c-2"], label: "c-2"))
        await vm.settle()
        XCTAssertEqual(core.exported, [["c-1"]])
        XCTAssertEqual(vm.state.exported?.fileName, "ruhu-c-1-20261201.ruhu")
    }

    func testALabelWithoutAsciiLettersIsNamedCase() async {
        let vm = viewModel()
        vm.send(.export(documentIds: ["h-1"], label: "郝建国户"))
        await vm.settle()
        XCTAssertEqual(vm.state.exported?.fileName, "ruhu-case-20261201.ruhu")
    }

    func testAFileWithinTheGridsIsPreviewedAndThenImported() async {
        core.preview = BundlePreview(documents: [doc("c-1", inScope: true), doc("h-1", inScope: true)], outsideScope: 0)
        let vm = viewModel()
        vm.send(.received(Data([9])))
        await vm.settle()
        XCTAssertEqual(vm.state.preview?.documents.count, 2)
        XCTAssertFalse(vm.state.needsConsent)
        XCTAssertTrue(vm.state.canImport)
        XCTAssertTrue(core.imports.isEmpty)
        vm.send(.importBundle(includeOutsideScope: false))
        await vm.settle()
        XCTAssertEqual(core.imports, ["plain"])
        XCTAssertEqual(vm.state.imported?.created, 2)
        XCTAssertFalse(vm.state.canImport)
        // The same file is not imported twice.
        vm.send(.importBundle(includeOutsideScope: false))
        await vm.settle()
        XCTAssertEqual(core.imports, ["plain"])
    }

    func testAFileReachingOutsideTheGridsIsImportedOnlyAsTheWorkerAgreed() async {
        core.preview = BundlePreview(documents: [doc("c-1", inScope: true), doc("h-1", inScope: false)], outsideScope: 1)
        let vm = viewModel()
        vm.send(.received(Data([9])))
        await vm.settle()
        XCTAssertTrue(vm.state.needsConsent)
        XCTAssertEqual(vm.state.preview?.documents.filter { !$0.inScope }.map(\.documentId), ["h-1"])
        vm.send(.importBundle(includeOutsideScope: false))
        await vm.settle()
        XCTAssertEqual(core.imports, ["confirmed:false"])
        XCTAssertEqual(vm.state.imported?.skipped, 1)
    }

    func testTheWorkerMayKeepWhatLiesOutsideTheGridsToo() async {
        core.preview = BundlePreview(documents: [doc("c-1", inScope: true), doc("h-1", inScope: false)], outsideScope: 1)
        let vm = viewModel()
        vm.send(.received(Data([9])))
        await vm.settle()
        vm.send(.importBundle(includeOutsideScope: true))
        await vm.settle()
        XCTAssertEqual(core.imports, ["confirmed:true"])
        XCTAssertEqual(vm.state.imported?.created, 2)
        XCTAssertEqual(vm.state.imported?.skipped, 0)
    }

    func testAForeignFileShowsTheCoresWordsAndImportsNothing() async {
        let vm = viewModel()
        vm.send(.received(Data()))
        await vm.settle()
        XCTAssertEqual(vm.state.problem, .words("这不是如户的转交文件"))
        XCTAssertNil(vm.state.preview)
        vm.send(.importBundle(includeOutsideScope: true))
        await vm.settle()
        XCTAssertTrue(core.imports.isEmpty)
    }
}
