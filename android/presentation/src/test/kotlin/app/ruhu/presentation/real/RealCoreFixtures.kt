// What the real-core test needs around the presenters: the county started by the test script
// (system properties), the QR payload built as the county builds it, a store in a temp folder,
// fictional ID numbers with a valid check character, and waiting for a presenter's state.
package app.ruhu.presentation.real

import java.nio.file.Files
import java.security.SecureRandom
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import uniffi.ruhu_core.RuhuStore

object RealCoreFixtures {
    /** The county's base URL, passed by scripts/android-jvm-test.sh. */
    fun countyUrl(): String = property("ruhu.countyUrl")

    /** w-001's one-time enrollment code, read from the county's log by the script. */
    fun enrollCode(): String = property("ruhu.enrollCode")

    /** w-002's one-time enrollment code (a second phone of the same county), from the script. */
    fun enrollCode2(): String = property("ruhu.enrollCode2")

    /** s-001's one-time enrollment code (县级督导, the whole county), from the script. */
    fun enrollCodeSupervisor(): String = property("ruhu.enrollCodeSupervisor")

    /** The demo console's county admin password (printed by `ruhu-county demo`), from the script. */
    fun adminPassword(): String = property("ruhu.adminPassword")

    private fun property(name: String): String = System.getProperty(name).orEmpty().ifEmpty {
        error("system property $name is not set: run scripts/android-jvm-test.sh, which starts the county")
    }

    /** The enrollment QR payload, escaped as county/src/enroll.rs qr_payload does. */
    fun qrPayload(serverUrl: String, code: String): String {
        val server = serverUrl.toByteArray(Charsets.UTF_8).joinToString("") { b ->
            val c = (b.toInt() and 0xff).toChar()
            if (c.isLetterOrDigit() && c.code < 128 || c in "-._~") c.toString() else "%%%02X".format(b.toInt() and 0xff)
        }
        return "ruhu://enroll?v=1&server=$server&code=$code"
    }

    /** A new encrypted store in a temp folder with a random key. */
    fun openStore(): RuhuStore {
        val dir = Files.createTempDirectory("ruhu-present")
        val key = ByteArray(32).also { SecureRandom().nextBytes(it) }
        return RuhuStore.open(dir.resolve("phone.db").toString(), key)
    }

    private val WEIGHTS = intArrayOf(7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)

    /** A 身份证号 for a fictional person in the unassigned county 370599 (odd sequence: male). */
    fun idNumber(birth: String, sequence: Int): String {
        val body = "370599" + birth.replace("-", "") + "%03d".format(sequence)
        val sum = body.mapIndexed { i, c -> (c - '0') * WEIGHTS[i] }.sum()
        return body + "10X98765432"[sum % 11]
    }

    /** Waits (at most a minute: the county is on loopback) for a state matching [done]. */
    fun <S> StateFlow<S>.await(what: String, done: (S) -> Boolean): S = runBlocking {
        try {
            withTimeout(60_000) { first(done) }
        } catch (e: kotlinx.coroutines.TimeoutCancellationException) {
            throw AssertionError("$what never happened; state: $value")
        }
    }
}
