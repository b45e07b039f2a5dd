//! PostgreSQL, for production: several stateless county instances share one database (one
//! database per county). The server's logic is synchronous and runs on blocking threads; this
//! engine drives sqlx on its own small runtime from there.
//!
//! Feed order must equal commit order, or a phone could move its cursor past a sequence number
//! whose transaction has not committed yet and never see it. Every transaction that appends
//! changes takes the county's advisory lock (`pg_advisory_xact_lock`, released at commit or
//! rollback) right before it appends, after its checks, which run in parallel; a document that
//! gained changes meanwhile is checked again under the lock (see `crate::documents`). Every
//! read-only transaction reads one `REPEATABLE READ` snapshot.

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection as _, PgPool, Postgres, Row, Transaction};
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::LazyLock;
use std::time::Duration;

use super::filters::{self, Dialect};
use super::{Access, COUNTY_WIDE, DocumentRow, FeedRow, Indexed, NewChange, Result, StoredDoc, Tx};
use crate::error::CountyError;
use ruhu_proto::v1::ErrorCode;

/// Key of the advisory lock every appending transaction holds ("ruhu" in ASCII).
const WRITE_LOCK: i64 = 0x7275_6875;
/// A pool of connections to the county's PostgreSQL database.
pub struct Pg {
    pool: PgPool,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Drop for Pg {
    fn drop(&mut self) {
        // The county may be dropped inside an async context, where a blocking shutdown panics.
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}

fn unavailable(message: &str) -> CountyError {
    CountyError::new(ErrorCode::Unavailable, message)
}

impl Pg {
    /// Connects to `url` (`postgres://user:password@host:port/database`) and creates or
    /// migrates the schema. Call from a thread that is not running async code.
    pub fn connect(url: &str) -> Result<Pg> {
        let pg = Pg::connect_unmigrated(url)?;
        pg.migrate_to(schema::NEWEST)?;
        Ok(pg)
    }

    /// The pool, with the schema as it is (tests migrate it step by step).
    fn connect_unmigrated(url: &str) -> Result<Pg> {
        let options = PgConnectOptions::from_str(url)
            .map_err(|_| {
                CountyError::new(
                    ErrorCode::Internal,
                    "the database address is not a valid postgres:// URL",
                )
            })?
            .options([(
                "statement_timeout",
                format!("{}ms", super::STATEMENT_TIMEOUT.as_millis()),
            )]);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("ruhu-pg")
            .enable_all()
            .build()
            .map_err(|_| unavailable("cannot start the database runtime"))?;
        let pool = runtime.block_on(
            PgPoolOptions::new()
                .max_connections(16)
                .min_connections(1)
                .acquire_timeout(Duration::from_secs(5))
                .test_before_acquire(true)
                .connect_with(options),
        )?;
        Ok(Pg {
            pool,
            runtime: Some(runtime),
        })
    }

    fn rt(&self) -> &tokio::runtime::Runtime {
        self.runtime
            .as_ref()
            .expect("the runtime lives as long as the pool")
    }

    /// Applies the schema steps this database lacks, up to `target` (tests build old
    /// schemas with a lower one); see [`schema`].
    fn migrate_to(&self, target: i32) -> Result<i32> {
        self.rt().block_on(schema::migrate_to(&self.pool, target))
    }

    /// Runs `f` in one transaction: committed if it returns `Ok`, rolled back otherwise.
    /// Call from a blocking thread, never from async code.
    pub fn transaction<R>(
        &self,
        access: Access,
        f: impl FnOnce(&mut dyn Tx) -> Result<R>,
    ) -> Result<R> {
        let rt = self.rt();
        let mut tx = rt.block_on(async {
            let mut tx = self.pool.begin().await?;
            // An appending transaction takes the write lock only when it is about to append
            // (`Tx::lock_appends`), so that the checks before run in parallel.
            if access == Access::Snapshot {
                sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                    .execute(&mut *tx)
                    .await?;
            }
            Ok::<_, CountyError>(tx)
        })?;
        let mut wrapped = PgTx {
            tx: &mut tx,
            rt,
            locked: false,
        };
        let out = f(&mut wrapped);
        match out {
            Ok(v) => {
                rt.block_on(tx.commit())?;
                Ok(v)
            }
            Err(e) => {
                let _ = rt.block_on(tx.rollback());
                Err(e)
            }
        }
    }

    /// Checks that the database answers.
    pub fn ping(&self) -> Result<()> {
        self.rt().block_on(async {
            let mut conn = self.pool.acquire().await?;
            conn.ping().await?;
            Ok(())
        })
    }
}

#[path = "postgres_case.rs"]
mod case;
#[path = "postgres_console.rs"]
mod console;
#[path = "postgres_enroll.rs"]
mod enroll;
#[path = "postgres_grid.rs"]
mod grid;
#[path = "postgres_photo.rs"]
mod photo;
#[path = "postgres_schema.rs"]
mod schema;
#[cfg(test)]
#[path = "postgres_schema_tests.rs"]
mod schema_tests;

struct PgTx<'a> {
    tx: &'a mut Transaction<'static, Postgres>,
    rt: &'a tokio::runtime::Runtime,
    /// Whether this transaction holds the write lock.
    locked: bool,
}

impl PgTx<'_> {
    fn run<T>(
        &mut self,
        f: impl AsyncFnOnce(&mut sqlx::PgConnection) -> sqlx::Result<T>,
    ) -> Result<T> {
        let conn: &mut sqlx::PgConnection = self.tx;
        Ok(self.rt.block_on(f(conn))?)
    }
}

impl Tx for PgTx<'_> {
    fn setting(&mut self, key: &str) -> Result<Option<String>> {
        self.run(async |c| {
            sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
                .bind(key)
                .fetch_optional(c)
                .await
        })
    }

    fn put_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.run(async |c| {
            sqlx::query(
                "INSERT INTO settings(key, value) VALUES ($1, $2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            )
            .bind(key)
            .bind(value)
            .execute(c)
            .await
            .map(|_| ())
        })
    }

    fn doc_changes(&mut self, doc_id: &str) -> Result<Vec<Vec<u8>>> {
        self.run(async |c| {
            sqlx::query_scalar("SELECT bytes FROM changes WHERE doc_id = $1 ORDER BY seq")
                .bind(doc_id)
                .fetch_all(c)
                .await
        })
    }

    fn max_seq(&mut self) -> Result<i64> {
        self.run(async |c| {
            sqlx::query_scalar("SELECT coalesce(max(seq), 0)::bigint FROM changes")
                .fetch_one(c)
                .await
        })
    }

    fn stored_docs(&mut self, ids: &[&str]) -> Result<HashMap<String, StoredDoc>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let (index, changes) = self.run(async |c| {
            let index = sqlx::query(
                "SELECT d.id, d.kind, d.village_code, d.grid_code, EXISTS (SELECT 1 FROM photos p WHERE p.doc_id = d.id)
                 FROM documents d WHERE d.id = ANY($1)",
            )
            .bind(ids)
            .fetch_all(&mut *c)
            .await?;
            let changes = sqlx::query(
                "SELECT doc_id, seq, bytes FROM changes WHERE doc_id = ANY($1) ORDER BY doc_id, seq",
            )
            .bind(ids)
            .fetch_all(&mut *c)
            .await?;
            Ok((index, changes))
        })?;
        let mut out = HashMap::with_capacity(index.len());
        for r in &index {
            out.insert(
                r.try_get::<String, _>(0)?,
                StoredDoc {
                    indexed: Indexed {
                        kind: r.try_get(1)?,
                        village_code: r.try_get(2)?,
                        grid_code: r.try_get(3)?,
                    },
                    has_photos: r.try_get(4)?,
                    changes: Vec::new(),
                    last_seq: 0,
                },
            );
        }
        for r in changes {
            let id: &str = r.try_get(0)?;
            if let Some(d) = out.get_mut(id) {
                d.last_seq = r.try_get(1)?;
                d.changes.push(r.try_get(2)?);
            }
        }
        Ok(out)
    }

    fn lock_appends(&mut self) -> Result<()> {
        if !self.locked {
            self.run(async |c| {
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(WRITE_LOCK)
                    .execute(c)
                    .await
            })?;
            self.locked = true;
        }
        Ok(())
    }

    fn last_seqs(&mut self, ids: &[&str]) -> Result<HashMap<String, i64>> {
        let rows = self.run(async |c| {
            sqlx::query(
                "SELECT doc_id, max(seq) FROM changes WHERE doc_id = ANY($1) GROUP BY doc_id",
            )
            .bind(ids)
            .fetch_all(c)
            .await
        })?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect()
    }

    fn append_changes(&mut self, changes: &[NewChange<'_>]) -> Result<(usize, i64)> {
        if !self.locked {
            return Err(CountyError::new(
                ErrorCode::Internal,
                "changes appended without the write lock",
            ));
        }
        if changes.is_empty() {
            return Ok((0, 0));
        }
        let hashes: Vec<&[u8]> = changes.iter().map(|c| c.hash).collect();
        let docs: Vec<&str> = changes.iter().map(|c| c.doc_id).collect();
        let actors: Vec<&[u8]> = changes.iter().map(|c| c.actor).collect();
        let devices: Vec<Option<&str>> = changes.iter().map(|c| c.device_id).collect();
        let bytes: Vec<&[u8]> = changes.iter().map(|c| c.bytes).collect();
        let received: Vec<i64> = changes.iter().map(|c| c.received_at).collect();
        let seqs: Vec<i64> = self.run(async |c| {
            sqlx::query_scalar(
                "INSERT INTO changes(hash, doc_id, actor, device_id, bytes, received_at)
                 SELECT h, d, a, dev, b, r
                 FROM unnest($1::bytea[], $2::text[], $3::bytea[], $4::text[], $5::bytea[], $6::bigint[])
                      WITH ORDINALITY AS t(h, d, a, dev, b, r, n)
                 ORDER BY n
                 ON CONFLICT (hash) DO NOTHING
                 RETURNING seq",
            )
            .bind(&hashes)
            .bind(&docs)
            .bind(&actors)
            .bind(&devices)
            .bind(&bytes)
            .bind(&received)
            .fetch_all(c)
            .await
        })?;
        Ok((seqs.len(), seqs.iter().copied().max().unwrap_or(0)))
    }

    fn upsert_documents(&mut self, docs: &[DocumentRow<'_>]) -> Result<()> {
        if docs.is_empty() {
            return Ok(());
        }
        let ids: Vec<&str> = docs.iter().map(|d| d.id).collect();
        let kinds: Vec<&str> = docs.iter().map(|d| d.kind).collect();
        let counties: Vec<&str> = docs.iter().map(|d| d.county_code).collect();
        let villages: Vec<&str> = docs.iter().map(|d| d.village_code).collect();
        let grids: Vec<&str> = docs.iter().map(|d| d.grid_code).collect();
        let households: Vec<Option<&str>> = docs.iter().map(|d| d.household_id).collect();
        let statuses: Vec<Option<&str>> = docs.iter().map(|d| d.status).collect();
        let clocks: Vec<Option<&str>> = docs.iter().map(|d| d.next_clock).collect();
        let dues: Vec<Option<i64>> = docs.iter().map(|d| d.next_due).collect();
        let tasks: Vec<i64> = docs.iter().map(|d| d.open_tasks).collect();
        let seqs: Vec<i64> = docs.iter().map(|d| d.updated_seq).collect();
        self.run(async |c| {
            sqlx::query(
                "INSERT INTO documents(id, kind, county_code, village_code, grid_code, household_id, status, updated_seq, next_clock, next_due, open_tasks)
                 SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[],
                                      $9::text[], $10::bigint[], $11::bigint[])
                 ON CONFLICT(id) DO UPDATE SET village_code = excluded.village_code, grid_code = excluded.grid_code,
                     household_id = excluded.household_id, status = excluded.status, updated_seq = excluded.updated_seq,
                     next_clock = excluded.next_clock, next_due = excluded.next_due, open_tasks = excluded.open_tasks",
            )
            .bind(&ids)
            .bind(&kinds)
            .bind(&counties)
            .bind(&villages)
            .bind(&grids)
            .bind(&households)
            .bind(&statuses)
            .bind(&seqs)
            .bind(&clocks)
            .bind(&dues)
            .bind(&tasks)
            .execute(c)
            .await
            .map(|_| ())
        })
    }

    fn count_documents(&mut self, kind: &str) -> Result<i64> {
        self.run(async |c| {
            sqlx::query_scalar("SELECT count(*) FROM documents WHERE kind = $1")
                .bind(kind)
                .fetch_one(c)
                .await
        })
    }

    fn count_changes(&mut self) -> Result<i64> {
        self.run(async |c| {
            sqlx::query_scalar("SELECT count(*) FROM changes")
                .fetch_one(c)
                .await
        })
    }

    fn feed(
        &mut self,
        after: i64,
        device_id: &str,
        villages: &[String],
        grids: &[String],
        limit: i64,
    ) -> Result<Vec<FeedRow>> {
        static SQL: LazyLock<String> = LazyLock::new(|| {
            format!(
            "SELECT c.seq, c.doc_id, d.kind, c.bytes FROM changes c JOIN documents d ON d.id = c.doc_id
             WHERE c.seq > $1 AND c.device_id IS DISTINCT FROM $2 AND (d.kind = $6 OR {})
             ORDER BY c.seq LIMIT $5",
            filters::in_scope(Dialect::Postgres, 3, 4))
        });
        let rows = self.run(async |c| {
            sqlx::query(SQL.as_str())
                .bind(after)
                .bind(device_id)
                .bind(villages)
                .bind(grids)
                .bind(limit)
                .bind(COUNTY_WIDE.code())
                .fetch_all(c)
                .await
        })?;
        rows.iter()
            .map(|r| {
                Ok(FeedRow {
                    seq: r.try_get(0)?,
                    doc_id: r.try_get(1)?,
                    kind: r.try_get(2)?,
                    bytes: r.try_get(3)?,
                })
            })
            .collect()
    }

    fn change_senders(&mut self, hashes: &[Vec<u8>]) -> Result<HashMap<Vec<u8>, Option<String>>> {
        let rows = self.run(async |c| {
            sqlx::query("SELECT hash, device_id FROM changes WHERE hash = ANY($1)")
                .bind(hashes)
                .fetch_all(c)
                .await
        })?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect()
    }

    fn remove_changes(&mut self, hashes: &[Vec<u8>]) -> Result<()> {
        self.run(async |c| {
            sqlx::query("DELETE FROM changes WHERE hash = ANY($1)")
                .bind(hashes)
                .execute(c)
                .await
                .map(|_| ())
        })
    }

    fn forget_document(&mut self, doc_id: &str) -> Result<()> {
        self.run(async |c| {
            sqlx::query("DELETE FROM changes WHERE doc_id = $1")
                .bind(doc_id)
                .execute(&mut *c)
                .await?;
            sqlx::query("DELETE FROM documents WHERE id = $1")
                .bind(doc_id)
                .execute(&mut *c)
                .await
                .map(|_| ())
        })
    }
}
