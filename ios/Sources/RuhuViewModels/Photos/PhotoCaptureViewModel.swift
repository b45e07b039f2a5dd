// Taking photos for one household or case, a port of Android's PhotoCapturePresenter: the kind
// and caption as chosen, the camera's bytes through the core's addPhoto off the main actor; a
// refusal shows the core's words and keeps what was typed; a kept photo clears the caption and
// joins the thumbnails.
import Foundation
import Observation
import RuhuCore

/// The photo screen's logic.
@MainActor
@Observable
public final class PhotoCaptureViewModel: ScreenViewModel {
    public private(set) var state: PhotoCaptureState

    @ObservationIgnored private let core: PhotosCore
    @ObservationIgnored private let householdId: String
    @ObservationIgnored private let work = WorkTracker()

    /// The photo screen of `target`, whose household is `householdId` (for the list); reads the
    /// photos at once.
    public init(core: PhotosCore, target: PhotoTarget, householdId: String, kind: PhotoKind = .house) {
        self.core = core
        self.householdId = householdId
        state = PhotoCaptureState(target: target, kind: kind)
        refresh()
    }

    public func send(_ action: PhotoCaptureAction) {
        switch action {
        case .kindChosen(let kind): state.kind = kind
        case .captionChanged(let caption): state.caption = caption
        case .locationFixed(let latitude, let longitude, let accuracy):
            state.location = GeoPoint(lat: latitude, lon: longitude, accuracyM: accuracy)
        case .captured(let bytes): capture(bytes)
        case .refresh: refresh()
        case .dismiss: state.problem = nil
        }
    }

    public func settle() async { await work.settle() }

    /// The thumbnail JPEG of `photo` for the grid, or nil when this phone lacks its file (taken elsewhere).
    public func thumbnail(_ photo: PhotoRecord) async -> Data? {
        let core = self.core
        let sha = photo.thumbSha256
        if case .success(let data) = await attempt({ try core.photoFile(sha256: sha) }) { return data }
        return nil
    }

    private func capture(_ bytes: Data) {
        guard !state.saving else { return }
        state.saving = true
        state.problem = nil
        let core = self.core
        let target = state.target
        let input = PhotoInput(kind: state.kind, caption: state.caption, location: state.location)
        work.run { [weak self] in
            let outcome = await attempt { try core.addPhoto(target: target, input: input, cameraBytes: bytes) }
            guard let self else { return }
            state.saving = false
            switch outcome {
            case .success(let record):
                state.kept = record
                state.caption = ""
                refresh()
            case .failure(let problem):
                state.problem = problem
            }
        }
    }

    private func refresh() {
        let core = self.core
        let id = householdId
        let target = state.target
        work.run { [weak self] in
            switch await attempt({ try core.photos(householdId: id) }) {
            case .success(let all): self?.state.photos = all.filter { $0.target == target }
            case .failure(let problem): self?.state.problem = problem
            }
        }
    }
}
