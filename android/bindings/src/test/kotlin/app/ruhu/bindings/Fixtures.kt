// Fictional people and forms for the JVM tests: names are invented, ID numbers are generated
// with a valid check character in the unassigned county code 370599.
package app.ruhu.bindings

import java.nio.file.Files
import java.nio.file.Path
import uniffi.ruhu_core.*

object Fixtures {
    const val COUNTY = "370599"
    private val WEIGHTS = intArrayOf(7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    private const val CHECK = "10X98765432"

    /** A valid 身份证号 for a fictional person: region, birth date, sequence (odd = male), check. */
    fun idNumber(birth: String, sequence: Int, sex: Sex): String {
        val seq = sequence % 500 * 2 + (if (sex == Sex.MALE) 1 else 0)
        val body = COUNTY + birth.replace("-", "") + "%03d".format(seq)
        val sum = body.mapIndexed { i, c -> (c - '0') * WEIGHTS[i] }.sum()
        return body + CHECK[sum % 11]
    }

    /** The same number with its check character changed. */
    fun withWrongCheck(id: String): String {
        val wrong = if (id.last() == '1') '2' else '1'
        return id.dropLast(1) + wrong
    }

    fun member(name: String, relation: Relation, sex: Sex, birth: String, seq: Int?) = MemberInput(
        name = name,
        idNumber = seq?.let { idNumber(birth, it, sex) },
        relation = relation,
        sex = sex,
        birthDate = birth,
        majorIllness = false,
        chronicIllness = false,
        disabilityKind = null,
        disabilityGrade = null,
        healthNote = "",
        work = WorkStatus.FARMING,
        school = SchoolStage.NOT_IN_SCHOOL,
        marital = if (relation == Relation.HEAD || relation == Relation.SPOUSE) MaritalStatus.MARRIED else MaritalStatus.UNMARRIED,
        education = Education.JUNIOR_MIDDLE,
        status = MemberStatus.PRESENT,
    )

    fun profile(phone: String = "13800001111") = HouseholdProfile(
        countyCode = COUNTY,
        townshipCode = "370599101",
        villageCode = "370599101201",
        villageName = "前进村",
        gridCode = "G01-1",
        addressDetail = "2组8号",
        contactPhone = phone,
        location = GeoPoint(lat = 37.45, lon = 118.58, accuracyM = 9.0),
        housing = Housing.OWNED_UNSAFE,
        categories = HardshipCategories(
            dibao = false, tekun = false, lowIncome = true, orphan = false,
            vulnerableChild = false, disabilitySubsidy = false, expenditureHardship = true,
        ),
        alreadyAssisted = false,
        povertyRegistered = false,
        staffRelative = false,
    )

    fun key(seed: Int): ByteArray = ByteArray(32) { (it * 7 + seed).toByte() }

    fun tempDir(): Path = Files.createTempDirectory("ruhu-kt")

    fun openStore(dir: Path, file: String, worker: String, keySeed: Int = 1): RuhuStore {
        val store = RuhuStore.open(dir.resolve(file).toString(), key(keySeed))
        store.setWorker(WorkerProfile(countyCode = COUNTY, workerId = worker, displayName = "网格员"))
        return store
    }
}
