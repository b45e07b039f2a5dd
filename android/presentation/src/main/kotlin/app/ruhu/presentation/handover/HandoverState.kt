// What the handover screens show: the bundle made for the share sheet, and for a file received
// its preview (what it holds, how much lies outside this worker's grids) and the import's result.
package app.ruhu.presentation.handover

import app.ruhu.presentation.core.Problem
import uniffi.ruhu_core.BundlePreview
import uniffi.ruhu_core.ImportReport

/** A sealed bundle ready for Android's share sheet. */
class ExportedBundle(
    /** The file's bytes. */
    val bytes: ByteArray,
    /** The name suggested for the file (ASCII, ends in .ruhu). */
    val fileName: String,
)

/** The handover screens. */
data class HandoverState(
    /** Whether the core is working (sealing, reading or importing). */
    val busy: Boolean = false,
    /** The bundle made last, to send. */
    val exported: ExportedBundle? = null,
    /** What the file received holds; null before one is opened. */
    val preview: BundlePreview? = null,
    /** Whether the worker must agree before importing (some lie outside the grids). */
    val needsConsent: Boolean = false,
    /** What the import did; the screen says done. */
    val imported: ImportReport? = null,
    /** What went wrong (a damaged or foreign file, in the core's words). */
    val problem: Problem? = null,
)
