// What the worker can do on the household list.
package app.ruhu.presentation.households

/** Events of the household list. */
sealed interface HouseholdsEvents {
    /** The search text changed (every keystroke). */
    data class TextChanged(val text: String) : HouseholdsEvents

    /** The filters changed. */
    data class FiltersChanged(val filters: HouseholdFilters) : HouseholdsEvents
}
