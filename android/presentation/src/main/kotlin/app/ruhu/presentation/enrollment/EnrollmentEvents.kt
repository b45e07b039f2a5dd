// What the worker can do on the enrollment screen.
package app.ruhu.presentation.enrollment

/** Events of the enrollment screen. */
sealed interface EnrollmentEvents {
    /** The camera read a QR code: enroll with what it carries. */
    data class QrScanned(val payload: String) : EnrollmentEvents

    /** The server address field changed. */
    data class ServerUrlChanged(val text: String) : EnrollmentEvents

    /** The code field changed. */
    data class CodeChanged(val text: String) : EnrollmentEvents

    /** 登记 pressed with the typed server and code. */
    data object Submit : EnrollmentEvents

    /** The worker read the problem (or the revocation notice) and closed it. */
    data object Dismiss : EnrollmentEvents
}
