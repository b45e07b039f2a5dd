import RuhuCore

/// What enrollment needs: who this phone serves already, reading the QR code, enrolling.
public protocol EnrollmentCore: AnyObject, Sendable {
    /// The enrolled worker, or nil before enrollment.
    func worker() throws -> WorkerProfile?
    /// The server and code a scanned QR payload carries; throws ApiError when it is not one.
    func parseEnrollmentQr(payload: String) throws -> EnrollmentTarget
    /// Enrolls this phone with a one-time code (RuhuStore.enroll).
    func enroll(serverUrl: String, code: String, deviceLabel: String) throws -> WorkerProfile
}
