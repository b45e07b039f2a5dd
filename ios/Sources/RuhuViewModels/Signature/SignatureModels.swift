// What the signing pad (签字板) shows: who signs, the strokes drawn (in the pad's own
// coordinates), the signatures kept so far, and the core's problems with the strokes or the signer.
import Foundation
import RuhuCore

/// The pad's state.
public struct SignatureState: Equatable {
    /// Who signs now, as the caption will say (e.g. 户主本人, 调查人 李某).
    public var signer: String = ""
    /// Finished strokes, each its points in pad coordinates (the view's points, origin top left).
    public var strokes: [[PadPointInput]] = []
    /// The stroke the finger is drawing now.
    public var drawing: [PadPointInput] = []
    /// Whether the signature is being stored.
    public var saving: Bool = false
    /// Signatures kept on this target while the pad was open, newest last.
    public var kept: [PhotoRecord] = []
    /// What the core refused: `.fields` naming `strokes` or `signer`, in its words.
    public var problem: Problem?

    /// Whether 确认签字 may be tapped: a signer named and something drawn.
    public var canSave: Bool {
        !signer.trimmingCharacters(in: .whitespaces).isEmpty && strokes.contains { $0.count >= 2 } && !saving
    }
    /// The core's words about the strokes (e.g. outside the pad), to show under the pad.
    public var strokesProblem: String? { problem?.reason(for: "strokes") }
    /// The core's words about the signer's name, to show under the name field.
    public var signerProblem: String? { problem?.reason(for: "signer") }
}

/// What the worker does on the pad (a DragGesture's start, changes and end).
public enum SignatureAction {
    /// The signer's words changed.
    case signerChanged(String)
    /// The finger touched down at (x, y).
    case beginStroke(x: Float, y: Float)
    /// The finger moved to (x, y).
    case extendStroke(x: Float, y: Float)
    /// The finger lifted: the stroke is finished.
    case endStroke
    /// 撤销: takes back the last stroke.
    case undo
    /// 清除: starts this signature again.
    case clear
    /// 确认签字 on a pad of padWidth × padHeight (the same units as the points).
    case save(padWidth: Float, padHeight: Float)
    /// The problem was read.
    case dismiss
}
