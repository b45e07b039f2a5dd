// What the enrollment screen shows: the typed server and code, and where enrollment stands.
import Foundation
import RuhuCore

/// The enrollment screen.
public struct EnrollmentState: Equatable {
    /// The county's address as typed (prefilled with the app's default county, if any).
    public var serverUrl: String = ""
    /// The one-time code as typed.
    public var code: String = ""
    /// Where enrollment stands.
    public var step: EnrollmentStep = .form
    /// What went wrong last, if anything.
    public var problem: Problem?

    /// Whether 登记 can be pressed.
    public var canSubmit: Bool {
        step == .form && !serverUrl.trimmingCharacters(in: .whitespaces).isEmpty
            && !code.trimmingCharacters(in: .whitespaces).isEmpty
    }
}

/// The stages of enrollment.
public enum EnrollmentStep: Equatable {
    /// Scanning or typing the code.
    case form
    /// Talking to the county.
    case enrolling
    /// Enrolled: the worker's name and county.
    case enrolled(WorkerProfile)
    /// The county revoked this phone and its data was wiped; the worker must acknowledge.
    case revoked
}

/// What the worker does on the enrollment screen.
public enum EnrollmentAction {
    case serverUrlChanged(String)
    case codeChanged(String)
    /// 登记 with the typed address and code.
    case submit
    /// The camera read a QR code (AVFoundation's metadata output): its payload as read.
    case qrScanned(String)
    /// The problem (or the revocation notice) was read.
    case dismiss
}
