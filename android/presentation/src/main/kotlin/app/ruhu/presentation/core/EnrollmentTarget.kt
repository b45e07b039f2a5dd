// TEMPORARY until the core's parseEnrollmentQr is in the bindings: the server and code an
// enrollment QR payload carries, and a parser written to county/src/enroll.rs qr_payload.
// At merge: delete this file and let RealRuhuCore call the core (same names and fields).
package app.ruhu.presentation.core

import java.net.URI
import java.net.URLDecoder
import uniffi.ruhu_core.ApiException

/** Where to enroll and with which code, as read from the county's QR code. */
data class EnrollmentTarget(
    /** The county's base URL. */
    val serverUrl: String,
    /** The one-time code. */
    val code: String,
)

/**
 * TEMPORARY: reads `ruhu://enroll?v=1&server=<url-escaped base URL>&code=<code>`. Anything
 * else is refused with [ApiException.InvalidInput] on the field `qr`, which the presenter
 * shows as "not an enrollment code".
 */
fun parseEnrollmentQrTemporary(payload: String): EnrollmentTarget {
    val refused = ApiException.InvalidInput(listOf(uniffi.ruhu_core.FieldProblem("qr", "")))
    val uri = runCatching { URI(payload.trim()) }.getOrNull() ?: throw refused
    if (uri.scheme != "ruhu" || uri.host != "enroll") throw refused
    val params = (uri.rawQuery ?: "").split('&').filter { it.contains('=') }.associate {
        val (k, v) = it.split('=', limit = 2)
        k to URLDecoder.decode(v, Charsets.UTF_8)
    }
    val server = params["server"].orEmpty()
    val code = params["code"].orEmpty()
    if (params["v"] != "1" || code.isBlank() || !(server.startsWith("http://") || server.startsWith("https://"))) {
        throw refused
    }
    return EnrollmentTarget(serverUrl = server, code = code)
}
