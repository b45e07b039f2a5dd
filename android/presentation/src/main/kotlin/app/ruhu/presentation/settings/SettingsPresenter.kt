// 设置: 长辈版 (large text, high contrast, larger touch targets), the app's version, and leaving
// the county. Leaving asks the core first; when the county still lacks some of this phone's
// work the worker is told how much and must confirm losing it before anything is wiped.
package app.ruhu.presentation.settings

import app.ruhu.presentation.Presenter
import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.core.SettingsCore
import app.ruhu.presentation.core.problemOf
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import uniffi.ruhu_core.ApiException

/** Where the app keeps its display choice (Android's preferences in the app; memory in tests). */
interface DisplayPreferences {
    /** Whether 长辈版 is on. */
    fun elderMode(): Boolean

    /** Keeps the choice. */
    fun setElderMode(on: Boolean)
}

/** Keeps the choice in memory. */
class MemoryDisplayPreferences(private var on: Boolean = false) : DisplayPreferences {
    override fun elderMode(): Boolean = on

    override fun setElderMode(on: Boolean) {
        this.on = on
    }
}

/** Where leaving the county stands. */
sealed interface Leaving {
    /** Nothing asked. */
    data object No : Leaving
    /** Asked; the core is being consulted or is wiping. */
    data object Working : Leaving
    /** The county lacks [documents] records and [photos] photo files: confirm losing them. */
    data class ConfirmLoss(val documents: ULong, val photos: ULong) : Leaving
    /** Done: the app deletes the store key and returns to enrollment. */
    data object Left : Leaving
}

/** The settings screen. */
data class SettingsState(
    /** The worker's name, when enrolled. */
    val workerName: String? = null,
    /** 长辈版. */
    val elderMode: Boolean = false,
    /** The app's version, as shown. */
    val version: String = "",
    /** Leaving the county. */
    val leaving: Leaving = Leaving.No,
    /** What went wrong. */
    val problem: Problem? = null,
)

/** What the worker does in settings. */
sealed interface SettingsEvents {
    /** 长辈版 switched. */
    data class ElderMode(val on: Boolean) : SettingsEvents
    /** 退出本县 tapped. */
    data object Leave : SettingsEvents
    /** The worker confirmed losing the work not yet synced. */
    data object ConfirmLeave : SettingsEvents
    /** The worker changed their mind (go and sync first). */
    data object CancelLeave : SettingsEvents
}

/** The settings presenter; [version] is the app's version name. */
class SettingsPresenter(
    private val core: SettingsCore,
    private val preferences: DisplayPreferences,
    version: String,
    private val scope: CoroutineScope,
    private val io: CoroutineDispatcher,
) : Presenter<SettingsState, SettingsEvents> {
    private val mutable = MutableStateFlow(SettingsState(elderMode = preferences.elderMode(), version = version))
    override val state: StateFlow<SettingsState> = mutable.asStateFlow()

    init {
        scope.launch {
            try {
                val worker = withContext(io) { core.worker() }
                mutable.update { it.copy(workerName = worker?.displayName) }
            } catch (e: ApiException) {
                mutable.update { it.copy(problem = problemOf(e)) }
            }
        }
    }

    override fun handle(event: SettingsEvents) {
        when (event) {
            is SettingsEvents.ElderMode -> {
                preferences.setElderMode(event.on)
                mutable.update { it.copy(elderMode = event.on) }
            }
            SettingsEvents.Leave -> leave(evenUnsynced = false)
            SettingsEvents.ConfirmLeave -> leave(evenUnsynced = true)
            SettingsEvents.CancelLeave -> mutable.update { it.copy(leaving = Leaving.No) }
        }
    }

    private fun leave(evenUnsynced: Boolean) {
        if (mutable.value.leaving == Leaving.Working) return
        mutable.update { it.copy(leaving = Leaving.Working, problem = null) }
        scope.launch {
            try {
                withContext(io) { core.leaveCounty(evenUnsynced) }
                mutable.update { it.copy(leaving = Leaving.Left, workerName = null) }
            } catch (e: ApiException.UnsyncedWork) {
                mutable.update { it.copy(leaving = Leaving.ConfirmLoss(e.documents, e.photos)) }
            } catch (e: ApiException) {
                mutable.update { it.copy(leaving = Leaving.No, problem = problemOf(e)) }
            }
        }
    }
}
