import Foundation
import RuhuCore
@testable import RuhuViewModels

/// Handover without a store: export gives three bytes, an empty file is foreign, the preview is
/// as set, and the imports are recorded ("plain" or "confirmed:<include>").
final class FakeHandoverCore: HandoverCore, @unchecked Sendable {
    private let lock = NSLock()
    private var _exported: [[String]] = []
    private var _imports: [String] = []
    var preview = BundlePreview(documents: [], outsideScope: 0)

    var exported: [[String]] { lock.withLock { _exported } }
    var imports: [String] { lock.withLock { _imports } }

    func exportBundle(documentIds: [String]) throws -> Data {
        lock.withLock { _exported.append(documentIds) }
        return Data([1, 2, 3])
    }

    func previewBundle(bundle: Data) throws -> BundlePreview {
        if bundle.isEmpty { throw ApiError.BundleRefused(reason: "这不是如户的转交文件") }
        return preview
    }

    func importBundle(bundle: Data) throws -> ImportReport {
        if preview.outsideScope > 0 { throw ApiError.BundleOutsideScope(count: preview.outsideScope) }
        lock.withLock { _imports.append("plain") }
        return ImportReport(created: UInt32(preview.documents.count), updated: 0, unchanged: 0, newConflicts: 0, skipped: 0)
    }

    func importBundleConfirmed(bundle: Data, includeOutsideScope: Bool) throws -> ImportReport {
        lock.withLock { _imports.append("confirmed:\(includeOutsideScope)") }
        let outside = UInt32(preview.documents.filter { !$0.inScope }.count)
        let inside = UInt32(preview.documents.count) - outside
        return ImportReport(created: includeOutsideScope ? inside + outside : inside, updated: 0, unchanged: 0,
                            newConflicts: 0, skipped: includeOutsideScope ? 0 : outside)
    }
}
