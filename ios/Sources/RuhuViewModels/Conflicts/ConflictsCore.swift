import RuhuCore

/// What the conflicts screen needs.
public protocol ConflictsCore: AnyObject, Sendable {
    /// Unsettled conflicts of one document (all documents when nil).
    func conflicts(documentId: String?) throws -> [Conflict]
    /// Settles a conflict with one of its values (ConflictValue.valueJson).
    func settleConflict(documentId: String, path: String, valueJson: String) throws
}
