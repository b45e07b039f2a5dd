import RuhuCore

/// What the household list needs.
public protocol HouseholdsCore: AnyObject, Sendable {
    /// Households matching the query, ID numbers masked (RuhuStore.searchHouseholds).
    func searchHouseholds(query: HouseholdQuery) throws -> [HouseholdSummary]
    /// The villages and grids the filters may offer (within this phone's scope).
    func places() throws -> [Place]
}
