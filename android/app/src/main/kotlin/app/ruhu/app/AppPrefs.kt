// Small app settings kept outside the encrypted store, none of them personal: whether the next
// launch must show the "this phone was stopped" notice, when the last sync finished, and the
// 长辈版 switch. They are cleared with the wipe.
package app.ruhu.app

import android.content.Context
import android.content.SharedPreferences
import app.ruhu.presentation.settings.DisplayPreferences
import app.ruhu.presentation.sync.LastSyncStore

/** The app's SharedPreferences, by meaning. */
class AppPrefs(context: Context) : LastSyncStore, DisplayPreferences {
    private val prefs: SharedPreferences = context.getSharedPreferences("ruhu", Context.MODE_PRIVATE)

    /** True after a sync found the phone revoked (the core wiped it), until the notice is seen. */
    var revokedNoticePending: Boolean
        get() = prefs.getBoolean(KEY_REVOKED, false)
        set(value) {
            // commit, not apply: the worker that sets it may be killed right after.
            prefs.edit().putBoolean(KEY_REVOKED, value).commit()
        }

    /** Large text and high contrast (长辈版). */
    var elderMode: Boolean
        get() = prefs.getBoolean(KEY_ELDER, false)
        set(value) {
            prefs.edit().putBoolean(KEY_ELDER, value).apply()
        }

    override fun elderMode(): Boolean = elderMode

    override fun setElderMode(on: Boolean) {
        elderMode = on
    }

    override fun load(): Long? = prefs.getLong(KEY_LAST_SYNC, -1L).takeIf { it >= 0 }

    override fun save(atMs: Long) {
        prefs.edit().putLong(KEY_LAST_SYNC, atMs).apply()
    }

    /** Forgets everything but the revoked notice (leaving the county). */
    fun clearForWipe() {
        prefs.edit().remove(KEY_LAST_SYNC).remove(KEY_ELDER).commit()
    }

    private companion object {
        const val KEY_REVOKED = "revoked_notice_pending"
        const val KEY_ELDER = "elder_mode"
        const val KEY_LAST_SYNC = "last_sync_at_ms"
    }
}
