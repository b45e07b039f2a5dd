// The household form's logic: every change kept in the store's draft as typed (one writer, in
// order), the draft read back field for field when the form opens again (after the app was
// killed), ID numbers checked by the core as typed, and saving through the core's own
// commands, its field problems shown by field and the draft discarded once all is saved.
package app.ruhu.presentation.householdform

import app.ruhu.presentation.Presenter
import app.ruhu.presentation.core.HouseholdFormCore
import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.core.problemOf
import java.util.UUID
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import uniffi.ruhu_core.ApiException
import uniffi.ruhu_core.HouseholdDetail
import uniffi.ruhu_core.MemberStatus

/**
 * The household form on [formKey]. With [householdId] it edits that household (its saved
 * values first, a draft over them); without, it registers a new one.
 */
class HouseholdFormPresenter(
    private val core: HouseholdFormCore,
    private val scope: CoroutineScope,
    private val io: CoroutineDispatcher,
    formKey: String,
    householdId: String? = null,
) : Presenter<HouseholdFormState, HouseholdFormEvents> {
    private val mutable = MutableStateFlow(HouseholdFormState(formKey = formKey, householdId = householdId))
    override val state: StateFlow<HouseholdFormState> = mutable.asStateFlow()

    /** Draft writes and the discard, in one queue so a discard never overtakes a write. */
    private sealed interface DraftOp {
        data class Write(val field: String, val value: String) : DraftOp
        data class Discard(val done: CompletableDeferred<Unit>) : DraftOp
    }

    private val writes = Channel<DraftOp>(Channel.UNLIMITED)
    private val pendingWrites = java.util.concurrent.atomic.AtomicInteger()

    init {
        scope.launch(io) {
            for (op in writes) {
                if (op is DraftOp.Discard) {
                    try {
                        core.discardDraft(formKey)
                        op.done.complete(Unit)
                    } catch (e: Exception) {
                        op.done.completeExceptionally(e)
                    }
                    continue
                }
                op as DraftOp.Write
                try {
                    core.saveDraft(formKey, op.field, op.value)
                } catch (e: Exception) {
                    mutable.update { it.copy(problem = problemOf(e)) }
                }
                val left = pendingWrites.decrementAndGet()
                if (left == 0) mutable.update { it.copy(draftPending = false) }
            }
        }
        scope.launch(io) { load() }
    }

    private suspend fun load() {
        try {
            val places = core.places()
            val line = core.countyPolicy()?.dibaoMonthlyPerPersonFen
            val id = mutable.value.householdId
            val saved = id?.let { core.household(it) }
            val base = saved?.toFields().orEmpty()
            val draft = core.draft(mutable.value.formKey).associate { it.field to it.value }
            mutable.update {
                it.copy(
                    fields = base + draft + it.fields,
                    places = places,
                    dibaoLineFen = line,
                    economics = saved?.economicsSummary,
                    loading = false,
                )
            }
            draft.filterKeys(::isIdField).forEach { (k, v) -> checkId(k, v) }
            preview()
        } catch (e: Exception) {
            mutable.update { it.copy(loading = false, problem = problemOf(e)) }
        }
    }

    override fun handle(event: HouseholdFormEvents) {
        when (event) {
            is HouseholdFormEvents.FieldChanged -> set(mapOf(event.field to event.value))
            is HouseholdFormEvents.PlaceChosen -> set(mapOf(FormFields.VILLAGE to event.villageCode, FormFields.GRID to event.gridCode))
            is HouseholdFormEvents.LocationFixed ->
                set(mapOf(FormFields.LOCATION to "${event.point.lat},${event.point.lon},${event.point.accuracyM}"))
            HouseholdFormEvents.AddMember -> {
                val i = mutable.value.memberCount
                set(FormFields.newMember(i) + (FormFields.MEMBER_COUNT to (i + 1).toString()))
            }
            is HouseholdFormEvents.MemberStatusChanged ->
                set(mapOf(FormFields.member(event.index, "status") to event.status.name))
            HouseholdFormEvents.AddSupporter -> {
                val i = mutable.value.supporterCount
                set(mapOf(FormFields.SUPPORTER_COUNT to (i + 1).toString()))
            }
            HouseholdFormEvents.Save -> save()
        }
    }

    /** Takes the values into the form and queues them for the draft, in the order typed. */
    private fun set(values: Map<String, String>) {
        mutable.update { s -> s.copy(fields = s.fields + values, fieldProblems = s.fieldProblems - values.keys, saved = false, draftPending = true) }
        for ((k, v) in values) {
            pendingWrites.incrementAndGet()
            writes.trySend(DraftOp.Write(k, v))
            if (isIdField(k)) scope.launch(io) { checkId(k, v) }
        }
        if (values.keys.any(::changesEconomics)) {
            val turn = previews.incrementAndGet()
            scope.launch(io) { preview(turn) }
        }
    }

    /** Economics amounts, and the members counted in 人均 (how many, and who is present). */
    private fun changesEconomics(key: String) =
        key.startsWith("economics.") || key == FormFields.MEMBER_COUNT || key.endsWith(".status")

    /** The newest preview asked for; an older one is skipped or its answer dropped. */
    private val previews = java.util.concurrent.atomic.AtomicLong()
    /** Previews run one at a time, in the order asked (the mutex is fair). */
    private val previewing = Mutex()

    /**
     * The core's figures for the form as typed. An amount the form cannot read yet keeps the
     * last figures (its problem shows when saving). A preview overtaken by a newer one before
     * its turn never asks the core (a cheap phone works out only what shows), and an answer
     * for older values is dropped.
     */
    private suspend fun preview(turn: Long = previews.incrementAndGet()) = previewing.withLock {
        if (previews.get() != turn) return@withLock
        val fields = mutable.value.fields
        val read = FormReader(fields)
        val economics = try { read.economics() } catch (e: FormError) { return@withLock }
        val present = (0 until read.members).count { i ->
            (fields[FormFields.member(i, "status")] ?: MemberStatus.PRESENT.name) == MemberStatus.PRESENT.name
        }
        val p = try { core.economicsPreview(economics, present.toUInt()) } catch (e: Exception) { return@withLock }
        mutable.update { s ->
            if (previews.get() != turn) s
            else s.copy(economics = p.summary, dibaoLineFen = p.dibaoMonthlyPerPersonFen ?: s.dibaoLineFen, belowDibao = p.belowDibao)
        }
    }

    private fun isIdField(key: String) = key.endsWith(".id_number")

    /** Asks the core about the number as typed; an answer for an older text is dropped. */
    private fun checkId(key: String, text: String) {
        val check: IdCheck? = if (text.isBlank()) null else try {
            IdCheck.Valid(core.checkIdNumber(text.trim()))
        } catch (e: ApiException.InvalidInput) {
            IdCheck.Invalid(e.problems.firstOrNull()?.reason ?: "身份证号不对")
        } catch (e: Exception) {
            null
        }
        mutable.update { s ->
            if (s.fields[key] != text) s
            else s.copy(idChecks = if (check == null) s.idChecks - key else s.idChecks + (key to check))
        }
        // A valid number fills the member's birth date and sex when they are still empty.
        if (check is IdCheck.Valid && key.startsWith("members.")) {
            val row = key.removeSuffix(".id_number")
            val f = mutable.value.fields
            val fill = buildMap {
                if (f["$row.birth_date"].isNullOrBlank()) put("$row.birth_date", check.info.birthDate)
                if (f["$row.sex"].isNullOrBlank()) put("$row.sex", check.info.sex.name)
            }
            if (fill.isNotEmpty()) set(fill)
        }
    }

    private fun save() {
        if (mutable.value.saving) return
        mutable.update { it.copy(saving = true, problem = null, fieldProblems = emptyMap()) }
        scope.launch(io) {
            var at = "" // the prefix the core's field names need to find their form field
            try {
                val s = mutable.value
                val worker = core.worker() ?: run {
                    mutable.update { it.copy(saving = false, problem = Problem.NotEnrolled) }
                    return@launch
                }
                val read = FormReader(s.fields)
                val profile = read.profile(worker.countyCode) { code ->
                    s.places.firstOrNull { it.villageCode == code }?.villageName.orEmpty()
                }
                var id = s.householdId
                if (id == null) {
                    val members = (0 until read.members).map(read::member)
                    id = core.createHousehold(profile, members)
                    val created = core.household(id)
                    remember(id, memberIds(created, members.map { it.name to it.birthDate }))
                } else {
                    core.updateHousehold(id, profile)
                    for (i in 0 until read.members) {
                        at = "members.$i."
                        val m = read.member(i)
                        val memberId = read.memberId(i)
                        if (memberId != null) core.updateMember(id, memberId, m)
                        else remember(id, mapOf(FormFields.member(i, "member_id") to core.addMember(id, m)))
                    }
                }
                val current = FormReader(mutable.value.fields)
                for (i in 0 until current.supporters) {
                    at = "supporters.$i."
                    val sup = current.supporter(i)
                    val supporterId = current.supporterId(i)
                    if (supporterId != null) core.updateSupporter(id, supporterId, sup)
                    else remember(id, mapOf(FormFields.supporter(i, "supporter_id") to core.addSupporter(id, sup)))
                }
                at = "economics."
                core.setEconomics(id, current.economics())
                at = ""
                CompletableDeferred<Unit>().also { writes.trySend(DraftOp.Discard(it)) }.await()
                val detail = core.household(id)
                mutable.update { it.copy(saving = false, saved = true, householdId = id, economics = detail.economicsSummary) }
                preview()
            } catch (e: FormError) {
                mutable.update { it.copy(saving = false, fieldProblems = mapOf(e.field to e.reason)) }
            } catch (e: ApiException.InvalidInput) {
                val byField = e.problems.associate { formKeyOf(at, it.field) to it.reason }
                mutable.update { it.copy(saving = false, fieldProblems = byField) }
            } catch (e: Exception) {
                mutable.update { it.copy(saving = false, problem = problemOf(e)) }
            }
        }
    }

    /** Keeps ids the core gave (household, members, supporters) in the form and its draft. */
    private fun remember(householdId: String, ids: Map<String, String>) {
        mutable.update { it.copy(householdId = householdId) }
        set(ids)
    }

    /** The member ids of a just-registered household, row by row (matched by name and birth date). */
    private fun memberIds(created: HouseholdDetail, rows: List<Pair<String, String>>): Map<String, String> {
        val left = created.members.toMutableList()
        return buildMap {
            rows.forEachIndexed { i, (name, birth) ->
                val hit = left.firstOrNull { it.member.name == name.trim() && it.member.birthDate == birth.trim() } ?: return@forEachIndexed
                left.remove(hit)
                put(FormFields.member(i, "member_id"), hit.memberId)
            }
        }
    }

    private fun formKeyOf(prefix: String, coreField: String): String =
        prefix + coreField.replace("health.disability.grade", "disability_grade")

    companion object {
        /** A new registration's draft key. */
        fun newFormKey(): String = "household/new/${UUID.randomUUID()}"

        /** The draft key for editing [householdId]. */
        fun editFormKey(householdId: String): String = "household/$householdId/profile"
    }
}
