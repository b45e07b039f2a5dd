// Enrollment: a scanned QR payload or a typed code becomes the core's enroll, off the main actor;
// the state shows the worker, the core's refusal words, or that a revoked phone was wiped.
import Foundation
import Observation
import RuhuCore

/// The enrollment screen's logic.
@MainActor
@Observable
public final class EnrollmentViewModel: ScreenViewModel {
    public private(set) var state: EnrollmentState

    @ObservationIgnored private let core: EnrollmentCore
    @ObservationIgnored private let deviceLabel: String
    @ObservationIgnored private let work = WorkTracker()

    /// - Parameters:
    ///   - deviceLabel: how the county's device list names this phone (its model and name).
    ///   - defaultServerUrl: the county address the app ships with, prefilled for typed codes.
    ///   - revoked: true when the app arrives here because a sync found the phone revoked.
    public init(core: EnrollmentCore, deviceLabel: String, defaultServerUrl: String = "", revoked: Bool = false) {
        self.core = core
        self.deviceLabel = deviceLabel
        state = EnrollmentState(
            serverUrl: defaultServerUrl,
            step: revoked ? .revoked : .form,
            problem: revoked ? .revoked : nil
        )
        if !revoked {
            work.run { [weak self] in
                guard let core = self?.core else { return }
                if case .success(let worker?) = await attempt({ try core.worker() }) {
                    self?.state.step = .enrolled(worker)
                }
            }
        }
    }

    public func send(_ action: EnrollmentAction) {
        switch action {
        case .serverUrlChanged(let text):
            state.serverUrl = text
            state.problem = nil
        case .codeChanged(let text):
            state.code = text
            state.problem = nil
        case .submit:
            if state.canSubmit {
                enroll(serverUrl: state.serverUrl.trimmingCharacters(in: .whitespaces),
                       code: state.code.trimmingCharacters(in: .whitespaces))
            }
        case .qrScanned(let payload):
            scan(payload)
        case .dismiss:
            state.problem = nil
            if state.step == .revoked { state.step = .form }
        }
    }

    public func settle() async { await work.settle() }

    private func scan(_ payload: String) {
        guard state.step == .form else { return }
        let core = self.core
        work.run { [weak self] in
            switch await attempt({ try core.parseEnrollmentQr(payload: payload) }) {
            case .failure(let problem):
                self?.state.problem = problem
            case .success(let target):
                self?.state.serverUrl = target.serverUrl
                self?.state.code = target.code
                self?.enroll(serverUrl: target.serverUrl, code: target.code)
            }
        }
    }

    private func enroll(serverUrl: String, code: String) {
        state.step = .enrolling
        state.problem = nil
        let core = self.core
        let label = deviceLabel
        work.run { [weak self] in
            switch await attempt({ try core.enroll(serverUrl: serverUrl, code: code, deviceLabel: label) }) {
            case .success(let worker):
                self?.state.step = .enrolled(worker)
                self?.state.code = ""
            case .failure(let problem):
                self?.state.step = problem == .revoked ? .revoked : .form
                self?.state.problem = problem
            }
        }
    }
}
