import Foundation
import RuhuCore

/// What handing a case or household over by file needs.
public protocol HandoverCore: AnyObject, Sendable {
    /// A sealed bundle of the documents (a case brings its household).
    func exportBundle(documentIds: [String]) throws -> Data
    /// What importing would do and what lies outside this phone's grids; imports nothing.
    func previewBundle(bundle: Data) throws -> BundlePreview
    /// Imports a bundle that lies wholly within this phone's grids (throws BundleOutsideScope otherwise).
    func importBundle(bundle: Data) throws -> ImportReport
    /// Imports after the worker saw the preview, with or without what lies outside the grids.
    func importBundleConfirmed(bundle: Data, includeOutsideScope: Bool) throws -> ImportReport
}
