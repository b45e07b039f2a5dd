// One sync with the county under WorkManager. The core's sync blocks; its SyncListener hears each
// round trip and answers "stop" once WorkManager has stopped this worker (constraints lost, the
// worker cancelled it, the 10-minute limit), so the core stops cleanly between round trips.
// A revoked phone: the core has wiped it; the next launch shows the notice.
package app.ruhu.app.sync

import android.app.NotificationChannel
import android.app.NotificationManager
import android.content.Context
import android.content.pm.ServiceInfo
import android.os.Build
import android.util.Log
import androidx.core.app.NotificationCompat
import androidx.work.CoroutineWorker
import androidx.work.ForegroundInfo
import androidx.work.WorkerParameters
import androidx.work.workDataOf
import app.ruhu.app.R
import app.ruhu.app.RuhuApp
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withContext
import uniffi.ruhu_core.ApiException
import uniffi.ruhu_core.SyncListener
import uniffi.ruhu_core.SyncProgress

/** Runs one sync; see [SyncScheduler] for when. */
class SyncWorker(context: Context, params: WorkerParameters) : CoroutineWorker(context, params) {

    override suspend fun doWork(): Result {
        val app = RuhuApp.of(applicationContext)
        val open = app.store.await() ?: return Result.failure() // unreadable: nothing to sync, shown in the app
        if (withContext(Dispatchers.IO) { open.core.worker() } == null) return Result.success() // not enrolled yet

        val listener = object : SyncListener {
            override fun onProgress(progress: SyncProgress): Boolean {
                setProgressAsync(
                    workDataOf(
                        PROGRESS_ROUND_TRIPS to progress.roundTrips.toInt(),
                        PROGRESS_SENT to progress.documentsSent.toInt(),
                        PROGRESS_RECEIVED to progress.documentsReceived.toInt(),
                    ),
                )
                return !isStopped
            }
        }
        return oneAtATime.withLock {
            try {
                withContext(Dispatchers.IO) { open.core.sync(listener) }
                app.prefs.save(System.currentTimeMillis())
                Result.success()
            } catch (e: ApiException.DeviceRevoked) {
                // The core has already wiped the store and its photos as the county instructed.
                app.prefs.revokedNoticePending = true
                app.prefs.clearForWipe()
                Result.success()
            } catch (e: ApiException.SyncFailed) {
                if (e.retry) Result.retry() else Result.failure()
            } catch (e: ApiException.SyncCancelled) {
                Result.retry()
            } catch (e: ApiException) {
                Log.w(TAG, "sync failed: ${e::class.java.simpleName}")
                Result.failure()
            }
        }
    }

    /** The notice shown while an expedited sync runs as a foreground service (Android 8-11). */
    override suspend fun getForegroundInfo(): ForegroundInfo {
        val manager = applicationContext.getSystemService(NotificationManager::class.java)
        if (manager.getNotificationChannel(CHANNEL) == null) {
            manager.createNotificationChannel(
                NotificationChannel(
                    CHANNEL,
                    applicationContext.getString(R.string.sync_channel_name),
                    NotificationManager.IMPORTANCE_LOW,
                ),
            )
        }
        val notification = NotificationCompat.Builder(applicationContext, CHANNEL)
            .setSmallIcon(android.R.drawable.stat_notify_sync)
            .setContentTitle(applicationContext.getString(R.string.sync_notification_title))
            .setOngoing(true)
            .build()
        return if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.Q) {
            ForegroundInfo(NOTIFICATION_ID, notification, ServiceInfo.FOREGROUND_SERVICE_TYPE_DATA_SYNC)
        } else {
            ForegroundInfo(NOTIFICATION_ID, notification)
        }
    }

    companion object {
        /** Progress keys (WorkInfo.progress) the sync screen reads. */
        const val PROGRESS_ROUND_TRIPS = "round_trips"
        const val PROGRESS_SENT = "documents_sent"
        const val PROGRESS_RECEIVED = "documents_received"

        private const val TAG = "RuhuSync"
        private const val CHANNEL = "sync"
        private const val NOTIFICATION_ID = 14

        /** The periodic and the tapped sync never run at once in this process. */
        private val oneAtATime = Mutex()
    }
}
