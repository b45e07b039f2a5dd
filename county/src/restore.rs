//! `ruhu-county restore` on the embedded store: refused while a county process serves the
//! data folder; the backup's manifest, database and every photo file checked first; the
//! current database (with its WAL) and photo folder kept aside (renamed, never deleted), the
//! backup put in their place. The next `serve` migrates an older schema forward; a newer one is refused.

use rusqlite::OptionalExtension;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::backup::{
    self, BackupError, DATABASE, Embedded, FORMAT, MANIFEST, Manifest, PHOTOS, check_photo,
    file_sha256, photo_name, photo_path, sync_dir, sync_parent, sync_photo_dirs, write_error,
    write_synced,
};
use crate::blobs;
use crate::serving::ServingLock;

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    /// The backup's manifest.
    pub manifest: Manifest,
    /// Where the data it replaced was kept (database files, photo folder).
    pub set_aside: Vec<PathBuf>,
    /// The feed position the replaced database had reached, when it could be read: changes
    /// stored from now on are numbered after it, so a phone whose cursor had passed the
    /// backup's last change still receives them.
    pub feed_continues_after: Option<i64>,
    /// Devices revoked or enrolled since the backup, as the replaced database knew them.
    pub devices: Devices,
}

/// Restores the backup at `source` into `store`. Nothing in the data folder changes unless the
/// whole backup checked out.
pub fn restore(store: &Embedded<'_>, source: &Path) -> Result<Restored, BackupError> {
    fs::create_dir_all(store.data_dir).map_err(write_error(store.data_dir))?;
    let _lock = ServingLock::restoring(store.data_dir)?;
    let manifest = read_manifest(source)?;
    let supported = backup::supported_schema();
    if manifest.schema_version > supported {
        return Err(BackupError::SchemaTooNew {
            found: manifest.schema_version,
            supported,
        });
    }
    if file_sha256(&source.join(DATABASE))? != manifest.database_sha256 {
        return Err(BackupError::Manifest(
            "does not match the database copy (damaged or altered)".into(),
        ));
    }
    let sealer = blobs::sealer(store.key);
    let photos = checked_photos(&source.join(PHOTOS), &sealer)?;
    if photos.len() as i64 != manifest.photo_files {
        return Err(BackupError::Manifest(format!(
            "counts {} photo files; the backup holds {}",
            manifest.photo_files,
            photos.len()
        )));
    }
    let staged_db = store.data_dir.join(format!("{DATABASE}.restoring"));
    let staged_photos = with_suffix(store.blob_dir, ".restoring");
    let staged = stage(
        store,
        source,
        &manifest,
        &photos,
        &staged_db,
        &staged_photos,
    );
    if let Err(e) = staged {
        let _ = fs::remove_file(&staged_db);
        let _ = fs::remove_dir_all(&staged_photos);
        return Err(e);
    }
    let (feed_continues_after, devices) = match continue_feed(store, &staged_db) {
        Ok(done) => done,
        Err(e) => {
            let _ = fs::remove_file(&staged_db);
            let _ = fs::remove_dir_all(&staged_photos);
            return Err(e);
        }
    };
    let set_aside = swap(store, &staged_db, &staged_photos)?;
    Ok(Restored {
        manifest,
        set_aside,
        feed_continues_after,
        devices,
    })
}

fn read_manifest(source: &Path) -> Result<Manifest, BackupError> {
    let path = source.join(MANIFEST);
    let bytes = fs::read(&path).map_err(|e| BackupError::Read { path, source: e })?;
    let manifest: Manifest = serde_json::from_slice(&bytes)
        .map_err(|e| BackupError::Manifest(format!("is unreadable: {e}")))?;
    if manifest.format != FORMAT {
        return Err(BackupError::Manifest(format!(
            "has format {}; this build reads format {FORMAT}",
            manifest.format
        )));
    }
    Ok(manifest)
}

/// Every photo file of a backup's photo folder, each opened under its name and hashed.
fn checked_photos(
    root: &Path,
    sealer: &ruhu_domain::sealed::Sealer,
) -> Result<BTreeSet<String>, BackupError> {
    let mut names = BTreeSet::new();
    let read_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| BackupError::Read { path, source }
    };
    let dirs = match fs::read_dir(root) {
        Ok(d) => d,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(names),
        Err(e) => return Err(read_error(root)(e)),
    };
    for dir in dirs {
        let dir = dir.map_err(read_error(root))?.path();
        for file in fs::read_dir(&dir).map_err(read_error(&dir))? {
            let path = file.map_err(read_error(&dir))?.path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            if !photo_name(&name) || photo_path(root, &name) != path {
                return Err(BackupError::Manifest(format!(
                    "does not list {}, which is no photo file",
                    path.display()
                )));
            }
            let sealed = fs::read(&path).map_err(read_error(&path))?;
            check_photo(sealer, &name, &sealed, None)?;
            names.insert(name);
        }
    }
    Ok(names)
}

/// Copies the backup beside the current data and checks the copy: its hash, that it opens
/// with the key, its schema, its counts and that every photo file it lists is there.
fn stage(
    store: &Embedded<'_>,
    source: &Path,
    manifest: &Manifest,
    photos: &BTreeSet<String>,
    staged_db: &Path,
    staged_photos: &Path,
) -> Result<(), BackupError> {
    let _ = fs::remove_file(staged_db);
    let _ = fs::remove_dir_all(staged_photos);
    let from = source.join(DATABASE);
    fs::copy(&from, staged_db)
        .and_then(|_| fs::File::open(staged_db)?.sync_all())
        .map_err(write_error(staged_db))?;
    if file_sha256(staged_db)? != manifest.database_sha256 {
        return Err(BackupError::Manifest(
            "does not match the database as copied; run the restore again".into(),
        ));
    }
    let conn = ruhu_sqlite::open(
        staged_db,
        store.key,
        ruhu_sqlite::Access::ReadOnly,
        std::time::Duration::from_secs(1),
    )
    .map_err(|e| match e {
        ruhu_sqlite::SqliteError::Unreadable { .. } => BackupError::WrongKey,
        other => BackupError::Database(other),
    })?;
    let listed = backup::list(&conn)?;
    drop(conn);
    let supported = backup::supported_schema();
    if listed.schema_version > supported {
        return Err(BackupError::SchemaTooNew {
            found: listed.schema_version,
            supported,
        });
    }
    let counted = (
        listed.schema_version,
        listed.documents,
        listed.changes,
        listed.photos.len() as i64,
    );
    let expected = (
        manifest.schema_version,
        manifest.documents,
        manifest.changes,
        manifest.photo_files,
    );
    if counted != expected {
        return Err(BackupError::Manifest(format!(
            "counts schema, documents, changes, photo files {expected:?}; the database holds {counted:?}"
        )));
    }
    if let Some((name, _)) = listed.photos.iter().find(|(n, _)| !photos.contains(n)) {
        return Err(BackupError::PhotoMissing(name.clone()));
    }
    fs::create_dir_all(staged_photos).map_err(write_error(staged_photos))?;
    for name in photos {
        let from = photo_path(&source.join(PHOTOS), name);
        let sealed = fs::read(&from).map_err(|e| BackupError::Read {
            path: from,
            source: e,
        })?;
        write_synced(&photo_path(staged_photos, name), &sealed)?;
    }
    sync_photo_dirs(staged_photos)?;
    sync_dir(store.data_dir)
}

/// Readies the staged database to serve: a new store identity (phones seeing it deliver
/// everything again), its next changes numbered after the last one the current database
/// stored (phones' cursors may have reached it), which is returned, and the devices revoked or
/// enrolled since the backup ([`carry_devices`]). A current database that is missing or does
/// not open (the reason for restoring, perhaps) leaves the numbering and the devices as the
/// backup had them.
fn continue_feed(
    store: &Embedded<'_>,
    staged_db: &Path,
) -> Result<(Option<i64>, Devices), BackupError> {
    let wait = std::time::Duration::from_secs(1);
    let current = store.data_dir.join(DATABASE);
    let replaced = if !current.is_file() {
        None
    } else if let Ok(conn) =
        ruhu_sqlite::open(&current, store.key, ruhu_sqlite::Access::ReadWrite, wait)
    {
        Some(conn)
    } else {
        tracing::warn!(
            "the replaced database does not open: the feed goes on from the backup, and devices \
             revoked or enrolled since the backup must be revoked or enrolled again"
        );
        None
    };
    let reached = match &replaced {
        Some(conn) => conn
            .query_row(
                "SELECT seq FROM sqlite_sequence WHERE name = 'changes'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .optional()?,
        None => None,
    };
    let staged = ruhu_sqlite::open(staged_db, store.key, ruhu_sqlite::Access::ReadWrite, wait)?;
    let devices = match &replaced {
        Some(conn) => carry_devices(conn, &staged)?,
        None => Devices::default(),
    };
    drop(replaced);
    staged.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [crate::db::STORE_ID, &uuid::Uuid::new_v4().to_string()],
    )?;
    if let Some(reached) = reached {
        staged.execute(
            "UPDATE sqlite_sequence SET seq = max(seq, ?1) WHERE name = 'changes'",
            [reached],
        )?;
        staged.execute(
            "INSERT INTO sqlite_sequence(name, seq) SELECT 'changes', ?1
             WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'changes')",
            [reached],
        )?;
    }
    drop(staged);
    fs::File::open(staged_db)
        .and_then(|f| f.sync_all())
        .map_err(write_error(staged_db))?;
    Ok((reached, devices))
}

/// Devices the replaced database knows better than the backup.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Devices {
    /// Revoked since the backup: they stay revoked.
    pub revoked: usize,
    /// Enrolled since the backup: they keep their enrollment.
    pub enrolled: usize,
}

/// Carries into the staged backup what the replaced database knows of devices since: a
/// revocation (a lost phone revoked must stay revoked whatever backup comes back) and an
/// enrollment (its token is in no backup; without it that phone could not deliver what it
/// made since). Nothing else of the replaced database is taken.
fn carry_devices(
    replaced: &rusqlite::Connection,
    staged: &rusqlite::Connection,
) -> Result<Devices, BackupError> {
    const COLUMNS: &str = "id, token_hash, actor, worker_id, display_name, role, villages, \
                           grids, label, enrolled_at, revoked_at, last_sync_at";
    let mut carried = Devices::default();
    let mut stmt = replaced.prepare(&format!("SELECT {COLUMNS} FROM devices"))?;
    let rows = stmt
        .query_map([], |r| {
            (0..12)
                .map(|i| r.get::<_, rusqlite::types::Value>(i))
                .collect::<rusqlite::Result<Vec<_>>>()
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for row in rows {
        let (id, revoked_at) = (&row[0], &row[10]);
        let known: Option<Option<i64>> = staged
            .query_row("SELECT revoked_at FROM devices WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        match known {
            None => {
                carried.enrolled += staged.execute(
                    &format!("INSERT OR IGNORE INTO devices({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"),
                    rusqlite::params_from_iter(row.iter()),
                )?;
            }
            Some(None) if *revoked_at != rusqlite::types::Value::Null => {
                carried.revoked += staged.execute(
                    "UPDATE devices SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
                    [id, revoked_at],
                )?;
            }
            _ => {}
        }
    }
    Ok(carried)
}

/// Moves the current database files (with their WAL, which may hold committed writes) into
/// `<data_dir>/before-restore-<time>/` and the photo folder to `<blob_dir>.before-restore-<time>`,
/// then the staged copies in.
fn swap(
    store: &Embedded<'_>,
    staged_db: &Path,
    staged_photos: &Path,
) -> Result<Vec<PathBuf>, BackupError> {
    let stamp = format!(
        "before-restore-{}",
        chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ")
    );
    let database = store.data_dir.join(DATABASE);
    let aside = store.data_dir.join(&stamp);
    let mut set_aside = Vec::new();
    let files: Vec<PathBuf> = ["", "-wal", "-shm"]
        .iter()
        .map(|end| with_suffix(&database, end))
        .filter(|p| p.exists())
        .collect();
    if !files.is_empty() {
        fs::create_dir(&aside).map_err(write_error(&aside))?;
        for path in files {
            let to = aside.join(path.file_name().unwrap_or_default());
            fs::rename(&path, &to).map_err(write_error(&path))?;
        }
        sync_dir(&aside)?;
        set_aside.push(aside);
    }
    if store.blob_dir.exists() {
        let to = with_suffix(store.blob_dir, &format!(".{stamp}"));
        fs::rename(store.blob_dir, &to).map_err(write_error(store.blob_dir))?;
        set_aside.push(to);
    }
    fs::rename(staged_db, &database).map_err(write_error(&database))?;
    fs::rename(staged_photos, store.blob_dir).map_err(write_error(store.blob_dir))?;
    sync_dir(store.data_dir)?;
    sync_parent(store.blob_dir)?;
    Ok(set_aside)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
