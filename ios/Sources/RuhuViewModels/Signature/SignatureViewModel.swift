// The signing pad, a port of Android's SignaturePresenter: one signer at a time (a family member
// present or one of the two investigators) draws with a finger; the view model keeps the strokes
// as drawn (UI state only) and hands them to the core, which checks them, draws the image and
// keeps it as evidence on the household or case.
import Foundation
import Observation
import RuhuCore

/// The signing pad's logic.
@MainActor
@Observable
public final class SignatureViewModel: ScreenViewModel {
    public private(set) var state = SignatureState()

    @ObservationIgnored private let core: SignatureCore
    @ObservationIgnored private let target: PhotoTarget
    @ObservationIgnored private let work = WorkTracker()

    /// The pad for `target` (the household, or the case being investigated).
    public init(core: SignatureCore, target: PhotoTarget) {
        self.core = core
        self.target = target
    }

    public func send(_ action: SignatureAction) {
        switch action {
        case .signerChanged(let signer):
            state.signer = signer
            state.problem = nil
        case .beginStroke(let x, let y):
            state.drawing = [PadPointInput(x: x, y: y)]
        case .extendStroke(let x, let y):
            if !state.drawing.isEmpty { state.drawing.append(PadPointInput(x: x, y: y)) }
        case .endStroke:
            if !state.drawing.isEmpty {
                state.strokes.append(state.drawing)
                state.drawing = []
            }
        case .undo:
            if !state.drawing.isEmpty { state.drawing = [] } else if !state.strokes.isEmpty { state.strokes.removeLast() }
            state.problem = nil
        case .clear:
            state.strokes = []
            state.drawing = []
            state.problem = nil
        case .save(let padWidth, let padHeight):
            save(padWidth: padWidth, padHeight: padHeight)
        case .dismiss:
            state.problem = nil
        }
    }

    public func settle() async { await work.settle() }

    private func save(padWidth: Float, padHeight: Float) {
        guard !state.saving else { return }
        state.saving = true
        state.problem = nil
        let core = self.core
        let target = self.target
        let signer = state.signer.trimmingCharacters(in: .whitespaces)
        let strokes = state.strokes.map { Stroke(points: $0) }
        work.run { [weak self] in
            let outcome = await attempt {
                try core.addSignature(target: target, signer: signer, strokes: strokes, padWidth: padWidth, padHeight: padHeight)
            }
            guard let self else { return }
            switch outcome {
            case .success(let record):
                // Kept: the pad is cleared for the next signer.
                state = SignatureState(kept: state.kept + [record])
            case .failure(let problem):
                state.saving = false
                state.problem = problem
            }
        }
    }
}
