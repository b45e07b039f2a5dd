// What the settings screen shows: the worker, 长辈版, the app's version, and leaving the county.
import Foundation
import RuhuCore

/// The settings screen.
public struct SettingsState: Equatable {
    /// The worker's name, when enrolled.
    public var workerName: String?
    /// 长辈版 on or off (the app applies it everywhere).
    public var elderMode: Bool = false
    /// The app's version, as shown.
    public var version: String = ""
    /// Where leaving the county stands.
    public var leaving: Leaving = .no
    /// What went wrong.
    public var problem: Problem?
}

/// Where leaving the county (退出本县) stands.
public enum Leaving: Equatable, Sendable {
    /// Nothing asked.
    case no
    /// Asked; the core is being consulted or is wiping.
    case working
    /// The county lacks `documents` records and `photos` photo files: the worker must confirm
    /// losing them (or cancel and sync first).
    case confirmLoss(documents: UInt64, photos: UInt64)
    /// Done: this phone's records and photos are wiped; the app returns to enrollment.
    case left
}

/// What the worker does in settings.
public enum SettingsAction {
    /// 长辈版 switched.
    case elderModeChanged(Bool)
    /// 退出本县 tapped.
    case leave
    /// The worker confirmed losing the work not yet synced.
    case confirmLeave
    /// The worker changed their mind (go and sync first).
    case cancelLeave
    /// The problem was read.
    case dismissProblem
}
