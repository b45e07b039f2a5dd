// What the enrollment screen shows: the typed server and code, and where enrollment stands.
package app.ruhu.presentation.enrollment

import app.ruhu.presentation.core.Problem
import uniffi.ruhu_core.WorkerProfile

/** The enrollment screen. */
data class EnrollmentState(
    /** The county's address as typed (prefilled with the app's default county, if any). */
    val serverUrl: String = "",
    /** The one-time code as typed. */
    val code: String = "",
    /** Where enrollment stands. */
    val step: EnrollmentStep = EnrollmentStep.Form,
    /** What went wrong last, if anything. */
    val problem: Problem? = null,
) {
    /** Whether 登记 can be pressed. */
    val canSubmit: Boolean get() = step == EnrollmentStep.Form && serverUrl.isNotBlank() && code.isNotBlank()
}

/** The stages of enrollment. */
sealed interface EnrollmentStep {
    /** Scanning or typing the code. */
    data object Form : EnrollmentStep

    /** Talking to the county. */
    data object Enrolling : EnrollmentStep

    /**
     * Enrolled: the worker's name and county. The grids this phone serves are not in the
     * bindings yet (WorkerProfile has county, id and name only).
     */
    data class Enrolled(val worker: WorkerProfile) : EnrollmentStep

    /** The county revoked this phone and its data was wiped; the worker must acknowledge. */
    data object Revoked : EnrollmentStep
}
