// Preview states of the enrollment screen (empty form, typed, refused code, enrolling, enrolled,
// revoked), used by the screen tests and screenshots. Fictional worker and county.
package app.ruhu.ui.enrollment

import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.enrollment.EnrollmentState
import app.ruhu.presentation.enrollment.EnrollmentStep
import uniffi.ruhu_core.WorkerProfile

/** The named preview states of the enrollment screen. */
fun enrollmentPreviewStates(): Map<String, EnrollmentState> = mapOf(
    "form" to EnrollmentState(),
    "typed" to EnrollmentState(serverUrl = "https://mz.example-county.cn", code = "K7QX-2M9D"),
    "refused" to EnrollmentState(problem = Problem.Words("这不是如虎的登记码")),
    "enrolling" to EnrollmentState(serverUrl = "https://mz.example-county.cn", code = "K7QX-2M9D", step = EnrollmentStep.Enrolling),
    "enrolled" to EnrollmentState(step = EnrollmentStep.Enrolled(WorkerProfile("370599", "w-001", "张丽华"))),
    "revoked" to EnrollmentState(step = EnrollmentStep.Revoked),
)
