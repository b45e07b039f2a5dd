import RuhuCore

/// What the settings screen needs.
public protocol SettingsCore: AnyObject, Sendable {
    /// The enrolled worker, or nil.
    func worker() throws -> WorkerProfile?
    /// Wipes this phone's records and photos (RuhuStore.leaveCounty); throws UnsyncedWork unless `evenUnsynced`.
    func leaveCounty(evenUnsynced: Bool) throws
}
