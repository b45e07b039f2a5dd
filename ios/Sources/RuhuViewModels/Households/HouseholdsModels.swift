// What the household list shows: the search as typed, its filters, and the latest results.
import Foundation
import RuhuCore

/// The household list.
public struct HouseholdsState: Equatable {
    /// Name, pinyin, initials or the last digits of an ID number, as typed.
    public var text: String = ""
    /// Filters in force.
    public var filters = HouseholdFilters()
    /// The households of the latest query answered (ID numbers masked by the core), in its order.
    public var households: [HouseholdSummary] = []
    /// Whether a query is waiting for its answer.
    public var searching: Bool = true
    /// The villages and grids the filters may offer (this phone's scope), in the core's order.
    public var places: [Place] = []
    /// What went wrong with the latest query (or reading the places).
    public var problem: Problem?

    /// The villages among `places`, each once, in the order first met.
    public var villages: [VillageChoice] {
        var seen = Set<String>()
        return places.compactMap {
            seen.insert($0.villageCode).inserted ? VillageChoice(code: $0.villageCode, name: $0.villageName) : nil
        }
    }

    /// The grids the filters offer: those of the chosen village, or all of them.
    public var grids: [String] {
        var seen = Set<String>()
        return places.filter { filters.villageCode == nil || $0.villageCode == filters.villageCode }
            .compactMap { seen.insert($0.gridCode).inserted ? $0.gridCode : nil }
    }
}

/// A village the filter offers.
public struct VillageChoice: Equatable, Identifiable, Sendable {
    /// 村 code (12 digits): `HouseholdFilters.villageCode`.
    public var code: String
    /// 村 name, as the core gives it.
    public var name: String
    public var id: String { code }
}

/// The list's filters; nil means any.
public struct HouseholdFilters: Equatable, Sendable {
    /// 村 code.
    public var villageCode: String?
    /// 网格 code.
    public var gridCode: String?
    /// Category code (dibao, tekun, …).
    public var category: String?
    /// Only households with an open case.
    public var openCaseOnly: Bool
    /// Only households with an overdue deadline.
    public var overdueOnly: Bool

    public init(villageCode: String? = nil, gridCode: String? = nil, category: String? = nil,
                openCaseOnly: Bool = false, overdueOnly: Bool = false) {
        self.villageCode = villageCode
        self.gridCode = gridCode
        self.category = category
        self.openCaseOnly = openCaseOnly
        self.overdueOnly = overdueOnly
    }
}

/// What the worker does on the household list.
public enum HouseholdsAction {
    /// The search text changed (every keystroke).
    case textChanged(String)
    /// The filters changed (all of them at once).
    case filtersChanged(HouseholdFilters)
    /// Read again with the same query (pull to refresh, back from a household).
    case refresh
    /// The problem was read.
    case dismissProblem
}
