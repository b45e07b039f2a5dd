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
        assertTrue(e.problems.single().field.endsWith("id_number"))
        assertFalse(e.problems.toString().contains(bad))
        assertFalse(e.message.orEmpty().contains("雷春燕"))
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
        val bundle = a.exportBundle(listOf(id))
        bundle[bundle.size - 20] = (bundle[bundle.size - 20].toInt() xor 1).toByte()
        assertFailsWith<ApiException.BundleRefused> { b.importBundle(bundle) }
        assertTrue(b.searchHouseholds(HouseholdQuery()).isEmpty())
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
    fun `log records arrive and carry no names or ID numbers`() {
        val records = Collections.synchronizedList(mutableListOf<String>())
        setLogSink(object : LogSink {
            override fun log(level: LogLevel, target: String, message: String) {
                records.add("$level $target $message")
            }
        }, LogLevel.DEBUG)
        val dir = Fixtures.tempDir()
        val a = openStore(dir, "a.db", "w-a", keySeed = 1)
        val b = openStore(dir, "b.db", "w-b", keySeed = 2)
        val idNumber = Fixtures.idNumber("1979-12-12", 44, Sex.FEMALE)
        val id = a.createHousehold(Fixtures.profile(), listOf(member("骆晓燕", Relation.HEAD, Sex.FEMALE, "1979-12-12", 44)))
        b.importBundle(a.exportBundle(listOf(id)))
        assertTrue(records.any { it.contains("import_bundle") }, records.toString())
        assertFalse(records.any { it.contains("骆晓燕") || it.contains(idNumber) })
        a.close()
        b.close()
    }
}
