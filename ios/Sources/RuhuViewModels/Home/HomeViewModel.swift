// 我的走访: shows the visits already raised at once (the core's index), then lets the core's
// warning rules look where something changed and reads again when they raised anything. Keeps
// the core's order (the core decides urgency; the phone only shows it).
import Foundation
import Observation
import RuhuCore

/// The home screen's logic; reads the tasks at once and on every `.refresh`.
@MainActor
@Observable
public final class HomeViewModel: ScreenViewModel {
    public private(set) var state = HomeState()

    /// Where the view goes when the worker taps 发现急难 or a visit; the view sets it.
    @ObservationIgnored public var navigate: @MainActor (HomeDestination) -> Void = { _ in }

    @ObservationIgnored private let core: VisitsCore
    @ObservationIgnored private let work = WorkTracker()
    @ObservationIgnored private var reads = 0

    public init(core: VisitsCore) {
        self.core = core
        load()
    }

    public func send(_ action: HomeAction) {
        switch action {
        case .refresh:
            load()
        case .closeTask(let taskId, let done, let note):
            close(taskId: taskId, done: done, note: note)
        case .reportEmergency:
            navigate(.reportEmergency)
        case .openHousehold(let id):
            navigate(.household(id: id))
        case .dismissProblem:
            state.problem = nil
        }
    }

    public func settle() async { await work.settle() }

    private func load() {
        reads += 1
        let read = reads
        state.loading = state.visits.isEmpty
        let core = self.core
        work.run { [weak self] in
            let first = await attempt { (try core.worker(), try core.listedVisits()) }
            guard let self, self.reads == read else { return }
            switch first {
            case .failure(let problem):
                self.state.loading = false
                self.state.checking = false
                self.state.problem = problem
                return
            case .success(let (worker, listed)):
                self.state.workerName = worker?.displayName
                self.state.visits = listed.map(VisitItem.init)
                self.state.loading = false
                self.state.checking = true
                self.state.problem = nil
            }
            let raised = await attempt { () -> (WarningRunRecord, [VisitTaskRecord]?) in
                let run = try core.raiseVisitTasks()
                return (run, run.changed > 0 ? try core.listedVisits() : nil)
            }
            guard self.reads == read else { return }
            self.state.checking = false
            switch raised {
            case .failure(let problem):
                self.state.problem = problem
            case .success(let (run, listed)):
                if let listed { self.state.visits = listed.map(VisitItem.init) }
                self.state.waitingForCalendar = run.waitingForCalendar
            }
        }
    }

    private func close(taskId: String, done: Bool, note: String) {
        guard state.closingTaskId == nil, let visit = state.visits.first(where: { $0.id == taskId }) else { return }
        state.closingTaskId = taskId
        state.problem = nil
        let core = self.core
        let householdId = visit.householdId
        let trimmed = note.trimmingCharacters(in: .whitespacesAndNewlines)
        work.run { [weak self] in
            let outcome = await attempt { () -> [VisitTaskRecord] in
                try core.closeVisitTask(householdId: householdId, taskId: taskId, done: done, note: trimmed)
                return try core.listedVisits()
            }
            guard let self else { return }
            self.state.closingTaskId = nil
            switch outcome {
            case .success(let listed): self.state.visits = listed.map(VisitItem.init)
            case .failure(let problem): self.state.problem = problem
            }
        }
    }
}
