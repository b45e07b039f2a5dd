// The case screen on a fake core: only the steps the core allows open; a step goes to the
// core with its fields and "happened at" time and its draft is dropped; a refusal shows the
// core's reason and rule and keeps the form.
package app.ruhu.presentation.casescreen

import app.ruhu.presentation.core.CaseCore
import app.ruhu.presentation.core.Problem
import app.ruhu.presentation.fakes.FakeCore
import app.ruhu.presentation.fakes.settle
import kotlin.test.assertEquals
import kotlin.test.assertNull
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.runTest
import org.junit.Test
import uniffi.ruhu_core.*

class CasePresenterTest {
    private class Fake(var allowed: List<CaseEventKind>, var evidence: List<StepEvidence> = emptyList()) : CaseCore {
        val drafts = mutableMapOf<String, MutableMap<String, String>>()
        val appended = mutableListOf<CaseEventInput>()
        var refuse: ApiException? = null
        val base = FakeCore.caseDetail("c-1", CaseInput("h-1", CaseOrigin.DISCOVERY, AssistanceKind.EMERGENCY, CasePath.URGENT, null, null))
        override fun caseDetail(caseId: String) = base.copy(allowedActions = allowed, stepEvidence = evidence)
        override fun appendCaseEvent(caseId: String, event: CaseEventInput): String {
            refuse?.let { throw it }
            appended += event
            return "e-1"
        }
        override fun saveDraft(form: String, field: String, value: String) { drafts.getOrPut(form) { mutableMapOf() }[field] = value }
        override fun draft(form: String) = drafts[form].orEmpty().map { DraftField(it.key, it.value) }
        override fun discardDraft(form: String) { drafts.remove(form) }
    }

    @Test
    fun `a step the core does not allow does not open`() = runTest {
        val core = Fake(listOf(CaseEventKind.INVESTIGATED))
        val p = CasePresenter(core, backgroundScope, StandardTestDispatcher(testScheduler), "c-1")
        settle()
        p.handle(CaseEvents.OpenStep(CaseEventKind.CLOSED))
        assertNull(p.state.value.step)
        p.handle(CaseEvents.OpenStep(CaseEventKind.INVESTIGATED))
        assertEquals(CaseEventKind.INVESTIGATED, p.state.value.step?.kind)
    }

    @Test
    fun `a step goes to the core with two investigators and its happened-at time, and its draft is dropped`() = runTest {
        val core = Fake(listOf(CaseEventKind.INVESTIGATED))
        val p = CasePresenter(core, backgroundScope, StandardTestDispatcher(testScheduler), "c-1")
        settle()
        p.handle(CaseEvents.OpenStep(CaseEventKind.INVESTIGATED))
        p.handle(CaseEvents.StepFieldChanged("investigator.0", "王网格员"))
        p.handle(CaseEvents.StepFieldChanged("investigator.1", "村主任"))
        p.handle(CaseEvents.HappenedAtChosen(1_700_000_000_000))
        settle()
        assertEquals("村主任", core.drafts["case/c-1/step/investigated"]?.get("investigator.1"))
        p.handle(CaseEvents.SubmitStep)
        settle()
        val sent = core.appended.single()
        assertEquals(listOf("王网格员", "村主任"), sent.investigators)
        assertEquals(1_700_000_000_000, sent.happenedAtMs)
        assertNull(p.state.value.step)
        assertNull(core.drafts["case/c-1/step/investigated"])
    }

    @Test
    fun `a refused step shows the core's reason and keeps the form`() = runTest {
        val core = Fake(listOf(CaseEventKind.INVESTIGATED)).apply {
            refuse = ApiException.CaseRuleBroken("backdated_too_far", "发生时间早于县里允许的补录期限（录入前48小时内），请核对时间")
        }
        val p = CasePresenter(core, backgroundScope, StandardTestDispatcher(testScheduler), "c-1")
        settle()
        p.handle(CaseEvents.OpenStep(CaseEventKind.INVESTIGATED))
        p.handle(CaseEvents.SubmitStep)
        settle()
        assertEquals("backdated_too_far", p.state.value.refusedRule)
        assertEquals(Problem.Words("发生时间早于县里允许的补录期限（录入前48小时内），请核对时间"), p.state.value.problem)
        assertEquals(CaseEventKind.INVESTIGATED, p.state.value.step?.kind)
    }

    @Test
    fun `the investigation names the case's signatures the core offers, but those unticked, and one signed meanwhile`() = runTest {
        val core = Fake(
            listOf(CaseEventKind.INVESTIGATED),
            listOf(StepEvidence(CaseEventKind.INVESTIGATED, PhotoKind.SIGNATURE, listOf("sig-1", "sig-2"))),
        )
        val p = CasePresenter(core, backgroundScope, StandardTestDispatcher(testScheduler), "c-1")
        settle()
        p.handle(CaseEvents.OpenStep(CaseEventKind.INVESTIGATED))
        assertEquals(PhotoKind.SIGNATURE, p.state.value.evidence?.kind)
        assertEquals(listOf("sig-1", "sig-2"), p.state.value.chosenPhotos)
        p.handle(CaseEvents.EvidenceToggled("sig-1"))
        assertEquals(listOf("sig-2"), p.state.value.chosenPhotos)
        // The worker signs a third time on the pad; back on the case screen it is read again.
        core.evidence = listOf(StepEvidence(CaseEventKind.INVESTIGATED, PhotoKind.SIGNATURE, listOf("sig-1", "sig-2", "sig-3")))
        p.handle(CaseEvents.Refresh)
        settle()
        assertEquals(listOf("sig-2", "sig-3"), p.state.value.chosenPhotos)
        p.handle(CaseEvents.SubmitStep)
        settle()
        assertEquals(listOf("sig-2", "sig-3"), core.appended.single().photoIds)
    }

    @Test
    fun `a step that needs no photo offers none and names none`() = runTest {
        val core = Fake(listOf(CaseEventKind.PRELIMINARY_REVIEW))
        val p = CasePresenter(core, backgroundScope, StandardTestDispatcher(testScheduler), "c-1")
        settle()
        p.handle(CaseEvents.OpenStep(CaseEventKind.PRELIMINARY_REVIEW))
        assertNull(p.state.value.evidence)
        p.handle(CaseEvents.SubmitStep)
        settle()
        assertEquals(emptyList(), core.appended.single().photoIds)
    }
}
