// What the photo screen of one household or case shows (the kind and caption chosen, whether a
// shot is being stored, the last photo kept, the core's refusal, the thumbnails), and what the
// retakes list (需重拍) shows: the photos a supervisor sent back, each with the reason.
import Foundation
import RuhuCore

/// The photo screen of `target`.
public struct PhotoCaptureState: Equatable {
    /// The household or case the photos are evidence for.
    public var target: PhotoTarget
    /// What the next photo shows (住房, 家庭成员, 受灾情况, 身份证, 医疗票据, 授权书 …).
    public var kind: PhotoKind = .house
    /// The caption as typed; kept when the core refuses a shot, cleared when one is kept.
    public var caption: String = ""
    /// Where the phone is, when the app gave a fix; goes with the shot.
    public var location: GeoPoint?
    /// Whether a shot is going through the core's pipeline.
    public var saving: Bool = false
    /// The photo kept last, as the core stored it.
    public var kept: PhotoRecord?
    /// The target's photos, newest first (thumbnails by thumbSha256, through `thumbnail(_:)`).
    public var photos: [PhotoRecord] = []
    /// Why the last shot was not kept (its format, its size …), in the core's words.
    public var problem: Problem?
}

/// What the worker does on the photo screen.
public enum PhotoCaptureAction {
    /// The kind of photo chosen (before or after the shot).
    case kindChosen(PhotoKind)
    /// The caption typed.
    case captionChanged(String)
    /// The phone's GPS gave a fix (CoreLocation's coordinate and horizontal accuracy in metres).
    case locationFixed(latitude: Double, longitude: Double, accuracy: Double)
    /// The camera gave a shot (JPEG, HEIC converted to JPEG, or PNG bytes), stored off the main actor.
    case captured(Data)
    /// Read the photos again.
    case refresh
    /// The problem was read.
    case dismiss
}

/// The retakes owed (需重拍).
public struct RetakesState: Equatable {
    /// Photos sent back, oldest first; the supervisor's words in reviewReason.
    public var owed: [PhotoRecord] = []
    /// Whether the list is being read.
    public var loading: Bool = true
    /// The photo whose retake is going through the core, or nil.
    public var retaking: String?
    /// Why the last retake was not kept, in the core's words; the photo stays on the list.
    public var problem: Problem?
}

/// What the worker does on the retakes list.
public enum RetakesAction {
    /// The camera gave the retake of `photo` (JPEG or PNG bytes): same kind, caption and record.
    case retaken(photo: PhotoRecord, bytes: Data)
    /// Read the list again (after a sync).
    case refresh
    /// The problem was read.
    case dismiss
}
