// The household form's GPS button: one current fix from the phone's own LocationManager (GPS,
// else the network provider), without Google Play services' fused provider, which these phones
// lack. The caller asks for the location permission first.
package app.ruhu.app.location

import android.Manifest
import android.annotation.SuppressLint
import android.content.Context
import android.content.pm.PackageManager
import android.location.LocationManager
import android.os.CancellationSignal
import androidx.core.content.ContextCompat
import androidx.core.location.LocationManagerCompat
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.withTimeoutOrNull
import uniffi.ruhu_core.GeoPoint
import kotlin.coroutines.resume

/** One location fix for the form. */
class OneFix(private val context: Context) {

    /** Whether the worker allowed location (fine or coarse). */
    fun allowed(): Boolean = listOf(Manifest.permission.ACCESS_FINE_LOCATION, Manifest.permission.ACCESS_COARSE_LOCATION)
        .any { ContextCompat.checkSelfPermission(context, it) == PackageManager.PERMISSION_GRANTED }

    /** The current position, or null when location is off, not allowed, or no fix came in 30 s. */
    @SuppressLint("MissingPermission") // checked by allowed()
    suspend fun current(): GeoPoint? {
        if (!allowed()) return null
        val manager = context.getSystemService(LocationManager::class.java) ?: return null
        if (!LocationManagerCompat.isLocationEnabled(manager)) return null
        val provider = listOf(LocationManager.GPS_PROVIDER, LocationManager.NETWORK_PROVIDER)
            .firstOrNull { manager.isProviderEnabled(it) } ?: return null
        return withTimeoutOrNull(TIMEOUT_MS) {
            suspendCancellableCoroutine { cont ->
                val cancel = CancellationSignal()
                cont.invokeOnCancellation { cancel.cancel() }
                LocationManagerCompat.getCurrentLocation(manager, provider, cancel, ContextCompat.getMainExecutor(context)) { fix ->
                    cont.resume(fix?.let { GeoPoint(it.latitude, it.longitude, it.accuracy.toDouble()) })
                }
            }
        }
    }

    private companion object {
        const val TIMEOUT_MS = 30_000L
    }
}
