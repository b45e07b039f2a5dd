// The bindings' store serves every feature as it is: its methods are the protocols' methods.
// The few core functions that are free functions in the bindings are given here as methods.
import RuhuCore

extension RuhuStore: DraftsCore, EnrollmentCore, VisitsCore, HouseholdsCore, EmergencyCore, SyncCore,
    HouseholdFormCore, ConflictsCore, CaseCore, HouseholdScreenCore, SignatureCore, SettingsCore,
    PhotosCore, RetakesCore, HandoverCore
{
    public func parseEnrollmentQr(payload: String) throws -> EnrollmentTarget {
        try RuhuCore.parseEnrollmentQr(payload: payload)
    }

    public func checkIdNumber(text: String) throws -> IdNumberInfo {
        try RuhuCore.checkIdNumber(text: text)
    }
}
