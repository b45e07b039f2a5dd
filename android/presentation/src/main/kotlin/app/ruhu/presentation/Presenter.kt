// The shape every presenter of the app shares: state out as a StateFlow, events in through
// handle(). A presenter keeps UI state only; what to decide belongs to the core.
package app.ruhu.presentation

import kotlinx.coroutines.flow.StateFlow

/**
 * A screen's logic: [state] is what the screen renders, [handle] takes what the worker did.
 * Presenters run in the scope they are given and make core calls on the dispatcher they are
 * given (IO in the app), never on the caller's thread.
 */
interface Presenter<S, E> {
    /** What the screen shows now. */
    val state: StateFlow<S>

    /** One thing the worker did on the screen. */
    fun handle(event: E)
}
