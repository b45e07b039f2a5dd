// Keeps a presenter alive for as long as its navigation destination is on the back stack
// (across rotation), running in that destination's viewModelScope.
package app.ruhu.app.nav

import androidx.compose.runtime.Composable
import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import androidx.lifecycle.viewmodel.compose.viewModel
import kotlinx.coroutines.CoroutineScope

/** The ViewModel that owns one presenter. */
class PresenterHolder<P : Any>(create: (CoroutineScope) -> P) : ViewModel() {
    /** The presenter, made once in this holder's scope. */
    val presenter: P = create(viewModelScope)
}

/** The presenter of the current destination, made by [create] the first time. */
@Composable
fun <P : Any> rememberPresenter(key: String, create: (CoroutineScope) -> P): P =
    viewModel<PresenterHolder<P>>(key = key) { PresenterHolder(create) }.presenter
