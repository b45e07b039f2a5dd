// 发现急难: choose a household by search or register a minimal one, choose kind and urgency,
// and the case is opened (createCase) and read back with its 2 h / 24 h clock (caseDetail).
import Foundation
import Observation
import RuhuCore

/// The 发现急难 flow's logic; lists the worker's households at once.
@MainActor
@Observable
public final class EmergencyViewModel: ScreenViewModel {
    public private(set) var state = EmergencyState()

    @ObservationIgnored private let core: EmergencyCore
    @ObservationIgnored private let now: @Sendable () -> Int64
    @ObservationIgnored private let work = WorkTracker()
    @ObservationIgnored private var search: LatestSearch!

    /// - Parameters:
    ///   - now: the wall clock, Unix ms: when the emergency is reported as having happened.
    ///   - debounce: how long typing must pause before searching (zero in tests).
    public init(
        core: EmergencyCore,
        now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) },
        debounce: Duration = .milliseconds(250)
    ) {
        self.core = core
        self.now = now
        search = LatestSearch(debounce: debounce, work: work, search: { [core] in try core.searchHouseholds(query: $0) }) {
            [weak self] _, outcome in
            switch outcome {
            case .success(let households): self?.state.results = households
            case .failure(let problem): self?.state.problem = problem
            }
        }
        search.submit(HouseholdQuery())
        work.run { [weak self] in
            switch await attempt({ try core.places() }) {
            case .success(let places): self?.state.places = places
            case .failure(let problem): self?.state.problem = problem
            }
        }
    }

    public func send(_ action: EmergencyAction) {
        switch action {
        case .searchChanged(let text):
            state.searchText = text
            search.submit(HouseholdQuery(text: text.trimmingCharacters(in: .whitespaces)))
        case .householdChosen(let household):
            guard state.step == .chooseHousehold else { return }
            state.household = ChosenHousehold(id: household.id, headName: household.headName)
            state.step = .describeEmergency
            state.problem = nil
        case .registerNew:
            guard state.step == .chooseHousehold else { return }
            state.step = .registerHousehold
            state.form.headName = state.searchText.trimmingCharacters(in: .whitespaces)
            state.problem = nil
        case .formChanged(let form):
            state.form = form
            state.problem = nil
        case .placeChosen(let place):
            guard state.places.contains(place) else { return }
            state.form.villageCode = place.villageCode
            state.form.villageName = place.villageName
            state.form.gridCode = place.gridCode
            state.problem = nil
        case .saveHousehold:
            saveHousehold()
        case .kindChosen(let kind):
            state.kind = kind
        case .pathChosen(let path):
            state.path = path
        case .descriptionChanged(let text):
            state.description = text
        case .report:
            report()
        case .back:
            back()
        case .dismissProblem:
            state.problem = nil
        }
    }

    public func settle() async { await work.settle() }

    private func back() {
        guard !state.working else { return }
        switch state.step {
        case .chooseHousehold, .reported:
            break
        case .registerHousehold:
            state.step = .chooseHousehold
            state.problem = nil
        case .describeEmergency:
            state.step = .chooseHousehold
            state.household = nil
            state.problem = nil
        }
    }

    private func saveHousehold() {
        guard state.canSaveHousehold else { return }
        state.working = true
        state.problem = nil
        let core = self.core
        let form = state.form
        work.run { [weak self] in
            let outcome = await attempt { () -> String in
                guard let county = try core.worker()?.countyCode else { throw ApiError.NotEnrolled }
                let (profile, head) = form.toCore(countyCode: county)
                return try core.createHousehold(profile: profile, members: [head])
            }
            guard let self else { return }
            self.state.working = false
            switch outcome {
            case .success(let id):
                self.state.household = ChosenHousehold(id: id, headName: form.headName.trimmingCharacters(in: .whitespaces))
                self.state.step = .describeEmergency
            case .failure(let problem):
                self.state.problem = problem
            }
        }
    }

    private func report() {
        guard state.canReport, let household = state.household, let kind = state.kind, let path = state.path else { return }
        state.working = true
        state.problem = nil
        let core = self.core
        let input = CaseInput(
            householdId: household.id,
            origin: .discovery,
            kind: .emergency,
            path: path,
            openedAtMs: nil,
            emergency: EmergencyInput(
                kind: kind, occurredAtMs: now(),
                description: state.description.trimmingCharacters(in: .whitespacesAndNewlines),
                lossesFen: 0, expectedCostsFen: 0
            )
        )
        work.run { [weak self] in
            let created = await attempt { try core.createCase(input: input) }
            guard let self else { return }
            guard case .success(let id) = created else {
                if case .failure(let problem) = created { self.state.problem = problem }
                self.state.working = false
                return
            }
            // The case exists from here on: a failed read back shows the problem, never a second case.
            self.state.caseId = id
            self.state.step = .reported
            let read = await attempt { try core.caseDetail(caseId: id) }
            self.state.working = false
            switch read {
            case .success(let detail): self.state.caseDetail = detail
            case .failure(let problem): self.state.problem = problem
            }
        }
    }
}
