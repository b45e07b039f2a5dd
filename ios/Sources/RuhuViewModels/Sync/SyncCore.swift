import RuhuCore

/// What a sync needs.
public protocol SyncCore: AnyObject, Sendable {
    /// One sync with the county; blocks; the listener hears each round trip and may cancel.
    func sync(listener: SyncListener?) throws -> SyncReport
    /// Photo files still to reach the county.
    func photoUploadsPending() throws -> PhotoQueue
    /// Documents the county refused, with reason and what to do.
    func refusedDocuments() throws -> [RefusedDocument]
    /// Sends a refused document again after the worker fixed it.
    func retryRefused(documentId: String) throws
}
