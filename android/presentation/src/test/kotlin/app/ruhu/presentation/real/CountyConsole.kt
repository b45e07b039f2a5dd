// The county's web console driven over HTTP as a supervisor would drive it (java.net.http):
// sign in with the demo's printed login, then submit its forms — issue an enrollment code,
// ask for a retake on the photo review form, revoke a device — each with the page's CSRF token.
package app.ruhu.presentation.real

import java.net.CookieManager
import java.net.URI
import java.net.URLEncoder
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

/** A signed-in console session of [username] at [base]. */
class CountyConsole(private val base: String, username: String, password: String) {
    private val http = HttpClient.newBuilder().cookieHandler(CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build()

    init {
        val login = get("/console/login")
        val page = post("/console/login", mapOf("username" to username, "password" to password, "csrf" to csrfOf(login)))
        check(page.contains("退出") || !page.contains("name=\"password\"")) { "console sign-in failed" }
    }

    /** A one-time enrollment code for a grid worker [workerId] in [grid] (设备与登记 → 签发). */
    fun issueCode(workerId: String, name: String, grid: String): String {
        val page = post("/console/devices", mapOf("csrf" to csrfOf(get("/console/devices")), "worker_id" to workerId, "name" to name,
            "grids" to grid, "villages" to "", "role" to "grid_worker"))
        return Regex("id=\"code\"[^>]*>([^<]+)<").find(page)?.groupValues?.get(1)?.trim()
            ?: error("no code on the console's answer")
    }

    /** Asks for a retake of a photo on the review form (照片审核 → 重拍), with [reason]. */
    fun askRetake(docId: String, photoId: String, reason: String) {
        val page = post("/console/photos/review", mapOf("csrf" to csrfOf(get("/console/photos")), "doc_id" to docId,
            "photo_id" to photoId, "decision" to "retake_needed", "reason" to reason))
        check(!page.contains("未能审核") && !page.contains("无权操作")) { "the review was refused" }
    }

    /** Revokes the (only) device of [workerId] still active, on the devices page (停用并清除数据). */
    fun revokeDeviceOf(workerId: String) {
        val page = get("/console/devices")
        val row = page.split("<tr>").firstOrNull { it.contains("<td>$workerId</td>") && it.contains("/revoke\"") }
            ?: error("no active device of $workerId on the devices page")
        val action = Regex("action=\"(/console/devices/[^\"]+/revoke)\"").find(row)!!.groupValues[1]
        post(action, mapOf("csrf" to csrfOf(page)))
    }

    private fun csrfOf(page: String): String =
        Regex("name=\"csrf\" value=\"([^\"]+)\"").find(page)?.groupValues?.get(1) ?: error("no CSRF token on the page")

    private fun get(path: String): String =
        http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString()).body()

    private fun post(path: String, form: Map<String, String>): String {
        val body = form.entries.joinToString("&") { (k, v) -> "$k=" + URLEncoder.encode(v, Charsets.UTF_8) }
        val request = HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build()
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body()
    }
}
