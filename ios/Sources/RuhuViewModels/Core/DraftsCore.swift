// The core calls each feature makes, one small protocol per feature (in its own folder), in the
// generated bindings' own types. RuhuStore, the bindings' store, conforms to every one of them
// as it is (RuhuStore+Features.swift); tests give a view model a fake of just the protocol it uses.
import RuhuCore

/// Drafts: every field of an unfinished form kept as typed in the encrypted store.
public protocol DraftsCore: AnyObject, Sendable {
    /// Keeps one field as typed (RuhuStore.saveDraft); called on every change.
    func saveDraft(form: String, field: String, value: String) throws
    /// Every field of the draft `form`, empty when there is none.
    func draft(form: String) throws -> [DraftField]
    /// Forgets the draft `form` (saved as a record, or thrown away).
    func discardDraft(form: String) throws
}
