// Opening a received handover file: what it holds (RuhuStore.previewBundle), then importing it.
// Documents outside this worker's grids are imported only when the worker confirms, since the
// county would refuse them at the next sync.
package app.ruhu.app.handover

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Button
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import app.ruhu.app.R
import app.ruhu.ui.common.problemText
import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.core.problemOf
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import uniffi.ruhu_core.BundlePreview
import uniffi.ruhu_core.ImportReport
import uniffi.ruhu_core.RuhuStore

/** The received file [bundle]: preview, confirm, import; [onDone] leaves the screen. */
@Composable
fun ReceiveBundleScreen(store: RuhuStore, bundle: ByteArray, onDone: () -> Unit) {
    val scope = rememberCoroutineScope()
    var preview by remember { mutableStateOf<BundlePreview?>(null) }
    var report by remember { mutableStateOf<ImportReport?>(null) }
    var problem by remember { mutableStateOf<Problem?>(null) }
    var busy by remember { mutableStateOf(false) }

    LaunchedEffect(bundle) {
        try {
            preview = withContext(Dispatchers.IO) { store.previewBundle(bundle) }
        } catch (e: Exception) {
            problem = problemOf(e)
        }
    }

    fun runImport(includeOutside: Boolean) {
        busy = true
        scope.launch {
            try {
                report = withContext(Dispatchers.IO) {
                    if (includeOutside) store.importBundleConfirmed(bundle, true) else store.importBundle(bundle)
                }
            } catch (e: Exception) {
                problem = problemOf(e)
            }
            busy = false
        }
    }

    Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
        Text(stringResource(R.string.handover_received_title))
        val p = preview
        val r = report
        when {
            r != null -> {
                Text(stringResource(R.string.handover_imported, r.created.toInt(), r.updated.toInt(), r.newConflicts.toInt()))
                Button(onClick = onDone, modifier = Modifier.fillMaxWidth().heightIn(min = 60.dp)) { Text(stringResource(R.string.action_done)) }
            }
            p != null -> {
                Text(stringResource(R.string.handover_preview, p.documents.size))
                if (p.outsideScope > 0u) {
                    Text(stringResource(R.string.handover_outside_scope, p.outsideScope.toInt()))
                    Button(enabled = !busy, onClick = { runImport(includeOutside = true) }, modifier = Modifier.fillMaxWidth().heightIn(min = 60.dp)) {
                        Text(stringResource(R.string.handover_import_all))
                    }
                }
                Button(enabled = !busy, onClick = { runImport(includeOutside = false) }, modifier = Modifier.fillMaxWidth().heightIn(min = 60.dp)) {
                    Text(stringResource(R.string.handover_import))
                }
                OutlinedButton(onClick = onDone, modifier = Modifier.fillMaxWidth().heightIn(min = 60.dp)) { Text(stringResource(R.string.action_cancel)) }
            }
            problem == null -> Text(stringResource(R.string.loading))
        }
        problem?.let { Text(problemText(it)) }
    }
}
