//! Enrollment codes and devices. on PostgreSQL.

use sqlx::Row;

use super::PgTx;
use crate::db::*;

impl EnrollTx for PgTx<'_> {
    fn insert_code(&mut self, k: &NewCode<'_>) -> Result<()> {
        self.run(async |c| {
            sqlx::query(
                "INSERT INTO enrollment_codes(code_hash, worker_id, display_name, role, villages, grids, created_at, expires_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(k.code_hash)
            .bind(k.worker_id)
            .bind(k.display_name)
            .bind(k.role)
            .bind(k.villages)
            .bind(k.grids)
            .bind(k.created_at)
            .bind(k.expires_at)
            .execute(c)
            .await
            .map(|_| ())
        })
    }

    fn code(&mut self, code_hash: &[u8]) -> Result<Option<CodeRow>> {
        let row = self.run(async |c| {
            sqlx::query(
                "SELECT worker_id, display_name, role, villages, grids, expires_at, used_at FROM enrollment_codes WHERE code_hash = $1",
            )
            .bind(code_hash)
            .fetch_optional(c)
            .await
        })?;
        row.map(|r| {
            Ok(CodeRow {
                worker_id: r.try_get(0)?,
                display_name: r.try_get(1)?,
                role: r.try_get(2)?,
                villages: r.try_get(3)?,
                grids: r.try_get(4)?,
                expires_at: r.try_get(5)?,
                used_at: r.try_get(6)?,
            })
        })
        .transpose()
    }

    fn use_code(&mut self, code_hash: &[u8], now: i64, device_id: &str) -> Result<bool> {
        self.run(async |c| {
            sqlx::query(
                "UPDATE enrollment_codes SET used_at = $2, device_id = $3 WHERE code_hash = $1 AND used_at IS NULL",
            )
            .bind(code_hash)
            .bind(now)
            .bind(device_id)
            .execute(c)
            .await
            .map(|r| r.rows_affected() == 1)
        })
    }

    fn actor_taken(&mut self, actor: &[u8]) -> Result<bool> {
        self.run(async |c| {
            sqlx::query_scalar::<_, i32>("SELECT 1 FROM devices WHERE actor = $1")
                .bind(actor)
                .fetch_optional(c)
                .await
                .map(|r| r.is_some())
        })
    }

    fn actor_enrolled(&mut self, actor: &[u8]) -> Result<bool> {
        self.run(async |c| {
            sqlx::query_scalar::<_, i32>(
                "SELECT 1 FROM devices WHERE actor = $1 AND revoked_at IS NULL",
            )
            .bind(actor)
            .fetch_optional(c)
            .await
            .map(|r| r.is_some())
        })
    }

    fn insert_device(&mut self, d: &NewDevice<'_>) -> Result<()> {
        self.run(async |c| {
            sqlx::query(
                "INSERT INTO devices(id, token_hash, actor, worker_id, display_name, role, villages, grids, label, enrolled_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(d.id)
            .bind(d.token_hash)
            .bind(d.actor)
            .bind(d.worker_id)
            .bind(d.display_name)
            .bind(d.role)
            .bind(d.villages)
            .bind(d.grids)
            .bind(d.label)
            .bind(d.enrolled_at)
            .execute(c)
            .await
            .map(|_| ())
        })
    }

    fn device_by_token(&mut self, token_hash: &[u8]) -> Result<Option<DeviceRow>> {
        self.device_where(DeviceKey::Token, token_hash)
    }

    fn device_by_actor(&mut self, actor: &[u8]) -> Result<Option<DeviceRow>> {
        self.device_where(DeviceKey::Actor, actor)
    }

    fn devices(&mut self) -> Result<Vec<DeviceSummary>> {
        let rows = self.run(async |c| {
            sqlx::query(
                "SELECT id, worker_id, display_name, role, label, enrolled_at, revoked_at, last_sync_at
                 FROM devices ORDER BY enrolled_at DESC, id",
            )
            .fetch_all(c)
            .await
        })?;
        rows.iter()
            .map(|r| {
                Ok(DeviceSummary {
                    id: r.try_get(0)?,
                    worker_id: r.try_get(1)?,
                    display_name: r.try_get(2)?,
                    role: r.try_get(3)?,
                    label: r.try_get(4)?,
                    enrolled_at: r.try_get(5)?,
                    revoked_at: r.try_get(6)?,
                    last_sync_at: r.try_get(7)?,
                })
            })
            .collect()
    }

    fn revoke_device(&mut self, id: &str, now: i64) -> Result<bool> {
        self.run(async |c| {
            sqlx::query("UPDATE devices SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
                .bind(id)
                .bind(now)
                .execute(c)
                .await
                .map(|r| r.rows_affected() > 0)
        })
    }

    fn touch_device(&mut self, id: &str, now: i64) -> Result<()> {
        self.run(async |c| {
            sqlx::query("UPDATE devices SET last_sync_at = $2 WHERE id = $1")
                .bind(id)
                .bind(now)
                .execute(c)
                .await
                .map(|_| ())
        })
    }
}

impl PgTx<'_> {
    /// The device whose token hash or actor is `value`.
    fn device_where(&mut self, key: DeviceKey, value: &[u8]) -> Result<Option<DeviceRow>> {
        let sql = match key {
            DeviceKey::Token => {
                "SELECT id, actor, worker_id, display_name, role, villages, grids, revoked_at FROM devices WHERE token_hash = $1"
            }
            DeviceKey::Actor => {
                "SELECT id, actor, worker_id, display_name, role, villages, grids, revoked_at FROM devices WHERE actor = $1"
            }
        };
        let row = self.run(async |c| sqlx::query(sql).bind(value).fetch_optional(c).await)?;
        row.map(|r| {
            Ok(DeviceRow {
                id: r.try_get(0)?,
                actor: r.try_get(1)?,
                worker_id: r.try_get(2)?,
                display_name: r.try_get(3)?,
                role: r.try_get(4)?,
                villages: r.try_get(5)?,
                grids: r.try_get(6)?,
                revoked_at: r.try_get(7)?,
            })
        })
        .transpose()
    }
}
