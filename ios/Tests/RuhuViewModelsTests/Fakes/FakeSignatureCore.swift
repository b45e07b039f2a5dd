import Foundation
import RuhuCore
@testable import RuhuViewModels

/// The signing pad's core: records what it was handed and refuses when told.
final class FakeSignatureCore: SignatureCore, @unchecked Sendable {
    private let lock = NSLock()
    private var _calls: [(target: PhotoTarget, signer: String, strokes: [Stroke], pad: [Float])] = []
    private var _refuse: ApiError?

    var refuse: ApiError? {
        get { lock.withLock { _refuse } }
        set { lock.withLock { _refuse = newValue } }
    }
    var calls: [(target: PhotoTarget, signer: String, strokes: [Stroke], pad: [Float])] { lock.withLock { _calls } }

    func addSignature(target: PhotoTarget, signer: String, strokes: [Stroke], padWidth: Float, padHeight: Float) throws -> PhotoRecord {
        try lock.withLock {
            _calls.append((target, signer, strokes, [padWidth, padHeight]))
            if let _refuse { throw _refuse }
            return .fixture("p-\(_calls.count)", target: target, kind: .signature, caption: "签字：\(signer)")
        }
    }
}
