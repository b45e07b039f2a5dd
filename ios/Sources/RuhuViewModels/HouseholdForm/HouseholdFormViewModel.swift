// The household form's logic, a port of Android's HouseholdFormPresenter: every change kept in
// the store's draft as typed (one writer, in order), the draft read back field for field when
// the form opens again (after the app was killed), ID numbers checked by the core as typed, the
// core's economics figures as the worker types, and saving through the core's own commands,
// its field problems shown by field and the draft discarded once all is saved.
import Foundation
import Observation
import RuhuCore

/// The household form's logic (register and edit).
@MainActor
@Observable
public final class HouseholdFormViewModel: ScreenViewModel {
    public private(set) var state: HouseholdFormState

    @ObservationIgnored private let core: HouseholdFormCore
    @ObservationIgnored private let work = WorkTracker()
    /// The last draft operation queued: each waits for the one before, so writes reach the
    /// store in the order typed and the discard never overtakes a write.
    @ObservationIgnored private let drafts = InOrder()
    @ObservationIgnored private var pendingWrites = 0
    @ObservationIgnored private var previewTurn = 0
    /// The last preview queued: previews run one at a time, and one that a newer preview has
    /// overtaken before its turn never asks the core (a cheap phone computes only what shows).
    @ObservationIgnored private var previewTail: Task<Void, Never>?

    /// A new registration's draft key (household/new/<uuid>, as the Android app names it).
    public static func newFormKey() -> String { "household/new/" + UUID().uuidString.lowercased() }

    /// The draft key for editing `householdId` (household/<id>/profile, as the Android app names it).
    public static func editFormKey(householdId: String) -> String { "household/\(householdId)/profile" }

    /// The form on `formKey`; with `householdId` it edits that household (its saved values
    /// first, the draft over them), without it registers a new one. Reads at once.
    /// - Parameters:
    ///   - formKey: `newFormKey()` for a new registration (kept by the app while the form is
    ///     open, so a relaunch finds its draft), `editFormKey(householdId:)` for an edit.
    public init(core: HouseholdFormCore, formKey: String, householdId: String? = nil) {
        self.core = core
        state = HouseholdFormState(formKey: formKey, householdId: householdId)
        load()
    }

    public func send(_ action: HouseholdFormAction) {
        switch action {
        case .fieldChanged(let field, let value):
            set([(field, value)])
        case .placeChosen(let place):
            set([(FormFields.village, place.villageCode), (FormFields.grid, place.gridCode)])
        case .locationFixed(let latitude, let longitude, let accuracy):
            set([(FormFields.location, "\(latitude),\(longitude),\(accuracy)")])
        case .addMember:
            let i = state.memberCount
            set(FormFields.newMember(i) + [(FormFields.memberCount, String(i + 1))])
        case .memberStatusChanged(let index, let status):
            set([(FormFields.member(index, "status"), choiceName(status))])
        case .addSupporter:
            set([(FormFields.supporterCount, String(state.supporterCount + 1))])
        case .save:
            save()
        case .dismiss:
            state.problem = nil
        }
    }

    public func settle() async { await work.settle() }

    // MARK: - Reading

    private struct Loaded: Sendable {
        let places: [Place]
        let line: Int64?
        let saved: HouseholdDetail?
        let draft: [DraftField]
    }

    private func load() {
        let core = self.core
        let key = state.formKey
        let id = state.householdId
        work.run { [weak self] in
            let outcome = await attempt { () -> Loaded in
                Loaded(
                    places: try core.places(),
                    line: try core.countyPolicy()?.dibaoMonthlyPerPersonFen,
                    saved: try id.map { try core.household(householdId: $0) },
                    draft: try core.draft(form: key)
                )
            }
            guard let self else { return }
            switch outcome {
            case .failure(let problem):
                state.loading = false
                state.problem = problem
            case .success(let loaded):
                var fields = loaded.saved?.formFields() ?? [:]
                for f in loaded.draft { fields[f.field] = f.value }
                fields.merge(state.fields) { _, typed in typed }
                state.fields = fields
                state.places = loaded.places
                state.dibaoLineFen = loaded.line
                state.economics = loaded.saved?.economicsSummary
                state.loading = false
                for (k, v) in fields where isIdField(k) { checkId(k, v) }
                preview()
            }
        }
    }

    // MARK: - Typing

    /// Takes the values into the form and queues them for the draft, in the order given.
    private func set(_ values: [(String, String)]) {
        for (k, v) in values {
            state.fields[k] = v
            state.fieldProblems[k] = nil
        }
        state.saved = false
        let core = self.core
        let key = state.formKey
        pendingWrites += 1
        state.draftPending = true
        let write = drafts.enqueue { for (k, v) in values { try core.saveDraft(form: key, field: k, value: v) } }
        work.run { [weak self] in
            let problem = await write.value
            guard let self else { return }
            if let problem { state.problem = problem }
            pendingWrites -= 1
            if pendingWrites == 0 { state.draftPending = false }
        }
        for (k, v) in values where isIdField(k) { checkId(k, v) }
        if values.contains(where: { changesEconomics($0.0) }) { preview() }
    }

    /// Economics amounts, and the members counted in 人均 (how many, and who is present).
    private func changesEconomics(_ key: String) -> Bool {
        key.hasPrefix("economics.") || key == FormFields.memberCount || key.hasSuffix(".status")
    }

    private func isIdField(_ key: String) -> Bool { key.hasSuffix(".id_number") }

    /// The core's figures for the form as typed. An amount the core cannot read yet keeps the
    /// last figures (its problem shows when saving). Previews run in turn, newest last: one
    /// overtaken before it starts is skipped, and an answer for older values is dropped.
    private func preview() {
        previewTurn += 1
        let turn = previewTurn
        let core = self.core
        let reader = FormReader(fields: state.fields, amount: { try core.parseAmount(field: $0, text: $1) })
        let previous = previewTail
        let task = Task { @MainActor [weak self] in
            _ = await previous?.value
            guard let self, previewTurn == turn else { return }
            let outcome = await attempt { () -> EconomicsPreview? in
                guard let economics = try? reader.economics() else { return nil }
                return try core.economicsPreview(economics: economics, presentMembers: reader.presentMembers)
            }
            guard previewTurn == turn, case .success(let preview?) = outcome else { return }
            state.economics = preview.summary
            state.dibaoLineFen = preview.dibaoMonthlyPerPersonFen ?? state.dibaoLineFen
            state.belowDibao = preview.belowDibao
        }
        previewTail = task
        work.run { await task.value }
    }

    /// Asks the core about the number as typed; an answer for an older text is dropped. A valid
    /// member's number fills the birth date and sex while they are still empty.
    private func checkId(_ key: String, _ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            state.idChecks[key] = nil
            return
        }
        let core = self.core
        work.run { [weak self] in
            let outcome = await attempt { try core.checkIdNumber(text: trimmed) }
            guard let self, state.fields[key] == text else { return }
            switch outcome {
            case .success(let info):
                state.idChecks[key] = .valid(info)
                if key.hasPrefix("members.") {
                    let row = String(key.dropLast(".id_number".count))
                    var fill: [(String, String)] = []
                    if state.value("\(row).birth_date").trimmingCharacters(in: .whitespaces).isEmpty {
                        fill.append(("\(row).birth_date", info.birthDate))
                    }
                    if state.value("\(row).sex").trimmingCharacters(in: .whitespaces).isEmpty {
                        fill.append(("\(row).sex", choiceName(info.sex)))
                    }
                    if !fill.isEmpty { set(fill) }
                }
            case .failure(.fields(let problems)) where !problems.isEmpty:
                state.idChecks[key] = .invalid(problems[0].reason)
            case .failure(.words(let words)):
                state.idChecks[key] = .invalid(words)
            case .failure:
                state.idChecks[key] = nil
            }
        }
    }

    // MARK: - Saving

    private func save() {
        guard !state.saving else { return }
        state.saving = true
        state.problem = nil
        state.fieldProblems = [:]
        work.run { [weak self] in await self?.runSave() }
    }

    private func runSave() async {
        let core = self.core
        let amount: @Sendable (String, String) throws -> Int64 = { try core.parseAmount(field: $0, text: $1) }
        var at = "" // the prefix the core's field names need to find their form field
        do {
            guard let worker = try await offMain({ try core.worker() }) else {
                state.saving = false
                state.problem = .notEnrolled
                return
            }
            let fields = state.fields
            let places = state.places
            let read = FormReader(fields: fields, amount: amount)
            let profile = try read.profile(countyCode: worker.countyCode) { code in
                places.first { $0.villageCode == code }?.villageName ?? ""
            }
            let id: String
            if let existing = state.householdId {
                id = existing
                try await offMain { try core.updateHousehold(householdId: existing, profile: profile) }
                for i in 0..<read.members {
                    at = "members.\(i)."
                    let member = try read.member(i)
                    if let memberId = read.memberId(i) {
                        try await offMain { try core.updateMember(householdId: id, memberId: memberId, member: member) }
                    } else {
                        let memberId = try await offMain { try core.addMember(householdId: id, member: member) }
                        set([(FormFields.member(i, "member_id"), memberId)])
                    }
                }
            } else {
                let members = try (0..<read.members).map { try read.member($0) }
                id = try await offMain { try core.createHousehold(profile: profile, members: members) }
                state.householdId = id
                let created = try await offMain { try core.household(householdId: id) }
                let ids = memberIds(created, rows: members.map { ($0.name, $0.birthDate) })
                if !ids.isEmpty { set(ids) }
            }
            let current = FormReader(fields: state.fields, amount: amount)
            for i in 0..<current.supporters {
                at = "supporters.\(i)."
                let supporter = try await offMain { try current.supporter(i) }
                if let supporterId = current.supporterId(i) {
                    try await offMain { try core.updateSupporter(householdId: id, supporterId: supporterId, supporter: supporter) }
                } else {
                    let supporterId = try await offMain { try core.addSupporter(householdId: id, supporter: supporter) }
                    set([(FormFields.supporter(i, "supporter_id"), supporterId)])
                }
            }
            at = "economics."
            let economics = try await offMain { try current.economics() }
            try await offMain { try core.setEconomics(householdId: id, economics: economics) }
            at = ""
            let key = state.formKey
            if let problem = await drafts.enqueue({ try core.discardDraft(form: key) }).value {
                state.saving = false
                state.problem = problem
                return
            }
            let detail = try await offMain { try core.household(householdId: id) }
            state.saving = false
            state.saved = true
            state.householdId = id
            state.economics = detail.economicsSummary
            preview()
        } catch let error as FormError {
            state.saving = false
            state.fieldProblems = [error.field: error.issue]
        } catch ApiError.InvalidInput(let problems) {
            state.saving = false
            var byField: [String: FieldIssue] = [:]
            for p in problems { byField[formKey(at, p.field)] = .words(p.reason) }
            state.fieldProblems = byField
        } catch {
            state.saving = false
            state.problem = Problem(error)
        }
    }

    /// The member ids of a just-registered household, row by row (matched by name and birth date).
    private func memberIds(_ created: HouseholdDetail, rows: [(String, String)]) -> [(String, String)] {
        var left = created.members
        var ids: [(String, String)] = []
        for (i, row) in rows.enumerated() {
            let name = row.0.trimmingCharacters(in: .whitespaces), birth = row.1.trimmingCharacters(in: .whitespaces)
            guard let hit = left.firstIndex(where: { $0.member.name == name && $0.member.birthDate == birth }) else { continue }
            ids.append((FormFields.member(i, "member_id"), left[hit].memberId))
            left.remove(at: hit)
        }
        return ids
    }

    /// The form key of a core field problem raised while saving under `prefix`.
    private func formKey(_ prefix: String, _ coreField: String) -> String {
        let field = coreField.replacingOccurrences(of: "health.disability.grade", with: "disability_grade")
        return field.hasPrefix(prefix) || field.hasPrefix("economics.") || field.hasPrefix("members.")
            || field.hasPrefix("supporters.") ? field : prefix + field
    }
}
