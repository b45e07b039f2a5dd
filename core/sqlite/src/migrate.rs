//! The one migration runner: an ordered list of steps, each applied in its own transaction
//! that also sets `PRAGMA user_version`, so a file is always at exactly one known version.

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::SqliteError;

/// What a step does.
#[derive(Clone, Copy)]
pub enum Apply {
    /// A batch of SQL statements.
    Sql(&'static str),
    /// Code, for a step that SQL alone cannot express.
    Fn(fn(&Transaction<'_>) -> rusqlite::Result<()>),
}

/// One schema version: applying it to a database at `version - 1` gives `version`.
#[derive(Clone, Copy)]
pub struct Step {
    /// The version this step reaches: the first step is 1, the next 2, and so on.
    pub version: u32,
    /// What it does.
    pub apply: Apply,
}

impl Step {
    /// A step made of SQL.
    pub const fn sql(version: u32, sql: &'static str) -> Step {
        Step {
            version,
            apply: Apply::Sql(sql),
        }
    }

    /// A step made of code.
    pub const fn with(version: u32, f: fn(&Transaction<'_>) -> rusqlite::Result<()>) -> Step {
        Step {
            version,
            apply: Apply::Fn(f),
        }
    }
}

/// The newest version `steps` reach (0 for no steps).
pub fn newest(steps: &[Step]) -> u32 {
    steps.last().map_or(0, |s| s.version)
}

/// The database's schema version (`PRAGMA user_version`; 0 for a fresh file).
pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Brings the database to the newest step and returns that version. A fresh file runs every
/// step; a file written by a newer build is refused with [`SqliteError::SchemaTooNew`] and
/// not touched.
pub fn migrate(conn: &mut Connection, steps: &[Step]) -> Result<u32, SqliteError> {
    migrate_to(conn, steps, newest(steps))
}

/// Brings the database to `target` (at most the newest step; tests use a lower one to build
/// old schemas). A failed step is rolled back: the file stays at the version before it.
pub fn migrate_to(conn: &mut Connection, steps: &[Step], target: u32) -> Result<u32, SqliteError> {
    for (position, step) in steps.iter().enumerate() {
        if step.version as usize != position + 1 {
            return Err(SqliteError::StepsOutOfOrder {
                position,
                version: step.version,
            });
        }
    }
    let supported = i64::from(newest(steps));
    let found = version(conn)?;
    if found > supported || found < 0 {
        return Err(SqliteError::SchemaTooNew { found, supported });
    }
    let target = target.min(newest(steps));
    for step in steps.iter().filter(|s| i64::from(s.version) > found) {
        if step.version > target {
            break;
        }
        // IMMEDIATE, and the version read again inside: of two processes opening the file at
        // once, the second finds the step done and skips it.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if version(&tx)? >= i64::from(step.version) {
            continue;
        }
        let applied = match step.apply {
            Apply::Sql(sql) => tx.execute_batch(sql),
            Apply::Fn(f) => f(&tx),
        };
        applied
            .and_then(|()| tx.pragma_update(None, "user_version", step.version))
            .and_then(|()| tx.commit())
            .map_err(|source| SqliteError::Step {
                version: step.version,
                source,
            })?;
    }
    Ok(version(conn)?.try_into().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema;

    const TOY: &[Step] = &[
        Step::sql(
            1,
            "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
             CREATE INDEX people_name ON people(name);",
        ),
        Step::sql(
            2,
            "ALTER TABLE people ADD COLUMN village TEXT NOT NULL DEFAULT '';",
        ),
        Step::with(3, |tx| {
            tx.execute_batch(
                "CREATE TABLE villages (code TEXT PRIMARY KEY) WITHOUT ROWID;
                 CREATE INDEX people_village ON people(village) WHERE village <> '';",
            )?;
            tx.execute(
                "INSERT INTO villages SELECT DISTINCT village FROM people WHERE village <> ''",
                [],
            )?;
            Ok(())
        }),
    ];

    #[test]
    fn a_fresh_database_runs_every_step() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(migrate(&mut conn, TOY).unwrap(), 3);
        assert_eq!(version(&conn).unwrap(), 3);
        conn.execute("INSERT INTO villages VALUES ('v1')", [])
            .unwrap();
    }

    #[test]
    fn a_database_from_a_newer_build_is_refused_untouched() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE later (x); PRAGMA user_version = 4;")
            .unwrap();
        let r = migrate(&mut conn, TOY);
        assert!(
            matches!(
                r,
                Err(SqliteError::SchemaTooNew {
                    found: 4,
                    supported: 3
                })
            ),
            "{:?}",
            r.err()
        );
        assert_eq!(version(&conn).unwrap(), 4);
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .unwrap();
        assert_eq!(tables, 1, "nothing was created");
    }

    #[test]
    fn upgrading_the_first_schema_gives_the_schema_of_a_fresh_database() {
        let upgraded = schema::assert_upgrade_matches_fresh(TOY, |c| {
            c.execute_batch("INSERT INTO people(name) VALUES ('a'), ('b');")
        });
        let n: i64 = upgraded
            .query_row("SELECT count(*) FROM people WHERE village = ''", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(n, 2, "rows of the first schema are kept");
    }

    #[test]
    fn a_failed_step_leaves_the_previous_version_intact() {
        const BROKEN: &[Step] = &[
            TOY[0],
            Step::sql(
                2,
                "ALTER TABLE people ADD COLUMN village TEXT; CREATE TABLE people (x);",
            ),
        ];
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, TOY, 1).unwrap();
        conn.execute("INSERT INTO people(name) VALUES ('a')", [])
            .unwrap();
        let before = schema::schema_of(&conn).unwrap();
        let r = migrate(&mut conn, BROKEN);
        assert!(
            matches!(r, Err(SqliteError::Step { version: 2, .. })),
            "{:?}",
            r.err()
        );
        assert_eq!(version(&conn).unwrap(), 1);
        assert_eq!(
            schema::schema_of(&conn).unwrap(),
            before,
            "the ALTER was rolled back"
        );
        assert!(conn.is_autocommit(), "no transaction is left open");
        // The right steps then upgrade it as usual.
        assert_eq!(migrate(&mut conn, TOY).unwrap(), 3);
    }

    #[test]
    fn steps_numbered_out_of_order_are_refused_before_anything_runs() {
        const GAP: &[Step] = &[TOY[0], Step::sql(3, "CREATE TABLE x (y);")];
        let mut conn = Connection::open_in_memory().unwrap();
        let r = migrate(&mut conn, GAP);
        assert!(
            matches!(
                r,
                Err(SqliteError::StepsOutOfOrder {
                    position: 1,
                    version: 3
                })
            ),
            "{:?}",
            r.err()
        );
        assert_eq!(version(&conn).unwrap(), 0);
    }

    #[test]
    fn migrating_to_an_older_target_stops_there() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(migrate_to(&mut conn, TOY, 2).unwrap(), 2);
        assert_eq!(migrate(&mut conn, TOY).unwrap(), 3);
    }
}
