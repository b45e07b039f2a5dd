//! Faults of PostgreSQL itself: the database restarts while a sync request is inside its
//! transaction. The county answers UNAVAILABLE (retryable), nothing is half-written, and the
//! phone's repeated request then stores everything exactly once.
//!
//! Backup on PostgreSQL, as README.md documents it: `pg_dump -Fc` of a county restored with
//! `pg_restore` into a fresh database (given a new store identity) keeps every document and
//! change.
//!
//! Needs a PostgreSQL the test may restart: `scripts/test.sh` starts one and runs this with
//! `RUHU_TEST_POSTGRES` and `RUHU_TEST_PG_RESTART` (the command restarting it) set.

use automerge::ActorId;
use ruhu_domain::sample::SampleRng;
use ruhu_engine::client::{ClientError, CountyClient};
use ruhu_proto::v1::ErrorCode;
use ruhu_tests::{TestCounty, first_request, household_changes};
use sqlx::Connection;

/// The advisory lock every appending transaction of the county takes first.
const WRITE_LOCK: i64 = 0x7275_6875;

#[test]
#[ignore = "needs a PostgreSQL it may restart; scripts/test.sh runs it"]
fn a_database_restart_mid_request_loses_nothing_and_the_retry_stores_once() {
    let restart = std::env::var("RUHU_TEST_PG_RESTART")
        .expect("RUHU_TEST_PG_RESTART: the command that restarts the test PostgreSQL");
    let county = TestCounty::start();
    let url = county
        .database_url
        .clone()
        .expect("RUHU_TEST_POSTGRES must be set");
    let client = CountyClient::new(&county.url()).unwrap();
    let enrolled = client
        .enroll(&county.code("w-pg", &["G01-1"]), "probe", &[])
        .unwrap();
    let mut rng = SampleRng::new(23);
    let actor = ActorId::from(enrolled.actor_id.as_slice());
    let docs: Vec<_> = (0..5)
        .map(|_| household_changes(&mut rng, actor.clone(), "G01-1"))
        .collect();
    let total: usize = docs.iter().map(|d| d.changes.len()).sum();
    let req = first_request(docs);

    // Hold the county's write lock so the request waits inside its transaction.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut holder = runtime.block_on(sqlx::PgConnection::connect(&url)).unwrap();
    runtime.block_on(async {
        sqlx::query("BEGIN").execute(&mut holder).await.unwrap();
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(WRITE_LOCK)
            .execute(&mut holder)
            .await
            .unwrap();
    });
    let outcome = std::thread::scope(|scope| {
        let pending = scope.spawn(|| client.sync(&enrolled.token, &req));
        // Wait until the request is blocked on the lock, then restart the database under it.
        let mut waiting = 0i64;
        for _ in 0..200 {
            waiting = runtime
                .block_on(
                    sqlx::query_scalar(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
                    )
                    .fetch_one(&mut holder),
                )
                .unwrap();
            if waiting > 0 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        assert_eq!(
            waiting, 1,
            "the request should be waiting for the write lock"
        );
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(&restart)
            .status()
            .unwrap();
        assert!(status.success(), "restarting PostgreSQL failed");
        pending.join().unwrap()
    });
    match outcome {
        Err(ClientError::Refused {
            code: ErrorCode::Unavailable,
            ..
        }) => {}
        other => panic!("expected UNAVAILABLE, got {other:?}"),
    }
    assert_eq!(county.change_count(), 0, "nothing half-written");

    // The phone repeats the request: everything is stored, once.
    let (resp, _, _) = client.sync(&enrolled.token, &req).unwrap();
    assert_eq!(resp.stored.len(), 5);
    assert_eq!(county.change_count() as usize, total);
    client.sync(&enrolled.token, &req).unwrap();
    assert_eq!(county.change_count() as usize, total);
    county.county.ping().expect("the pool reconnected");
}

#[test]
#[ignore = "needs PostgreSQL and its pg_dump/pg_restore; scripts/test.sh runs it"]
fn a_pg_dump_restored_into_a_fresh_database_keeps_every_document() {
    use ruhu_core::enums::{Relation, Sex};
    use ruhu_tests::{COUNTY, member, profile};
    let admin = std::env::var("RUHU_TEST_POSTGRES").expect("RUHU_TEST_POSTGRES must be set");
    let county = TestCounty::start();
    let url = county
        .database_url
        .clone()
        .expect("RUHU_TEST_POSTGRES must be set");
    let dir = tempfile::tempdir().unwrap();
    let phone = county.phone(dir.path(), "w-pg", &["G01-1"]);
    let ids: Vec<String> = ["单玉梅", "甘国富", "李春花"]
        .iter()
        .map(|name| {
            phone
                .create_household(
                    profile("G01-1"),
                    vec![member(name, Relation::Head, Sex::Female, "1963-03-03")],
                )
                .unwrap()
        })
        .collect();
    phone.sync(None).unwrap();

    // The dump, taken while the county serves; restored into a fresh database.
    let dump = dir.path().join("county.dump");
    let run = |program: &str, args: &[&str]| {
        let status = std::process::Command::new(program)
            .args(args)
            .status()
            .unwrap_or_else(|e| panic!("{program}: {e}"));
        assert!(status.success(), "{program} failed");
    };
    run(
        "pg_dump",
        &[
            "-Fc",
            "--no-owner",
            "-d",
            &url,
            "-f",
            dump.to_str().unwrap(),
        ],
    );
    let (base, _) = admin.rsplit_once('/').expect("a database in the address");
    let fresh = format!("ruhu_restored_{}", std::process::id());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {fresh}")))
            .execute(&mut conn)
            .await
            .unwrap();
    });
    let restored_url = format!("{base}/{fresh}");
    run(
        "pg_restore",
        &["--no-owner", "-d", &restored_url, dump.to_str().unwrap()],
    );
    // The new store identity README.md gives a restored database, so phones deliver again.
    let new_identity = "UPDATE settings SET value = gen_random_uuid()::text WHERE key = 'store_id'";
    let identity = "SELECT value FROM settings WHERE key = 'store_id'";
    let (before, after): (String, String) = runtime.block_on(async {
        let mut old = sqlx::PgConnection::connect(&url).await.unwrap();
        let mut new = sqlx::PgConnection::connect(&restored_url).await.unwrap();
        sqlx::query(new_identity).execute(&mut new).await.unwrap();
        (
            sqlx::query_scalar(identity)
                .fetch_one(&mut old)
                .await
                .unwrap(),
            sqlx::query_scalar(identity)
                .fetch_one(&mut new)
                .await
                .unwrap(),
        )
    });
    assert_ne!(before, after);

    let blobs = ruhu_county::blobs::FolderStore::new(dir.path().join("blobs")).unwrap();
    let restored = ruhu_county::state::County::open_postgres(
        &restored_url,
        Box::new(blobs),
        &[5; 32],
        Some(COUNTY),
    )
    .expect("the restored county opens");
    let count = |c: &ruhu_county::state::County| {
        c.transaction(ruhu_county::db::Access::Snapshot, |tx, _| {
            tx.count_changes()
        })
        .unwrap()
    };
    assert_eq!(count(&restored), county.change_count());
    for id in &ids {
        let mut doc = restored
            .transaction(ruhu_county::db::Access::Snapshot, |tx, _| {
                ruhu_county::documents::load(tx, id)
            })
            .unwrap();
        assert_eq!(doc.get_heads(), county.document(id).get_heads(), "{id}");
    }
}
