// 设置 on SettingsViewModel's state: the 长辈版 switch (larger text and targets, higher
// contrast), who this phone is enrolled for, the app's version, and 退出本县 — asked twice when it
// would lose work: first here (确定退出), then with the numbers the core gives (confirmLoss).
// The port of the Android ui's SettingsView.kt.
import RuhuCore
import RuhuViewModels
import SwiftUI

struct SettingsView: View {
    let model: SettingsViewModel

    /// The first "确定要退出本县吗？", kept by the view as the open question it is.
    @State private var asking = false

    var body: some View {
        let state = model.state
        ScreenColumn(title: L("settings_view_title")) {
            if let problem = state.problem {
                ProblemBox(text: Words.problem(problem)) { model.send(.dismissProblem) }
            }
            switch state.leaving {
            case .working:
                BusyRow(text: L("settings_view_wiping"))
            case .left:
                BodyText(L("settings_view_left"))
            case .confirmLoss(let documents, let photos):
                ProblemBox(text: L("settings_view_loss_warning", documents, photos))
                PrimaryButton(label: L("settings_view_loss_yes"), danger: true) { model.send(.confirmLeave) }
                SecondaryButton(label: L("settings_view_loss_no")) { model.send(.cancelLeave) }
            case .no:
                if asking {
                    ProblemBox(text: L("settings_view_leave_warning"))
                    BodyText(L("settings_view_leave_question"))
                    PrimaryButton(label: L("settings_view_leave_yes"), danger: true) {
                        asking = false
                        model.send(.leave)
                    }
                    SecondaryButton(label: L("common_cancel")) { asking = false }
                } else {
                    SwitchRow(label: L("settings_view_elder"), on: state.elderMode,
                              detail: L("settings_view_elder_detail")) { model.send(.elderModeChanged($0)) }
                    SectionTitle(L("settings_view_about"))
                    if let name = state.workerName { BodyText(L("settings_view_worker", name)) }
                    DetailText(L("settings_view_version", state.version))
                    SectionTitle(L("settings_view_leave_section"))
                    DetailText(L("settings_view_leave_when"))
                    PrimaryButton(label: L("settings_view_leave"), danger: true) { asking = true }
                }
            }
        }
    }
}
