//! The phone store's schema and its forward migrations, keyed on `PRAGMA user_version`.

use ruhu_sqlite::Step;
use rusqlite::Connection;

use super::StoreError;

/// The schema version this build writes.
pub const VERSION: i32 = 7;

/// Version 1: documents with their chunks, the list indexes, full-text name search, settings.
const V1: &str = "
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE documents (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    snapshot    BLOB NOT NULL,
    chunk_count INTEGER NOT NULL DEFAULT 0,
    chunk_bytes INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE doc_chunks (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    seq    INTEGER NOT NULL,
    data   BLOB NOT NULL,
    PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;

CREATE TABLE households (
    id             TEXT PRIMARY KEY,
    head_name      TEXT NOT NULL,
    head_id_masked TEXT NOT NULL,
    village_code   TEXT NOT NULL,
    village_name   TEXT NOT NULL,
    grid_code      TEXT NOT NULL,
    address        TEXT NOT NULL,
    categories     TEXT NOT NULL,
    member_count   INTEGER NOT NULL,
    conflicts      INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX households_village ON households(village_code);
CREATE INDEX households_grid ON households(grid_code);
CREATE INDEX households_updated ON households(updated_at);

CREATE TABLE members (
    rowid         INTEGER PRIMARY KEY,
    household_id  TEXT NOT NULL,
    member_id     TEXT NOT NULL,
    name          TEXT NOT NULL,
    id_suffix_rev TEXT NOT NULL,
    UNIQUE (household_id, member_id)
);
CREATE INDEX members_id_suffix ON members(id_suffix_rev);

CREATE VIRTUAL TABLE member_names USING fts5(
    chars, pinyin, initials, tokenize = 'unicode61', detail = 'full'
);

CREATE TABLE cases (
    id            TEXT PRIMARY KEY,
    household_id  TEXT NOT NULL,
    village_code  TEXT NOT NULL,
    grid_code     TEXT NOT NULL,
    status        TEXT NOT NULL,
    path          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    opened_at     INTEGER NOT NULL,
    next_deadline INTEGER,
    conflicts     INTEGER NOT NULL
);
CREATE INDEX cases_household ON cases(household_id);
CREATE INDEX cases_deadline ON cases(next_deadline) WHERE next_deadline IS NOT NULL;
";

/// Version 2: open-case counts and the nearest deadline on each household, so that
/// “has an open case” and “overdue” filter without a join.
const V2: &str = "
ALTER TABLE households ADD COLUMN open_cases INTEGER NOT NULL DEFAULT 0;
ALTER TABLE households ADD COLUMN next_deadline INTEGER;
UPDATE households SET
    open_cases = (SELECT count(*) FROM cases c
                  WHERE c.household_id = households.id AND c.status NOT IN ('closed', 'rejected')),
    next_deadline = (SELECT min(c.next_deadline) FROM cases c WHERE c.household_id = households.id);
CREATE INDEX households_open ON households(open_cases) WHERE open_cases > 0;
CREATE INDEX households_deadline ON households(next_deadline) WHERE next_deadline IS NOT NULL;
";

/// Version 3: what the county is known to hold of each document, and whether the phone has
/// changes it lacks. Existing documents start unsynced.
const V3: &str = "
CREATE TABLE sync_state (
    doc_id       TEXT PRIMARY KEY REFERENCES documents(id),
    county_heads BLOB NOT NULL,
    dirty        INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO sync_state(doc_id, county_heads, dirty) SELECT id, x'', 1 FROM documents;
CREATE INDEX sync_state_dirty ON sync_state(dirty) WHERE dirty = 1;
";

/// Version 4: photo files waiting to reach the county, with the last byte it acknowledged; the
/// photos each document lists, with their review.
const V4: &str = "
CREATE TABLE photo_uploads (
    sha256       TEXT PRIMARY KEY,
    doc_id       TEXT NOT NULL,
    thumbnail    INTEGER NOT NULL,
    size         INTEGER NOT NULL,
    urgent       INTEGER NOT NULL,
    acked        INTEGER NOT NULL DEFAULT 0,
    queued_at    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE photo_index (
    doc_id       TEXT NOT NULL,
    photo_id     TEXT NOT NULL,
    doc_kind     TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    thumb_sha256 TEXT NOT NULL,
    review       TEXT NOT NULL,
    PRIMARY KEY (doc_id, photo_id)
) WITHOUT ROWID;
CREATE INDEX photo_index_sha ON photo_index(sha256);
CREATE INDEX photo_index_thumb ON photo_index(thumb_sha256);
CREATE INDEX photo_index_retake ON photo_index(review) WHERE review = 'retake_needed';
";

/// Version 5: documents the county refused (the refusal's code, and the document's heads then:
/// it is not sent again until they change), and changes received whose dependencies the phone
/// lacks, kept aside until the rest of their document arrives.
const V5: &str = "
CREATE TABLE sync_refusals (
    doc_id     TEXT PRIMARY KEY REFERENCES documents(id),
    code       INTEGER NOT NULL,
    heads      BLOB NOT NULL,
    refused_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE pending_changes (
    doc_id TEXT NOT NULL,
    hash   BLOB NOT NULL,
    kind   TEXT NOT NULL,
    bytes  BLOB NOT NULL,
    PRIMARY KEY (doc_id, hash)
) WITHOUT ROWID;
";

/// Version 6: form drafts, field by field as typed.
const V6: &str = "
CREATE TABLE drafts (
    form       TEXT NOT NULL,
    field      TEXT NOT NULL,
    value      TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (form, field)
) WITHOUT ROWID;
";

/// Version 7: the visit tasks households hold, indexed for 我的走访 and visit history, and the
/// day the warning rules last looked at each household. Filled from the documents by
/// [`v7`].
const V7: &str = "
CREATE TABLE visit_tasks (
    household_id TEXT NOT NULL,
    task_id      TEXT NOT NULL,
    grid_code    TEXT NOT NULL,
    open         INTEGER NOT NULL,
    task         TEXT NOT NULL,
    PRIMARY KEY (household_id, task_id)
) WITHOUT ROWID;
CREATE INDEX visit_tasks_open ON visit_tasks(grid_code) WHERE open = 1;
CREATE TABLE warning_checks (
    household_id TEXT PRIMARY KEY,
    checked_on   TEXT NOT NULL
) WITHOUT ROWID;
";

fn v7(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(V7)?;
    super::visits::fill_index(tx)
}

/// The steps, in order: step `n` brings a store at version `n - 1` to `n`.
pub const STEPS: &[Step] = &[
    Step::sql(1, V1),
    Step::sql(2, V2),
    Step::sql(3, V3),
    Step::sql(4, V4),
    Step::sql(5, V5),
    Step::sql(6, V6),
    Step::with(7, v7),
];

/// Brings the schema to [`VERSION`], one transaction per step. A store written by a newer
/// app version is refused rather than touched.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrate_to(conn, VERSION)
}

/// Brings the schema to `target` (tests use this to build old schemas).
pub fn migrate_to(conn: &mut Connection, target: i32) -> Result<(), StoreError> {
    let target = u32::try_from(target).unwrap_or(0);
    ruhu_sqlite::migrate_to(conn, STEPS, target)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns(conn: &Connection, table: &str) -> Vec<(String, String, bool, Option<String>)> {
        let mut stmt = conn
            .prepare(&format!("PRAGMA table_info({table})"))
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn the_version_written_is_the_newest_step() {
        assert_eq!(i64::from(ruhu_sqlite::newest(STEPS)), i64::from(VERSION));
    }

    #[test]
    fn upgrading_the_first_schema_gives_the_same_schema_as_a_fresh_store() {
        let old = ruhu_sqlite::schema::assert_upgrade_matches_fresh(STEPS, |c| {
            c.execute_batch(
                "INSERT INTO households VALUES ('h1','张三','37**','v','前进村','G1','1号','',2,0,1);
                 INSERT INTO cases VALUES ('c1','h1','v','G1','accepted','urgent','emergency',1,500,0);
                 INSERT INTO cases VALUES ('c2','h1','v','G1','closed','normal','expenditure',1,NULL,0);
                 INSERT INTO documents(id, kind, snapshot, updated_at) VALUES ('h1', 'household', x'00', 1);",
            )
        });
        let (open, deadline): (i64, Option<i64>) = old
            .query_row(
                "SELECT open_cases, next_deadline FROM households",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((open, deadline), (1, Some(500)));
        let dirty: i64 = old
            .query_row(
                "SELECT dirty FROM sync_state WHERE doc_id = 'h1'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            dirty, 1,
            "documents from before sync existed are sent on the first sync"
        );
    }

    #[test]
    fn a_store_of_version_4_upgrades_with_nothing_refused_or_kept_aside() {
        let mut old = Connection::open_in_memory().unwrap();
        migrate_to(&mut old, 4).unwrap();
        old.execute_batch(
            "INSERT INTO documents(id, kind, snapshot, updated_at) VALUES ('h1', 'household', x'00', 1);
             INSERT INTO sync_state VALUES ('h1', x'', 1);",
        )
        .unwrap();
        migrate(&mut old).unwrap();
        let version: i32 = old
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, VERSION);
        for table in ["sync_refusals", "pending_changes"] {
            let n: i64 = old
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .unwrap();
            assert_eq!(n, 0, "{table}");
        }
        let mut fresh = Connection::open_in_memory().unwrap();
        migrate(&mut fresh).unwrap();
        for table in ["sync_refusals", "pending_changes"] {
            assert_eq!(columns(&old, table), columns(&fresh, table), "{table}");
        }
    }

    #[test]
    fn a_store_from_a_newer_app_is_refused_untouched() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", VERSION + 1)
            .unwrap();
        assert!(matches!(migrate(&mut conn), Err(StoreError::NewerSchema(v)) if v == VERSION + 1));
    }
}
