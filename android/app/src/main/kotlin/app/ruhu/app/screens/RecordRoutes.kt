// The record screens of the ui module on their presenters: one household, its form (drafts kept
// by the core as typed, the GPS button through OneFix), one case, the conflicts of a record and
// the signing pad. Each presenter lives in its destination's ViewModel and calls the core on
// Dispatchers.IO; the household and the case read again whenever their screen comes back.
package app.ruhu.app.screens

import android.Manifest
import android.widget.Toast
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.produceState
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.compose.LifecycleEventEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.ruhu.app.R
import app.ruhu.app.location.OneFix
import app.ruhu.app.nav.rememberPresenter
import app.ruhu.app.store.StoreState
import app.ruhu.presentation.casescreen.CaseEvents
import app.ruhu.presentation.casescreen.CasePresenter
import app.ruhu.presentation.conflicts.ConflictsPresenter
import app.ruhu.presentation.householdform.HouseholdFormEvents
import app.ruhu.presentation.householdform.HouseholdFormPresenter
import app.ruhu.presentation.householdscreen.HouseholdScreenEvents
import app.ruhu.presentation.householdscreen.HouseholdScreenPresenter
import app.ruhu.presentation.signature.SignaturePresenter
import app.ruhu.ui.casescreen.CaseView
import app.ruhu.ui.conflicts.ConflictsView
import app.ruhu.ui.householdform.HouseholdFormView
import app.ruhu.ui.householdscreen.HouseholdScreenActions
import app.ruhu.ui.householdscreen.HouseholdScreenView
import app.ruhu.ui.signature.SignatureView
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import uniffi.ruhu_core.MemberStatus
import uniffi.ruhu_core.PhotoTarget

/** The present minute, ticking once a minute: what the screens' clocks count against. */
@Composable
fun rememberNow(): Long {
    val now by produceState(System.currentTimeMillis()) {
        while (true) {
            delay(60_000)
            value = System.currentTimeMillis()
        }
    }
    return now
}

/** Household [id]: profile, members, economics, cases, photos, visits; [actions] navigate. */
@Composable
fun HouseholdRoute(open: StoreState.Open, id: String, actions: HouseholdScreenActions) {
    val presenter = rememberPresenter("household-$id") { scope ->
        HouseholdScreenPresenter(open.core, scope, Dispatchers.IO, id)
    }
    val state by presenter.state.collectAsStateWithLifecycle()
    // Back from the form, the camera or the conflicts: read what they changed.
    LifecycleEventEffect(Lifecycle.Event.ON_RESUME) { presenter.handle(HouseholdScreenEvents.Refresh) }
    HouseholdScreenView(state, presenter::handle, actions, nowMs = rememberNow())
}

/**
 * The household form on the core's draft [draftKey] (registering when [householdId] is null).
 * The GPS button asks for location once, then takes one fix; [onSaved] gets the household's id.
 */
@Composable
fun HouseholdFormRoute(open: StoreState.Open, draftKey: String, householdId: String?, onSaved: (String) -> Unit) {
    val presenter = rememberPresenter("form-$draftKey") { scope ->
        HouseholdFormPresenter(open.core, scope, Dispatchers.IO, draftKey, householdId)
    }
    val state by presenter.state.collectAsStateWithLifecycle()
    val context = LocalContext.current
    val scope = rememberCoroutineScope()
    val fix = remember { OneFix(context) }
    val noFix = stringResource(R.string.location_none)
    val locate: () -> Unit = {
        scope.launch {
            val point = fix.current()
            if (point != null) presenter.handle(HouseholdFormEvents.LocationFixed(point))
            else Toast.makeText(context, noFix, Toast.LENGTH_LONG).show()
        }
    }
    val ask = rememberLauncherForActivityResult(ActivityResultContracts.RequestMultiplePermissions()) { granted ->
        if (granted.values.any { it }) locate()
    }
    LaunchedEffect(state.saved) {
        if (state.saved) state.householdId?.let(onSaved)
    }
    HouseholdFormView(state, presenter::handle, onLocate = {
        if (fix.allowed()) locate()
        else ask.launch(arrayOf(Manifest.permission.ACCESS_FINE_LOCATION, Manifest.permission.ACCESS_COARSE_LOCATION))
    })
}

/** Case [id]: timeline, clocks, the steps this worker may take and their forms. */
@Composable
fun CaseRoute(open: StoreState.Open, id: String, onConflicts: () -> Unit, onSign: () -> Unit) {
    val presenter = rememberPresenter("case-$id") { scope -> CasePresenter(open.core, scope, Dispatchers.IO, id) }
    val state by presenter.state.collectAsStateWithLifecycle()
    LifecycleEventEffect(Lifecycle.Event.ON_RESUME) { presenter.handle(CaseEvents.Refresh) }
    CaseView(state, presenter::handle, rememberNow(), onOpenConflicts = onConflicts, onSign = onSign)
}

/** The unsettled conflicts of record [documentId]; [onDone] when all are settled. */
@Composable
fun ConflictsRoute(open: StoreState.Open, documentId: String, onDone: () -> Unit) {
    val presenter = rememberPresenter("conflicts-$documentId") { scope ->
        ConflictsPresenter(open.core, scope, Dispatchers.IO, documentId)
    }
    val state by presenter.state.collectAsStateWithLifecycle()
    ConflictsView(state, presenter::handle, onDone)
}

/**
 * The signing pad for [target]: the people offered as signers are the household's members
 * present (for a case, its household's) and the worker; another name may be typed.
 */
@Composable
fun SignatureRoute(open: StoreState.Open, target: PhotoTarget, onDone: () -> Unit) {
    val presenter = rememberPresenter("signature-$target") { scope ->
        SignaturePresenter(open.core, target, scope, Dispatchers.IO)
    }
    val state by presenter.state.collectAsStateWithLifecycle()
    val signers by produceState(emptyList<String>(), target) {
        value = withContext(Dispatchers.IO) {
            runCatching {
                val householdId = when (target) {
                    is PhotoTarget.Household -> target.householdId
                    is PhotoTarget.Case -> open.store.caseDetail(target.caseId).householdId
                }
                val members = open.store.household(householdId).members
                    .filter { it.member.status == MemberStatus.PRESENT }
                    .map { it.member.name }
                members + listOfNotNull(open.store.worker()?.displayName)
            }.getOrDefault(emptyList())
        }
    }
    SignatureView(state, presenter::handle, signers, onDone)
}
