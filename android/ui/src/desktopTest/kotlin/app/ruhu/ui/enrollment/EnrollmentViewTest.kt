// What the enrollment screen sends: 扫码登记 opens the camera, typing sends the fields, 登记 is
// pressable only when both are filled, and the enrolled worker is shown by name.
package app.ruhu.ui.enrollment

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.assertIsNotEnabled
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performTextInput
import app.ruhu.presentation.enrollment.EnrollmentEvents
import app.ruhu.ui.runScreen
import org.junit.Assert.assertEquals
import org.junit.Test

@OptIn(ExperimentalTestApi::class)
class EnrollmentViewTest {
    private val previews = enrollmentPreviewStates()

    @Test
    fun tapping_scan_asks_for_the_camera() {
        var scans = 0
        runScreen(elder = false, { EnrollmentView(previews.getValue("form"), {}, { scans++ }, {}) }) {
            onNodeWithContentDescription("扫码登记", substring = true).performClick()
            waitForIdle()
        }
        assertEquals(1, scans)
    }

    @Test
    fun typing_the_code_sends_code_changed() {
        val events = mutableListOf<EnrollmentEvents>()
        runScreen(elder = true, { EnrollmentView(previews.getValue("form"), { events += it }, {}, {}) }) {
            onNodeWithContentDescription("登记码").performTextInput("K7QX")
            waitForIdle()
        }
        // The preview's state does not change, so the field then reverts to it; the typing is the first event.
        assertEquals(EnrollmentEvents.CodeChanged("K7QX"), events.first())
    }

    @Test
    fun submit_is_disabled_until_both_fields_are_filled_and_then_sends_submit() {
        runScreen(elder = false, { EnrollmentView(previews.getValue("form"), {}, {}, {}) }) {
            onNodeWithText("登记").assertIsNotEnabled()
        }
        val events = mutableListOf<EnrollmentEvents>()
        runScreen(elder = false, { EnrollmentView(previews.getValue("typed"), { events += it }, {}, {}) }) {
            onNodeWithText("登记").performClick()
            waitForIdle()
        }
        assertEquals(listOf<EnrollmentEvents>(EnrollmentEvents.Submit), events)
    }

    @Test
    fun a_refused_code_shows_the_cores_words_and_dismisses() {
        val events = mutableListOf<EnrollmentEvents>()
        runScreen(elder = false, { EnrollmentView(previews.getValue("refused"), { events += it }, {}, {}) }) {
            onNodeWithText("这不是如虎的登记码", substring = true).assertIsDisplayed()
            onNodeWithText("知道了").performClick()
            waitForIdle()
        }
        assertEquals(listOf<EnrollmentEvents>(EnrollmentEvents.Dismiss), events)
    }

    @Test
    fun the_enrolled_worker_is_shown_by_name() {
        runScreen(elder = true, { EnrollmentView(previews.getValue("enrolled"), {}, {}, {}) }) {
            onNodeWithText("张丽华").assertIsDisplayed()
            onNodeWithText("工号 w-001").assertIsDisplayed()
        }
    }
}
