// The household list on HouseholdsViewModel's state: the search box, the filters (在办案件,
// 有超期, categories, village and grid from the phone's places) and the households found, ID
// numbers masked by the core (the port of the Android ui's households/HouseholdsView.kt).
import RuhuCore
import RuhuViewModels
import SwiftUI

/// The categories offered as filters, by code (as the Android app offers them).
let filterCategories = ["dibao", "tekun", "low_income", "expenditure_hardship"]

struct HouseholdsView: View {
    let model: HouseholdsViewModel
    /// A household tapped.
    let onOpen: (String) -> Void

    var body: some View {
        let state = model.state
        let filters = state.filters
        ScreenColumn(title: L("households_view_title")) {
            LabeledField(label: L("households_view_search"), value: state.text,
                         hint: L("households_view_search_hint")) { model.send(.textChanged($0)) }
            SectionTitle(L("households_view_filters"))
            SwitchRow(label: L("households_view_open_case_only"), on: filters.openCaseOnly) { on in
                var next = filters
                next.openCaseOnly = on
                model.send(.filtersChanged(next))
            }
            SwitchRow(label: L("households_view_overdue_only"), on: filters.overdueOnly) { on in
                var next = filters
                next.overdueOnly = on
                model.send(.filtersChanged(next))
            }
            ForEach(filterCategories, id: \.self) { code in
                SwitchRow(label: L("households_view_category_only", Words.category(code)),
                          on: filters.category == code) { on in
                    var next = filters
                    next.category = on ? code : nil
                    model.send(.filtersChanged(next))
                }
            }
            if !state.villages.isEmpty {
                ForEach(state.villages, id: \.code) { village in
                    ChoiceRow(label: village.name, chosen: filters.villageCode == village.code) {
                        var next = filters
                        next.villageCode = filters.villageCode == village.code ? nil : village.code
                        next.gridCode = nil
                        model.send(.filtersChanged(next))
                    }
                }
            }
            if filters.villageCode != nil {
                ForEach(state.grids, id: \.self) { grid in
                    ChoiceRow(label: grid, chosen: filters.gridCode == grid) {
                        var next = filters
                        next.gridCode = filters.gridCode == grid ? nil : grid
                        model.send(.filtersChanged(next))
                    }
                }
            }
            if let problem = state.problem {
                ProblemBox(text: Words.problem(problem)) { model.send(.dismissProblem) }
            }
            if state.searching && state.households.isEmpty {
                BusyRow(text: L("households_view_searching"))
            } else if state.households.isEmpty {
                BodyText(L("households_view_none"))
            } else {
                BodyText(L("households_view_count", state.households.count))
                LazyVStack(spacing: 8) {
                    ForEach(state.households, id: \.id) { household in
                        HouseholdRow(household: household) { onOpen(household.id) }
                    }
                }
            }
        }
        .refreshable {
            // The spinner stays until the read has ended.
            await model.send(.refresh)
            await model.settle()
        }
    }
}

/// One household as a row: 户主, the masked ID number, village and grid, categories, its open
/// cases and conflicts. Shared with 发现急难's search.
struct HouseholdRow: View {
    let household: HouseholdSummary
    var actionLabel = L("common_open")
    let onOpen: () -> Void

    var body: some View {
        Button(action: onOpen) {
            VStack(alignment: .leading, spacing: 4) {
                Text(L("households_view_row_head", household.headName, household.headIdMasked)).font(.headline)
                Text(L("households_view_row_place", household.villageName, household.gridCode, household.memberCount))
                    .font(.subheadline).secondaryText()
                let notes = household.categories.map(Words.category)
                    + (household.openCases > 0 ? [L("households_view_open_cases", household.openCases)] : [])
                    + (household.conflicts > 0 ? [L("households_view_conflicts", household.conflicts)] : [])
                if !notes.isEmpty {
                    Text(notes.joined(separator: L("households_view_note_separator"))).font(.subheadline).secondaryText()
                }
            }
            .multilineTextAlignment(.leading)
            .card()
        }
        .buttonStyle(.plain)
        .touchTarget()
        .accessibilityElement(children: .combine)
        .accessibilityHint(actionLabel)
    }
}
