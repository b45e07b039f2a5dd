// What the worker can do on 我的走访 besides 发现急难 (which has its own presenter).
package app.ruhu.presentation.home

/** Events of the home screen. */
sealed interface HomeEvents {
    /** Read the tasks again (pull to refresh, back from a visit, after a sync). */
    data object Refresh : HomeEvents
}
