// What the worker can do on the case screen.
package app.ruhu.presentation.casescreen

import uniffi.ruhu_core.CaseEventKind

/** Events of the case screen. */
sealed interface CaseEvents {
    /** Opens the form of a step; ignored unless the core allows it now. */
    data class OpenStep(val kind: CaseEventKind) : CaseEvents

    /** A field of the open step changed (note, amount, department, investigator.0, investigator.1, answers). */
    data class StepFieldChanged(val field: String, val value: String) : CaseEvents

    /** The step happened at [atMs] (earlier than now), or now when null. */
    data class HappenedAtChosen(val atMs: Long?) : CaseEvents

    /** Ticks or unticks one of the evidence photos the core offers for the open step. */
    data class EvidenceToggled(val photoId: String) : CaseEvents

    /** Records the open step; the core checks role, order, money rules and the backdating window. */
    data object SubmitStep : CaseEvents

    /** Closes the step form (its draft kept). */
    data object CloseStep : CaseEvents

    /** Reads the case again. */
    data object Refresh : CaseEvents
}
