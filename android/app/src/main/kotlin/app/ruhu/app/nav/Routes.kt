// The app's navigation destinations. Top-level ones sit in the bottom bar; the rest take an id.
package app.ruhu.app.nav

import app.ruhu.presentation.householdform.HouseholdFormPresenter

/** Route strings for the NavHost. */
object Routes {
    /** Enrollment (and the revoked notice). */
    const val ENROLLMENT = "enrollment"

    /** 我的走访. */
    const val HOME = "home"

    /** The household list. */
    const val HOUSEHOLDS = "households"

    /** One household. */
    const val HOUSEHOLD = "household/{id}"

    /**
     * The household form (placeholder): [formKey] names its draft in the core (the same key opens
     * the same draft after a killed app); householdId is absent when registering a new household.
     */
    const val HOUSEHOLD_FORM = "household-form/{formKey}?householdId={householdId}"

    /** The conflicts of one record: documentId is the household's or the case's id. */
    const val CONFLICTS = "conflicts/{documentId}"

    /** One case. */
    const val CASE = "case/{id}"

    /** The signature pad; target is "household" or "case", as for photos. */
    const val SIGNATURE = "signature/{target}/{id}"

    /** 发现急难. */
    const val EMERGENCY = "emergency"

    /** Sync. */
    const val SYNC = "sync"

    /** Settings. */
    const val SETTINGS = "settings"

    /** Taking a photo; target is "household" or "case"; retakeOf names a photo sent back. */
    const val PHOTO = "photo/{target}/{id}?retakeOf={retakeOf}"

    /** A received handover file. */
    const val RECEIVE = "receive"

    /** The route of household [id]. */
    fun household(id: String) = "household/$id"

    /** The form's route: editing household [householdId], or registering one when it is null. */
    fun householdForm(formKey: String, householdId: String? = null) =
        if (householdId == null) "household-form/$formKey" else "household-form/$formKey?householdId=$householdId"

    /** The route key of the form that edits household [householdId]. */
    fun editFormKey(householdId: String) = "edit-$householdId"

    /** The route key of a new registration (a fresh one each time the form is opened anew). */
    fun newFormKey() = "new-${java.util.UUID.randomUUID()}"

    /**
     * The core's draft key for a route key: the presenter's own names, which hold slashes a
     * route segment cannot (household/<id>/profile, household/new/<uuid>).
     */
    fun draftKey(routeKey: String, householdId: String?): String = when {
        householdId != null -> HouseholdFormPresenter.editFormKey(householdId)
        else -> "household/new/" + routeKey.removePrefix("new-")
    }

    /** The conflicts route of document [documentId]. */
    fun conflicts(documentId: String) = "conflicts/$documentId"

    /** The signature route for a household or case. */
    fun signature(target: String, id: String) = "signature/$target/$id"

    /** The route of case [id]. */
    fun case(id: String) = "case/$id"

    /** The photo route for a household or case; with [retakeOf], the retake of that photo. */
    fun photo(target: String, id: String, retakeOf: String? = null) =
        if (retakeOf == null) "photo/$target/$id" else "photo/$target/$id?retakeOf=$retakeOf"
}
