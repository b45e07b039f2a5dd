// 设置: 长辈版, the app's version, and leaving the county. Leaving asks the core first; when
// the county still lacks some of this phone's work the worker is told how much and must confirm
// losing it before anything is wiped.
import Foundation
import Observation
import RuhuCore

/// The settings screen's logic.
@MainActor
@Observable
public final class SettingsViewModel: ScreenViewModel {
    public private(set) var state: SettingsState

    @ObservationIgnored private let core: SettingsCore
    @ObservationIgnored private let store: SettingsStore
    @ObservationIgnored private let work = WorkTracker()

    /// - Parameters:
    ///   - store: where 长辈版 is kept (UserDefaultsSettingsStore in the app).
    ///   - version: the app's version, as shown.
    public init(core: SettingsCore, store: SettingsStore, version: String) {
        self.core = core
        self.store = store
        state = SettingsState(elderMode: store.elderMode(), version: version)
        work.run { [weak self] in
            switch await attempt({ try core.worker() }) {
            case .success(let worker): self?.state.workerName = worker?.displayName
            case .failure(let problem): self?.state.problem = problem
            }
        }
    }

    public func send(_ action: SettingsAction) {
        switch action {
        case .elderModeChanged(let on):
            store.setElderMode(on)
            state.elderMode = on
        case .leave:
            leave(evenUnsynced: false)
        case .confirmLeave:
            guard case .confirmLoss = state.leaving else { return }
            leave(evenUnsynced: true)
        case .cancelLeave:
            if case .confirmLoss = state.leaving { state.leaving = .no }
        case .dismissProblem:
            state.problem = nil
        }
    }

    public func settle() async { await work.settle() }

    private func leave(evenUnsynced: Bool) {
        guard state.leaving != .working, state.leaving != .left else { return }
        state.leaving = .working
        state.problem = nil
        let core = self.core
        work.run { [weak self] in
            let outcome = await attempt { try core.leaveCounty(evenUnsynced: evenUnsynced) }
            guard let self else { return }
            switch outcome {
            case .success:
                self.state.leaving = .left
                self.state.workerName = nil
            case .failure(.unsyncedWork(let documents, let photos)):
                self.state.leaving = .confirmLoss(documents: documents, photos: photos)
            case .failure(let problem):
                self.state.leaving = .no
                self.state.problem = problem
            }
        }
    }
}
