// What the sync screen sends and says: 开始同步 and 停止同步, what waits, and a refused
// document's reason with what to do.
package app.ruhu.ui.sync

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import app.ruhu.presentation.sync.SyncEvents
import app.ruhu.ui.runScreen
import org.junit.Assert.assertEquals
import org.junit.Test

@OptIn(ExperimentalTestApi::class)
class SyncViewTest {
    private val previews = syncPreviewStates()

    @Test
    fun tapping_start_sends_start() {
        val events = mutableListOf<SyncEvents>()
        runScreen(elder = false, { SyncView(previews.getValue("never"), { events += it }) }) {
            onNodeWithText("开始同步").performClick()
            waitForIdle()
        }
        assertEquals(listOf<SyncEvents>(SyncEvents.Start), events)
    }

    @Test
    fun tapping_stop_during_a_sync_sends_cancel() {
        val events = mutableListOf<SyncEvents>()
        runScreen(elder = true, { SyncView(previews.getValue("running"), { events += it }) }) {
            onNodeWithText("停止同步").performClick()
            waitForIdle()
        }
        assertEquals(listOf<SyncEvents>(SyncEvents.Cancel), events)
    }

    @Test
    fun waiting_photos_are_counted() {
        runScreen(elder = false, { SyncView(previews.getValue("done"), {}) }) {
            onNodeWithText("照片 2 张", substring = true).performScrollTo().assertIsDisplayed()
        }
    }

    @Test
    fun a_refused_document_says_why_and_what_to_do() {
        runScreen(elder = false, { SyncView(previews.getValue("refused"), {}) }) {
            onNodeWithText("补记的时间早于 48 小时。请修改后重新同步", substring = true).performScrollTo().assertIsDisplayed()
        }
    }
}
