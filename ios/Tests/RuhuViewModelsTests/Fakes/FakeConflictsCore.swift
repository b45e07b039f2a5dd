import Foundation
import RuhuCore
@testable import RuhuViewModels

/// Conflicts kept in memory; a settled one leaves the list; settling refuses when told.
final class FakeConflictsCore: ConflictsCore, @unchecked Sendable {
    private let lock = NSLock()
    private var _list: [Conflict]
    private var _settled: [(String, String, String)] = []
    private var _asked: [String?] = []
    var refuse: ApiError? {
        get { lock.withLock { _refuse } }
        set { lock.withLock { _refuse = newValue } }
    }
    private var _refuse: ApiError?

    init(_ list: [Conflict]) { _list = list }

    var settled: [(String, String, String)] { lock.withLock { _settled } }
    var asked: [String?] { lock.withLock { _asked } }

    func conflicts(documentId: String?) throws -> [Conflict] {
        lock.withLock {
            _asked.append(documentId)
            return _list.filter { documentId == nil || $0.documentId == documentId }
        }
    }

    func settleConflict(documentId: String, path: String, valueJson: String) throws {
        try lock.withLock {
            if let _refuse { throw _refuse }
            _settled.append((documentId, path, valueJson))
            _list.removeAll { $0.documentId == documentId && $0.path == path }
        }
    }
}
