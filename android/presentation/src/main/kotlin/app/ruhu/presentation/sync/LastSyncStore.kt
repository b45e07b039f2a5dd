// Where the time of the last finished sync is kept between app starts (the core does not
// record it): the app backs it with its preferences, tests with memory.
package app.ruhu.presentation.sync

/** The last finished sync's time, Unix ms. */
interface LastSyncStore {
    /** The time saved last, or null before the first sync. */
    fun load(): Long?

    /** Saves the time of a sync that just finished. */
    fun save(atMs: Long)
}

/** A [LastSyncStore] kept in memory only (tests, previews). */
class MemoryLastSyncStore(private var atMs: Long? = null) : LastSyncStore {
    override fun load(): Long? = atMs

    override fun save(atMs: Long) {
        this.atMs = atMs
    }
}
