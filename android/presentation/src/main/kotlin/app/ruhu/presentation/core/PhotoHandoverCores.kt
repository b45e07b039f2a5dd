// The core calls of the photo and handover features, in the generated bindings' own types
// (RealRuhuCore implements them over RuhuStore; tests give fakes of just these).
package app.ruhu.presentation.core

import uniffi.ruhu_core.BundlePreview
import uniffi.ruhu_core.ImportReport
import uniffi.ruhu_core.PhotoInput
import uniffi.ruhu_core.PhotoRecord
import uniffi.ruhu_core.PhotoTarget

/** What taking photos for one household or case needs. */
interface PhotosCore {
    /** Runs the camera's bytes through the core's pipeline and attaches the photo (RuhuStore.addPhoto); heavy. */
    fun addPhoto(target: PhotoTarget, input: PhotoInput, cameraBytes: ByteArray): PhotoRecord

    /** Photos of a household and of its cases, newest first. */
    fun photos(householdId: String): List<PhotoRecord>

    /** The decrypted bytes of a stored image or thumbnail (a PhotoRecord's sha256 or thumbSha256). */
    fun photoFile(sha256: String): ByteArray
}

/** What the retakes list needs. */
interface RetakesCore : PhotosCore {
    /** Photos a supervisor sent back, with the reason in reviewReason. */
    fun retakesOwed(): List<PhotoRecord>

    /**
     * Takes the retake of [photoId] (RuhuStore.retakePhoto): a new photo naming the old one,
     * which then is owed no more; throws ApiException.InvalidInput on `retake_of` when it is not owed.
     */
    fun retakePhoto(target: PhotoTarget, photoId: String, input: PhotoInput, cameraBytes: ByteArray): PhotoRecord
}

/** What handing a case or household over by file needs. */
interface HandoverCore {
    /** A sealed bundle of the documents (a case brings its household). */
    fun exportBundle(documentIds: List<String>): ByteArray

    /** What importing would do and what lies outside this phone's grids; imports nothing. */
    fun previewBundle(bundle: ByteArray): BundlePreview

    /** Imports all or nothing; refused with BundleOutsideScope when some lie outside the grids. */
    fun importBundle(bundle: ByteArray): ImportReport

    /** Imports after the worker saw the preview, with or without what lies outside the grids. */
    fun importBundleConfirmed(bundle: ByteArray, includeOutsideScope: Boolean): ImportReport
}
