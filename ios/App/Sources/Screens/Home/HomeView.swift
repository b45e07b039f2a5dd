// 我的走访 on HomeViewModel's state: the large 发现急难 action above the visit tasks in the
// core's order, each with its urgency and clock in words (the port of the Android ui's
// home/HomeView.kt). Opening a task and 发现急难 are actions; the view model says where to go.
import RuhuCore
import RuhuViewModels
import SwiftUI

struct HomeView: View {
    let model: HomeViewModel

    /// The visit being closed in the sheet (done or not needed, with a note).
    @State private var closing: VisitItem?
    @State private var note = ""

    var body: some View {
        let state = model.state
        ScreenColumn(title: L("home_title")) {
            HStack {
                if let name = state.workerName { BodyText(name) }
                Spacer()
                Button(L("home_refresh")) { model.send(.refresh) }
                    .buttonStyle(.bordered)
                    .touchTarget()
            }
            Button {
                model.send(.reportEmergency)
            } label: {
                Text(L("home_report_emergency"))
                    .font(.title3.weight(.bold))
                    .frame(maxWidth: .infinity)
                    .padding(.vertical, 8)
            }
            .buttonStyle(.borderedProminent)
            .tint(.red)
            .touchTarget()
            if let problem = state.problem {
                ProblemBox(text: Words.problem(problem)) { model.send(.dismissProblem) }
            }
            if state.checking { BusyRow(text: L("home_checking")) }
            if state.waitingForCalendar > 0 {
                ProblemBox(text: L("home_waiting_for_calendar", state.waitingForCalendar))
            }
            if state.loading && state.visits.isEmpty {
                BusyRow(text: L("home_loading"))
            } else if state.visits.isEmpty && state.problem == nil {
                BodyText(L("home_empty")).padding(.top, 24)
            } else {
                LazyVStack(spacing: 8) {
                    ForEach(state.visits) { visit in
                        VisitRow(visit: visit) { model.send(.openHousehold(id: visit.householdId)) }
                        if state.closingTaskId == visit.id {
                            BusyRow(text: L("ios_visit_closing"))
                        } else {
                            SecondaryButton(label: L("ios_visit_close"), enabled: state.closingTaskId == nil) {
                                closing = visit
                            }
                        }
                    }
                }
            }
        }
        .refreshable {
            // The spinner stays until the read has ended.
            await model.send(.refresh)
            await model.settle()
        }
        .sheet(item: $closing, onDismiss: { note = "" }) { visit in
            NavigationStack {
                ScreenColumn(title: L("ios_visit_close")) {
                    BodyText(visit.reason)
                    if !visit.household.isEmpty { DetailText(visit.household) }
                    LabeledField(label: L("ios_visit_note"), value: note) { note = $0 }
                    PrimaryButton(label: L("ios_visit_done")) {
                        model.send(.closeTask(taskId: visit.id, done: true, note: note))
                        closing = nil
                    }
                    SecondaryButton(label: L("ios_visit_not_needed")) {
                        model.send(.closeTask(taskId: visit.id, done: false, note: note))
                        closing = nil
                    }
                    SecondaryButton(label: L("action_cancel")) { closing = nil }
                }
            }
        }
    }
}

/// One visit task as a row; tapping it opens the household.
private struct VisitRow: View {
    let visit: VisitItem
    let onOpen: () -> Void

    var body: some View {
        Button(action: onOpen) {
            HStack(alignment: .top, spacing: 12) {
                Text(Words.urgency(visit.urgency))
                    .font(.subheadline.weight(.semibold))
                    .padding(.horizontal, 8).padding(.vertical, 4)
                    .background(Color.accentColor.opacity(0.15), in: RoundedRectangle(cornerRadius: 6))
                VStack(alignment: .leading, spacing: 4) {
                    Text(visit.reason).font(.headline)
                    if !visit.household.isEmpty { Text(visit.household).font(.body) }
                    Text(L("home_due_on", visit.dueOn)).font(.subheadline).secondaryText()
                    ClockLine(clock: visit.clock)
                }
                Spacer(minLength: 0)
            }
            .multilineTextAlignment(.leading)
            .card()
        }
        .buttonStyle(.plain)
        .touchTarget()
        .accessibilityElement(children: .combine)
        .accessibilityHint(L("common_open"))
    }
}

/// A clock's state in words; overdue with a ⚠ mark in the warning colour.
struct ClockLine: View {
    let clock: ClockState

    var body: some View {
        if clock == .overdue {
            Text(L("home_overdue_mark", Words.clockState(clock))).font(.subheadline.weight(.semibold)).warningText()
        } else {
            Text(Words.clockState(clock)).font(.subheadline).foregroundStyle(Color.accentColor)
        }
    }
}
