// Where the app keeps its display choice (长辈版): UserDefaults in the app, memory in tests.
import Foundation

/// The app's own settings (the core keeps none of these).
public protocol SettingsStore: AnyObject, Sendable {
    /// Whether 长辈版 (larger text, high contrast, larger touch targets) is on.
    func elderMode() -> Bool
    /// Keeps the choice.
    func setElderMode(_ on: Bool)
}

/// Settings kept in memory only (tests, previews).
public final class InMemorySettingsStore: SettingsStore, @unchecked Sendable {
    private let lock = NSLock()
    private var on: Bool

    public init(elderMode: Bool = false) { on = elderMode }

    public func elderMode() -> Bool { lock.withLock { on } }
    public func setElderMode(_ on: Bool) { lock.withLock { self.on = on } }
}

/// Settings in UserDefaults (the app's).
public final class UserDefaultsSettingsStore: SettingsStore, @unchecked Sendable {
    private let defaults: UserDefaults
    private let key: String

    public init(defaults: UserDefaults = .standard, key: String = "ruhu.elderMode") {
        self.defaults = defaults
        self.key = key
    }

    public func elderMode() -> Bool { defaults.bool(forKey: key) }
    public func setElderMode(_ on: Bool) { defaults.set(on, forKey: key) }
}
