// The county's web console driven over HTTP as a supervisor would drive it (java.net.http):
// sign in with the demo's printed login, then submit its forms — issue an enrollment code,
// ask for a retake on the photo review form, revoke a device — each with the page's CSRF token.
package app.ruhu.presentation.real

import java.net.URI
import java.net.URLEncoder
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

/** A signed-in console session of [username] at [base]. */
class CountyConsole(private val base: String, username: String, password: String) {
    // Cookies kept by hand: java.net.CookieManager did not send the session cookie back after
    // the sign-in's redirect (the console answered 登录已过期), so redirects are followed here too.
    private val http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
    private val cookies = linkedMapOf<String, String>()

    init {
        val login = get("/console/login")
        val page = post("/console/login", mapOf("username" to username, "password" to password, "csrf" to csrfOf(login)))
        check(!page.contains("name=\"password\"")) { "console sign-in failed" }
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

    private fun get(path: String): String = send(HttpRequest.newBuilder(URI.create(base + path)).GET())

    private fun post(path: String, form: Map<String, String>): String {
        val body = form.entries.joinToString("&") { (k, v) -> "$k=" + URLEncoder.encode(v, Charsets.UTF_8) }
        return send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)))
    }

    /** Sends with the cookies kept, keeps the ones set, follows redirects (as GET). */
    private fun send(request: HttpRequest.Builder, hops: Int = 0): String {
        if (cookies.isNotEmpty()) request.header("Cookie", cookies.entries.joinToString("; ") { (k, v) -> "$k=$v" })
        val response = http.send(request.build(), HttpResponse.BodyHandlers.ofString())
        for (line in response.headers().allValues("set-cookie")) {
            val (name, value) = line.substringBefore(';').split('=', limit = 2).let { it[0].trim() to it.getOrElse(1) { "" } }
            if (line.contains("Max-Age=0") || value.isEmpty()) cookies.remove(name) else cookies[name] = value
        }
        val location = response.headers().firstValue("location").orElse(null)
        if (response.statusCode() in 300..399 && location != null && hops < 5) {
            return send(HttpRequest.newBuilder(URI.create(base).resolve(location)).GET(), hops + 1)
        }
        return response.body()
    }
}
