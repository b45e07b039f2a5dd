// Handover by file on HandoverViewModel's state: for a household or case being sent, the bundle
// being sealed and then 发送给同事 (the app opens the share sheet over a temporary file); for a file
// received, what it holds and how much lies outside this phone's grids, then 导入 (or 全部导入 when
// the worker agrees to keep those too), and what the import did. The port of the Android app's
// ReceiveBundleScreen.kt and its share action.
import RuhuCore
import RuhuViewModels
import SwiftUI

struct HandoverView: View {
    let model: HandoverViewModel
    /// The sealed bundle is ready: the app shows the share sheet, then sends .exportShared.
    let onShare: (ExportedBundle) -> Void
    /// 完成 / 取消: the screen is left.
    let onDone: () -> Void

    var body: some View {
        let state = model.state
        ScreenColumn(title: state.preview != nil || state.imported != nil
                     ? L("handover_received_title") : L("handover_share_title")) {
            if let problem = state.problem {
                ProblemBox(text: Words.problem(problem)) { model.send(.dismissProblem) }
            }
            if let report = state.imported {
                BodyText(L("handover_imported", report.created, report.updated, report.newConflicts))
                PrimaryButton(label: L("action_done"), action: onDone)
            } else if let preview = state.preview {
                BodyText(L("handover_preview", preview.documents.count))
                if preview.outsideScope > 0 {
                    ProblemBox(text: L("handover_outside_scope", preview.outsideScope))
                    PrimaryButton(label: L("handover_import_all"), enabled: state.canImport) {
                        model.send(.importBundle(includeOutsideScope: true))
                    }
                }
                PrimaryButton(label: L("handover_import"), enabled: state.canImport) {
                    model.send(.importBundle(includeOutsideScope: false))
                }
                SecondaryButton(label: L("action_cancel"), action: onDone)
            } else if let exported = state.exported {
                PrimaryButton(label: L("ios_handover_send")) { onShare(exported) }
                SecondaryButton(label: L("action_cancel"), action: onDone)
            } else if state.busy {
                BusyRow(text: L("ios_handover_preparing"))
            } else {
                SecondaryButton(label: L("ios_close"), action: onDone)
            }
        }
    }
}
