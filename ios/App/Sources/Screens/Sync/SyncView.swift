// 同步 on SyncViewModel's state: 开始同步 or 停止同步, how far a running sync got, when the last
// one finished and what it did, the photos still waiting, and the documents the county refused
// with what to do and a way to send each again (the port of the Android ui's SyncView.kt).
import RuhuCore
import RuhuViewModels
import SwiftUI

struct SyncView: View {
    let model: SyncViewModel

    var body: some View {
        let state = model.state
        ScreenColumn(title: L("sync_view_title")) {
            if state.running {
                BusyRow(text: state.cancelling ? L("sync_view_stopping") : L("sync_view_running"))
                if let progress = state.progress {
                    DetailText(L("sync_view_progress", progress.roundTrips, progress.documentsSent, progress.documentsReceived))
                    if progress.more { DetailText(L("sync_view_more")) }
                }
                if !state.cancelling {
                    SecondaryButton(label: L("sync_view_stop")) { model.send(.cancel) }
                }
            } else {
                PrimaryButton(label: L("sync_view_start")) { model.send(.start) }
            }
            if let problem = state.problem {
                ProblemBox(text: Words.problem(problem)) { model.send(.dismissProblem) }
            }
            SectionTitle(L("sync_view_last"))
            if let last = state.lastSyncAtMs {
                BodyText(Words.time(ms: last))
                if let report = state.lastReport {
                    DetailText(L("sync_view_report", report.documentsSent, report.documentsReceived, report.photosSent))
                    if report.newConflicts > 0 {
                        DetailText(L("sync_view_new_conflicts", report.newConflicts))
                    }
                }
            } else {
                BodyText(L("sync_view_never"))
            }
            SectionTitle(L("sync_view_waiting"))
            if state.photosWaiting.files == 0 {
                BodyText(L("sync_view_no_photos"))
            } else {
                BodyText(L("sync_view_photos", state.photosWaiting.files, Words.megabytes(state.photosWaiting.bytes)))
            }
            if !state.refused.isEmpty {
                SectionTitle(L("sync_view_refused", state.refused.count))
                ForEach(state.refused, id: \.documentId) { document in
                    VStack(alignment: .leading, spacing: 8) {
                        ProblemBox(text: L("sync_view_refused_item", document.reason, Words.refusalAction(document.action)))
                        if state.retrying.contains(document.documentId) {
                            BusyRow(text: L("ios_sync_retrying"))
                        } else {
                            SecondaryButton(label: L("ios_sync_retry"), enabled: !state.running) {
                                model.send(.retry(documentId: document.documentId))
                            }
                        }
                    }
                }
            }
        }
        .refreshable { await model.send(.refresh) }
        .onAppear { model.send(.refresh) }
    }
}
