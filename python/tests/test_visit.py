"""The visit path through the generated Python bindings: proves the core outside the JVM.

Fictional people only; ID numbers are generated with a valid check character in the
unassigned county code 370599.
"""

import tempfile
import unittest
from pathlib import Path

import ruhu_core as r

COUNTY = "370599"
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_number(birth: str, seq: int, male: bool) -> str:
    body = COUNTY + birth.replace("-", "") + "%03d" % (seq % 500 * 2 + (1 if male else 0))
    total = sum(int(c) * w for c, w in zip(body, WEIGHTS))
    return body + "10X98765432"[total % 11]


def member(name, relation, sex, birth, seq):
    return r.MemberInput(
        name=name,
        id_number=None if seq is None else id_number(birth, seq, sex == r.Sex.MALE),
        relation=relation, sex=sex, birth_date=birth,
        major_illness=False, chronic_illness=False, disability_kind=None, disability_grade=None,
        health_note="", work=r.WorkStatus.FARMING, school=r.SchoolStage.NOT_IN_SCHOOL,
        marital=r.MaritalStatus.MARRIED, education=r.Education.PRIMARY, status=r.MemberStatus.PRESENT,
    )


def profile():
    return r.HouseholdProfile(
        county_code=COUNTY, township_code="370599101", village_code="370599101201",
        village_name="前进村", grid_code="G01-1", address_detail="6组1号", contact_phone="",
        location=None, housing=r.Housing.RENTED,
        categories=r.HardshipCategories(
            dibao=True, tekun=False, low_income=False, orphan=False, vulnerable_child=False,
            disability_subsidy=False, expenditure_hardship=False),
        already_assisted=True, poverty_registered=False, staff_relative=False,
    )


def open_store(folder: Path, name: str, seed: int) -> "r.RuhuStore":
    store = r.RuhuStore.open(str(folder / name), bytes((i * 3 + seed) % 256 for i in range(32)))
    store.set_worker(r.WorkerProfile(county_code=COUNTY, worker_id="w-" + name, display_name="网格员"))
    return store


class VisitTest(unittest.TestCase):
    def test_two_phones_register_search_merge_and_settle(self):
        with tempfile.TemporaryDirectory() as d:
            folder = Path(d)
            a = open_store(folder, "a.db", 1)
            b = open_store(folder, "b.db", 2)
            head_id = id_number("1962-10-01", 77, True)
            hid = a.create_household(profile(), [member("黎国华", r.Relation.HEAD, r.Sex.MALE, "1962-10-01", 77)])

            hits = a.search_households(r.HouseholdQuery(text="lgh"))
            self.assertEqual(["黎国华"], [h.head_name for h in hits])
            self.assertNotIn(head_id, repr(hits))

            self.assertEqual(1, b.import_bundle(a.export_bundle([hid])).created)
            a.set_economics(hid, r.EconomicsInput(pension_fen=130_000))
            b.set_economics(hid, r.EconomicsInput(pension_fen=160_000))
            to_b = a.export_bundle([hid])
            a.import_bundle(b.export_bundle([hid]))
            b.import_bundle(to_b)

            for phone in (a, b):
                conflicts = phone.conflicts(None)
                self.assertEqual(["economics/income/pension"], [c.path for c in conflicts])
                self.assertEqual({"130000", "160000"}, {v.value_json for v in conflicts[0].values})
            a.settle_conflict(hid, "economics/income/pension", "160000")
            self.assertEqual([], a.conflicts(None))
            b.import_bundle(a.export_bundle([hid]))
            self.assertEqual([], b.conflicts(None))
            self.assertEqual(160_000, b.household(hid).economics.pension_fen)

    def test_a_wrong_check_character_is_refused(self):
        bad = id_number("1990-02-02", 3, False)
        bad = bad[:-1] + ("1" if bad[-1] != "1" else "2")
        with self.assertRaises(r.ApiError.InvalidInput) as caught:
            r.check_id_number(bad)
        problem = caught.exception.problems[0]
        self.assertTrue(problem.field.endswith("id_number"), problem.field)
        self.assertNotIn(bad[:17], problem.reason + str(caught.exception))


if __name__ == "__main__":
    unittest.main()
