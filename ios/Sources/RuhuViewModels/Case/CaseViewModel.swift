// The case screen's logic, a port of Android's CasePresenter: reads the case from the core,
// opens only the steps the core allows this role now, keeps a step form's fields in the draft
// case/<id>/step/<kind> as typed (the Android app's key), and records the step with
// appendCaseEvent, dated when it happened if earlier and with the evidence photos the core
// offers for it (入户调查: the case's signatures), but those the worker turned off; a refusal
// shows the core's reason and records nothing.
import Foundation
import Observation
import RuhuCore

/// The case screen's logic.
@MainActor
@Observable
public final class CaseViewModel: ScreenViewModel {
    public private(set) var state: CaseState

    @ObservationIgnored private let core: CaseCore
    @ObservationIgnored private let now: @Sendable () -> Date
    @ObservationIgnored private let work = WorkTracker()
    @ObservationIgnored private let drafts = InOrder()

    private static let happenedAt = "happened_at"
    private static let excludedKey = "excluded_photos"

    /// The case `caseId`; reads it (and its household's photos) at once.
    /// - Parameter now: the clock ("earlier than now"), replaceable in tests.
    public init(core: CaseCore, caseId: String, now: @escaping @Sendable () -> Date = { Date() }) {
        self.core = core
        self.now = now
        state = CaseState(caseId: caseId)
        refresh()
    }

    /// The draft key of a step form (case/<id>/step/<kind in snake case>, as on Android).
    public static func draftKey(caseId: String, kind: CaseEventKind) -> String { "case/\(caseId)/step/\(snakeName(kind))" }

    public func send(_ action: CaseAction) {
        switch action {
        case .openStep(let kind):
            open(kind)
        case .stepFieldChanged(let field, let value):
            guard state.step != nil else { return }
            state.step?.fields[field] = value
            draft(field, value)
        case .happenedAtChosen(let date):
            guard state.step != nil else { return }
            var ms: Int64?
            if let date, date < now() { ms = Int64((date.timeIntervalSince1970 * 1000).rounded()) }
            state.step?.happenedAtMs = ms
            draft(Self.happenedAt, ms.map { String($0) } ?? "")
        case .photoToggled(let photoId):
            guard var step = state.step else { return }
            if step.excludedPhotos.contains(photoId) { step.excludedPhotos.remove(photoId) } else { step.excludedPhotos.insert(photoId) }
            state.step = step
            draft(Self.excludedKey, step.excludedPhotos.sorted().joined(separator: ","))
        case .submitStep:
            submit()
        case .closeStep:
            state.step = nil
            state.problem = nil
            state.refusedRule = nil
        case .refresh:
            refresh()
        case .dismiss:
            state.problem = nil
            state.refusedRule = nil
        }
    }

    public func settle() async { await work.settle() }

    private func open(_ kind: CaseEventKind) {
        guard state.allowedSteps.contains(kind) else { return }
        state.step = StepForm(kind: kind)
        state.problem = nil
        state.refusedRule = nil
        let core = self.core
        let key = Self.draftKey(caseId: state.caseId, kind: kind)
        work.run { [weak self] in
            let outcome = await attempt { try core.draft(form: key) }
            guard let self else { return }
            switch outcome {
            case .failure(let problem):
                state.problem = problem
            case .success(let saved):
                guard var step = state.step, step.kind == kind else { return }
                var fields: [String: String] = [:]
                var at: Int64?
                var excluded: Set<String> = []
                for f in saved {
                    switch f.field {
                    case Self.happenedAt: at = Int64(f.value)
                    case Self.excludedKey: excluded = Set(f.value.split(separator: ",").map(String.init))
                    default: fields[f.field] = f.value
                    }
                }
                step.fields = fields.merging(step.fields) { _, typed in typed }
                step.happenedAtMs = step.happenedAtMs ?? at
                if step.excludedPhotos.isEmpty { step.excludedPhotos = excluded }
                state.step = step
            }
        }
    }

    /// Keeps one field of the open step in its draft, after the writes queued before it.
    private func draft(_ field: String, _ value: String) {
        guard let step = state.step else { return }
        let core = self.core
        let key = Self.draftKey(caseId: state.caseId, kind: step.kind)
        let write = drafts.enqueue { try core.saveDraft(form: key, field: field, value: value) }
        work.run { [weak self] in
            if let problem = await write.value { self?.state.problem = problem }
        }
    }

    private struct Loaded: Sendable {
        let detail: CaseDetail
        let photos: [PhotoRecord]
    }

    private func refresh() {
        state.busy = true
        let core = self.core
        let id = state.caseId
        work.run { [weak self] in
            let outcome = await attempt { () -> Loaded in
                let detail = try core.caseDetail(caseId: id)
                return Loaded(detail: detail, photos: try core.photos(householdId: detail.householdId))
            }
            guard let self else { return }
            switch outcome {
            case .success(let loaded):
                state.detail = loaded.detail
                state.photos = loaded.photos
                state.busy = false
            case .failure(let problem):
                state.busy = false
                state.problem = problem
            }
        }
    }

    private func submit() {
        guard let step = state.step, !state.busy else { return }
        let photoIds = state.chosenPhotos
        state.busy = true
        state.problem = nil
        state.refusedRule = nil
        let core = self.core
        let caseId = state.caseId
        let key = Self.draftKey(caseId: caseId, kind: step.kind)
        work.run { [weak self] in
            do {
                let detail = try await offMain { () -> CaseDetail in
                    _ = try core.appendCaseEvent(caseId: caseId, event: try Self.input(step, photoIds: photoIds, core: core))
                    return try core.caseDetail(caseId: caseId)
                }
                guard let self else { return }
                state.detail = detail
                state.step = nil
                state.busy = false
                let discard = drafts.enqueue { try core.discardDraft(form: key) }
                work.run { [weak self] in
                    if let problem = await discard.value { self?.state.problem = problem }
                }
                refresh()
            } catch {
                guard let self else { return }
                state.busy = false
                state.problem = Problem(error)
                if case ApiError.CaseRuleBroken(let rule, _) = error { state.refusedRule = rule }
            }
        }
    }

    /// The step as the core's input; amounts read by the core.
    nonisolated private static func input(_ step: StepForm, photoIds: [String], core: CaseCore) throws -> CaseEventInput {
        let f = step.fields
        func text(_ key: String) -> String? {
            let t = (f[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            return t.isEmpty ? nil : t
        }
        var meeting: MeetingInput?
        if let kindName = text("meeting.kind"), let kind = FormChoices.find(kindName, in: [MeetingKind.collectiveReview, .caseByCase, .caseConference]) {
            let participants = (f["meeting.participants"] ?? "").split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            meeting = MeetingInput(kind: kind, participants: participants, decision: text("meeting.decision") ?? "")
        }
        return CaseEventInput(
            kind: step.kind,
            note: f["note"] ?? "",
            amountFen: try text("amount").map { try core.parseAmount(field: "amount", text: $0) },
            department: text("department"),
            investigators: [text("investigator.0"), text("investigator.1")].compactMap { $0 },
            photoIds: photoIds,
            outOfPocketMedicalFen: try text("out_of_pocket_medical").map { try core.parseAmount(field: "out_of_pocket_medical", text: $0) },
            meeting: meeting,
            answers: text("answers"),
            objection: f["objection"] == "1",
            happenedAtMs: step.happenedAtMs
        )
    }
}
