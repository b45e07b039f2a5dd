// The conflicts screen's logic, a port of Android's ConflictsPresenter: lists the conflicts from
// the core and records the worker's choice with settleConflict (the core keeps who chose what,
// and when), then reads the list again.
import Foundation
import Observation
import RuhuCore

/// The conflicts screen's logic.
@MainActor
@Observable
public final class ConflictsViewModel: ScreenViewModel {
    public private(set) var state: ConflictsState

    @ObservationIgnored private let core: ConflictsCore
    @ObservationIgnored private let work = WorkTracker()

    /// The conflicts of `documentId` (every document's when nil); reads them at once.
    public init(core: ConflictsCore, documentId: String?) {
        self.core = core
        state = ConflictsState(documentId: documentId)
        run { _ in }
    }

    public func send(_ action: ConflictsAction) {
        switch action {
        case .choose(let conflict, let value):
            guard !state.busy else { return }
            let (document, path, json) = (conflict.documentId, conflict.path, value.valueJson)
            run { core in try core.settleConflict(documentId: document, path: path, valueJson: json) }
        case .refresh:
            run { _ in }
        case .dismiss:
            state.problem = nil
        }
    }

    public func settle() async { await work.settle() }

    /// Does `action` off the main actor, then reads the list again; a refusal is shown and the list kept.
    private func run(_ action: @escaping @Sendable (ConflictsCore) throws -> Void) {
        state.busy = true
        state.problem = nil
        let core = self.core
        let document = state.documentId
        work.run { [weak self] in
            let outcome = await attempt { () -> [Conflict] in
                try action(core)
                return try core.conflicts(documentId: document)
            }
            guard let self else { return }
            state.busy = false
            switch outcome {
            case .success(let list): state.conflicts = list
            case .failure(let problem): state.problem = problem
            }
        }
    }
}
