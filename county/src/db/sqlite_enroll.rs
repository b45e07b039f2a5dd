//! Enrollment codes and devices. on the embedded engine.

use rusqlite::{OptionalExtension, params};

use super::SqliteTx;
use crate::db::*;

impl EnrollTx for SqliteTx<'_> {
    fn insert_code(&mut self, c: &NewCode<'_>) -> Result<()> {
        self.0.execute(
            "INSERT INTO enrollment_codes(code_hash, worker_id, display_name, role, villages, grids, created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![c.code_hash, c.worker_id, c.display_name, c.role, c.villages, c.grids, c.created_at, c.expires_at],
        )?;
        Ok(())
    }

    fn code(&mut self, code_hash: &[u8]) -> Result<Option<CodeRow>> {
        Ok(self
            .0
            .query_row(
                "SELECT worker_id, display_name, role, villages, grids, expires_at, used_at FROM enrollment_codes WHERE code_hash = ?1",
                [code_hash],
                |r| {
                    Ok(CodeRow {
                        worker_id: r.get(0)?,
                        display_name: r.get(1)?,
                        role: r.get(2)?,
                        villages: r.get(3)?,
                        grids: r.get(4)?,
                        expires_at: r.get(5)?,
                        used_at: r.get(6)?,
                    })
                },
            )
            .optional()?)
    }

    fn use_code(&mut self, code_hash: &[u8], now: i64, device_id: &str) -> Result<bool> {
        Ok(self.0.execute(
            "UPDATE enrollment_codes SET used_at = ?2, device_id = ?3 WHERE code_hash = ?1 AND used_at IS NULL",
            params![code_hash, now, device_id],
        )? == 1)
    }

    fn actor_taken(&mut self, actor: &[u8]) -> Result<bool> {
        Ok(self
            .0
            .query_row(
                "SELECT 1 FROM devices WHERE actor = ?1",
                [actor],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    fn actor_enrolled(&mut self, actor: &[u8]) -> Result<bool> {
        Ok(self
            .0
            .prepare_cached("SELECT 1 FROM devices WHERE actor = ?1 AND revoked_at IS NULL")?
            .query_row([actor], |_| Ok(()))
            .optional()?
            .is_some())
    }

    fn insert_device(&mut self, d: &NewDevice<'_>) -> Result<()> {
        self.0.execute(
            "INSERT INTO devices(id, token_hash, actor, worker_id, display_name, role, villages, grids, label, enrolled_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![d.id, d.token_hash, d.actor, d.worker_id, d.display_name, d.role, d.villages, d.grids, d.label, d.enrolled_at],
        )?;
        Ok(())
    }

    fn device_by_token(&mut self, token_hash: &[u8]) -> Result<Option<DeviceRow>> {
        self.device_where(DeviceKey::Token, token_hash)
    }

    fn device_by_actor(&mut self, actor: &[u8]) -> Result<Option<DeviceRow>> {
        self.device_where(DeviceKey::Actor, actor)
    }

    fn devices(&mut self) -> Result<Vec<DeviceSummary>> {
        let mut stmt = self.0.prepare(
            "SELECT id, worker_id, display_name, role, label, enrolled_at, revoked_at, last_sync_at
             FROM devices ORDER BY enrolled_at DESC, id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(DeviceSummary {
                id: r.get(0)?,
                worker_id: r.get(1)?,
                display_name: r.get(2)?,
                role: r.get(3)?,
                label: r.get(4)?,
                enrolled_at: r.get(5)?,
                revoked_at: r.get(6)?,
                last_sync_at: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn revoke_device(&mut self, id: &str, now: i64) -> Result<bool> {
        Ok(self.0.execute(
            "UPDATE devices SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
            params![id, now],
        )? > 0)
    }

    fn touch_device(&mut self, id: &str, now: i64) -> Result<()> {
        self.0
            .prepare_cached("UPDATE devices SET last_sync_at = ?2 WHERE id = ?1")?
            .execute(params![id, now])?;
        Ok(())
    }
}

impl SqliteTx<'_> {
    /// The device whose token hash or actor is `value`.
    fn device_where(&mut self, key: DeviceKey, value: &[u8]) -> Result<Option<DeviceRow>> {
        Ok(self
            .0
            .prepare_cached(match key {
                DeviceKey::Token => {
                    "SELECT id, actor, worker_id, display_name, role, villages, grids, revoked_at FROM devices WHERE token_hash = ?1"
                }
                DeviceKey::Actor => {
                    "SELECT id, actor, worker_id, display_name, role, villages, grids, revoked_at FROM devices WHERE actor = ?1"
                }
            })?
            .query_row([value], |r| {
                Ok(DeviceRow {
                    id: r.get(0)?,
                    actor: r.get(1)?,
                    worker_id: r.get(2)?,
                    display_name: r.get(3)?,
                    role: r.get(4)?,
                    villages: r.get(5)?,
                    grids: r.get(6)?,
                    revoked_at: r.get(7)?,
                })
            })
            .optional()?)
    }
}
