// What 我的走访 shows: the visit tasks in the core's order with their clocks, and the worker.
import Foundation
import RuhuCore

/// The home screen (我的走访).
public struct HomeState: Equatable {
    /// The worker's name, once enrolled.
    public var workerName: String?
    /// Open visit tasks as the core orders them (overdue first, then by urgency and due day).
    public var visits: [VisitItem] = []
    /// Whether the list is being read (nothing to show yet).
    public var loading: Bool = true
    /// Whether the core is still looking for new visits (the list shown may grow).
    public var checking: Bool = false
    /// Households whose visits cannot be dated until the county sends next year's holiday
    /// schedule; the screen says so, since their tasks are missing from the list meanwhile.
    public var waitingForCalendar: UInt32 = 0
    /// The task being closed (its id), while the core records it.
    public var closingTaskId: String?
    /// What went wrong reading or closing.
    public var problem: Problem?
}

/// One visit task as a row.
public struct VisitItem: Equatable, Identifiable, Sendable {
    /// Task id, to close the task.
    public var id: String
    /// The household to visit.
    public var householdId: String
    /// 户主 name.
    public var headName: String
    /// 村 name.
    public var villageName: String
    /// 门牌.
    public var address: String
    /// Why, in the core's words.
    public var reason: String
    /// How soon.
    public var urgency: Urgency
    /// The last day for the visit (YYYY-MM-DD).
    public var dueOn: String
    /// Where its clock stands (进行中 / 即将到期 / 已超期).
    public var clock: ClockState

    /// Who and where in one line: 户主 · 村 · 地址, the empty parts left out.
    public var household: String {
        [headName, villageName, address].filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .joined(separator: " · ")
    }

    /// The row for a core visit task.
    public init(_ task: VisitTaskRecord) {
        id = task.id
        householdId = task.householdId
        headName = task.headName
        villageName = task.villageName
        address = task.address
        reason = task.reason
        urgency = task.urgency
        dueOn = task.dueOn
        clock = task.clock
    }
}

/// Where 我的走访 leads; the view navigates (the view model only says where).
public enum HomeDestination: Equatable {
    /// 发现急难: the emergency flow (EmergencyViewModel).
    case reportEmergency
    /// A household's screen, from a visit row.
    case household(id: String)
}

/// What the worker does on 我的走访.
public enum HomeAction {
    /// Read the tasks again (pull to refresh, back from a visit, after a sync).
    case refresh
    /// Close a visit task: `done` (visited) or not needed, with the worker's note.
    case closeTask(taskId: String, done: Bool, note: String)
    /// 发现急难 tapped: the view model calls `navigate(.reportEmergency)`.
    case reportEmergency
    /// A visit row tapped: `navigate(.household(id:))`.
    case openHousehold(id: String)
    /// The problem was read.
    case dismissProblem
}
