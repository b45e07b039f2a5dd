// A whole home visit through the generated Kotlin bindings against the real core library:
// an encrypted store, a household with members and economics, search, a second phone, bundles
// both ways, a conflict settled.
package app.ruhu.bindings

import app.ruhu.bindings.Fixtures.member
import app.ruhu.bindings.Fixtures.openStore
import java.nio.file.Files
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import org.junit.Test
import uniffi.ruhu_core.*

class VisitTest {
    private val headBirth = "1966-08-15"
    private val headId = Fixtures.idNumber(headBirth, 37, Sex.MALE)

    private fun registerFamily(store: RuhuStore): String {
        val id = store.createHousehold(
            Fixtures.profile(),
            listOf(
                member("郝建国", Relation.HEAD, Sex.MALE, headBirth, 37),
                member("邱玉兰", Relation.SPOUSE, Sex.FEMALE, "1968-01-20", 38),
                member("郝小宝", Relation.CHILD, Sex.MALE, "2011-11-11", null),
            ),
        )
        store.setEconomics(id, EconomicsInput(wageFen = 2_160_000, farmingFen = 360_000, medicalFen = 900_000))
        return id
    }

    @Test
    fun `a whole visit registers a family, reads it back, finds it every way and stores nothing in clear`() {
        val dir = Fixtures.tempDir()
        val store = openStore(dir, "phone.db", "w-1")
        val id = registerFamily(store)

        val detail = store.household(id)
        assertEquals(listOf("郝建国", "邱玉兰", "郝小宝"), detail.members.map { it.member.name })
        assertEquals(headId, detail.members.first().member.idNumber)
        assertEquals("37************" + headId.takeLast(4), detail.members.first().idMasked)
        assertEquals(null, detail.members.last().idMasked)
        // (21,600 + 3,600) 元 a year / 12 / 3 people = 700 元 a month.
        assertEquals(2_520_000, detail.economicsSummary.totalIncomeFen)
        assertEquals(70_000, detail.economicsSummary.perCapitaMonthlyIncomeFen)

        // The child turns out to be at school: only that member changes.
        val child = detail.members.last()
        store.updateMember(id, child.memberId, child.member.copy(school = SchoolStage.JUNIOR_MIDDLE))
        val after = store.household(id)
        assertEquals(SchoolStage.JUNIOR_MIDDLE, after.members.last().member.school)
        assertEquals(detail.members.take(2), after.members.take(2))

        for (text in listOf("hjg", "haojianguo", "建国", headId.takeLast(4))) {
            val hits = store.searchHouseholds(HouseholdQuery(text = text, limit = 50u))
            assertEquals(listOf(id), hits.map { it.id }, "search '$text'")
            assertEquals("郝建国", hits[0].headName)
            assertEquals("37************" + headId.takeLast(4), hits[0].headIdMasked)
            assertFalse(hits[0].toString().contains(headId), "a summary carried the full ID number")
        }
        assertTrue(store.searchHouseholds(HouseholdQuery(text = "wangwu")).isEmpty())
        store.close()

        // The store is encrypted: no file under its folder (photo folder included) holds a name
        // or the ID number in clear.
        val secrets = listOf("郝建国", "邱玉兰", headId).map { it.toByteArray(Charsets.UTF_8) }
        val files = Files.walk(dir).use { paths -> paths.filter { Files.isRegularFile(it) }.toList() }
        assertTrue(files.sumOf { Files.size(it) } > 0, "the store wrote nothing")
        for (file in files) {
            val bytes = Files.readAllBytes(file)
            for (secret in secrets) assertFalse(bytes.contains(secret), "$file holds personal data in clear")
        }
    }

    private fun ByteArray.contains(needle: ByteArray): Boolean =
        (0..size - needle.size).any { at -> needle.indices.all { this[at + it] == needle[it] } }

    @Test
    fun `two phones merge different edits and settle the one field both changed`() {
        val dir = Fixtures.tempDir()
        val a = openStore(dir, "a.db", "w-a", keySeed = 1)
        val b = openStore(dir, "b.db", "w-b", keySeed = 2)
        val id = registerFamily(a)
        assertEquals(1u, b.importBundle(a.exportBundle(listOf(id))).created)

        // Offline on both phones.
        a.updateHousehold(id, Fixtures.profile(phone = "13911112222"))
        b.addMember(id, member("郝小红", Relation.CHILD, Sex.FEMALE, "2014-04-04", null))
        a.setEconomics(id, a.household(id).economics.copy(wageFen = 1_800_000))
        b.setEconomics(id, b.household(id).economics.copy(wageFen = 2_400_000))

        val toB = a.exportBundle(listOf(id))
        val toA = b.exportBundle(listOf(id))
        assertEquals(1u, b.importBundle(toB).newConflicts)
        assertEquals(1u, a.importBundle(toA).newConflicts)
        for (phone in listOf(a, b)) {
            val d = phone.household(id)
            assertEquals("13911112222", d.profile.contactPhone)
            assertEquals(4, d.members.size)
            assertEquals(1, d.conflicts.size)
            assertEquals("economics/income/wage", d.conflicts[0].path)
        }

        val conflict = a.conflicts(null).single()
        val chosen = conflict.values.single { it.valueJson == "2400000" }
        a.settleConflict(conflict.documentId, conflict.path, chosen.valueJson)
        assertTrue(a.conflicts(null).isEmpty())
        b.importBundle(a.exportBundle(listOf(id)))
        assertTrue(b.conflicts(null).isEmpty())
        assertEquals(2_400_000, b.household(id).economics.wageFen)
        a.close()
        b.close()
    }

    @Test
    fun `an urgent case runs its 24 hour clock until advance aid is paid`() {
        val store = openStore(Fixtures.tempDir(), "phone.db", "w-1")
        val household = registerFamily(store)
        val now = System.currentTimeMillis()
        val case = store.createCase(
            CaseInput(
                householdId = household,
                origin = CaseOrigin.DISCOVERY,
                kind = AssistanceKind.EMERGENCY,
                path = CasePath.URGENT,
                openedAtMs = null,
                emergency = EmergencyInput(EmergencyKind.FIRE, now - 3_600_000, "屋顶起火", 3_000_000, 800_000),
            ),
        )
        store.appendCaseEvent(case, CaseEventInput(kind = CaseEventKind.ACCEPTED))
        val open = store.caseDetail(case)
        assertEquals(CaseStatus.ACCEPTED, open.status)
        val due = open.nextDeadlineMs ?: error("no deadline")
        assertTrue(due - now in 23 * 3_600_000L..24 * 3_600_000L + 60_000L)
        store.appendCaseEvent(case, CaseEventInput(kind = CaseEventKind.ADVANCE_AID, amountFen = 200_000))
        val paid = store.caseDetail(case)
        // The hour clock stopped; the materials are now owed within 5 working days.
        assertEquals(listOf("materials_after_advance_aid"), paid.clocks.map { it.clock })
        assertTrue((paid.nextDeadlineMs ?: error("no materials clock")) > due)
        assertEquals(ClockState.RUNNING, paid.clocks[0].state)
        assertEquals(200_000, paid.totalPaidFen)
        // Before enrollment: no county policy, no role, so nothing is offered and no visit is raised.
        assertEquals(null, paid.policyVersion)
        assertEquals(null, store.countyPolicy())
        assertTrue(paid.allowedActions.isEmpty())
        assertTrue(store.myVisits().isEmpty())
        val refused = assertFailsWith<ApiException.CaseRuleBroken> {
            store.suggestAssistance(case, HardshipDegree.SERIOUS, 1u)
        }
        assertEquals("policy_missing", refused.rule)
        assertEquals(1, store.searchHouseholds(HouseholdQuery(openCaseOnly = true)).size)
        store.close()
    }
}
