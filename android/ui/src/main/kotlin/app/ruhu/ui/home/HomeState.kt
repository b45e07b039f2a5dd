// What the 我的走访 (home) screen shows: the visit tasks ordered by urgency with their clocks,
// and where its events go. A plain stand-in until the presentation module's state is wired in.
package app.ruhu.ui.home

/**
 * The state of the 我的走访 screen.
 *
 * @property tasks the visit tasks, most urgent first (the core orders them).
 * @property eventSink where the screen sends what the worker does.
 */
data class HomeState(
    val tasks: List<VisitTask>,
    val eventSink: (HomeEvent) -> Unit,
)

/**
 * One visit task the core raised.
 *
 * @property id the task's identity, sent back in [HomeEvent.OpenTask].
 * @property kind what is owed.
 * @property household the household's short label (head of household and village); never an ID number.
 * @property detail one line saying what to do.
 * @property minutesLeft minutes until the task is due; negative once it is overdue; null if it has no clock.
 */
data class VisitTask(
    val id: String,
    val kind: VisitTaskKind,
    val household: String,
    val detail: String,
    val minutesLeft: Long?,
)

/** What a visit task asks for, with the word a worker reads on the row. */
enum class VisitTaskKind(val label: String) {
    /** A warning raised on a household (e.g. income fell under the 低保 line). */
    Warning("预警"),

    /** A periodic review that is due. */
    ReviewDue("复核"),

    /** A photo a supervisor asked to retake. */
    Retake("补拍"),

    /** A step owed on an open case. */
    CaseStep("急难"),
}

/** What the worker does on the 我的走访 screen. */
sealed interface HomeEvent {
    /** Tapped a task to open it. */
    data class OpenTask(val id: String) : HomeEvent

    /** Tapped 发现急难 to report an emergency. */
    data object ReportEmergency : HomeEvent
}
