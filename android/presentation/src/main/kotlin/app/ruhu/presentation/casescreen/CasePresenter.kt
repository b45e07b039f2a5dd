// The case screen's logic: reads the case from the core, opens only the steps the core allows
// this role now, keeps a step form's fields in the draft case/<id>/step/<kind> as typed, and
// records the step with appendCaseEvent (dated when it happened if earlier) and the evidence
// photos the core offers for it (the worker may untick some); a refusal shows the core's reason
// and records nothing.
package app.ruhu.presentation.casescreen

import app.ruhu.presentation.Presenter
import app.ruhu.presentation.core.CaseCore
import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.core.problemOf
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import uniffi.ruhu_core.ApiException
import uniffi.ruhu_core.CaseEventInput

/** The case [caseId]; reads it at once. */
class CasePresenter(
    private val core: CaseCore,
    private val scope: CoroutineScope,
    private val io: CoroutineDispatcher,
    caseId: String,
) : Presenter<CaseState, CaseEvents> {
    private val mutable = MutableStateFlow(CaseState(caseId))
    override val state: StateFlow<CaseState> = mutable.asStateFlow()
    private val draftOrder = Mutex()

    init {
        refresh()
    }

    private fun formKey(step: StepForm) = "case/${mutable.value.caseId}/step/${step.kind.name.lowercase()}"

    override fun handle(event: CaseEvents) {
        when (event) {
            is CaseEvents.OpenStep -> open(event)
            is CaseEvents.StepFieldChanged -> {
                val step = mutable.value.step ?: return
                mutable.update { it.copy(step = step.copy(fields = step.fields + (event.field to event.value))) }
                draft(step, event.field, event.value)
            }
            is CaseEvents.HappenedAtChosen -> {
                val step = mutable.value.step ?: return
                mutable.update { it.copy(step = step.copy(happenedAtMs = event.atMs)) }
                draft(step, HAPPENED_AT, event.atMs?.toString().orEmpty())
            }
            is CaseEvents.EvidenceToggled -> {
                val step = mutable.value.step ?: return
                val excluded = step.excludedPhotos
                val next = if (event.photoId in excluded) excluded - event.photoId else excluded + event.photoId
                mutable.update { it.copy(step = step.copy(excludedPhotos = next)) }
            }
            CaseEvents.SubmitStep -> submit()
            CaseEvents.CloseStep -> mutable.update { it.copy(step = null, problem = null, refusedRule = null) }
            CaseEvents.Refresh -> refresh()
        }
    }

    private fun open(event: CaseEvents.OpenStep) {
        if (event.kind !in mutable.value.allowedSteps) return
        val step = StepForm(event.kind)
        mutable.update { it.copy(step = step, problem = null, refusedRule = null) }
        scope.launch(io) {
            try {
                val saved = core.draft(formKey(step)).associate { it.field to it.value }
                val restored = StepForm(
                    event.kind,
                    fields = saved - HAPPENED_AT,
                    happenedAtMs = saved[HAPPENED_AT]?.toLongOrNull(),
                )
                mutable.update { s -> if (s.step?.kind == event.kind) s.copy(step = restored.copy(fields = restored.fields + s.step.fields, happenedAtMs = s.step.happenedAtMs ?: restored.happenedAtMs, excludedPhotos = s.step.excludedPhotos)) else s }
            } catch (e: Exception) {
                mutable.update { it.copy(problem = problemOf(e)) }
            }
        }
    }

    private fun draft(step: StepForm, field: String, value: String) {
        scope.launch(io) {
            draftOrder.withLock {
                try { core.saveDraft(formKey(step), field, value) } catch (e: Exception) { mutable.update { it.copy(problem = problemOf(e)) } }
            }
        }
    }

    private fun refresh() {
        mutable.update { it.copy(busy = true) }
        scope.launch(io) {
            try {
                val d = core.caseDetail(mutable.value.caseId)
                mutable.update { it.copy(detail = d, busy = false) }
            } catch (e: Exception) {
                mutable.update { it.copy(busy = false, problem = problemOf(e)) }
            }
        }
    }

    private fun submit() {
        val step = mutable.value.step ?: return
        if (mutable.value.busy) return
        val photos = mutable.value.chosenPhotos
        mutable.update { it.copy(busy = true, problem = null, refusedRule = null) }
        scope.launch(io) {
            try {
                val f = step.fields
                val amount = f["amount"]?.trim()?.takeIf { it.isNotEmpty() }?.let {
                    it.toBigDecimalOrNull()?.takeIf { y -> y.scale() <= 2 }?.movePointRight(2)?.longValueExact()
                        ?: throw ApiException.InvalidInput(listOf(uniffi.ruhu_core.FieldProblem("amount", "请填写金额，如 800 或 800.50")))
                }
                val input = CaseEventInput(
                    kind = step.kind,
                    note = f["note"].orEmpty(),
                    amountFen = amount,
                    department = f["department"]?.takeIf { it.isNotBlank() },
                    investigators = listOf(f["investigator.0"], f["investigator.1"]).mapNotNull { it?.takeIf(String::isNotBlank) },
                    answers = f["answers"]?.takeIf { it.isNotBlank() },
                    happenedAtMs = step.happenedAtMs,
                    photoIds = photos,
                )
                core.appendCaseEvent(mutable.value.caseId, input)
                draftOrder.withLock { core.discardDraft(formKey(step)) }
                val d = core.caseDetail(mutable.value.caseId)
                mutable.update { it.copy(detail = d, step = null, busy = false) }
            } catch (e: ApiException.CaseRuleBroken) {
                mutable.update { it.copy(busy = false, refusedRule = e.rule, problem = Problem.Words(e.reason)) }
            } catch (e: Exception) {
                mutable.update { it.copy(busy = false, problem = problemOf(e)) }
            }
        }
    }

    private companion object {
        const val HAPPENED_AT = "happened_at"
    }
}
