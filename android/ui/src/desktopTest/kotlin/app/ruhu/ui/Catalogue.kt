// Every screen's preview states as content the screen tests can show: "<screen>-<state>" to the
// screen rendering that state, its events dropped.
package app.ruhu.ui

import androidx.compose.runtime.Composable
import app.ruhu.ui.casescreen.CASE_PREVIEW_NOW_MS
import app.ruhu.ui.casescreen.CaseView
import app.ruhu.ui.casescreen.casePreviewStates
import app.ruhu.ui.conflicts.ConflictsView
import app.ruhu.ui.conflicts.conflictsPreviewStates
import app.ruhu.ui.emergency.EmergencyView
import app.ruhu.ui.emergency.PREVIEW_NOW_MS
import app.ruhu.ui.emergency.emergencyPreviewStates
import app.ruhu.ui.enrollment.EnrollmentView
import app.ruhu.ui.enrollment.enrollmentPreviewStates
import app.ruhu.ui.home.HomeView
import app.ruhu.ui.householdform.HouseholdFormView
import app.ruhu.ui.householdform.householdFormPreviewStates
import app.ruhu.ui.householdscreen.HOUSEHOLD_PREVIEW_NOW_MS
import app.ruhu.ui.householdscreen.HouseholdScreenActions
import app.ruhu.ui.householdscreen.HouseholdScreenView
import app.ruhu.ui.householdscreen.householdScreenPreviewStates
import app.ruhu.ui.home.homePreviewStates
import app.ruhu.ui.households.HouseholdsView
import app.ruhu.ui.households.householdsPreviewStates
import app.ruhu.ui.settings.SettingsView
import app.ruhu.ui.settings.settingsPreviewStates
import app.ruhu.ui.signature.SignatureView
import app.ruhu.ui.signature.previewSigners
import app.ruhu.ui.signature.signaturePreviewStates
import app.ruhu.ui.sync.SyncView
import app.ruhu.ui.sync.syncPreviewStates

/** Every preview of every screen, by "<screen>-<state>". */
fun allPreviews(): Map<String, @Composable () -> Unit> = buildMap {
    homePreviewStates().forEach { (n, s) -> put("home-$n") { HomeView(s, {}, {}, {}) } }
    enrollmentPreviewStates().forEach { (n, s) -> put("enrollment-$n") { EnrollmentView(s, {}, {}, {}) } }
    emergencyPreviewStates().forEach { (n, s) -> put("emergency-$n") { EmergencyView(s, {}, PREVIEW_NOW_MS, {}) } }
    householdsPreviewStates().forEach { (n, s) -> put("households-$n") { HouseholdsView(s, {}, {}) } }
    syncPreviewStates().forEach { (n, s) -> put("sync-$n") { SyncView(s, {}) } }
    settingsPreviewStates().forEach { (n, p) -> put("settings-$n") { SettingsView(p.state, {}, asking = p.asking) } }
    householdScreenPreviewStates().forEach { (n, s) ->
        put("householdscreen-$n") { HouseholdScreenView(s, {}, HouseholdScreenActions(), HOUSEHOLD_PREVIEW_NOW_MS) }
    }
    householdFormPreviewStates().forEach { (n, s) -> put("householdform-$n") { HouseholdFormView(s, {}, {}) } }
    casePreviewStates().forEach { (n, s) -> put("case-$n") { CaseView(s, {}, CASE_PREVIEW_NOW_MS, {}, {}) } }
    conflictsPreviewStates().forEach { (n, s) -> put("conflicts-$n") { ConflictsView(s, {}, {}) } }
    signaturePreviewStates().forEach { (n, s) -> put("signature-$n") { SignatureView(s, {}, previewSigners, {}) } }
}
