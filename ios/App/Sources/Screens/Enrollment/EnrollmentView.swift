// 登记本机 on EnrollmentViewModel's state: 扫码登记 (the camera reads the county's QR code and
// sends its payload as .qrScanned), or the county's address and the code typed by hand; then the
// worker this phone was enrolled for, or the revocation notice (a sync found the phone revoked).
import RuhuCore
import RuhuViewModels
import SwiftUI

struct EnrollmentView: View {
    let model: EnrollmentViewModel
    /// 开始工作 after enrollment: the app goes to 我的走访.
    let onDone: () -> Void

    @State private var scanning = false

    var body: some View {
        let state = model.state
        ScreenColumn(title: L("enrollment_title")) {
            switch state.step {
            case .form:
                if scanning {
                    QrScannerView { payload in
                        scanning = false
                        model.send(.qrScanned(payload))
                    }
                    SecondaryButton(label: L("action_cancel")) { scanning = false }
                } else {
                    BodyText(L("enrollment_scan_intro"))
                    PrimaryButton(label: L("enrollment_scan"), description: L("enrollment_scan_description")) {
                        scanning = true
                    }
                }
                if let problem = state.problem {
                    ProblemBox(text: Words.problem(problem)) { model.send(.dismiss) }
                }
                SectionTitle(L("enrollment_by_hand"))
                LabeledField(label: L("enrollment_server"), value: state.serverUrl,
                             hint: L("enrollment_server_hint"), keyboard: .URL) { model.send(.serverUrlChanged($0)) }
                LabeledField(label: L("enrollment_code"), value: state.code) { model.send(.codeChanged($0)) }
                PrimaryButton(label: L("enrollment_submit"), enabled: state.canSubmit) { model.send(.submit) }
            case .enrolling:
                BusyRow(text: L("enrollment_enrolling"))
            case .enrolled(let worker):
                BodyText(L("enrollment_done"))
                SectionTitle(worker.displayName)
                DetailText(L("enrollment_worker_id", worker.workerId))
                DetailText(L("enrollment_county", worker.countyCode))
                PrimaryButton(label: L("enrollment_start"), action: onDone)
            case .revoked:
                ProblemBox(text: L("enrollment_revoked"))
                PrimaryButton(label: L("common_ok")) { model.send(.dismiss) }
            }
        }
    }
}
