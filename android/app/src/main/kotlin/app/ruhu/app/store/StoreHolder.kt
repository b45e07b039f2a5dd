// The one open store of the app process, opened once, off the main thread, when the process
// starts (RuhuApp). A store that cannot be opened is reported and left exactly as it was: no
// code path here deletes it, except the worker's own choice to leave the county (wipe()).
package app.ruhu.app.store

import android.util.Log
import app.ruhu.presentation.core.RealRuhuCore
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.filter
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.launch
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withContext
import uniffi.ruhu_core.ApiException
import uniffi.ruhu_core.RuhuStore

/** Where opening the store stands. */
sealed interface StoreState {
    /** Being opened. */
    data object Opening : StoreState

    /** Open; [core] is every presenter's way in. */
    data class Open(val store: RuhuStore, val core: RealRuhuCore) : StoreState

    /** It cannot be read (wrong key, damaged file, key lost); the file is kept as it was. */
    data class Unreadable(val why: Why) : StoreState

    /** Why the store is unreadable (no personal data; shown as a fixed sentence). */
    enum class Why { KeyLost, BadKeyOrDamaged, NewerVersion, Other }
}

/**
 * Opens the store at [files] with the key from [key] on [io], once, and hands it to whoever asks.
 */
class StoreHolder(
    private val files: StoreFiles,
    private val key: StoreKey,
    private val scope: CoroutineScope,
    private val io: CoroutineDispatcher,
) {
    private val mutable = MutableStateFlow<StoreState>(StoreState.Opening)
    private val lock = Mutex()

    /** The store's state; screens show enrollment, the app, or the unreadable notice from it. */
    val state: StateFlow<StoreState> = mutable.asStateFlow()

    /** Starts opening (called once by RuhuApp.onCreate). */
    fun start() {
        scope.launch { lock.withLock { open() } }
    }

    /** The open store, waiting for the opening; null when it cannot be opened. */
    suspend fun await(): StoreState.Open? =
        state.filter { it !is StoreState.Opening }.first() as? StoreState.Open

    /**
     * Leaves the county: closes the store, deletes it with its photos and the key, and opens a new
     * empty one (the enrollment screen follows). Returns false if a file could not be removed;
     * the key is destroyed regardless, so what is left can no longer be read.
     */
    suspend fun wipe(): Boolean = lock.withLock {
        withContext(io) {
            // The screens leave the old store first, then it is closed.
            val old = mutable.value as? StoreState.Open
            mutable.value = StoreState.Opening
            old?.store?.close()
            key.destroy()
            val gone = files.deleteStore()
            open()
            gone
        }
    }

    private suspend fun open() {
        mutable.value = withContext(io) {
            try {
                // A store whose key is gone is not given a new key: that would orphan it silently.
                if (files.store.exists() && !key.exists()) return@withContext StoreState.Unreadable(StoreState.Why.KeyLost)
                val store = RuhuStore.open(files.store.path, key.obtain())
                StoreState.Open(store, RealRuhuCore(store))
            } catch (e: StoreKey.Unavailable) {
                Log.w(TAG, "store key unavailable: ${e.message}")
                StoreState.Unreadable(StoreState.Why.KeyLost)
            } catch (e: ApiException.BadKey) {
                StoreState.Unreadable(StoreState.Why.BadKeyOrDamaged)
            } catch (e: ApiException.StoreUnreadable) {
                StoreState.Unreadable(StoreState.Why.BadKeyOrDamaged)
            } catch (e: ApiException.NewerVersion) {
                StoreState.Unreadable(StoreState.Why.NewerVersion)
            } catch (e: Exception) {
                Log.w(TAG, "store open failed: ${e::class.java.simpleName}")
                StoreState.Unreadable(StoreState.Why.Other)
            }
        }
    }

    private companion object {
        const val TAG = "RuhuStore"
    }
}
