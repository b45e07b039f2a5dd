// What the handover screens show: the bundle made for the share sheet, and for a file received
// its preview (what it holds, how much lies outside this worker's grids) and the import's result.
import Foundation
import RuhuCore

/// A sealed bundle ready for the share sheet.
public struct ExportedBundle: Equatable, Sendable {
    /// The file's bytes.
    public var bytes: Data
    /// The name suggested for the file (ASCII, ends in .ruhu).
    public var fileName: String
}

/// The handover screens.
public struct HandoverState: Equatable {
    /// Whether the core is working (sealing, reading or importing).
    public var busy: Bool = false
    /// The bundle made last, to send.
    public var exported: ExportedBundle?
    /// What the file received holds (each document, whether it lies in this phone's grids,
    /// whether it is new or changes anything); nil before one is opened.
    public var preview: BundlePreview?
    /// Whether the worker must agree before importing (some documents lie outside the grids).
    public var needsConsent: Bool = false
    /// What the import did; the screen says done.
    public var imported: ImportReport?
    /// What went wrong (a damaged or foreign file, in the core's words).
    public var problem: Problem?

    /// Whether 导入 can be pressed: a previewed file not yet imported.
    public var canImport: Bool { preview != nil && imported == nil && !busy }
}

/// What the worker does when handing a case over or opening a file received.
public enum HandoverAction {
    /// 转交: seal these documents (a case brings its household); `label` names the file.
    case export(documentIds: [String], label: String)
    /// The share sheet finished with the exported file (sent or not): forget its bytes.
    case exportShared
    /// A file opened from the share sheet or Files: its bytes.
    case received(Data)
    /// 导入 after the preview; `includeOutsideScope` when the worker agreed to keep those too.
    case importBundle(includeOutsideScope: Bool)
    /// The problem was read.
    case dismissProblem
}
