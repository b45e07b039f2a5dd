//! Upgrades of the county's SQLite file: a file at the first schema reaches the schema of a
//! fresh one, and a file from a newer ruhu-county (or opened with another key) is refused with
//! an error the operator can act on, and left untouched.

use super::*;
use crate::state::County;
use ruhu_sqlite::Access;

const KEY: [u8; 32] = [5; 32];

/// What `ruhu-county serve` prints when the store does not open.
fn refusal(dir: &Path, key: &[u8; 32]) -> String {
    match County::open(dir, key, Some("370599")) {
        Ok(_) => panic!("the county store opened"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_county_database_at_the_first_schema_upgrades_to_the_schema_of_a_fresh_one() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = open_connection(&dir.path().join("fresh.db"), &KEY).unwrap();
    let old_path = dir.path().join("old.db");
    let mut old = ruhu_sqlite::open(&old_path, &KEY, Access::ReadWrite, WRITER_BUSY).unwrap();
    ruhu_sqlite::schema::assert_upgrade_of_matches(
        &mut old,
        STEPS,
        |c| {
            c.execute_batch(
                "INSERT INTO documents(id, kind, county_code, village_code, grid_code,
                                       household_id, status, updated_seq) VALUES
                   ('h1', 'household', '370599', 'v1', 'G1', 'h1', NULL, 1),
                   ('c1', 'case', '370599', 'v1', 'G1', 'h1', 'accepted', 2),
                   ('h2', 'household', '370599', 'v2', 'G2', 'h2', NULL, 3),
                   ('r1', 'roster', '370599', 'v3', 'G3', NULL, NULL, 4);",
            )
        },
        &fresh,
    );
    let bound: Vec<(String, String)> = old
        .prepare("SELECT grid_code, village_code FROM grid_villages ORDER BY grid_code")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let expected = [("G1", "v1"), ("G2", "v2")].map(|(g, v)| (g.to_string(), v.to_string()));
    assert_eq!(
        bound, expected,
        "grids of stored households and cases are bound to their villages"
    );
    drop(old);
    let db = Sqlite::open(&old_path, &KEY).unwrap();
    db.ping().unwrap();
}

#[test]
fn a_county_database_from_a_newer_ruhu_county_is_refused_with_what_to_do_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("county.db");
    let newest = ruhu_sqlite::newest(STEPS);
    open_connection(&path, &KEY)
        .unwrap()
        .pragma_update(None, "user_version", newest + 1)
        .unwrap();

    let shown = refusal(dir.path(), &KEY);
    assert!(shown.contains("newer ruhu-county"), "{shown}");
    assert!(
        shown.contains(&format!("schema {}", newest + 1))
            && shown.contains(&format!("up to {newest}")),
        "{shown}"
    );
    assert!(shown.contains("restore a backup"), "{shown}");

    let conn = ruhu_sqlite::open(&path, &KEY, Access::ReadOnly, READER_BUSY).unwrap();
    assert_eq!(ruhu_sqlite::version(&conn).unwrap(), i64::from(newest + 1));
    let settings: i64 = conn
        .query_row("SELECT count(*) FROM settings", [], |r| r.get(0))
        .unwrap();
    assert_eq!(settings, 0, "no county code was written");
}

#[test]
fn a_county_database_opened_with_another_key_is_refused_as_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("county.db");
    drop(open_connection(&path, &KEY).unwrap());
    let before = std::fs::read(&path).unwrap();

    let shown = refusal(dir.path(), &[6; 32]);
    assert!(shown.contains("cannot be read with this key"), "{shown}");
    assert!(
        std::fs::read(&path).unwrap() == before,
        "the file is untouched"
    );
}
