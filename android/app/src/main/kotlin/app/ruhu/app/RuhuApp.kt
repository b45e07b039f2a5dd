// The Application: opens the store once per process, off the main thread, and schedules the
// periodic background sync. MainActivity and SyncWorker both reach the store through it.
package app.ruhu.app

import android.app.Application
import android.content.Context
import app.ruhu.app.store.StoreFiles
import app.ruhu.app.store.StoreHolder
import app.ruhu.app.store.StoreKey
import app.ruhu.app.sync.SyncScheduler
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext

/** The app process: one store, one scope for work that outlives a screen. */
class RuhuApp : Application() {
    /** Work that outlives any one screen (opening the store, the wipe). */
    val appScope: CoroutineScope = CoroutineScope(SupervisorJob() + Dispatchers.Main.immediate)

    /** The one store of this process. */
    lateinit var store: StoreHolder
        private set

    /** Small unencrypted settings. */
    lateinit var prefs: AppPrefs
        private set

    /** The background sync's schedule. */
    lateinit var sync: SyncScheduler
        private set

    override fun onCreate() {
        super.onCreate()
        val files = StoreFiles(this)
        prefs = AppPrefs(this)
        store = StoreHolder(files, StoreKey(files.wrappedKey), appScope, Dispatchers.IO)
        store.start()
        sync = SyncScheduler(this)
        sync.schedulePeriodic()
    }

    /**
     * Leaves the county (设置 → 退出本县): stops every sync, forgets the small settings, wipes
     * the store and its key, and schedules sync again for the next enrollment. Runs in [appScope]
     * so that leaving the screen cannot stop it halfway; the store's state drives the screens.
     */
    fun leaveCounty() {
        appScope.launch {
            sync.cancelAll()
            withContext(Dispatchers.IO) { prefs.clearForWipe() }
            store.wipe()
            sync.schedulePeriodic()
        }
    }

    companion object {
        /** The app object from any context. */
        fun of(context: Context): RuhuApp = context.applicationContext as RuhuApp
    }
}
