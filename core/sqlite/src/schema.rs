//! A database's schema read back from `sqlite_master` and the table pragmas, normalized so two
//! databases compare equal when they hold the same tables, columns and indexes; and the test
//! helper that upgrades a database from its first schema step by step and compares it with a
//! fresh one.

use rusqlite::Connection;

use crate::migrate::{Step, migrate, migrate_to, newest};

/// One column, as `PRAGMA table_xinfo` describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// Column name.
    pub name: String,
    /// Declared type, upper case.
    pub declared_type: String,
    /// Whether NOT NULL.
    pub not_null: bool,
    /// The default, as written.
    pub default: Option<String>,
    /// Position in the primary key (0 when not part of it).
    pub primary_key: i64,
}

/// One index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Index {
    /// Index name.
    pub name: String,
    /// Whether UNIQUE.
    pub unique: bool,
    /// How it was made: `c` (CREATE INDEX), `u` (UNIQUE constraint) or `pk`.
    pub origin: String,
    /// Indexed columns in order (`None` for an expression).
    pub columns: Vec<Option<String>>,
    /// Its `CREATE INDEX` text with whitespace collapsed (carries a partial index's WHERE);
    /// `None` for indexes SQLite makes itself.
    pub sql: Option<String>,
}

/// One table (or virtual table) with its columns and indexes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Table name.
    pub name: String,
    /// Columns in their order.
    pub columns: Vec<Column>,
    /// Indexes, by name.
    pub indexes: Vec<Index>,
    /// Whether declared `WITHOUT ROWID`.
    pub without_rowid: bool,
    /// For a virtual table, its `CREATE VIRTUAL TABLE` text with whitespace collapsed.
    pub virtual_sql: Option<String>,
}

/// A database's schema: its tables by name, plus triggers and views as collapsed SQL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schema {
    /// Tables, by name.
    pub tables: Vec<Table>,
    /// Triggers and views: (name, collapsed SQL), by name.
    pub others: Vec<(String, String)>,
}

/// Reads the schema of `conn`'s main database.
pub fn schema_of(conn: &Connection) -> rusqlite::Result<Schema> {
    let mut tables = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT name, sql FROM sqlite_master
         WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )?;
    let rows: Vec<(String, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, sql) in rows {
        let sql = sql.unwrap_or_default();
        let collapsed = collapse(&sql);
        let is_virtual = collapsed.to_uppercase().starts_with("CREATE VIRTUAL TABLE");
        let without_rowid = collapsed.to_uppercase().contains("WITHOUT ROWID");
        tables.push(Table {
            columns: columns(conn, &name)?,
            indexes: indexes(conn, &name)?,
            without_rowid,
            virtual_sql: is_virtual.then_some(collapsed),
            name,
        });
    }
    let mut stmt = conn.prepare(
        "SELECT name, sql FROM sqlite_master WHERE type IN ('trigger', 'view') ORDER BY name",
    )?;
    let others = stmt
        .query_map([], |r| Ok((r.get(0)?, collapse(&r.get::<_, String>(1)?))))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Schema { tables, others })
}

fn columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<Column>> {
    let mut stmt = conn.prepare(
        "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo(?1) ORDER BY cid",
    )?;
    stmt.query_map([table], |r| {
        Ok(Column {
            name: r.get(0)?,
            declared_type: r.get::<_, String>(1)?.to_uppercase(),
            not_null: r.get(2)?,
            default: r.get(3)?,
            primary_key: r.get(4)?,
        })
    })?
    .collect()
}

fn indexes(conn: &Connection, table: &str) -> rusqlite::Result<Vec<Index>> {
    let mut stmt = conn.prepare(
        "SELECT l.name, l.\"unique\", l.origin, m.sql FROM pragma_index_list(?1) l
         LEFT JOIN sqlite_master m ON m.type = 'index' AND m.name = l.name ORDER BY l.name",
    )?;
    let listed: Vec<(String, bool, String, Option<String>)> = stmt
        .query_map([table], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (name, unique, origin, sql) in listed {
        let mut cols = conn.prepare("SELECT name FROM pragma_index_info(?1) ORDER BY seqno")?;
        let columns = cols
            .query_map([&name], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        out.push(Index {
            // SQLite names the indexes of constraints after their position, not their columns.
            name: if origin == "c" {
                name
            } else {
                format!("({origin})")
            },
            unique,
            origin,
            columns,
            sql: sql.as_deref().map(collapse),
        });
    }
    out.sort_by(|a, b| (&a.name, &a.columns).cmp(&(&b.name, &b.columns)));
    Ok(out)
}

/// Whitespace runs become one space, and none is kept inside parentheses' edges.
fn collapse(sql: &str) -> String {
    let joined = sql.split_whitespace().collect::<Vec<_>>().join(" ");
    joined
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(" ,", ",")
}

/// Test helper: builds a database at the first step, lets `seed` write rows there, upgrades
/// it one step at a time to the newest, and asserts its schema equals that of a fresh
/// database given every step at once. Returns the upgraded database, for checks of the rows.
///
/// # Panics
/// When a step fails or the schemas differ (naming the first table that does): it is a test.
pub fn assert_upgrade_matches_fresh(
    steps: &[Step],
    seed: impl FnOnce(&Connection) -> rusqlite::Result<()>,
) -> Connection {
    let mut fresh = Connection::open_in_memory().expect("an in-memory database");
    migrate(&mut fresh, steps).expect("a fresh database takes every step");
    let mut old = Connection::open_in_memory().expect("an in-memory database");
    assert_upgrade_of_matches(&mut old, steps, seed, &fresh);
    old
}

/// [`assert_upgrade_matches_fresh`] on databases the caller opened (encrypted files, say):
/// `old` must be empty; `fresh` must already be migrated to the newest step.
///
/// # Panics
/// When a step fails or the schemas differ.
pub fn assert_upgrade_of_matches(
    old: &mut Connection,
    steps: &[Step],
    seed: impl FnOnce(&Connection) -> rusqlite::Result<()>,
    fresh: &Connection,
) {
    migrate_to(old, steps, 1).expect("the first step applies to an empty database");
    seed(old).expect("the seed rows fit the first schema");
    for version in 2..=newest(steps) {
        migrate_to(old, steps, version)
            .unwrap_or_else(|e| panic!("upgrading to schema {version}: {e:?}"));
    }
    let upgraded = schema_of(old).expect("the upgraded schema reads back");
    let fresh = schema_of(fresh).expect("the fresh schema reads back");
    let names = |s: &Schema| s.tables.iter().map(|t| t.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&upgraded), names(&fresh), "the same tables");
    for (u, f) in upgraded.tables.iter().zip(&fresh.tables) {
        assert_eq!(u, f, "table {} upgraded (left) and fresh (right)", f.name);
    }
    assert_eq!(upgraded.others, fresh.others, "the same triggers and views");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_differing_in_a_column_default_or_a_partial_index_compare_unequal() {
        let a = Connection::open_in_memory().unwrap();
        a.execute_batch("CREATE TABLE t (x INTEGER NOT NULL DEFAULT 0); CREATE INDEX t_x ON t(x);")
            .unwrap();
        let b = Connection::open_in_memory().unwrap();
        b.execute_batch("CREATE TABLE t (x INTEGER NOT NULL DEFAULT 1); CREATE INDEX t_x ON t(x);")
            .unwrap();
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(
            "CREATE TABLE t (x INTEGER NOT NULL DEFAULT 0); CREATE INDEX t_x ON t(x) WHERE x > 0;",
        )
        .unwrap();
        let same = Connection::open_in_memory().unwrap();
        same.execute_batch(
            "CREATE TABLE t (\n  x   integer NOT NULL DEFAULT 0\n);\nCREATE INDEX t_x ON t( x );",
        )
        .unwrap();
        let of = |c: &Connection| schema_of(c).unwrap();
        assert_ne!(of(&a), of(&b));
        assert_ne!(of(&a), of(&c));
        assert_eq!(of(&a).tables[0].columns, of(&same).tables[0].columns);
    }

    #[test]
    fn without_rowid_and_unique_constraints_are_part_of_the_schema() {
        let a = Connection::open_in_memory().unwrap();
        a.execute_batch("CREATE TABLE t (k TEXT PRIMARY KEY, u TEXT UNIQUE) WITHOUT ROWID;")
            .unwrap();
        let b = Connection::open_in_memory().unwrap();
        b.execute_batch("CREATE TABLE t (k TEXT PRIMARY KEY, u TEXT);")
            .unwrap();
        let sa = schema_of(&a).unwrap();
        assert!(sa.tables[0].without_rowid);
        assert!(
            sa.tables[0]
                .indexes
                .iter()
                .any(|i| i.unique && i.origin == "u")
        );
        assert_ne!(sa, schema_of(&b).unwrap());
    }
}
