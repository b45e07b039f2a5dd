// 修改不一致 on ConflictsViewModel's state: for each field two people changed differently, the
// values side by side (the one shown now first), 用这个 under each, and 都处理完了 once every
// field is chosen. The core's display text is shown as it is (ID numbers masked, money in 元).
// The port of the Android ui's conflicts/ConflictsView.kt.
import RuhuCore
import RuhuViewModels
import SwiftUI

struct ConflictsView: View {
    let model: ConflictsViewModel
    /// 完成 once nothing is left to choose.
    let onDone: () -> Void

    var body: some View {
        let state = model.state
        ScreenColumn(title: L("conflicts_title")) {
            if let problem = state.problem {
                ProblemBox(text: Words.problem(problem)) { model.send(.dismiss) }
                SecondaryButton(label: L("conflicts_retry")) { model.send(.refresh) }
            }
            if state.busy {
                BusyRow(text: state.conflicts.isEmpty ? L("conflicts_loading") : L("conflicts_saving"))
            }
            if state.done {
                BodyText(L("conflicts_done"))
                PrimaryButton(label: L("conflicts_finish"), action: onDone)
            }
            if !state.conflicts.isEmpty { DetailText(L("conflicts_intro")) }
            ForEach(state.conflicts, id: \.path) { conflict in
                SectionTitle(conflict.label)
                // Side by side while they fit; one above the other at the larger text sizes.
                ViewThatFits(in: .horizontal) {
                    HStack(alignment: .top, spacing: 8) { values(conflict, enabled: !state.busy) }
                    VStack(spacing: 8) { values(conflict, enabled: !state.busy) }
                }
            }
        }
        .refreshable {
            // The spinner stays until the read has ended.
            await model.send(.refresh)
            await model.settle()
        }
    }

    @ViewBuilder
    private func values(_ conflict: Conflict, enabled: Bool) -> some View {
        ForEach(Array(conflict.values.enumerated()), id: \.offset) { index, value in
            VStack(alignment: .leading, spacing: 8) {
                DetailText(index == 0 ? L("conflicts_shown_now") : L("conflicts_other_edit"))
                BodyText(value.display)
                Spacer(minLength: 0)
                Button(L("conflicts_choose")) { model.send(.choose(conflict, value)) }
                    .buttonStyle(.bordered)
                    .touchTarget()
                    .disabled(!enabled)
                    .accessibilityLabel(L("conflicts_choose_description", conflict.label, value.display))
            }
            .card()
        }
    }
}
