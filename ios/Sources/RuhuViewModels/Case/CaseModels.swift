// What the case screen shows: the core's case detail (timeline, clocks, the steps this role may
// take now), the step form being filled with the evidence photos picked, and a refused step's
// reason in the core's words.
import Foundation
import RuhuCore

/// The case screen.
public struct CaseState: Equatable {
    /// The case.
    public var caseId: String
    /// Timeline (events), clocks and allowed steps as the core gives them; nil until read.
    public var detail: CaseDetail?
    /// The photos of the case's household and of its cases, newest first (evidence to pick from).
    public var photos: [PhotoRecord] = []
    /// The step form open now, or nil.
    public var step: StepForm?
    /// Whether a read or a step is under way.
    public var busy: Bool = true
    /// The rule a refused step broke (CaseRuleBroken.rule, e.g. backdated_too_far, signatures_missing).
    public var refusedRule: String?
    /// What went wrong; a refused step's reason is the core's words, an amount's problem is
    /// `.fields` naming `amount` or `out_of_pocket_medical`.
    public var problem: Problem?

    /// The steps the worker may take now: the core's allowed actions and nothing else.
    public var allowedSteps: [CaseEventKind] { detail?.allowedActions ?? [] }

    /// The photos the open step must name, as the core offers them (入户调查: the case's
    /// signatures, 公示: the posted notice); nil when the step needs none.
    public var evidence: StepEvidence? {
        guard let step else { return nil }
        return detail?.stepEvidence.first { $0.step == step.kind }
    }

    /// The photos the open step will name: every one the core offers but those the worker
    /// turned off, so a signature made while the form is open (the case is read again on return)
    /// goes with it.
    public var chosenPhotos: [String] {
        let excluded = step?.excludedPhotos ?? []
        return evidence?.photoIds.filter { !excluded.contains($0) } ?? []
    }

    /// The offered evidence photos' records (for their thumbnails), in the core's order; one
    /// whose record this phone lacks is left out.
    public var evidencePhotos: [PhotoRecord] {
        (evidence?.photoIds ?? []).compactMap { id in photos.first { $0.photoId == id } }
    }
}

/// A step form: its fields as typed, when the step happened, and the evidence photos picked.
public struct StepForm: Equatable {
    /// The step.
    public var kind: CaseEventKind
    /// Field to value as typed: note, amount (元), department, investigator.0, investigator.1,
    /// answers, out_of_pocket_medical (元), objection ("1" or ""), meeting.kind (choiceName of
    /// MeetingKind), meeting.participants (one per line), meeting.decision.
    public var fields: [String: String] = [:]
    /// When it happened, Unix ms, when earlier than now; nil means now. The county's window
    /// is the core's to judge (a step too far back is refused with its reason).
    public var happenedAtMs: Int64?
    /// Offered evidence photos the worker turned off (see CaseState.chosenPhotos).
    public var excludedPhotos: Set<String> = []
    /// The value of `field` as typed ("" when none).
    public func value(_ field: String) -> String { fields[field] ?? "" }
}

/// What the worker does on the case screen.
public enum CaseAction {
    /// Opens the form of a step; ignored unless the core allows it now. Its draft is read back.
    case openStep(CaseEventKind)
    /// A field of the open step changed (kept in the step's draft as typed).
    case stepFieldChanged(field: String, value: String)
    /// The step happened at this time (a time not earlier than now means now), or now when nil.
    case happenedAtChosen(Date?)
    /// A photo picked as evidence, or unpicked when it was picked (signatures for 入户调查).
    case photoToggled(photoId: String)
    /// Records the open step; the core checks role, order, money rules, signatures and the window.
    case submitStep
    /// Closes the step form (its draft kept).
    case closeStep
    /// Reads the case again (back from the signature pad or the camera, after a sync).
    case refresh
    /// The problem was read.
    case dismiss
}
