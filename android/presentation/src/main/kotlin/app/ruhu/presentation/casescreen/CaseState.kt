// What the case screen shows: the core's case detail (timeline, clocks, the steps this role
// may take now), the step form being filled, and a refused step's reason in the core's words.
package app.ruhu.presentation.casescreen

import app.ruhu.presentation.core.Problem
import uniffi.ruhu_core.CaseDetail
import uniffi.ruhu_core.CaseEventKind
import uniffi.ruhu_core.StepEvidence

/** The case screen. */
data class CaseState(
    /** The case. */
    val caseId: String,
    /** Timeline, clocks and allowed steps as the core gives them; null until read. */
    val detail: CaseDetail? = null,
    /** The step form open now, or null. */
    val step: StepForm? = null,
    /** Whether a read or a step is under way. */
    val busy: Boolean = true,
    /** The rule a refused step broke (CaseRuleBroken.rule, e.g. backdated_too_far). */
    val refusedRule: String? = null,
    /** What went wrong; a refused step's reason is the core's words. */
    val problem: Problem? = null,
) {
    /** The steps the worker may take now: the core's allowed actions and nothing else. */
    val allowedSteps: List<CaseEventKind> get() = detail?.allowedActions.orEmpty()

    /** The photos the open step must name (入户调查: signatures; 公示: the posted notice), as the core offers them; null when it needs none. */
    val evidence: StepEvidence? get() = step?.let { s -> detail?.stepEvidence?.firstOrNull { it.step == s.kind } }

    /** The photos the open step will name: every one the core offers but those the worker unticked. */
    val chosenPhotos: List<String> get() = evidence?.photoIds.orEmpty().filter { it !in step?.excludedPhotos.orEmpty() }
}

/** A step form: its fields as typed and, optionally, when the step happened (earlier than now). */
data class StepForm(
    /** The step. */
    val kind: CaseEventKind,
    /** Field to value as typed: note, amount (元), department, investigator.0/1, answers. */
    val fields: Map<String, String> = emptyMap(),
    /** When it happened, Unix ms, when earlier than its entry; null means now. */
    val happenedAtMs: Long? = null,
    /**
     * Offered evidence photos the worker unticked. Every other one the core offers goes with the
     * step, so a signature made while the form is open (the case is read again on return) is in.
     */
    val excludedPhotos: Set<String> = emptySet(),
)
