// Where the time of the last finished sync is kept between app starts (the core does not
// record it): the app backs it with UserDefaults, tests and previews with memory.
import Foundation

/// The last finished sync's time, Unix ms.
public protocol LastSyncStore: AnyObject, Sendable {
    /// The time saved last, or nil before the first sync.
    func load() -> Int64?
    /// Saves the time of a sync that just finished.
    func save(atMs: Int64)
}

/// A LastSyncStore kept in memory only (tests, previews).
public final class InMemoryLastSyncStore: LastSyncStore, @unchecked Sendable {
    private let lock = NSLock()
    private var atMs: Int64?

    public init(atMs: Int64? = nil) { self.atMs = atMs }

    public func load() -> Int64? { lock.withLock { atMs } }
    public func save(atMs: Int64) { lock.withLock { self.atMs = atMs } }
}

/// A LastSyncStore in UserDefaults (the app's): one number under `key`.
public final class UserDefaultsLastSyncStore: LastSyncStore, @unchecked Sendable {
    private let defaults: UserDefaults
    private let key: String

    public init(defaults: UserDefaults = .standard, key: String = "ruhu.lastSyncAtMs") {
        self.defaults = defaults
        self.key = key
    }

    public func load() -> Int64? {
        (defaults.object(forKey: key) as? NSNumber)?.int64Value
    }

    public func save(atMs: Int64) { defaults.set(NSNumber(value: atMs), forKey: key) }
}
