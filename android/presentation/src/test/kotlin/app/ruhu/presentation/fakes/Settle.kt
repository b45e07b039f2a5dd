// Runs a test's presenters until they are quiet. Presenters live in backgroundScope (their
// search collectors never end), whose work advanceUntilIdle ignores; advancing virtual time
// runs it, debounce delays included.
package app.ruhu.presentation.fakes

import kotlinx.coroutines.test.TestScope

/** Runs every task due within the next minute of virtual time, background work included. */
fun TestScope.settle() {
    testScheduler.advanceTimeBy(60_000)
    testScheduler.runCurrent()
}
