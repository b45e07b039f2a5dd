// When background sync runs: every hour while a network is there and the battery is not low
// (one unique periodic work), and at once when the worker taps 同步 (one unique expedited work).
// WorkManager only: no push service, no Google Play services.
package app.ruhu.app.sync

import android.content.Context
import androidx.work.BackoffPolicy
import androidx.work.Constraints
import androidx.work.ExistingPeriodicWorkPolicy
import androidx.work.ExistingWorkPolicy
import androidx.work.NetworkType
import androidx.work.OneTimeWorkRequestBuilder
import androidx.work.OutOfQuotaPolicy
import androidx.work.PeriodicWorkRequestBuilder
import androidx.work.WorkInfo
import androidx.work.WorkManager
import kotlinx.coroutines.flow.Flow
import java.util.concurrent.TimeUnit

/** Schedules, starts and stops [SyncWorker]. */
class SyncScheduler(context: Context) {
    private val work = WorkManager.getInstance(context.applicationContext)

    /** Keeps the hourly sync scheduled (an existing schedule is kept as it is). */
    fun schedulePeriodic() {
        val constraints = Constraints.Builder()
            .setRequiredNetworkType(NetworkType.CONNECTED)
            .setRequiresBatteryNotLow(true)
            .build()
        val request = PeriodicWorkRequestBuilder<SyncWorker>(1, TimeUnit.HOURS)
            .setConstraints(constraints)
            .setBackoffCriteria(BackoffPolicy.EXPONENTIAL, 10, TimeUnit.MINUTES)
            .build()
        work.enqueueUniquePeriodicWork(PERIODIC, ExistingPeriodicWorkPolicy.KEEP, request)
    }

    /**
     * Syncs now (the worker tapped 同步): expedited, falling back to ordinary work when the app's
     * expedited quota is spent. Expedited work allows only the network constraint. A tap while
     * one runs keeps the running one.
     */
    fun syncNow() {
        val request = OneTimeWorkRequestBuilder<SyncWorker>()
            .setExpedited(OutOfQuotaPolicy.RUN_AS_NON_EXPEDITED_WORK_REQUEST)
            .setConstraints(Constraints.Builder().setRequiredNetworkType(NetworkType.CONNECTED).build())
            .build()
        work.enqueueUniqueWork(NOW, ExistingWorkPolicy.KEEP, request)
    }

    /** Stops the sync the worker started; the core stops after its current round trip. */
    fun cancelNow() {
        work.cancelUniqueWork(NOW)
    }

    /** The worker-started sync's work, to show whether it runs and how far it got. */
    fun nowInfo(): Flow<List<WorkInfo>> = work.getWorkInfosForUniqueWorkFlow(NOW)

    /** Stops every sync and its schedule (leaving the county). */
    fun cancelAll() {
        work.cancelUniqueWork(NOW)
        work.cancelUniqueWork(PERIODIC)
    }

    private companion object {
        const val PERIODIC = "ruhu-sync-periodic"
        const val NOW = "ruhu-sync-now"
    }
}
