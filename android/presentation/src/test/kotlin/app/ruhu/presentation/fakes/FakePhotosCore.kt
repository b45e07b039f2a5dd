// A fake of the photo and handover core calls: photos kept in memory, refusals on demand.
package app.ruhu.presentation.fakes

import app.ruhu.presentation.core.HandoverCore
import app.ruhu.presentation.core.RetakesCore
import uniffi.ruhu_core.*

/** Photos in memory; [refuseNext] makes the next addPhoto throw it. */
class FakePhotosCore : RetakesCore, HandoverCore {
    val kept = mutableListOf<PhotoRecord>()
    val inputs = mutableListOf<PhotoInput>()
    var refuseNext: ApiException? = null
    var preview = BundlePreview(emptyList(), 0u)
    val imports = mutableListOf<String>()
    var exported = mutableListOf<List<String>>()

    override fun addPhoto(target: PhotoTarget, input: PhotoInput, cameraBytes: ByteArray): PhotoRecord {
        refuseNext?.let { refuseNext = null; throw it }
        inputs += input
        return photo("p-${kept.size + 1}", target, input.kind, input.caption).also { kept += it }
    }

    override fun photos(householdId: String): List<PhotoRecord> = kept.reversed()

    override fun photoFile(sha256: String): ByteArray = ByteArray(0)

    override fun retakesOwed(): List<PhotoRecord> {
        val retaken = kept.mapNotNull { it.retakeOf }.toSet()
        return kept.filter { it.review == ReviewStatus.RETAKE_NEEDED && it.photoId !in retaken }
    }

    override fun retakePhoto(target: PhotoTarget, photoId: String, input: PhotoInput, cameraBytes: ByteArray): PhotoRecord {
        if (retakesOwed().none { it.photoId == photoId && it.target == target }) {
            throw ApiException.InvalidInput(listOf(FieldProblem("retake_of", "这张照片不需要重拍，或已经重拍过")))
        }
        return addPhoto(target, input, cameraBytes).copy(retakeOf = photoId).also { kept[kept.lastIndex] = it }
    }

    override fun exportBundle(documentIds: List<String>): ByteArray {
        exported += documentIds
        return byteArrayOf(1, 2, 3)
    }

    override fun previewBundle(bundle: ByteArray): BundlePreview {
        if (bundle.isEmpty()) throw ApiException.BundleRefused("这不是如户的转交文件")
        return preview
    }

    override fun importBundle(bundle: ByteArray): ImportReport {
        if (preview.outsideScope > 0u) throw ApiException.BundleOutsideScope(preview.outsideScope)
        imports += "plain"
        return ImportReport(preview.documents.size.toUInt(), 0u, 0u, 0u, 0u)
    }

    override fun importBundleConfirmed(bundle: ByteArray, includeOutsideScope: Boolean): ImportReport {
        imports += "confirmed:$includeOutsideScope"
        val outside = if (includeOutsideScope) 0u else preview.outsideScope
        return ImportReport(preview.documents.size.toUInt() - outside, 0u, 0u, 0u, outside)
    }

    companion object {
        /** A photo record as the core gives it. */
        fun photo(id: String, target: PhotoTarget, kind: PhotoKind, caption: String) = PhotoRecord(
            id, target, kind, caption, "sha-$id", "thumb-$id", 800u, 600u, 50_000uL, 1_000L, false, null, "w-001",
            ReviewStatus.PENDING, "", null, true, false,
        )
    }
}
