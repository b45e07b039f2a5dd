// The measured steps of ruhu-ios-bench, each through the view model the app renders.
import Foundation
import Observation
import RuhuCore
import RuhuViewModels

@MainActor
enum BenchSteps {
    /// Waits until `done` holds, woken by Observation on every change of what it reads.
    static func until(_ done: @escaping @MainActor () -> Bool) async {
        while !done() {
            await withCheckedContinuation { (resume: CheckedContinuation<Void, Never>) in
                withObservationTracking { _ = done() } onChange: { resume.resume() }
            }
        }
    }

    /// What the worker waits for when the app starts: the store opened and 我的走访's first
    /// state with the visits already raised listed (the rules then run behind it).
    static func firstVisits(path: String, key: Data) async throws {
        var samples: [Double] = []
        var shown = 0
        for _ in 0..<15 {
            let start = DispatchTime.now()
            let store = try await offMain { try RuhuStore.open(path: path, key: key) }
            let home = HomeViewModel(core: store)
            await until { !home.state.loading }
            samples.append(milliseconds(since: start))
            shown = home.state.visits.count
            await home.settle()
        }
        print("  我的走访 lists \(shown) visits")
        summary("first 我的走访 data (open + list)", samples)
    }

    /// Every keystroke of 60 household heads' names (汉字) and of their ID's last four
    /// characters, each answered by the household list's view model (no debounce: every
    /// keystroke is a search here; the app waits 250 ms of quiet first).
    static func searchAsYouType(store: RuhuStore, households: [HouseholdSummary]) async throws {
        let list = HouseholdsViewModel(core: store, debounce: .zero)
        await list.settle()
        let step = max(1, households.count / 60)
        let picked = stride(from: 0, to: households.count, by: step).prefix(60).map { households[$0] }
        var names: [Double] = []
        var suffixes: [Double] = []
        var found = 0
        for household in picked {
            let name = Array(household.headName)
            for k in 1...name.count {
                let start = DispatchTime.now()
                list.send(.textChanged(String(name[0..<k])))
                await list.settle()
                names.append(milliseconds(since: start))
            }
            found += list.state.households.contains { $0.id == household.id } ? 1 : 0
            let suffix = Array(household.headIdMasked.suffix(4))
            for k in 1...suffix.count {
                let start = DispatchTime.now()
                list.send(.textChanged(String(suffix[0..<k])))
                await list.settle()
                suffixes.append(milliseconds(since: start))
            }
        }
        guard found == picked.count else {
            throw BenchFailure(description: "typing a head's full name found only \(found) of \(picked.count) households")
        }
        summary("search as you type (name, 汉字)", names)
        summary("search as you type (ID, last 4)", suffixes)
    }

    /// A form's field kept as it is typed: one keystroke, one draft save, through the household
    /// form's view model (the time until the save has reached the encrypted store).
    static func draftSaves(store: RuhuStore) async throws {
        let key = HouseholdFormViewModel.newFormKey()
        let form = HouseholdFormViewModel(core: store, formKey: key)
        await form.settle()
        let address = Array("邢春花的家庭住址三组八号院内东屋")
        var samples: [Double] = []
        for i in 0..<300 {
            let typed = String(address[0...(i % address.count)])
            let start = DispatchTime.now()
            form.send(.fieldChanged(field: FormFields.address, value: typed))
            await form.settle()
            samples.append(milliseconds(since: start))
        }
        let kept = try store.draft(form: key).first { $0.field == FormFields.address }?.value
        guard kept == String(address[0...(299 % address.count)]) else {
            throw BenchFailure(description: "the draft holds \(kept ?? "nothing"), not the last keystroke")
        }
        summary("draft field save (household form)", samples)
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
}
