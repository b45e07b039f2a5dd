// Bad input and faults through the Kotlin bindings: invalid ID numbers, a wrong key, a tampered
// bundle, many threads at once, and log records free of personal data.
package app.ruhu.bindings

import app.ruhu.bindings.Fixtures.member
import app.ruhu.bindings.Fixtures.openStore
import java.util.Collections
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import org.junit.Test
import uniffi.ruhu_core.*

class FaultsTest {
    @Test
    fun `a wrong check character is refused naming the field and not the number`() {
        val store = openStore(Fixtures.tempDir(), "phone.db", "w-1")
        val bad = Fixtures.withWrongCheck(Fixtures.idNumber("1972-02-29", 5, Sex.FEMALE))
        val m = member("雷春燕", Relation.HEAD, Sex.FEMALE, "1972-02-29", null).copy(idNumber = bad)
        val e = assertFailsWith<ApiException.InvalidInput> { store.createHousehold(Fixtures.profile(), listOf(m)) }
        val problem = e.problems.single()
        assertTrue(problem.field.endsWith("id_number"), problem.field)
        assertTrue(problem.reason.isNotBlank())
        for (text in listOf(problem.reason, e.message.orEmpty())) {
            assertFalse(text.contains(bad.dropLast(1)) || text.contains("雷春燕"), "an error carried personal data")
        }
        assertTrue(store.searchHouseholds(HouseholdQuery()).isEmpty(), "nothing was saved")
        assertFailsWith<ApiException.InvalidInput> { checkIdNumber(bad) }
        store.close()
    }

    @Test
    fun `a wrong key is refused and the right key still opens the data intact`() {
        val dir = Fixtures.tempDir()
        val store = openStore(dir, "phone.db", "w-1", keySeed = 5)
        val id = store.createHousehold(Fixtures.profile(), listOf(member("梁志强", Relation.HEAD, Sex.MALE, "1980-05-05", 3)))
        store.close()
        assertFailsWith<ApiException.StoreUnreadable> { RuhuStore.open(dir.resolve("phone.db").toString(), Fixtures.key(6)) }
        assertFailsWith<ApiException.BadKey> { RuhuStore.open(dir.resolve("phone.db").toString(), ByteArray(16)) }
        val again = RuhuStore.open(dir.resolve("phone.db").toString(), Fixtures.key(5))
        assertEquals("梁志强", again.household(id).members.single().member.name)
        again.close()
    }

    @Test
    fun `a tampered bundle is refused and changes nothing`() {
        val dir = Fixtures.tempDir()
        val a = openStore(dir, "a.db", "w-a", keySeed = 1)
        val b = openStore(dir, "b.db", "w-b", keySeed = 2)
        val id = a.createHousehold(Fixtures.profile(), listOf(member("韦丽华", Relation.HEAD, Sex.FEMALE, "1985-09-09", 4)))
        b.importBundle(a.exportBundle(listOf(id)))
        a.updateHousehold(id, Fixtures.profile(phone = "13700009999"))
        a.addMember(id, member("韦小军", Relation.CHILD, Sex.MALE, "2012-06-06", null))
        val before = b.household(id)

        val bundle = a.exportBundle(listOf(id))
        val tampered = bundle.copyOf().also { it[it.size - 20] = (it[it.size - 20].toInt() xor 1).toByte() }
        assertFailsWith<ApiException.BundleRefused> { b.importBundle(tampered) }
        assertEquals(before, b.household(id))
        assertTrue(b.conflicts(null).isEmpty())

        // The preview reads the bundle without importing; nothing is refused on a new phone.
        val preview = b.previewBundle(bundle)
        assertEquals(0u, preview.outsideScope)
        assertEquals(id, preview.documents.single().documentId)
        assertTrue(preview.documents.single().changes)
        assertTrue(b.refusedDocuments().isEmpty())
        assertFailsWith<ApiException.NotFound> { b.retryRefused(id) }

        // The same bundle untouched does change B: the refusal above is what kept it unchanged.
        assertEquals(1u, b.importBundle(bundle).updated)
        assertEquals("13700009999", b.household(id).profile.contactPhone)
        a.close()
        b.close()
    }

    @Test
    fun `calls from many threads at once all succeed`() {
        val store = openStore(Fixtures.tempDir(), "phone.db", "w-1")
        val id = store.createHousehold(Fixtures.profile(), listOf(member("葛长青", Relation.HEAD, Sex.MALE, "1955-03-03", 9)))
        val pool = Executors.newFixedThreadPool(4)
        val failures = Collections.synchronizedList(mutableListOf<Throwable>())
        repeat(4) { t ->
            pool.execute {
                try {
                    repeat(10) { i ->
                        if (t % 2 == 0) {
                            val given = "春夏秋冬梅兰竹菊松柏"[i]
                            store.addMember(id, member("葛$given${"甲乙丙丁"[t]}", Relation.GRANDCHILD, Sex.MALE, "2010-01-0${i % 9 + 1}", null))
                        } else {
                            assertEquals(1, store.searchHouseholds(HouseholdQuery(text = "gcq")).size)
                        }
                    }
                } catch (e: Throwable) {
                    failures.add(e)
                }
            }
        }
        pool.shutdown()
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS))
        assertTrue(failures.isEmpty(), failures.toString())
        assertEquals(21, store.household(id).members.size)
        store.close()
    }

    @Test
    fun `log records arrive during a visit and carry no names or ID numbers`() {
        val records = Collections.synchronizedList(mutableListOf<String>())
        setLogSink(object : LogSink {
            override fun log(level: LogLevel, target: String, message: String) {
                records.add("$level $target $message")
            }
        }, LogLevel.DEBUG)
        val dir = Fixtures.tempDir()
        val a = openStore(dir, "a.db", "w-a", keySeed = 1)
        val b = openStore(dir, "b.db", "w-b", keySeed = 2)
        val names = listOf("骆晓燕", "骆志明", "骆小雨")
        val ids = listOf(
            Fixtures.idNumber("1979-12-12", 44, Sex.FEMALE),
            Fixtures.idNumber("1977-03-08", 45, Sex.MALE),
        )
        val id = a.createHousehold(
            Fixtures.profile(),
            listOf(
                member(names[0], Relation.HEAD, Sex.FEMALE, "1979-12-12", 44),
                member(names[1], Relation.SPOUSE, Sex.MALE, "1977-03-08", 45),
            ),
        )
        a.addMember(id, member(names[2], Relation.CHILD, Sex.FEMALE, "2013-07-07", null))
        // A failed form carries a full ID number; searches carry a name and an ID suffix.
        val wrong = member(names[2], Relation.CHILD, Sex.MALE, "2013-07-07", null).copy(idNumber = ids[0])
        assertFailsWith<ApiException.InvalidInput> { a.addMember(id, wrong) }
        assertEquals(1, a.searchHouseholds(HouseholdQuery(text = names[0])).size)
        assertEquals(1, a.searchHouseholds(HouseholdQuery(text = ids[1].takeLast(6))).size)
        b.importBundle(a.exportBundle(listOf(id)))

        assertTrue(records.any { it.contains("import_bundle") }, records.toString())
        for (secret in names + ids + names.map { it.drop(1) }) {
            assertFalse(records.any { it.contains(secret) }, "a log record carried personal data")
        }
        a.close()
        b.close()
    }
}
