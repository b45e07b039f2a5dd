// Handover files: a case (or households) sent to a colleague offline. Sending writes the core's
// bundle to the app's cache and offers it through Android's share sheet by a FileProvider
// address; receiving reads a file another app opened with us (ACTION_VIEW), size-capped.
package app.ruhu.app.handover

import android.content.ClipData
import android.content.Context
import android.content.Intent
import android.net.Uri
import androidx.core.content.FileProvider
import app.ruhu.app.R
import java.io.File
import java.io.IOException
import java.text.SimpleDateFormat
import java.util.Date
import java.util.Locale

/** Writing, sharing and reading handover files. */
object HandoverFiles {
    /** The largest handover file read (a case with its photos stays far below). */
    const val MAX_BYTES = 64L * 1024 * 1024

    private const val MIME = "application/octet-stream"
    private const val KEEP_MS = 24L * 60 * 60 * 1000

    /**
     * Writes [bundle] (from RuhuStore.exportBundle) to cache/handover and opens the share sheet.
     * Files older than a day are removed first: they hold a family's data.
     */
    fun share(context: Context, bundle: ByteArray) {
        val dir = File(context.cacheDir, "handover").apply { mkdirs() }
        val now = System.currentTimeMillis()
        dir.listFiles()?.filter { now - it.lastModified() > KEEP_MS }?.forEach { it.delete() }
        val name = "ruhu-" + SimpleDateFormat("yyyyMMdd-HHmmss", Locale.ROOT).format(Date(now)) + ".ruhu"
        val file = File(dir, name).apply { writeBytes(bundle) }
        val uri = FileProvider.getUriForFile(context, context.packageName + ".files", file)
        val send = Intent(Intent.ACTION_SEND).apply {
            type = MIME
            putExtra(Intent.EXTRA_STREAM, uri)
            clipData = ClipData.newRawUri(name, uri)
            addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
        }
        val chooser = Intent.createChooser(send, context.getString(R.string.handover_share_title))
        if (context !is android.app.Activity) chooser.addFlags(Intent.FLAG_ACTIVITY_NEW_TASK)
        context.startActivity(chooser)
    }

    /** The handover file an ACTION_VIEW intent points at, or null when it is not one to read. */
    fun received(intent: Intent?): Uri? =
        intent?.takeIf { it.action == Intent.ACTION_VIEW }?.data?.takeIf { it.scheme == "content" }

    /** The file's bytes; throws IOException when it cannot be read or exceeds [MAX_BYTES]. */
    fun read(context: Context, uri: Uri): ByteArray {
        val input = context.contentResolver.openInputStream(uri) ?: throw IOException("cannot open")
        return input.use { stream ->
            val out = java.io.ByteArrayOutputStream()
            val chunk = ByteArray(64 * 1024)
            var total = 0L
            while (true) {
                val n = stream.read(chunk)
                if (n < 0) break
                total += n
                if (total > MAX_BYTES) throw IOException("handover file too large")
                out.write(chunk, 0, n)
            }
            out.toByteArray()
        }
    }
}
