//! The PostgreSQL schema steps, on the server `RUHU_TEST_POSTGRES` names (as `scripts/test.sh`
//! sets it; without it these tests pass without running): a database at the first step upgrades
//! to the schema of a fresh one, a newer one is refused untouched, one of the single-number
//! scheme is adopted, and two instances starting at once apply each step once.

use super::*;

/// A fresh database on the test server, or `None` when no server is given.
fn fresh_database() -> Option<String> {
    crate::db::suite::fresh_postgres()
}

/// Columns, indexes and constraints of the public schema, one line each, sorted.
fn schema_of(pg: &Pg) -> Vec<String> {
    let queries = [
        "SELECT 'column ' || table_name || '.' || column_name || ' #' || ordinal_position || ' '
                || data_type || ' null=' || is_nullable || ' default=' || coalesce(column_default, '-')
                || ' identity=' || is_identity
           FROM information_schema.columns WHERE table_schema = 'public'",
        "SELECT 'index ' || tablename || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'",
        "SELECT 'constraint ' || table_name || ' ' || constraint_name || ' ' || constraint_type
           FROM information_schema.table_constraints
          WHERE table_schema = 'public' AND constraint_type <> 'CHECK'",
    ];
    let mut lines = Vec::new();
    for q in queries {
        let rows = pg
            .rt()
            .block_on(sqlx::query(q).fetch_all(&pg.pool))
            .unwrap();
        lines.extend(rows.iter().map(|r| r.get::<String, _>(0)));
    }
    lines.sort();
    lines
}

fn exec(pg: &Pg, sql: &'static str) {
    pg.rt()
        .block_on(sqlx::query(sql).execute(&pg.pool))
        .unwrap();
}

fn applied(pg: &Pg) -> Vec<i32> {
    pg.rt()
        .block_on(
            sqlx::query_scalar("SELECT version FROM schema_version ORDER BY version")
                .fetch_all(&pg.pool),
        )
        .unwrap()
}

#[test]
fn a_pg_database_at_the_first_step_upgrades_to_the_schema_of_a_fresh_one() {
    let (Some(old_url), Some(fresh_url)) = (fresh_database(), fresh_database()) else {
        return;
    };
    let old = Pg::connect_unmigrated(&old_url).unwrap();
    assert_eq!(old.migrate_to(1).unwrap(), 1);
    exec(
        &old,
        "INSERT INTO documents(id, kind, county_code, village_code, grid_code, household_id,
                               status, updated_seq) VALUES
           ('h1', 'household', '370599', 'v1', 'G1', 'h1', NULL, 1),
           ('c1', 'case', '370599', 'v1', 'G1', 'h1', 'accepted', 2),
           ('r1', 'roster', '370599', 'v3', 'G3', NULL, NULL, 3)",
    );
    for version in 2..=schema::NEWEST {
        assert_eq!(old.migrate_to(version).unwrap(), version);
    }
    let fresh = Pg::connect(&fresh_url).unwrap();
    let upgraded = schema_of(&old);
    assert!(
        upgraded
            .iter()
            .any(|l| l.starts_with("column documents.next_due ")),
        "the schema is read: {upgraded:?}"
    );
    assert_eq!(upgraded, schema_of(&fresh));
    assert_eq!(applied(&old), (1..=schema::NEWEST).collect::<Vec<_>>());

    let bound: Vec<(String, String)> = old
        .rt()
        .block_on(
            sqlx::query_as("SELECT grid_code, village_code FROM grid_villages ORDER BY grid_code")
                .fetch_all(&old.pool),
        )
        .unwrap();
    assert_eq!(bound, [("G1".to_string(), "v1".to_string())]);
    drop(old);
    assert!(Pg::connect(&old_url).is_ok(), "the upgraded database opens");
}

#[test]
fn a_pg_database_from_a_newer_ruhu_county_is_refused_untouched() {
    let Some(url) = fresh_database() else {
        return;
    };
    let pg = Pg::connect(&url).unwrap();
    exec(&pg, "INSERT INTO schema_version VALUES (7, 0)");
    let before = schema_of(&pg);

    let err = match Pg::connect(&url) {
        Ok(_) => panic!("a newer database was opened"),
        Err(e) => e.to_string(),
    };
    assert!(
        err.contains("newer ruhu-county") && err.contains("schema 7"),
        "{err}"
    );
    assert_eq!(schema_of(&pg), before);
    assert_eq!(applied(&pg), [1, 2, 3, 4, 5, 6, 7]);
}

#[test]
fn a_pg_database_of_the_single_number_scheme_is_adopted_and_a_newer_number_refused() {
    let (Some(url), Some(fresh_url)) = (fresh_database(), fresh_database()) else {
        return;
    };
    let pg = Pg::connect(&url).unwrap();
    // What an older ruhu-county left: every table, one number in settings, no version table.
    exec(&pg, "DROP TABLE schema_version");
    drop(Pg::connect(&url).unwrap());
    assert_eq!(applied(&pg), (1..=schema::NEWEST).collect::<Vec<_>>());
    assert_eq!(schema_of(&pg), schema_of(&Pg::connect(&fresh_url).unwrap()));

    exec(&pg, "DROP TABLE schema_version");
    exec(
        &pg,
        "UPDATE settings SET value = '9' WHERE key = 'schema_version'",
    );
    let err = match Pg::connect(&url) {
        Ok(_) => panic!("a newer database was opened"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("schema 9"), "{err}");
    let version_table: bool = pg
        .rt()
        .block_on(
            sqlx::query_scalar("SELECT to_regclass('schema_version') IS NOT NULL")
                .fetch_one(&pg.pool),
        )
        .unwrap();
    assert!(!version_table, "the refused database is left as it was");
}

#[test]
fn two_instances_starting_at_once_on_an_empty_database_apply_each_step_once() {
    let Some(url) = fresh_database() else {
        return;
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| Pg::connect(&url));
        let b = s.spawn(|| Pg::connect(&url));
        (a.join().unwrap(), b.join().unwrap())
    });
    let a = a.unwrap();
    b.unwrap();
    assert_eq!(applied(&a), (1..=schema::NEWEST).collect::<Vec<_>>());
}
