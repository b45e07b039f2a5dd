// Stand-in household list (the ui module has none yet): search as you type through
// HouseholdsPresenter, masked ID numbers as the core gives them. Replace with the ui's view.
package app.ruhu.app.screens

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.ruhu.app.R
import app.ruhu.presentation.households.HouseholdsEvents
import app.ruhu.presentation.households.HouseholdsPresenter
import app.ruhu.ui.theme.LocalRuhuSizes

/** The household list; [onOpen] with a household's id. */
@Composable
fun HouseholdsScreen(presenter: HouseholdsPresenter, onOpen: (String) -> Unit) {
    val state by presenter.state.collectAsStateWithLifecycle()
    ScreenColumn(stringResource(R.string.households_title)) {
        OutlinedTextField(
            value = state.text,
            onValueChange = { presenter.handle(HouseholdsEvents.TextChanged(it)) },
            label = { Text(stringResource(R.string.households_search)) },
            singleLine = true,
            modifier = Modifier.fillMaxWidth(),
        )
        state.problem?.let { Text(problemText(it)) }
        if (!state.searching && state.households.isEmpty()) Text(stringResource(R.string.households_none))
        LazyColumn {
            items(state.households, key = { it.id }) { h ->
                Text(
                    stringResource(R.string.households_row, h.headName, h.headIdMasked, h.villageName, h.memberCount.toInt()),
                    modifier = Modifier
                        .fillMaxWidth()
                        .heightIn(min = LocalRuhuSizes.current.touchTarget)
                        .clickable { onOpen(h.id) }
                        .padding(vertical = 8.dp),
                )
            }
        }
    }
}
