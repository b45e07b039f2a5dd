// The one Activity: the theme (长辈版 from settings), then what the store's state allows — a
// wait while it opens, the unreadable notice, or the app's navigation. It also takes handover
// files other apps open with it (ACTION_VIEW), at launch and while running.
package app.ruhu.app

import android.content.Intent
import android.os.Bundle
import android.widget.Toast
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.key
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.produceState
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.lifecycleScope
import app.ruhu.app.handover.HandoverFiles
import app.ruhu.app.nav.RuhuNavHost
import app.ruhu.app.screens.StoreUnreadableScreen
import app.ruhu.app.store.StoreState
import app.ruhu.ui.theme.RuhuTheme
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext

/** The app's only Activity. */
class MainActivity : ComponentActivity() {
    private var received by mutableStateOf<ByteArray?>(null)
    private var receivedHandled = false

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        receivedHandled = savedInstanceState?.getBoolean(KEY_HANDLED) ?: false
        if (!receivedHandled) readReceived(intent)
        val app = RuhuApp.of(this)
        setContent {
            var elder by remember { mutableStateOf(app.prefs.elderMode) }
            RuhuTheme(elder = elder) {
                Surface(Modifier.fillMaxSize()) {
                    AppRoot(app, received, onReceivedHandled = {
                        received = null
                        receivedHandled = true
                    }, elder = elder, onElderChange = {
                        elder = it
                        app.prefs.elderMode = it
                    })
                }
            }
        }
    }

    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        setIntent(intent)
        receivedHandled = false
        readReceived(intent)
    }

    override fun onSaveInstanceState(outState: Bundle) {
        super.onSaveInstanceState(outState)
        outState.putBoolean(KEY_HANDLED, receivedHandled)
    }

    private fun readReceived(intent: Intent?) {
        val uri = HandoverFiles.received(intent) ?: return
        lifecycleScope.launch {
            val bytes = withContext(Dispatchers.IO) { runCatching { HandoverFiles.read(this@MainActivity, uri) }.getOrNull() }
            if (bytes == null) {
                Toast.makeText(this@MainActivity, R.string.handover_unreadable, Toast.LENGTH_LONG).show()
            } else {
                received = bytes
            }
        }
    }

    private companion object {
        const val KEY_HANDLED = "received_handled"
    }
}

/** What the store's state allows: waiting, the unreadable notice, or the app. */
@Composable
private fun AppRoot(
    app: RuhuApp,
    received: ByteArray?,
    onReceivedHandled: () -> Unit,
    elder: Boolean,
    onElderChange: (Boolean) -> Unit,
) {
    val state by app.store.state.collectAsStateWithLifecycle()
    when (val s = state) {
        StoreState.Opening -> Text(stringResource(R.string.loading))
        is StoreState.Unreadable -> StoreUnreadableScreen(
            stringResource(
                when (s.why) {
                    StoreState.Why.KeyLost -> R.string.store_unreadable_key_lost
                    StoreState.Why.BadKeyOrDamaged -> R.string.store_unreadable_damaged
                    StoreState.Why.NewerVersion -> R.string.store_unreadable_newer_version
                    StoreState.Why.Other -> R.string.store_unreadable_other
                },
            ),
        )
        is StoreState.Open -> key(s.store) {
            // worker() reads the store: off the main thread.
            val enrolled by produceState<Boolean?>(null, s.store) {
                value = withContext(Dispatchers.IO) { runCatching { s.core.worker() != null }.getOrDefault(false) }
            }
            when (val e = enrolled) {
                null -> Text(stringResource(R.string.loading))
                else -> RuhuNavHost(s, e, received, onReceivedHandled, elder, onElderChange)
            }
        }
    }
}
