// The household screen on a fake core: the household, its cases and photos are read, the
// conflict badge counts the core's conflicts, and a household not on the phone says so.
package app.ruhu.presentation.householdscreen

import app.ruhu.presentation.core.HouseholdScreenCore
import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.fakes.FakeFormCore
import app.ruhu.presentation.fakes.FakePhotosCore
import app.ruhu.presentation.fakes.settle
import kotlin.test.assertEquals
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.runTest
import org.junit.Test
import uniffi.ruhu_core.*

class HouseholdScreenPresenterTest {
    private class Fake(val detail: HouseholdDetail?) : HouseholdScreenCore {
        val queries = mutableListOf<CaseQuery>()
        override fun household(householdId: String) = detail ?: throw ApiException.NotFound("household")
        override fun listCases(query: CaseQuery): List<CaseSummary> {
            queries += query
            return listOf(CaseSummary("c-1", query.householdId!!, CaseStatus.REPORTED, CasePath.URGENT, AssistanceKind.EMERGENCY, 0, null, 0u))
        }
        override fun photos(householdId: String) = listOf(
            FakePhotosCore.photo("p-1", PhotoTarget.Household("h-1"), PhotoKind.ID_CARD, "户主身份证")
                .copy(review = ReviewStatus.RETAKE_NEEDED, reviewReason = "看不清"),
        )
        override fun retakesOwed() = photos("h-1") + FakePhotosCore.photo("p-other", PhotoTarget.Household("h-2"), PhotoKind.HOUSE, "")
        val previews = mutableListOf<UInt>()
        override fun economicsPreview(economics: EconomicsInput, presentMembers: UInt): EconomicsPreview {
            previews += presentMembers
            return EconomicsPreview(EconomicsSummary(0, 0, 0, 0), 70_000L, true)
        }
        override fun visitHistory(householdId: String) = listOf(
            VisitHistoryItem("t-2", "income_drop", "收入明显下降", Urgency.HIGH, "2026-11-20", "2026-11-27", "open", null, null, null),
            VisitHistoryItem("t-1", "review_due", "到期复核", Urgency.NORMAL, "2026-10-01", "2026-10-31", "done", "w-001", 1L, "已入户"),
        )
    }

    private val profile = HouseholdProfile("370599", "370599100", "370599100200", "前进村", "G01-1", "3组7号", "", null,
        Housing.OWNED_SAFE, HardshipCategories(false, false, false, false, false, false, false), false, false, false)

    @Test
    fun `the household, its cases, visit history and the conflict badge come from the core`() = runTest {
        val conflict = Conflict("h-1", "profile/contact_phone", "联系电话", listOf(ConflictValue("1", "\"1\""), ConflictValue("2", "\"2\"")))
        val core = Fake(FakeFormCore.detail("h-1", profile, emptyList()).copy(conflicts = listOf(conflict)))
        val p = HouseholdScreenPresenter(core, backgroundScope, StandardTestDispatcher(testScheduler), "h-1")
        settle()
        assertEquals("h-1", core.queries.single().householdId)
        assertEquals(listOf("c-1"), p.state.value.cases.map { it.id })
        assertEquals(1, p.state.value.conflictCount)
        assertEquals(listOf("open", "done"), p.state.value.visits.map { it.status })
        // The 低保 verdict is the core's, asked for the members present.
        assertEquals(listOf(0u), core.previews)
        assertEquals(true, p.state.value.belowDibao)
        assertEquals(70_000L, p.state.value.dibaoLineFen)
        // Retakes owed: this household's only.
        assertEquals(setOf("p-1"), p.state.value.retakesOwed)
        assertEquals(false, p.state.value.loading)
    }

    @Test
    fun `a household not on the phone shows not found`() = runTest {
        val p = HouseholdScreenPresenter(Fake(null), backgroundScope, StandardTestDispatcher(testScheduler), "h-9")
        settle()
        assertEquals(Problem.NotFound, p.state.value.problem)
    }
}
