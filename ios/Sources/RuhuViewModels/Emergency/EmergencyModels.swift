// What the 发现急难 flow shows, step by step: find or register the household, the kind of
// emergency and how urgent, then the case with its clocks.
import Foundation
import RuhuCore

/// The 发现急难 flow.
public struct EmergencyState: Equatable {
    /// Which step is on screen.
    public var step: EmergencyStep = .chooseHousehold
    /// The household search as typed.
    public var searchText: String = ""
    /// Households matching it (ID numbers masked), in the core's order.
    public var results: [HouseholdSummary] = []
    /// The villages and grids this phone serves, one of which a new household is registered in.
    public var places: [Place] = []
    /// The minimal registration form, when the family is not on the phone yet.
    public var form = NewHouseholdForm()
    /// The household the case is for, once chosen or registered.
    public var household: ChosenHousehold?
    /// The kind of emergency chosen.
    public var kind: EmergencyKind?
    /// 紧急 (critical, 2 h), 急难 (urgent, 24 h) or 常规 (normal).
    public var path: CasePath?
    /// What happened, in the worker's words.
    public var description: String = ""
    /// The case's id once it is opened.
    public var caseId: String?
    /// The case once it exists, with its clocks (`clocks`, nearest first; `nextDeadlineMs`).
    public var caseDetail: CaseDetail?
    /// Whether a core call is under way (saving the household, opening the case).
    public var working: Bool = false
    /// What went wrong last; a form's problems name their fields (`problem?.reason(for:)`).
    public var problem: Problem?

    /// Whether 上报 can be pressed.
    public var canReport: Bool { step == .describeEmergency && caseId == nil && household != nil && kind != nil && path != nil && !working }
    /// Whether 保存 on the registration form can be pressed.
    public var canSaveHousehold: Bool { step == .registerHousehold && form.complete && !working }
}

/// The steps of the flow.
public enum EmergencyStep: Equatable, Sendable {
    /// Search the worker's households (or choose 登记新户).
    case chooseHousehold
    /// Register a family not yet on the phone.
    case registerHousehold
    /// Kind, urgency and a line on what happened.
    case describeEmergency
    /// The case exists; its clock runs.
    case reported
}

/// The household chosen for the case.
public struct ChosenHousehold: Equatable, Sendable {
    /// Household id.
    public var id: String
    /// 户主.
    public var headName: String

    public init(id: String, headName: String) {
        self.id = id
        self.headName = headName
    }
}

/// The least a family needs to be registered on the spot; the full household form completes it later.
public struct NewHouseholdForm: Equatable, Sendable {
    /// 户主姓名.
    public var headName: String
    /// 户主身份证号 (may be unknown at first: empty).
    public var headIdNumber: String
    /// 户主性别.
    public var headSex: Sex?
    /// 户主出生日期 (YYYY-MM-DD).
    public var headBirthDate: String
    /// 村 code (12 digits), one of `HouseholdsCore.places()`.
    public var villageCode: String
    /// 村 name.
    public var villageName: String
    /// 网格 code.
    public var gridCode: String
    /// 门牌.
    public var address: String
    /// 联系电话.
    public var phone: String
    /// 住房.
    public var housing: Housing?

    public init(headName: String = "", headIdNumber: String = "", headSex: Sex? = nil, headBirthDate: String = "",
                villageCode: String = "", villageName: String = "", gridCode: String = "", address: String = "",
                phone: String = "", housing: Housing? = nil) {
        self.headName = headName
        self.headIdNumber = headIdNumber
        self.headSex = headSex
        self.headBirthDate = headBirthDate
        self.villageCode = villageCode
        self.villageName = villageName
        self.gridCode = gridCode
        self.address = address
        self.phone = phone
        self.housing = housing
    }

    /// Whether the required fields are filled (the core still checks them all).
    public var complete: Bool {
        func filled(_ s: String) -> Bool { !s.trimmingCharacters(in: .whitespaces).isEmpty }
        return filled(headName) && headSex != nil && filled(headBirthDate) && filled(villageCode)
            && filled(gridCode) && housing != nil
    }
}

/// What the worker does in the 发现急难 flow.
public enum EmergencyAction {
    /// The household search changed.
    case searchChanged(String)
    /// A household from the results was chosen.
    case householdChosen(HouseholdSummary)
    /// 登记新户: the family is not on the phone (the head's name starts as the search text).
    case registerNew
    /// The registration form changed (the whole form as now typed).
    case formChanged(NewHouseholdForm)
    /// The new household's village and grid, among `places`.
    case placeChosen(Place)
    /// 保存 on the registration form.
    case saveHousehold
    /// The kind of emergency chosen.
    case kindChosen(EmergencyKind)
    /// How urgent: critical 2 h, urgent 24 h, normal.
    case pathChosen(CasePath)
    /// What happened, as typed.
    case descriptionChanged(String)
    /// 上报: open the case.
    case report
    /// Back one step.
    case back
    /// The problem was read.
    case dismissProblem
}
