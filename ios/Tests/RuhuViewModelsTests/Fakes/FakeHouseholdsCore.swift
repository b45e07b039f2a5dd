import Foundation
import RuhuCore
@testable import RuhuViewModels

/// Household search without a store: a name match over the households set, each query recorded;
/// a query can be held until the test releases it, so answers arrive out of order.
class FakeHouseholdsCore: HouseholdsCore, @unchecked Sendable {
    let lock = NSLock()
    private var _households: [HouseholdSummary] = []
    private var _searches: [HouseholdQuery] = []
    private var _held: [String: (started: DispatchSemaphore, release: DispatchSemaphore)] = [:]
    /// The places the filters offer.
    var placesAnswer: [Place] = []
    /// What searching throws instead, when set.
    var searchError: ApiError?

    var households: [HouseholdSummary] {
        get { lock.withLock { _households } }
        set { lock.withLock { _households = newValue } }
    }
    var searches: [HouseholdQuery] { lock.withLock { _searches } }

    /// Makes a search for `text` wait until `release` is signalled; `started` is signalled when it begins.
    func hold(_ text: String) -> (started: DispatchSemaphore, release: DispatchSemaphore) {
        let gate = (started: DispatchSemaphore(value: 0), release: DispatchSemaphore(value: 0))
        lock.withLock { _held[text] = gate }
        return gate
    }

    func searchHouseholds(query: HouseholdQuery) throws -> [HouseholdSummary] {
        let gate = lock.withLock { () -> (started: DispatchSemaphore, release: DispatchSemaphore)? in
            _searches.append(query)
            return _held[query.text]
        }
        if let gate {
            gate.started.signal()
            gate.release.wait()
        }
        if let searchError { throw searchError }
        return households.filter { query.text.isEmpty || $0.headName.contains(query.text) }
    }

    func places() throws -> [Place] { placesAnswer }
}
