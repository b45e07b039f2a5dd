// 发现急难: choose a household by search or register a minimal one, choose kind and urgency,
// and the case is opened (createCase) and read back with its 2 h / 24 h clock (caseDetail).
package app.ruhu.presentation.emergency

import app.ruhu.presentation.Presenter
import app.ruhu.presentation.core.EmergencyCore
import app.ruhu.presentation.core.problemOf
import app.ruhu.presentation.households.LatestSearch
import app.ruhu.presentation.households.SearchOutcome
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import uniffi.ruhu_core.ApiException
import uniffi.ruhu_core.AssistanceKind
import uniffi.ruhu_core.CaseInput
import uniffi.ruhu_core.CaseOrigin
import uniffi.ruhu_core.EmergencyInput
import uniffi.ruhu_core.HouseholdQuery

/**
 * The 发现急难 flow's logic.
 *
 * @param now the wall clock (Unix ms): when the emergency is reported as having happened.
 */
class EmergencyPresenter(
    private val core: EmergencyCore,
    private val scope: CoroutineScope,
    private val io: CoroutineDispatcher,
    private val now: () -> Long = System::currentTimeMillis,
    debounceMs: Long = 250,
) : Presenter<EmergencyState, EmergencyEvents> {
    private val mutable = MutableStateFlow(EmergencyState())
    override val state: StateFlow<EmergencyState> = mutable.asStateFlow()

    private val search = LatestSearch(scope, io, debounceMs, core::searchHouseholds) { _, outcome ->
        when (outcome) {
            is SearchOutcome.Found -> mutable.update { it.copy(results = outcome.households) }
            is SearchOutcome.Failed -> mutable.update { it.copy(problem = problemOf(outcome.error)) }
        }
    }

    init {
        search.submit(HouseholdQuery())
        scope.launch {
            try {
                val places = withContext(io) { core.places() }
                mutable.update { it.copy(places = places) }
            } catch (e: ApiException) {
                mutable.update { it.copy(problem = problemOf(e)) }
            }
        }
    }

    override fun handle(event: EmergencyEvents) {
        when (event) {
            is EmergencyEvents.SearchChanged -> {
                mutable.update { it.copy(searchText = event.text) }
                search.submit(HouseholdQuery(text = event.text.trim()))
            }
            is EmergencyEvents.PlaceChosen -> mutable.update {
                if (event.place !in it.places) {
                    it
                } else {
                    it.copy(
                        form = it.form.copy(villageCode = event.place.villageCode, villageName = event.place.villageName, gridCode = event.place.gridCode),
                        problem = null,
                    )
                }
            }
            is EmergencyEvents.HouseholdChosen -> mutable.update {
                it.copy(
                    household = ChosenHousehold(event.household.id, event.household.headName),
                    step = EmergencyStep.DescribeEmergency,
                    problem = null,
                )
            }
            EmergencyEvents.RegisterNew -> mutable.update {
                it.copy(step = EmergencyStep.RegisterHousehold, form = it.form.copy(headName = it.searchText.trim()))
            }
            is EmergencyEvents.FormChanged -> mutable.update { it.copy(form = event.form, problem = null) }
            EmergencyEvents.SaveHousehold -> saveHousehold()
            is EmergencyEvents.KindChosen -> mutable.update { it.copy(kind = event.kind) }
            is EmergencyEvents.PathChosen -> mutable.update { it.copy(path = event.path) }
            is EmergencyEvents.DescriptionChanged -> mutable.update { it.copy(description = event.text) }
            EmergencyEvents.Report -> report()
            EmergencyEvents.Back -> mutable.update { back(it) }
        }
    }

    private fun back(s: EmergencyState): EmergencyState = when (s.step) {
        EmergencyStep.ChooseHousehold, EmergencyStep.Reported -> s
        EmergencyStep.RegisterHousehold -> s.copy(step = EmergencyStep.ChooseHousehold, problem = null)
        EmergencyStep.DescribeEmergency -> s.copy(step = EmergencyStep.ChooseHousehold, household = null, problem = null)
    }

    private fun saveHousehold() {
        val s = state.value
        if (s.working || !s.form.complete) return
        mutable.update { it.copy(working = true, problem = null) }
        scope.launch {
            try {
                val id = withContext(io) {
                    val county = core.worker()?.countyCode ?: throw ApiException.NotEnrolled()
                    val (profile, head) = s.form.toCore(county)
                    core.createHousehold(profile, listOf(head))
                }
                mutable.update {
                    it.copy(
                        working = false,
                        household = ChosenHousehold(id, s.form.headName.trim()),
                        step = EmergencyStep.DescribeEmergency,
                    )
                }
            } catch (e: ApiException) {
                mutable.update { it.copy(working = false, problem = problemOf(e)) }
            }
        }
    }

    private fun report() {
        val s = state.value
        if (!s.canReport) return
        val household = s.household ?: return
        val kind = s.kind ?: return
        val path = s.path ?: return
        mutable.update { it.copy(working = true, problem = null) }
        scope.launch {
            try {
                val case = withContext(io) {
                    val id = core.createCase(
                        CaseInput(
                            householdId = household.id,
                            origin = CaseOrigin.DISCOVERY,
                            kind = AssistanceKind.EMERGENCY,
                            path = path,
                            openedAtMs = null,
                            emergency = EmergencyInput(kind, now(), s.description.trim(), 0, 0),
                        ),
                    )
                    core.caseDetail(id)
                }
                mutable.update { it.copy(working = false, case = case, step = EmergencyStep.Reported) }
            } catch (e: ApiException) {
                mutable.update { it.copy(working = false, problem = problemOf(e)) }
            }
        }
    }
}
