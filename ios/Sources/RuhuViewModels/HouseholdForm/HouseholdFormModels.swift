// What the household form shows: every field as typed, the places it may offer, the live ID
// checks, the problems by field, and the economics figures the core works out as the worker types.
import Foundation
import RuhuCore

/// The household form (registers when `householdId` is nil, edits otherwise).
public struct HouseholdFormState: Equatable {
    /// The draft's key in the store (household/new/<uuid> or household/<id>/profile).
    public var formKey: String
    /// The household being edited, or the one just registered.
    public var householdId: String?
    /// Field key to value, exactly as typed (FormFields names the keys).
    public var fields: [String: String] = [:]
    /// The villages and grids this phone serves, for the address fields.
    public var places: [Place] = []
    /// The core's reading of each ID number as typed, by field key (members.<i>.id_number).
    public var idChecks: [String: IdCheck] = [:]
    /// Problems by field key: the core's words, or a kind the app words.
    public var fieldProblems: [String: FieldIssue] = [:]
    /// The core's economics figures for the form as typed (totals, 人均月收入), kept as last read
    /// while an amount cannot be read yet; nil before any.
    public var economics: EconomicsSummary?
    /// 低保标准 per person per month (分) from the county policy; nil before the first sync.
    public var dibaoLineFen: Int64?
    /// The core's verdict: 人均月收入 below the 低保 standard (nil when either is unknown).
    public var belowDibao: Bool?
    /// Whether the saved household and the draft are being read.
    public var loading: Bool = true
    /// Whether a save is under way.
    public var saving: Bool = false
    /// Whether typed values are still on their way into the draft.
    public var draftPending: Bool = false
    /// Whether the last save went through (the draft is then gone).
    public var saved: Bool = false
    /// A problem that belongs to no field.
    public var problem: Problem?

    /// How many member rows the form has.
    public var memberCount: Int { Int(fields[FormFields.memberCount] ?? "") ?? 0 }
    /// How many supporter rows the form has.
    public var supporterCount: Int { Int(fields[FormFields.supporterCount] ?? "") ?? 0 }
    /// The value of `field` as typed ("" when none).
    public func value(_ field: String) -> String { fields[field] ?? "" }
    /// A member's status as chosen (在户 until changed).
    public func memberStatus(_ index: Int) -> MemberStatus {
        FormChoices.find(value(FormFields.member(index, "status")), in: FormChoices.memberStatuses) ?? .present
    }
}

/// The core's reading of an ID number as typed.
public enum IdCheck: Equatable, Sendable {
    /// A valid number: the birth date and sex written in it, and the masked number.
    case valid(IdNumberInfo)
    /// Not valid; the reason in the core's words.
    case invalid(String)
}

/// What the worker does on the household form.
public enum HouseholdFormAction {
    /// A field changed (every keystroke, tick and choice): kept in the draft at once.
    /// Choices are given as `choiceName(...)` of the bindings' enum.
    case fieldChanged(field: String, value: String)
    /// A village and grid chosen from `places`.
    case placeChosen(Place)
    /// The phone's GPS gave a fix (CoreLocation's coordinate and horizontal accuracy in metres).
    case locationFixed(latitude: Double, longitude: Double, accuracy: Double)
    /// A member row added (members are never deleted).
    case addMember
    /// A member marked 迁出 or 死亡 (or back to 在户) through the status.
    case memberStatusChanged(index: Int, status: MemberStatus)
    /// A supporter row added.
    case addSupporter
    /// Save: creates or updates through the core, then discards the draft.
    case save
    /// The problem was read.
    case dismiss
}
