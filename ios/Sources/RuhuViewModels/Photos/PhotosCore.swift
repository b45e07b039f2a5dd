import Foundation
import RuhuCore

/// What taking photos for one household or case needs.
public protocol PhotosCore: AnyObject, Sendable {
    /// Runs the camera's bytes through the core's pipeline and attaches the photo (RuhuStore.addPhoto); heavy.
    func addPhoto(target: PhotoTarget, input: PhotoInput, cameraBytes: Data) throws -> PhotoRecord
    /// Photos of a household and of its cases, newest first.
    func photos(householdId: String) throws -> [PhotoRecord]
    /// The decrypted bytes of a stored image or thumbnail (a PhotoRecord's sha256 or thumbSha256).
    func photoFile(sha256: String) throws -> Data
}

/// What the retakes list needs.
public protocol RetakesCore: PhotosCore {
    /// Photos a supervisor sent back, with the reason in reviewReason.
    func retakesOwed() throws -> [PhotoRecord]
    /// Takes the retake of `photoId` (RuhuStore.retakePhoto): a new photo naming the old one,
    /// which then is owed no more; throws ApiError.InvalidInput on `retake_of` when it is not owed.
    func retakePhoto(target: PhotoTarget, photoId: String, input: PhotoInput, cameraBytes: Data) throws -> PhotoRecord
}
