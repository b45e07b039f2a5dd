// What the conflicts screen shows: each field two people changed differently, with the values
// side by side (the core's display text), until the worker has chosen for each.
import Foundation
import RuhuCore

/// The conflicts of one household or case (or of every document).
public struct ConflictsState: Equatable {
    /// The household or case; nil lists every document's conflicts.
    public var documentId: String?
    /// Unsettled fields, each with its label and candidate values (`display` to show side by side).
    public var conflicts: [Conflict] = []
    /// Whether the list is being read or a choice is being recorded.
    public var busy: Bool = true
    /// What went wrong with the last read or choice; the list is kept.
    public var problem: Problem?

    /// Every conflict settled (shown as 已处理完).
    public var done: Bool { !busy && problem == nil && conflicts.isEmpty }
}

/// What the worker does on the conflicts screen.
public enum ConflictsAction {
    /// The worker chose `value` (one of the conflict's values) for that field.
    case choose(Conflict, ConflictValue)
    /// Read the list again (after a sync or an import).
    case refresh
    /// The problem was read.
    case dismiss
}
