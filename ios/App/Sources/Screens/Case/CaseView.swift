// 救助案件 on CaseViewModel's state: what the case is, its clocks in words against the present
// minute, the steps this worker's role may take now (the core's allowed actions and nothing
// else), and the timeline, where a step the county did not apply shows its reason. With a step
// open, its form takes the screen: its fields, the evidence the core offers for it (入户调查: the
// case's signatures, 公示: the posted notice; each sent unless turned off), when it happened,
// 保存这一步.
// The port of the Android ui's casescreen/CaseView.kt and StepFormView.kt.
import RuhuCore
import RuhuViewModels
import SwiftUI
import UIKit

/// The rule a step dated too early breaks (CaseRuleBroken.rule): its problem is shown by the time.
private let backdatedTooFar = "backdated_too_far"

struct CaseView: View {
    let model: CaseViewModel
    /// 处理不一致: the conflicts of this case.
    let onOpenConflicts: () -> Void
    /// 签字 on the 入户调查 form: the signing pad for this case.
    let onSign: () -> Void
    /// 拍照 for a step's evidence (公示: the posted notice): the camera for this case, whose
    /// household is given.
    let onPhoto: (String) -> Void

    var body: some View {
        TimelineView(.periodic(from: .now, by: 60)) { context in
            let nowMs = Int64(context.date.timeIntervalSince1970 * 1000)
            let state = model.state
            if let step = state.step {
                StepFormView(model: model, step: step, nowMs: nowMs, onSign: onSign, onPhoto: onPhoto)
            } else {
                ScreenColumn(title: L("case_title")) {
                    if let problem = state.problem {
                        ProblemBox(text: Words.problem(problem)) { model.send(.dismiss) }
                    }
                    if let detail = state.detail {
                        if state.busy { BusyRow(text: L("case_saving")) }
                        CaseHeader(detail: detail, onOpenConflicts: onOpenConflicts)
                        CaseClocks(detail: detail, nowMs: nowMs)
                        SectionTitle(L("case_steps_title"))
                        if state.allowedSteps.isEmpty { DetailText(L("case_steps_none")) }
                        ForEach(state.allowedSteps, id: \.self) { kind in
                            PrimaryButton(label: Words.caseStep(kind), enabled: !state.busy) { model.send(.openStep(kind)) }
                        }
                        SectionTitle(L("case_timeline_title"))
                        if detail.events.isEmpty { DetailText(L("case_timeline_empty")) }
                        ForEach(detail.events, id: \.id) { TimelineEntry(event: $0) }
                        SecondaryButton(label: L("case_refresh")) { model.send(.refresh) }
                    } else if state.busy {
                        BusyRow(text: L("case_loading"))
                    } else {
                        SecondaryButton(label: L("case_retry")) { model.send(.refresh) }
                    }
                }
                .refreshable {
                    // The spinner stays until the read has ended.
                    await model.send(.refresh)
                    await model.settle()
                }
            }
        }
    }
}

private struct CaseHeader: View {
    let detail: CaseDetail
    let onOpenConflicts: () -> Void

    var body: some View {
        let path = Words.casePath(detail.path)
        SectionTitle(L("case_path_line", path.name, path.detail))
        DetailText(L("case_opened_line", Words.time(ms: detail.openedAtMs), Words.caseStatus(detail.status)))
        if let emergency = detail.emergency {
            BodyText(L("case_emergency_line", Words.emergencyKind(emergency.kind), emergency.description))
        }
        DetailText(Words.caseKind(detail.kind))
        if detail.totalPaidFen > 0 { BodyText(L("case_paid", Words.yuanExact(detail.totalPaidFen))) }
        if detail.policyVersion == nil { ProblemBox(text: L("case_policy_missing")) }
        if !detail.conflicts.isEmpty {
            ProblemBox(text: L("case_conflicts_line", detail.conflicts.count))
            SecondaryButton(label: L("case_open_conflicts"), action: onOpenConflicts)
        }
    }
}

private struct CaseClocks: View {
    let detail: CaseDetail
    let nowMs: Int64

    var body: some View {
        if detail.nextDeadlineMs != nil || !detail.clocks.isEmpty {
            SectionTitle(L("case_clocks_title"))
            if let due = detail.nextDeadlineMs {
                let clock = Words.dueClock(minutesLeft: floorMinutes(due - nowMs))
                if detail.overdue || due < nowMs {
                    ProblemBox(text: L("case_deadline_overdue", clock))
                } else {
                    BodyText(L("case_deadline_next", clock, Words.time(ms: due)))
                }
            }
            ForEach(Array(detail.clocks.enumerated()), id: \.offset) { _, c in
                let whereNow = c.state.map(Words.clockState) ?? c.warning ?? L("case_clock_unknown")
                let left = c.dueMs.map {
                    L("case_clock_left_due", Words.dueClock(minutesLeft: floorMinutes($0 - nowMs)), L("case_clock_due", Words.time(ms: $0)))
                } ?? L("case_clock_unknown")
                DetailText(L("case_clock_line", Words.caseClock(c.clock), whereNow, left))
            }
        }
    }
}

/// Whole minutes in `ms`, rounded down (Android's floorDiv).
private func floorMinutes(_ ms: Int64) -> Int64 {
    ms >= 0 ? ms / 60_000 : -((-ms + 59_999) / 60_000)
}

/// One step on the timeline: what, when (and when written up, if later), who, and any refusal.
private struct TimelineEntry: View {
    let event: CaseEventDetail

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            BodyText(L("case_event_head", Words.caseStep(event.kind), Words.time(ms: event.atMs)))
            if let recorded = event.recordedAtMs { DetailText(L("case_event_recorded_later", Words.time(ms: recorded))) }
            DetailText(L("case_event_by", event.actor))
            if let amount = event.amountFen { DetailText(L("case_event_amount", Words.yuanExact(amount))) }
            if let department = event.department { DetailText(L("case_event_department", department)) }
            if !event.note.trimmingCharacters(in: .whitespaces).isEmpty { DetailText(event.note) }
            if let refused = event.conflict { ProblemBox(text: L("case_event_refused", refused)) }
        }
        .card()
    }
}

/// The form of one step.
private struct StepFormView: View {
    let model: CaseViewModel
    let step: StepForm
    let nowMs: Int64
    let onSign: () -> Void
    let onPhoto: (String) -> Void

    var body: some View {
        let state = model.state
        let timeRefused = state.refusedRule == backdatedTooFar
        ScreenColumn(title: L("case_form_title", Words.caseStep(step.kind))) {
            if !timeRefused, let problem = state.problem {
                ProblemBox(text: Words.problem(problem)) { model.send(.dismiss) }
            }
            switch step.kind {
            case .investigated:
                DetailText(L("case_investigators_hint"))
                field("investigator.0", L("case_field_investigator_1"))
                field("investigator.1", L("case_field_investigator_2"))
                SecondaryButton(label: L("case_sign"), action: onSign)
            case .advanceAid, .payment:
                amountField(state)
            case .approved:
                amountField(state)
                field("out_of_pocket_medical", L("ios_case_out_of_pocket"), hint: L("case_field_amount_hint"),
                      keyboard: .decimalPad, problem: state.problem?.reason(for: "out_of_pocket_medical"))
            case .referred:
                field("department", L("case_field_department_referral"))
            case .feedback:
                field("department", L("case_field_department"))
            case .referralAnswered:
                referrals(state)
                field("department", L("case_field_department"))
            case .caseMeeting:
                meeting()
            case .publicityEnded:
                SwitchRow(label: L("ios_case_objection"), on: step.value("objection") == "1") {
                    model.send(.stepFieldChanged(field: "objection", value: $0 ? "1" : ""))
                }
            default:
                EmptyView()
            }
            if let evidence = state.evidence {
                evidenceChoice(evidence, chosen: state.chosenPhotos)
                // Signatures come from the pad (签字 above); other evidence from the camera.
                if evidence.kind != .signature, let householdId = state.detail?.householdId {
                    SecondaryButton(label: L("photo_take")) { onPhoto(householdId) }
                }
            }
            field("note", L("case_field_note"))
            HappenedAt(atMs: step.happenedAtMs, nowMs: nowMs) { ms in
                model.send(.happenedAtChosen(ms.map { Date(timeIntervalSince1970: TimeInterval($0) / 1000) }))
            }
            if timeRefused, let problem = state.problem {
                ProblemBox(text: Words.problem(problem)) { model.send(.dismiss) }
            }
            if state.busy { BusyRow(text: L("case_saving")) }
            PrimaryButton(label: L("case_save_step"), enabled: !state.busy) { model.send(.submitStep) }
            SecondaryButton(label: L("case_back")) { model.send(.closeStep) }
        }
    }

    private func field(_ name: String, _ label: String, hint: String? = nil,
                       keyboard: UIKeyboardType = .default, problem: String? = nil) -> some View {
        LabeledField(label: label, value: step.value(name), hint: hint, problem: problem, keyboard: keyboard) {
            model.send(.stepFieldChanged(field: name, value: $0))
        }
    }

    private func amountField(_ state: CaseState) -> some View {
        field("amount", L("case_field_amount"), hint: L("case_field_amount_hint"), keyboard: .decimalPad,
              problem: state.problem?.reason(for: "amount"))
    }

    /// The photos the core offers for this step (入户调查: the case's signatures, 公示: the posted
    /// notice); each goes with the step unless the worker turns it off. None yet: take or sign
    /// them first (the case is read again on return).
    @ViewBuilder
    private func evidenceChoice(_ evidence: StepEvidence, chosen: [String]) -> some View {
        let words = Words.photoKind(evidence.kind)
        SectionTitle(L("case_evidence_title", words))
        if evidence.photoIds.isEmpty { DetailText(L("case_evidence_none", words)) }
        ForEach(Array(evidence.photoIds.enumerated()), id: \.element) { index, id in
            SwitchRow(label: L("case_evidence_item", words, index + 1), on: chosen.contains(id)) { _ in
                model.send(.photoToggled(photoId: id))
            }
        }
    }

    /// The 转办单 of this case to answer: one choice per referral on the timeline.
    @ViewBuilder
    private func referrals(_ state: CaseState) -> some View {
        SectionTitle(L("case_answers_title"))
        let referrals = (state.detail?.events ?? []).filter { $0.kind == .referred }
        if referrals.isEmpty { DetailText(L("case_answers_none")) }
        ForEach(referrals, id: \.id) { r in
            ChoiceRow(label: L("case_answers_item", Words.time(ms: r.atMs), r.department ?? ""),
                      chosen: step.value("answers") == r.id,
                      detail: r.note.trimmingCharacters(in: .whitespaces).isEmpty ? nil : r.note) {
                model.send(.stepFieldChanged(field: "answers", value: r.id))
            }
        }
    }

    private static func meetingWords(_ kind: MeetingKind) -> String {
        switch kind {
        case .collectiveReview: return L("ios_meeting_collective_review")
        case .caseByCase: return L("ios_meeting_case_by_case")
        case .caseConference: return L("ios_meeting_case_conference")
        }
    }

    @ViewBuilder
    private func meeting() -> some View {
        SectionTitle(L("ios_meeting_kind"))
        ForEach([MeetingKind.collectiveReview, .caseByCase, .caseConference], id: \.self) { kind in
            ChoiceRow(label: Self.meetingWords(kind), chosen: step.value("meeting.kind") == choiceName(kind)) {
                model.send(.stepFieldChanged(field: "meeting.kind", value: choiceName(kind)))
            }
        }
        VStack(alignment: .leading, spacing: 4) {
            Text(L("ios_meeting_participants")).font(.subheadline)
            TextEditor(text: Binding(get: { step.value("meeting.participants") },
                                     set: { model.send(.stepFieldChanged(field: "meeting.participants", value: $0)) }))
                .frame(minHeight: 88)
                .overlay(RoundedRectangle(cornerRadius: 6).stroke(Color.secondary.opacity(0.5)))
                .accessibilityLabel(L("ios_meeting_participants"))
        }
        field("meeting.decision", L("ios_meeting_decision"))
    }
}

/// When the step happened: now, or earlier (written up after the fact). An earlier time starts an
/// hour ago and moves by an hour or ten minutes; it never reaches now. How far back the county
/// allows is the core's to check: a refusal is shown under this.
private struct HappenedAt: View {
    let atMs: Int64?
    let nowMs: Int64
    let choose: (Int64?) -> Void

    private static let minute: Int64 = 60_000
    private static let hour: Int64 = 60 * minute

    var body: some View {
        SectionTitle(L("case_happened_title"))
        ChoiceRow(label: L("case_happened_now"), chosen: atMs == nil) { choose(nil) }
        ChoiceRow(label: L("case_happened_earlier_choice"), chosen: atMs != nil) {
            if atMs == nil { choose(nowMs - Self.hour) }
        }
        if let atMs {
            BodyText(L("case_happened_chosen", Words.time(ms: atMs), Words.span(minutes: floorMinutes(nowMs - atMs))))
            DetailText(L("case_happened_hint"))
            HStack(spacing: 8) {
                SecondaryButton(label: L("case_happened_minus_hour")) { choose(atMs - Self.hour) }
                SecondaryButton(label: L("case_happened_minus_10")) { choose(atMs - 10 * Self.minute) }
            }
            // Later only while it stays earlier than now.
            HStack(spacing: 8) {
                if atMs + 10 * Self.minute < nowMs {
                    SecondaryButton(label: L("case_happened_plus_10")) { choose(atMs + 10 * Self.minute) }
                }
                if atMs + Self.hour < nowMs {
                    SecondaryButton(label: L("case_happened_plus_hour")) { choose(atMs + Self.hour) }
                }
            }
        }
    }
}
