// The app's navigation destinations. Top-level ones sit in the bottom bar; the rest take an id.
package app.ruhu.app.nav

/** Route strings for the NavHost. */
object Routes {
    /** Enrollment (and the revoked notice). */
    const val ENROLLMENT = "enrollment"

    /** 我的走访. */
    const val HOME = "home"

    /** The household list. */
    const val HOUSEHOLDS = "households"

    /** One household (placeholder). */
    const val HOUSEHOLD = "household/{id}"

    /** One case (placeholder). */
    const val CASE = "case/{id}"

    /** 发现急难 (placeholder). */
    const val EMERGENCY = "emergency"

    /** Sync. */
    const val SYNC = "sync"

    /** Settings. */
    const val SETTINGS = "settings"

    /** Taking a photo; target is "household" or "case". */
    const val PHOTO = "photo/{target}/{id}"

    /** A received handover file. */
    const val RECEIVE = "receive"

    /** The route of household [id]. */
    fun household(id: String) = "household/$id"

    /** The route of case [id]. */
    fun case(id: String) = "case/$id"

    /** The photo route for a household or case. */
    fun photo(target: String, id: String) = "photo/$target/$id"
}
