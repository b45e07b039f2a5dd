import RuhuCore

/// What the signing pad needs: the signature kept as evidence on the household or the case.
public protocol SignatureCore: AnyObject, Sendable {
    /// Renders and stores the strokes (RuhuStore.addSignature); throws ApiError.InvalidInput naming `strokes` or `signer`.
    func addSignature(target: PhotoTarget, signer: String, strokes: [Stroke], padWidth: Float, padHeight: Float) throws -> PhotoRecord
}
