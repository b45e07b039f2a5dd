// The household screen's logic: reads the household, its cases, photos and visit history from the core.
package app.ruhu.presentation.householdscreen

import app.ruhu.presentation.Presenter
import app.ruhu.presentation.core.HouseholdScreenCore
import app.ruhu.presentation.core.problemOf
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import uniffi.ruhu_core.CaseQuery
import uniffi.ruhu_core.MemberStatus

/** Events of the household screen. */
sealed interface HouseholdScreenEvents {
    /** Read again (back from a form, after a sync or a settled conflict). */
    data object Refresh : HouseholdScreenEvents
}

/** The household [householdId]; reads it at once. */
class HouseholdScreenPresenter(
    private val core: HouseholdScreenCore,
    private val scope: CoroutineScope,
    private val io: CoroutineDispatcher,
    householdId: String,
) : Presenter<HouseholdScreenState, HouseholdScreenEvents> {
    private val mutable = MutableStateFlow(HouseholdScreenState(householdId))
    override val state: StateFlow<HouseholdScreenState> = mutable.asStateFlow()

    init {
        load()
    }

    override fun handle(event: HouseholdScreenEvents) {
        when (event) {
            HouseholdScreenEvents.Refresh -> load()
        }
    }

    private fun load() {
        mutable.update { it.copy(loading = true) }
        scope.launch(io) {
            try {
                val id = mutable.value.householdId
                val detail = core.household(id)
                val cases = core.listCases(CaseQuery(householdId = id, limit = 200u))
                val photos = core.photos(id)
                val visits = core.visitHistory(id)
                val present = detail.members.count { it.member.status == MemberStatus.PRESENT }
                val line = core.economicsPreview(detail.economics, present.toUInt())
                val mine = photos.map { it.photoId }.toSet()
                val owed = core.retakesOwed().map { it.photoId }.filter { it in mine }.toSet()
                mutable.update {
                    it.copy(
                        detail = detail, cases = cases, photos = photos, visits = visits,
                        dibaoLineFen = line.dibaoMonthlyPerPersonFen, belowDibao = line.belowDibao, retakesOwed = owed,
                        loading = false, problem = null,
                    )
                }
            } catch (e: Exception) {
                mutable.update { it.copy(loading = false, problem = problemOf(e)) }
            }
        }
    }
}
