//! The photo index, photo files, uploads in progress and photo flags. on PostgreSQL.

use sqlx::Row;

use super::PgTx;
use crate::db::*;

impl PhotoTx for PgTx<'_> {
    fn replace_photos(&mut self, doc_id: &str, photos: &[PhotoRow]) -> Result<()> {
        self.run(async |c| {
            sqlx::query("DELETE FROM photos WHERE doc_id = $1")
                .bind(doc_id)
                .execute(&mut *c)
                .await?;
            for p in photos {
                for sha in [&p.sha256, &p.thumb_sha256] {
                    sqlx::query(
                        "INSERT INTO photo_homes(sha256, doc_id) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING",
                    )
                    .bind(sha)
                    .bind(doc_id)
                    .execute(&mut *c)
                    .await?;
                }
                sqlx::query(
                    "INSERT INTO photos(doc_id, photo_id, household_id, sha256, thumb_sha256, kind, taken_at, attached_at, review)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(doc_id)
                .bind(&p.photo_id)
                .bind(&p.household_id)
                .bind(&p.sha256)
                .bind(&p.thumb_sha256)
                .bind(&p.kind)
                .bind(p.taken_at)
                .bind(p.attached_at)
                .bind(&p.review)
                .execute(&mut *c)
                .await?;
            }
            Ok(())
        })
    }

    fn photo_home(&mut self, sha256: &str) -> Result<Option<(String, String)>> {
        let row = self.run(async |c| {
            sqlx::query(
                "SELECT d.village_code, d.grid_code FROM photo_homes h JOIN documents d ON d.id = h.doc_id WHERE h.sha256 = $1",
            )
            .bind(sha256)
            .fetch_optional(c)
            .await
        })?;
        row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).transpose()
    }

    fn photo_refs(&mut self, sha256: &str) -> Result<Vec<PhotoRef>> {
        let rows = self.run(async |c| {
            sqlx::query(
                "SELECT DISTINCT p.doc_id, p.household_id, d.village_code, d.grid_code, p.sha256 = $1
                 FROM photos p JOIN documents d ON d.id = p.doc_id
                 WHERE p.sha256 = $1 OR p.thumb_sha256 = $1 ORDER BY p.doc_id",
            )
            .bind(sha256)
            .fetch_all(c)
            .await
        })?;
        rows.iter()
            .map(|r| {
                Ok(PhotoRef {
                    doc_id: r.try_get(0)?,
                    household_id: r.try_get(1)?,
                    village_code: r.try_get(2)?,
                    grid_code: r.try_get(3)?,
                    image: r.try_get(4)?,
                })
            })
            .collect()
    }

    fn blob(&mut self, sha256: &str) -> Result<Option<(i64, Option<i64>)>> {
        let row = self.run(async |c| {
            sqlx::query("SELECT size, phash FROM blobs WHERE sha256 = $1")
                .bind(sha256)
                .fetch_optional(c)
                .await
        })?;
        row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).transpose()
    }

    fn insert_blob(&mut self, sha256: &str, size: i64, phash: Option<i64>, now: i64) -> Result<()> {
        self.run(async |c| {
            sqlx::query(
                "INSERT INTO blobs(sha256, size, phash, stored_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING",
            )
            .bind(sha256)
            .bind(size)
            .bind(phash)
            .bind(now)
            .execute(c)
            .await
            .map(|_| ())
        })
    }

    fn phashes(&mut self) -> Result<Vec<(String, i64, String)>> {
        let rows = self.run(async |c| {
            sqlx::query(
                "SELECT DISTINCT b.sha256, b.phash, p.household_id FROM blobs b JOIN photos p ON p.sha256 = b.sha256
                 WHERE b.phash IS NOT NULL",
            )
            .fetch_all(c)
            .await
        })?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
            .collect()
    }

    fn upload(&mut self, sha256: &str) -> Result<Option<UploadRow>> {
        let row = self.run(async |c| {
            sqlx::query("SELECT size, received FROM uploads WHERE sha256 = $1")
                .bind(sha256)
                .fetch_optional(c)
                .await
        })?;
        row.map(|r| {
            Ok(UploadRow {
                size: r.try_get(0)?,
                received: r.try_get(1)?,
            })
        })
        .transpose()
    }

    fn start_upload(&mut self, sha256: &str, size: i64, device_id: &str, now: i64) -> Result<()> {
        if let Some(u) = self.upload(sha256)? {
            if u.size == size {
                return Ok(());
            }
            self.drop_upload(sha256)?;
        }
        self.run(async |c| {
            sqlx::query(
                "INSERT INTO uploads(sha256, size, received, device_id, started_at) VALUES ($1, $2, 0, $3, $4)
                 ON CONFLICT (sha256) DO NOTHING",
            )
            .bind(sha256)
            .bind(size)
            .bind(device_id)
            .bind(now)
            .execute(c)
            .await
            .map(|_| ())
        })
    }

    fn append_chunk(&mut self, sha256: &str, offset: i64, data: &[u8]) -> Result<()> {
        self.run(async |c| {
            sqlx::query("INSERT INTO upload_chunks(sha256, \"offset\", data) VALUES ($1, $2, $3)")
                .bind(sha256)
                .bind(offset)
                .bind(data)
                .execute(&mut *c)
                .await?;
            sqlx::query("UPDATE uploads SET received = $2 WHERE sha256 = $1")
                .bind(sha256)
                .bind(offset + data.len() as i64)
                .execute(&mut *c)
                .await
                .map(|_| ())
        })
    }

    fn upload_bytes(&mut self, sha256: &str) -> Result<Vec<u8>> {
        let parts: Vec<Vec<u8>> = self.run(async |c| {
            sqlx::query_scalar(
                "SELECT data FROM upload_chunks WHERE sha256 = $1 ORDER BY \"offset\"",
            )
            .bind(sha256)
            .fetch_all(c)
            .await
        })?;
        Ok(parts.concat())
    }

    fn drop_upload(&mut self, sha256: &str) -> Result<()> {
        self.run(async |c| {
            sqlx::query("DELETE FROM upload_chunks WHERE sha256 = $1")
                .bind(sha256)
                .execute(&mut *c)
                .await?;
            sqlx::query("DELETE FROM uploads WHERE sha256 = $1")
                .bind(sha256)
                .execute(&mut *c)
                .await
                .map(|_| ())
        })
    }

    fn add_flag(&mut self, f: &FlagRow, now: i64) -> Result<()> {
        self.run(async |c| {
            sqlx::query(
                "INSERT INTO photo_flags(sha256, kind, other_sha256, detail, created_at) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (sha256, kind, other_sha256) DO UPDATE SET detail = excluded.detail",
            )
            .bind(&f.sha256)
            .bind(&f.kind)
            .bind(&f.other_sha256)
            .bind(&f.detail)
            .bind(now)
            .execute(c)
            .await
            .map(|_| ())
        })
    }

    fn flags(&mut self, sha256: &str) -> Result<Vec<FlagRow>> {
        let rows = self.run(async |c| {
            sqlx::query(
                "SELECT sha256, kind, other_sha256, detail FROM photo_flags WHERE sha256 = $1 ORDER BY kind, other_sha256",
            )
            .bind(sha256)
            .fetch_all(c)
            .await
        })?;
        rows.iter()
            .map(|r| {
                Ok(FlagRow {
                    sha256: r.try_get(0)?,
                    kind: r.try_get(1)?,
                    other_sha256: r.try_get(2)?,
                    detail: r.try_get(3)?,
                })
            })
            .collect()
    }
}
