// Between phones and the county, through the view models: a conflict two phones of one worker
// made is shown and settled on both, a case handed to a colleague by file is previewed and
// imported there, a phone revoked on the console is wiped at its next sync, and a form typed
// halfway comes back field for field after the app was killed.
import Foundation
import RuhuCore
@testable import RuhuViewModels
import XCTest

@MainActor
final class RealExchangeTests: XCTestCase {
    /// Edits the household's contact phone through the household form, as the worker would.
    private func editPhone(_ phone: RealPhone, _ householdId: String, _ number: String) async throws {
        let form = HouseholdFormViewModel(core: phone.store, formKey: HouseholdFormViewModel.editFormKey(householdId: householdId),
                                          householdId: householdId)
        await form.settle()
        XCTAssertFalse(form.state.value(FormFields.member(0, "name")).isEmpty, "the form opened with the household")
        form.send(.fieldChanged(field: FormFields.phone, value: number))
        form.send(.save)
        await form.settle()
        XCTAssertNil(form.state.problem)
        XCTAssertEqual(form.state.fieldProblems, [:])
    }

    func testAConflictBetweenTwoPhonesOfOneWorkerIsShownAndSettledOnBoth() async throws {
        let console = try RealCounty.console()
        let a = try await RealPhone.gridWorker("w-402", console: console)
        let b = try await RealPhone.gridWorker("w-402", console: console)
        await a.syncOk()
        await b.syncOk()
        let householdId = try a.household().id
        try await editPhone(a, householdId, "13800000001")
        try await editPhone(b, householdId, "13900000002")
        await a.syncOk()
        await b.syncOk()
        await a.syncOk()

        let screen = HouseholdViewModel(core: b.store, householdId: householdId)
        await screen.settle()
        XCTAssertGreaterThanOrEqual(screen.state.conflictCount, 1, "no conflict badge on the second phone")
        let conflicts = ConflictsViewModel(core: b.store, documentId: householdId)
        await conflicts.settle()
        let conflict = try XCTUnwrap(conflicts.state.conflicts.first { $0.path.contains("contact_phone") })
        XCTAssertEqual(conflict.values.count, 2, "both values side by side")
        let chosen = try XCTUnwrap(conflict.values.first { $0.valueJson.contains("13900000002") })
        conflicts.send(.choose(conflict, chosen))
        await conflicts.settle()
        XCTAssertNil(conflicts.state.problem)
        XCTAssertFalse(conflicts.state.conflicts.contains { $0.path == conflict.path })
        await b.syncOk()
        await a.syncOk()
        for phone in [a, b] {
            let detail = try phone.store.household(householdId: householdId)
            XCTAssertEqual(detail.profile.contactPhone, "13900000002")
            XCTAssertFalse(detail.conflicts.contains { $0.path.contains("contact_phone") }, "still open: \(detail.conflicts)")
        }
    }

    func testACaseHandedToAColleagueByFileIsPreviewedImportedAndSeenThere() async throws {
        let console = try RealCounty.console()
        let giver = try await RealPhone.gridWorker("w-403", console: console)
        await giver.syncOk()
        let handed = try XCTUnwrap(try giver.store.listCases(query: CaseQuery(limit: 1)).first, "no case in G01-1")
        let out = HandoverViewModel(core: giver.store)
        out.send(.export(documentIds: [handed.id], label: "case"))
        await out.settle()
        let file = try XCTUnwrap(out.state.exported, "export failed: \(String(describing: out.state.problem))")
        XCTAssertTrue(file.fileName.hasSuffix(".ruhu"), file.fileName)
        out.send(.exportShared)
        XCTAssertNil(out.state.exported, "the bytes are let go once shared")

        // The colleague enrolled but has not synced: the case reaches the phone by the file alone.
        let colleague = try await RealPhone.gridWorker("w-404", console: console)
        XCTAssertFalse(try colleague.store.listCases(query: CaseQuery(limit: 50)).contains { $0.id == handed.id })
        let into = HandoverViewModel(core: colleague.store)
        into.send(.received(file.bytes))
        await into.settle()
        let preview = try XCTUnwrap(into.state.preview, "preview failed: \(String(describing: into.state.problem))")
        XCTAssertTrue(preview.documents.contains { $0.documentId == handed.id && $0.created })
        XCTAssertEqual(preview.outsideScope, 0)
        XCTAssertTrue(into.state.canImport)
        into.send(.importBundle(includeOutsideScope: false))
        await into.settle()
        let report = try XCTUnwrap(into.state.imported, "import failed: \(String(describing: into.state.problem))")
        XCTAssertGreaterThanOrEqual(report.created, 1)
        XCTAssertEqual(try colleague.store.caseDetail(caseId: handed.id).householdId, handed.householdId)
    }

    func testAPhoneRevokedOnTheConsoleIsWipedAtItsNextSyncAndEnrollmentSaysSo() async throws {
        let console = try RealCounty.console()
        let phone = try await RealPhone.gridWorker("w-405", console: console)
        await phone.syncOk()
        XCTAssertFalse(try phone.store.searchHouseholds(query: HouseholdQuery(limit: 5)).isEmpty)
        try console.revokeDevice(of: "w-405")
        let after = await phone.syncOnce()
        XCTAssertTrue(after.revoked, "problem: \(String(describing: after.problem))")
        XCTAssertNil(try phone.store.worker())
        XCTAssertEqual(try phone.store.searchHouseholds(query: HouseholdQuery(limit: 5)), [])
        let enrollment = EnrollmentViewModel(core: phone.store, deviceLabel: "测试 iPhone", revoked: true)
        await enrollment.settle()
        XCTAssertEqual(enrollment.state.step, .revoked)
        XCTAssertEqual(enrollment.state.problem, .revoked)
    }

    func testAFormTypedHalfwayComesBackFieldForFieldAfterTheAppWasKilled() async throws {
        let console = try RealCounty.console()
        let phone = try await RealPhone.gridWorker("w-406", console: console)
        await phone.syncOk()
        let formKey = HouseholdFormViewModel.newFormKey()
        var typed: HouseholdFormState
        do {
            let form = HouseholdFormViewModel(core: phone.store, formKey: formKey)
            await form.settle()
            let place = try XCTUnwrap(form.state.places.first)
            form.send(.placeChosen(place))
            form.send(.fieldChanged(field: FormFields.address, value: "5组12号"))
            form.send(.fieldChanged(field: FormFields.housing, value: choiceName(Housing.ownedUnsafe)))
            form.send(.fieldChanged(field: "categories.low_income", value: "1"))
            form.send(.addMember)
            form.send(.fieldChanged(field: FormFields.member(0, "name"), value: "邹德旺"))
            form.send(.fieldChanged(field: FormFields.member(0, "relation"), value: choiceName(Relation.head)))
            form.send(.fieldChanged(field: FormFields.member(0, "id_number"), value: RealCounty.idNumber(birth: "1968-05-12", sequence: 515)))
            form.send(.addMember)
            form.send(.fieldChanged(field: FormFields.member(1, "name"), value: "韦春"))
            form.send(.fieldChanged(field: FormFields.member(1, "name"), value: "韦春花"))
            form.send(.fieldChanged(field: FormFields.member(1, "relation"), value: choiceName(Relation.spouse)))
            form.send(.fieldChanged(field: FormFields.member(1, "id_number"), value: RealCounty.idNumber(birth: "1970-09-30", sequence: 624)))
            form.send(.fieldChanged(field: "economics.medical", value: "3000.50"))
            await form.settle()
            typed = form.state
            XCTAssertFalse(typed.draftPending)
            XCTAssertEqual(typed.idChecks.count, 2)
        }
        // The app is killed: the view model and the store are dropped, the same file reopened.
        let reopened = try RuhuStore.open(path: phone.path, key: phone.key)
        XCTAssertTrue(try reopened.drafts().contains { $0.form == formKey })
        let again = HouseholdFormViewModel(core: reopened, formKey: formKey)
        await again.settle()
        XCTAssertNil(again.state.problem)
        XCTAssertEqual(again.state.fields, typed.fields)
        XCTAssertEqual(again.state.idChecks, typed.idChecks)
        XCTAssertEqual(again.state.value(FormFields.member(1, "name")), "韦春花")
        XCTAssertEqual(again.state.economics, typed.economics)

        again.send(.save)
        await again.settle()
        XCTAssertNil(again.state.problem)
        let householdId = try XCTUnwrap(again.state.householdId, "problems: \(again.state.fieldProblems)")
        XCTAssertEqual(try reopened.household(householdId: householdId).members.map(\.member.name), ["邹德旺", "韦春花"])
        XCTAssertFalse(try reopened.drafts().contains { $0.form == formKey })
    }
}
