// Navigation between the app's screens over one open store: enrollment first when this phone is
// not enrolled (or was revoked), otherwise 我的走访 with the bottom bar to 住户, 同步 and 设置.
// Presenters live in their destination's ViewModel; core calls run on Dispatchers.IO.
package app.ruhu.app.nav

import android.os.Build
import android.widget.Toast
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.NavigationBar
import androidx.compose.material3.NavigationBarItem
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.produceState
import androidx.compose.runtime.setValue
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.navigation.NavHostController
import androidx.navigation.NavType
import androidx.navigation.compose.NavHost
import androidx.navigation.compose.composable
import androidx.navigation.compose.currentBackStackEntryAsState
import androidx.navigation.compose.rememberNavController
import androidx.navigation.navArgument
import app.ruhu.app.R
import app.ruhu.app.RuhuApp
import app.ruhu.app.camera.PhotoCaptureScreen
import app.ruhu.app.handover.HandoverFiles
import app.ruhu.app.handover.ReceiveBundleScreen
import app.ruhu.app.BuildConfig
import app.ruhu.app.screens.CaseRoute
import app.ruhu.app.screens.ConflictsRoute
import app.ruhu.app.screens.EnrollmentRoute
import app.ruhu.app.screens.HouseholdFormRoute
import app.ruhu.app.screens.HouseholdRoute
import app.ruhu.app.screens.SignatureRoute
import app.ruhu.app.screens.rememberNow
import app.ruhu.ui.householdscreen.HouseholdScreenActions
import app.ruhu.app.screens.SyncRoute
import app.ruhu.app.store.StoreState
import app.ruhu.presentation.emergency.EmergencyPresenter
import app.ruhu.presentation.enrollment.EnrollmentPresenter
import app.ruhu.presentation.home.HomePresenter
import app.ruhu.presentation.households.HouseholdsPresenter
import app.ruhu.presentation.settings.Leaving
import app.ruhu.presentation.settings.SettingsPresenter
import app.ruhu.presentation.sync.SyncPresenter
import app.ruhu.ui.emergency.EmergencyView
import app.ruhu.ui.home.HomeView
import app.ruhu.ui.households.HouseholdsView
import app.ruhu.ui.settings.SettingsView
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import uniffi.ruhu_core.PhotoKind
import uniffi.ruhu_core.PhotoRecord
import uniffi.ruhu_core.PhotoTarget

/**
 * The app's screens.
 *
 * @param enrolled whether this phone is enrolled (read off the main thread by the caller).
 * @param receivedBundle a handover file the app was opened with, or null.
 * @param onReceivedHandled called once the received file's screen is left.
 */
@Composable
fun RuhuNavHost(
    open: StoreState.Open,
    enrolled: Boolean,
    receivedBundle: ByteArray?,
    onReceivedHandled: () -> Unit,
    elder: Boolean,
    onElderChange: (Boolean) -> Unit,
) {
    val app = RuhuApp.of(LocalContext.current)
    val nav = rememberNavController()
    val start = when {
        !enrolled || app.prefs.revokedNoticePending -> Routes.ENROLLMENT
        else -> Routes.HOME
    }
    // A handover file opened from another app (at launch or while running) gets its screen,
    // once this phone is enrolled; before that it waits.
    var enrolledNow by remember { mutableStateOf(enrolled) }
    LaunchedEffect(receivedBundle, enrolledNow) {
        if (receivedBundle != null && enrolledNow) nav.navigate(Routes.RECEIVE) { launchSingleTop = true }
    }
    val current by nav.currentBackStackEntryAsState()
    val topLevel = current?.destination?.route in setOf(Routes.HOME, Routes.HOUSEHOLDS, Routes.SYNC, Routes.SETTINGS)

    Scaffold(bottomBar = { if (topLevel) BottomBar(nav, current?.destination?.route) }) { padding ->
        NavHost(nav, startDestination = start, modifier = Modifier.padding(padding)) {
            composable(Routes.ENROLLMENT) {
                val revoked = remember { app.prefs.revokedNoticePending }
                val presenter = rememberPresenter("enrollment") { scope ->
                    EnrollmentPresenter(open.core, scope, Dispatchers.IO, deviceLabel(), revoked = revoked)
                }
                EnrollmentRoute(presenter, onEnrolled = {
                    app.prefs.revokedNoticePending = false
                    nav.navigate(Routes.HOME) { popUpTo(Routes.ENROLLMENT) { inclusive = true } }
                    enrolledNow = true
                })
            }
            composable(Routes.HOME) {
                val presenter = rememberPresenter("home") { scope -> HomePresenter(open.core, scope, Dispatchers.IO) }
                val state by presenter.state.collectAsStateWithLifecycle()
                HomeView(
                    state = state,
                    onEvent = presenter::handle,
                    onReportEmergency = { nav.navigate(Routes.EMERGENCY) },
                    onOpenVisit = { nav.navigate(Routes.household(it.householdId)) },
                )
            }
            composable(Routes.HOUSEHOLDS) {
                val presenter = rememberPresenter("households") { scope -> HouseholdsPresenter(open.core, scope, Dispatchers.IO) }
                val state by presenter.state.collectAsStateWithLifecycle()
                HouseholdsView(state, presenter::handle, onOpen = { nav.navigate(Routes.household(it.id)) })
            }
            composable(Routes.HOUSEHOLD) { entry ->
                val id = entry.arguments?.getString("id").orEmpty()
                HouseholdRoute(open, id, HouseholdScreenActions(
                    onEdit = { nav.navigate(Routes.householdForm(Routes.editFormKey(id), id)) },
                    onPhoto = { nav.navigate(Routes.photo("household", id)) },
                    onSign = { nav.navigate(Routes.signature("household", id)) },
                    onHandover = rememberSend(open, id),
                    onEmergency = { nav.navigate(Routes.EMERGENCY) },
                    onConflicts = { nav.navigate(Routes.conflicts(id)) },
                    onOpenCase = { nav.navigate(Routes.case(it.id)) },
                    onRetake = { nav.navigate(Routes.photo("household", id, retakeOf = it.photoId)) },
                ))
            }
            composable(Routes.CASE) { entry ->
                val id = entry.arguments?.getString("id").orEmpty()
                CaseRoute(
                    open, id,
                    onConflicts = { nav.navigate(Routes.conflicts(id)) },
                    onSign = { nav.navigate(Routes.signature("case", id)) },
                )
            }
            composable(Routes.HOUSEHOLD_FORM, arguments = listOf(
                navArgument("formKey") { type = NavType.StringType },
                navArgument("householdId") { type = NavType.StringType; nullable = true; defaultValue = null },
            )) { entry ->
                val routeKey = entry.arguments?.getString("formKey").orEmpty()
                val householdId = entry.arguments?.getString("householdId")
                HouseholdFormRoute(open, Routes.draftKey(routeKey, householdId), householdId, onSaved = { id ->
                    nav.popBackStack()
                    if (householdId == null) nav.navigate(Routes.household(id))
                })
            }
            composable(Routes.CONFLICTS) { entry ->
                ConflictsRoute(open, entry.arguments?.getString("documentId").orEmpty(), onDone = { nav.popBackStack() })
            }
            composable(Routes.SIGNATURE) { entry ->
                val id = entry.arguments?.getString("id").orEmpty()
                val target = if (entry.arguments?.getString("target") == "case") PhotoTarget.Case(id) else PhotoTarget.Household(id)
                SignatureRoute(open, target, onDone = { nav.popBackStack() })
            }
            composable(Routes.EMERGENCY) {
                val presenter = rememberPresenter("emergency") { scope -> EmergencyPresenter(open.core, scope, Dispatchers.IO) }
                val state by presenter.state.collectAsStateWithLifecycle()
                // The case's clocks are said against the present minute.
                EmergencyView(state, presenter::handle, nowMs = rememberNow(), onClose = {
                    val caseId = state.case?.id
                    nav.popBackStack()
                    if (caseId != null) nav.navigate(Routes.case(caseId))
                })
            }
            composable(Routes.PHOTO, arguments = listOf(
                navArgument("retakeOf") { type = NavType.StringType; nullable = true; defaultValue = null },
            )) { entry ->
                val id = entry.arguments?.getString("id").orEmpty()
                val forCase = entry.arguments?.getString("target") == "case"
                // A retake answers a photo of the household or of one of its cases: the record
                // comes from the core's own list of what is owed.
                val retakeId = entry.arguments?.getString("retakeOf")
                val retake by produceState<PhotoRecord?>(null, retakeId) {
                    value = retakeId?.let { r ->
                        withContext(Dispatchers.IO) { runCatching { open.store.retakesOwed().firstOrNull { it.photoId == r } }.getOrNull() }
                    }
                }
                if (retakeId == null || retake != null) {
                    PhotoCaptureScreen(
                        store = open.store,
                        target = if (forCase) PhotoTarget.Case(id) else PhotoTarget.Household(id),
                        kinds = if (forCase) CASE_KINDS else HOUSEHOLD_KINDS,
                        onSaved = { nav.popBackStack() },
                        retakeOf = retake,
                    )
                }
            }
            composable(Routes.SYNC) {
                val presenter = rememberPresenter("sync") { scope -> SyncPresenter(open.core, scope, Dispatchers.IO, app.prefs) }
                SyncRoute(presenter, app.sync, app.prefs, onRevoked = {
                    nav.navigate(Routes.ENROLLMENT) { popUpTo(nav.graph.id) { inclusive = true } }
                })
            }
            composable(Routes.SETTINGS) {
                val presenter = rememberPresenter("settings") { scope ->
                    SettingsPresenter(open.core, app.prefs, BuildConfig.VERSION_NAME, scope, Dispatchers.IO)
                }
                val state by presenter.state.collectAsStateWithLifecycle()
                // The theme follows the switch at once; the presenter keeps it in AppPrefs.
                LaunchedEffect(state.elderMode) { if (state.elderMode != elder) onElderChange(state.elderMode) }
                // The core has emptied the store: the app removes the store file, its key and the
                // small settings, and the store's new state goes back to enrollment.
                LaunchedEffect(state.leaving) { if (state.leaving == Leaving.Left) app.leaveCounty() }
                SettingsView(state, presenter::handle)
            }
            composable(Routes.RECEIVE) {
                val bytes = receivedBundle
                if (bytes == null) {
                    LaunchedEffect(Unit) { nav.popBackStack() }
                } else {
                    ReceiveBundleScreen(open.store, bytes, onDone = {
                        onReceivedHandled()
                        nav.navigate(Routes.HOME) { popUpTo(nav.graph.id) { inclusive = true } }
                    })
                }
            }
        }
    }
}

private val HOUSEHOLD_KINDS = listOf(PhotoKind.HOUSE, PhotoKind.PEOPLE, PhotoKind.ID_CARD, PhotoKind.AUTHORIZATION)
private val CASE_KINDS = listOf(PhotoKind.DAMAGE, PhotoKind.MEDICAL_BILL, PhotoKind.SIGNATURE, PhotoKind.PUBLIC_NOTICE)

/** How the county's device list names this phone: maker and model, nothing personal. */
private fun deviceLabel(): String = "${Build.MANUFACTURER} ${Build.MODEL}".trim()

/** Sends document [id] to a colleague: the core's bundle through the share sheet. */
@Composable
private fun rememberSend(open: StoreState.Open, id: String): () -> Unit {
    val context = LocalContext.current
    val scope = rememberCoroutineScope()
    val failed = stringResource(R.string.handover_failed)
    return {
        scope.launch {
            try {
                val bundle = withContext(Dispatchers.IO) { open.store.exportBundle(listOf(id)) }
                HandoverFiles.share(context, bundle)
            } catch (e: Exception) {
                Toast.makeText(context, failed, Toast.LENGTH_LONG).show()
            }
        }
    }
}

@Composable
private fun BottomBar(nav: NavHostController, route: String?) {
    NavigationBar {
        listOf(
            Routes.HOME to R.string.nav_home,
            Routes.HOUSEHOLDS to R.string.nav_households,
            Routes.SYNC to R.string.nav_sync,
            Routes.SETTINGS to R.string.nav_settings,
        ).forEach { (dest, label) ->
            NavigationBarItem(
                selected = route == dest,
                onClick = {
                    nav.navigate(dest) {
                        popUpTo(Routes.HOME) { saveState = true }
                        launchSingleTop = true
                        restoreState = true
                    }
                },
                icon = {},
                label = { Text(stringResource(label)) },
            )
        }
    }
}
