// The store's 32-byte key: made once from the system's secure random, kept only wrapped
// (AES-256-GCM under a non-exportable Android Keystore key) in the app's private files, and
// unwrapped at each start. The Keystore key needs no screen unlock, so background sync can open
// the store while the phone is locked.
package app.ruhu.app.store

import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import java.io.File
import java.io.IOException
import java.security.KeyStore
import java.security.SecureRandom
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/**
 * The store key, wrapped in [wrappedFile].
 *
 * File layout: one version byte (1), the 12-byte GCM nonce the Keystore chose, then the
 * 32-byte key sealed with its 16-byte tag.
 */
class StoreKey(private val wrappedFile: File, private val alias: String = ALIAS) {

    /** Why the key cannot be had; the store is left as it is. */
    class Unavailable(message: String, cause: Throwable? = null) : Exception(message, cause)

    /**
     * The store key: unwrapped when it exists, otherwise made, wrapped and written first.
     * Never makes a new key while a wrapped one exists (that would orphan the store).
     */
    @Synchronized
    fun obtain(): ByteArray {
        if (wrappedFile.exists()) return unwrap(wrappedFile.readBytes())
        val key = ByteArray(KEY_BYTES).also { SecureRandom().nextBytes(it) }
        val sealed = wrap(key)
        val tmp = File(wrappedFile.path + ".tmp")
        tmp.outputStream().use { out ->
            out.write(sealed)
            out.fd.sync()
        }
        if (!tmp.renameTo(wrappedFile)) throw IOException("could not place the wrapped store key")
        return key
    }

    /** Whether a wrapped key exists (the store was made on this phone before). */
    fun exists(): Boolean = wrappedFile.exists()

    /** Forgets the key for good: the wrapped file and the Keystore key (leaving the county). */
    @Synchronized
    fun destroy() {
        wrappedFile.delete()
        val ks = keyStore()
        if (ks.containsAlias(alias)) ks.deleteEntry(alias)
    }

    private fun wrap(key: ByteArray): ByteArray {
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.ENCRYPT_MODE, wrappingKey(create = true))
        val nonce = cipher.iv
        check(nonce.size == NONCE_BYTES) { "unexpected GCM nonce size ${nonce.size}" }
        return byteArrayOf(VERSION) + nonce + cipher.doFinal(key)
    }

    private fun unwrap(sealed: ByteArray): ByteArray {
        if (sealed.size != 1 + NONCE_BYTES + KEY_BYTES + TAG_BYTES || sealed[0] != VERSION) {
            throw Unavailable("wrapped store key has an unknown layout")
        }
        val keystoreKey = wrappingKey(create = false)
            ?: throw Unavailable("the Keystore key that wraps the store key is gone")
        return try {
            val cipher = Cipher.getInstance(TRANSFORMATION)
            cipher.init(
                Cipher.DECRYPT_MODE,
                keystoreKey,
                GCMParameterSpec(TAG_BYTES * 8, sealed, 1, NONCE_BYTES),
            )
            cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.size - 1 - NONCE_BYTES)
        } catch (e: java.security.GeneralSecurityException) {
            throw Unavailable("the store key cannot be unwrapped", e)
        }
    }

    private fun wrappingKey(create: Boolean): SecretKey? {
        val ks = keyStore()
        (ks.getEntry(alias, null) as? KeyStore.SecretKeyEntry)?.let { return it.secretKey }
        if (!create) return null
        val generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, ANDROID_KEYSTORE)
        generator.init(
            KeyGenParameterSpec.Builder(alias, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
                .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
                .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
                .setKeySize(256)
                .setRandomizedEncryptionRequired(true)
                // Background sync opens the store while the phone is locked.
                .setUserAuthenticationRequired(false)
                .build(),
        )
        return generator.generateKey()
    }

    private fun keyStore(): KeyStore = KeyStore.getInstance(ANDROID_KEYSTORE).apply { load(null) }

    private companion object {
        const val ANDROID_KEYSTORE = "AndroidKeyStore"
        const val ALIAS = "ruhu.store.wrap.v1"
        const val TRANSFORMATION = "AES/GCM/NoPadding"
        const val VERSION: Byte = 1
        const val KEY_BYTES = 32
        const val NONCE_BYTES = 12
        const val TAG_BYTES = 16
    }
}
