//! The photo index, photo files, uploads in progress and photo flags. on the embedded engine.

use rusqlite::{OptionalExtension, params};

use super::SqliteTx;
use crate::db::*;

impl PhotoTx for SqliteTx<'_> {
    fn replace_photos(&mut self, doc_id: &str, photos: &[PhotoRow]) -> Result<()> {
        self.0
            .prepare_cached("DELETE FROM photos WHERE doc_id = ?1")?
            .execute([doc_id])?;
        let mut insert = self.0.prepare_cached(
            "INSERT INTO photos(doc_id, photo_id, household_id, sha256, thumb_sha256, kind, taken_at, attached_at, review)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        let mut home = self.0.prepare_cached(
            "INSERT INTO photo_homes(sha256, doc_id) VALUES (?1, ?2) ON CONFLICT(sha256) DO NOTHING",
        )?;
        for p in photos {
            home.execute(params![p.sha256, doc_id])?;
            home.execute(params![p.thumb_sha256, doc_id])?;
        }
        for p in photos {
            insert.execute(params![
                doc_id,
                p.photo_id,
                p.household_id,
                p.sha256,
                p.thumb_sha256,
                p.kind,
                p.taken_at,
                p.attached_at,
                p.review
            ])?;
        }
        Ok(())
    }

    fn photo_home(&mut self, sha256: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .0
            .prepare_cached(
                "SELECT d.village_code, d.grid_code FROM photo_homes h JOIN documents d ON d.id = h.doc_id WHERE h.sha256 = ?1",
            )?
            .query_row([sha256], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    fn photo_refs(&mut self, sha256: &str) -> Result<Vec<PhotoRef>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT DISTINCT p.doc_id, p.household_id, d.village_code, d.grid_code, p.sha256 = ?1
             FROM photos p JOIN documents d ON d.id = p.doc_id
             WHERE p.sha256 = ?1 OR p.thumb_sha256 = ?1 ORDER BY p.doc_id",
        )?;
        let rows = stmt.query_map([sha256], |r| {
            Ok(PhotoRef {
                doc_id: r.get(0)?,
                household_id: r.get(1)?,
                village_code: r.get(2)?,
                grid_code: r.get(3)?,
                image: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn blob(&mut self, sha256: &str) -> Result<Option<(i64, Option<i64>)>> {
        Ok(self
            .0
            .prepare_cached("SELECT size, phash FROM blobs WHERE sha256 = ?1")?
            .query_row([sha256], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    fn insert_blob(&mut self, sha256: &str, size: i64, phash: Option<i64>, now: i64) -> Result<()> {
        self.0.execute(
            "INSERT INTO blobs(sha256, size, phash, stored_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(sha256) DO NOTHING",
            params![sha256, size, phash, now],
        )?;
        Ok(())
    }

    fn phashes(&mut self) -> Result<Vec<(String, i64, String)>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT DISTINCT b.sha256, b.phash, p.household_id FROM blobs b JOIN photos p ON p.sha256 = b.sha256
             WHERE b.phash IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn upload(&mut self, sha256: &str) -> Result<Option<UploadRow>> {
        Ok(self
            .0
            .prepare_cached("SELECT size, received FROM uploads WHERE sha256 = ?1")?
            .query_row([sha256], |r| {
                Ok(UploadRow {
                    size: r.get(0)?,
                    received: r.get(1)?,
                })
            })
            .optional()?)
    }

    fn start_upload(&mut self, sha256: &str, size: i64, device_id: &str, now: i64) -> Result<()> {
        if let Some(u) = self.upload(sha256)? {
            if u.size == size {
                return Ok(());
            }
            self.drop_upload(sha256)?;
        }
        self.0.execute(
            "INSERT INTO uploads(sha256, size, received, device_id, started_at) VALUES (?1, ?2, 0, ?3, ?4)",
            params![sha256, size, device_id, now],
        )?;
        Ok(())
    }

    fn append_chunk(&mut self, sha256: &str, offset: i64, data: &[u8]) -> Result<()> {
        self.0.execute(
            "INSERT INTO upload_chunks(sha256, offset, data) VALUES (?1, ?2, ?3)",
            params![sha256, offset, data],
        )?;
        self.0.execute(
            "UPDATE uploads SET received = ?2 WHERE sha256 = ?1",
            params![sha256, offset + data.len() as i64],
        )?;
        Ok(())
    }

    fn upload_bytes(&mut self, sha256: &str) -> Result<Vec<u8>> {
        let mut stmt = self
            .0
            .prepare_cached("SELECT data FROM upload_chunks WHERE sha256 = ?1 ORDER BY offset")?;
        let mut out = Vec::new();
        let mut rows = stmt.query([sha256])?;
        while let Some(r) = rows.next()? {
            out.extend_from_slice(&r.get::<_, Vec<u8>>(0)?);
        }
        Ok(out)
    }

    fn drop_upload(&mut self, sha256: &str) -> Result<()> {
        self.0
            .execute("DELETE FROM upload_chunks WHERE sha256 = ?1", [sha256])?;
        self.0
            .execute("DELETE FROM uploads WHERE sha256 = ?1", [sha256])?;
        Ok(())
    }

    fn add_flag(&mut self, f: &FlagRow, now: i64) -> Result<()> {
        self.0.execute(
            "INSERT INTO photo_flags(sha256, kind, other_sha256, detail, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(sha256, kind, other_sha256) DO UPDATE SET detail = excluded.detail",
            params![f.sha256, f.kind, f.other_sha256, f.detail, now],
        )?;
        Ok(())
    }

    fn flags(&mut self, sha256: &str) -> Result<Vec<FlagRow>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT sha256, kind, other_sha256, detail FROM photo_flags WHERE sha256 = ?1 ORDER BY kind, other_sha256",
        )?;
        let rows = stmt.query_map([sha256], |r| {
            Ok(FlagRow {
                sha256: r.get(0)?,
                kind: r.get(1)?,
                other_sha256: r.get(2)?,
                detail: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
