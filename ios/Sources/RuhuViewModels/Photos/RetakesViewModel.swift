// 需重拍, a port of Android's RetakesPresenter: the photos a supervisor sent back, with their
// reasons. A retake is a new photo of the same kind and caption on the same record that names
// the old one (the core's retakePhoto, one transaction); the old photo keeps the supervisor's
// review and leaves the list.
import Foundation
import Observation
import RuhuCore

/// The retakes list's logic.
@MainActor
@Observable
public final class RetakesViewModel: ScreenViewModel {
    public private(set) var state = RetakesState()

    @ObservationIgnored private let core: RetakesCore
    @ObservationIgnored private let work = WorkTracker()

    /// The retakes list; reads it at once.
    public init(core: RetakesCore) {
        self.core = core
        refresh()
    }

    public func send(_ action: RetakesAction) {
        switch action {
        case .retaken(let photo, let bytes): retake(photo, bytes)
        case .refresh: refresh()
        case .dismiss: state.problem = nil
        }
    }

    public func settle() async { await work.settle() }

    private func retake(_ old: PhotoRecord, _ bytes: Data) {
        guard state.retaking == nil else { return }
        state.retaking = old.photoId
        state.problem = nil
        let core = self.core
        work.run { [weak self] in
            let outcome = await attempt { () -> [PhotoRecord] in
                _ = try core.retakePhoto(target: old.target, photoId: old.photoId,
                                         input: PhotoInput(kind: old.kind, caption: old.caption, location: old.location),
                                         cameraBytes: bytes)
                return try core.retakesOwed()
            }
            guard let self else { return }
            state.retaking = nil
            switch outcome {
            case .success(let owed): state.owed = owed
            case .failure(let problem): state.problem = problem
            }
        }
    }

    private func refresh() {
        let core = self.core
        work.run { [weak self] in
            let outcome = await attempt { try core.retakesOwed() }
            guard let self else { return }
            state.loading = false
            switch outcome {
            case .success(let owed): state.owed = owed
            case .failure(let problem): state.problem = problem
            }
        }
    }
}
