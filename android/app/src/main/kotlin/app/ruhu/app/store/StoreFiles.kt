// Where the store lives on the phone: the encrypted store file, SQLite's journal beside it, the
// photo vault directory the core keeps next to it ("<store>.photos"), and the wrapped key. All
// in noBackupFilesDir: app-private, and never part of a backup.
package app.ruhu.app.store

import android.content.Context
import java.io.File

/** The files of the one store of this app. */
class StoreFiles(context: Context) {
    private val dir: File = context.noBackupFilesDir

    /** The encrypted store (passed to RuhuStore.open). */
    val store: File = File(dir, "ruhu.store")

    /** The store key, wrapped by the Keystore (StoreKey). */
    val wrappedKey: File = File(dir, "store-key.wrapped")

    /** Every file and directory the store is made of, the store itself first. */
    val all: List<File>
        get() = listOf(
            store,
            File(store.path + "-wal"),
            File(store.path + "-shm"),
            File(store.path + "-journal"),
            File(store.path + ".photos"),
        )

    /** Removes the store and what lies beside it; true when nothing of it is left. */
    fun deleteStore(): Boolean {
        all.forEach { it.deleteRecursively() }
        return all.none { it.exists() }
    }
}
