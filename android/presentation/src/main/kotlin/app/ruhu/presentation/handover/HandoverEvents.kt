// What the worker does when handing a case over or opening a file received.
package app.ruhu.presentation.handover

/** Events of the handover screens. */
sealed interface HandoverEvents {
    /** 转交: seal these documents (a case brings its household); [label] names the file. */
    data class Export(val documentIds: List<String>, val label: String) : HandoverEvents

    /** A file opened from the share sheet or the file manager. */
    class Received(val bytes: ByteArray) : HandoverEvents

    /** 导入 after the preview; [includeOutsideScope] when the worker agreed to keep those too. */
    data class Import(val includeOutsideScope: Boolean = false) : HandoverEvents
}
