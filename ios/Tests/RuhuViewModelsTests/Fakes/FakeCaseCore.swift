import Foundation
import RuhuCore
@testable import RuhuViewModels

/// A case without a store: allows what the test says, records the steps, keeps drafts in memory,
/// and refuses an 入户调查 without signatures as the core does (signatures_missing).
final class FakeCaseCore: CaseCore, @unchecked Sendable {
    private let lock = NSLock()
    let drafts = DraftBook()
    private var _allowed: [CaseEventKind]
    private var _appended: [CaseEventInput] = []
    private var _photos: [PhotoRecord] = []
    private var _evidence: [StepEvidence] = []
    /// What appendCaseEvent throws instead of recording, when set.
    var refuse: ApiError?

    init(allowed: [CaseEventKind]) { _allowed = allowed }

    var appended: [CaseEventInput] { lock.withLock { _appended } }
    /// What the case detail offers as each step's evidence (CaseDetail.stepEvidence).
    var evidence: [StepEvidence] {
        get { lock.withLock { _evidence } }
        set { lock.withLock { _evidence = newValue } }
    }
    var photoList: [PhotoRecord] {
        get { lock.withLock { _photos } }
        set { lock.withLock { _photos = newValue } }
    }

    func caseDetail(caseId: String) throws -> CaseDetail {
        lock.withLock {
            var detail = CaseDetail.fixture(id: caseId, allowed: _allowed)
            detail.stepEvidence = _evidence
            return detail
        }
    }

    func appendCaseEvent(caseId: String, event: CaseEventInput) throws -> String {
        try lock.withLock {
            if let refuse { throw refuse }
            if event.kind == .investigated && event.photoIds.isEmpty {
                throw ApiError.CaseRuleBroken(rule: "signatures_missing", reason: "入户调查需要被调查人和调查人签字")
            }
            _appended.append(event)
            return "e-\(_appended.count)"
        }
    }

    func photos(householdId: String) throws -> [PhotoRecord] { lock.withLock { _photos } }

    func parseAmount(field: String, text: String) throws -> Int64 { try RuhuCore.parseAmount(field: field, text: text) }

    func saveDraft(form: String, field: String, value: String) throws { drafts.save(form, field, value) }
    func draft(form: String) throws -> [DraftField] { drafts.draft(form) }
    func discardDraft(form: String) throws { drafts.discard(form) }
}
