//! Documents in the store: a snapshot plus appended incremental chunks, compacted past a limit.

use crate::faults::Missing;
use automerge::{ActorId, AutoCommit, ChangeHash};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::Value;

use super::{Store, StoreError, index};
use ruhu_domain::document::{self, Content, DocKind, conflicts};

/// Past this many chunks, or this many chunk bytes, a document is saved whole again.
const COMPACT_CHUNKS: i64 = 32;
const COMPACT_BYTES: i64 = 128 * 1024;

/// Loads a document from its snapshot and chunks.
pub(crate) fn load(
    conn: &Connection,
    id: &str,
) -> Result<Option<(DocKind, AutoCommit)>, StoreError> {
    let row: Option<(String, Vec<u8>)> = conn
        .query_row(
            "SELECT kind, snapshot FROM documents WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((kind, snapshot)) = row else {
        return Ok(None);
    };
    let kind = DocKind::from_code(&kind).ok_or(StoreError::Unreadable)?;
    let mut doc = AutoCommit::load(&snapshot)?;
    let mut stmt =
        conn.prepare_cached("SELECT data FROM doc_chunks WHERE doc_id = ?1 ORDER BY seq")?;
    let mut rows = stmt.query([id])?;
    while let Some(row) = rows.next()? {
        let data: Vec<u8> = row.get(0)?;
        doc.load_incremental(&data)?;
    }
    Ok(Some((kind, doc)))
}

/// Stores a new document whole.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    id: &str,
    kind: DocKind,
    doc: &mut AutoCommit,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO documents(id, kind, snapshot, updated_at) VALUES (?1, ?2, ?3, ?4)",
        params![id, kind.code(), doc.save(), at.timestamp_millis()],
    )?;
    mark_dirty(tx, id)
}

/// Records that the document has changes the county may lack.
fn mark_dirty(tx: &Transaction<'_>, id: &str) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO sync_state(doc_id, county_heads, dirty) VALUES (?1, x'', 1)
         ON CONFLICT(doc_id) DO UPDATE SET dirty = 1",
        [id],
    )?;
    Ok(())
}

/// Appends what changed since `before` as a chunk, compacting when the chunks grow large.
pub(crate) fn append(
    tx: &Transaction<'_>,
    id: &str,
    doc: &mut AutoCommit,
    before: &[ChangeHash],
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let chunk = doc.save_after(before);
    if chunk.is_empty() {
        return Ok(());
    }
    let (count, bytes): (i64, i64) = tx.query_row(
        "SELECT chunk_count, chunk_bytes FROM documents WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let len = i64::try_from(chunk.len()).unwrap_or(i64::MAX);
    if count + 1 >= COMPACT_CHUNKS || bytes + len >= COMPACT_BYTES {
        tx.execute("DELETE FROM doc_chunks WHERE doc_id = ?1", [id])?;
        tx.execute(
            "UPDATE documents SET snapshot = ?2, chunk_count = 0, chunk_bytes = 0, updated_at = ?3 WHERE id = ?1",
            params![id, doc.save(), at.timestamp_millis()],
        )?;
    } else {
        let seq: i64 = tx.query_row(
            "SELECT coalesce(max(seq), 0) + 1 FROM doc_chunks WHERE doc_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO doc_chunks(doc_id, seq, data) VALUES (?1, ?2, ?3)",
            params![id, seq, chunk],
        )?;
        tx.execute(
            "UPDATE documents SET chunk_count = chunk_count + 1, chunk_bytes = chunk_bytes + ?2, updated_at = ?3 WHERE id = ?1",
            params![id, len, at.timestamp_millis()],
        )?;
    }
    mark_dirty(tx, id)
}

impl Store {
    /// Stores a new document holding `content` and indexes it.
    pub fn create<T: Content>(
        &self,
        id: &str,
        content: &T,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.require_profile()?;
        let mut doc = document::create(content, self.actor(), at)?;
        self.write(|tx| {
            insert(tx, id, T::KIND, &mut doc, at)?;
            index::reindex(tx, id, T::KIND, &doc)
        })
    }

    /// Reads a document's content (winning values where fields conflict).
    pub fn get<T: Content>(&self, id: &str) -> Result<T, StoreError> {
        let (_, doc) = self.document(id, T::KIND)?;
        Ok(document::read(&doc)?)
    }

    /// Loads a document of the given kind.
    pub fn document(&self, id: &str, kind: DocKind) -> Result<(DocKind, AutoCommit), StoreError> {
        match self.read(|c| load(c, id))? {
            Some((k, doc)) if k == kind => Ok((k, doc)),
            _ => Err(StoreError::NotFound(kind.into())),
        }
    }

    /// Edits a document's content through `f`; only the fields `f` changed are written, in one
    /// durable transaction with the indexes. An error from `f` leaves everything as it was.
    pub fn update<T: Content>(
        &self,
        id: &str,
        message: &str,
        at: DateTime<Utc>,
        f: impl FnOnce(&mut T) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.update_and(id, message, at, f, |_| Ok(()))
    }

    /// [`Store::update`], then `and` in the same transaction (rows that must exist exactly
    /// when the edit does, such as a photo's upload queue).
    pub fn update_and<T: Content>(
        &self,
        id: &str,
        message: &str,
        at: DateTime<Utc>,
        f: impl FnOnce(&mut T) -> Result<(), StoreError>,
        and: impl FnOnce(&Transaction<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.require_profile()?;
        self.modify_and(
            id,
            T::KIND,
            message,
            at,
            |doc| {
                let mut content: T = document::read(doc)?;
                f(&mut content)?;
                document::write(doc, &content)?;
                Ok(())
            },
            and,
        )
    }

    /// Settles a field conflict with one of its candidates, recording who chose.
    pub fn settle(
        &self,
        id: &str,
        kind: DocKind,
        path: &[String],
        chosen: &Value,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let by = self.require_profile()?.worker_id;
        self.modify(id, kind, "settle conflict", at, |doc| {
            conflicts::settle(doc, path, chosen, &by, at).map_err(|e| match e {
                conflicts::SettleError::Doc(d) => StoreError::Doc(d),
                _ => StoreError::NotFound(Missing::Conflict),
            })
        })
    }

    fn modify(
        &self,
        id: &str,
        kind: DocKind,
        message: &str,
        at: DateTime<Utc>,
        f: impl FnOnce(&mut AutoCommit) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.modify_and(id, kind, message, at, f, |_| Ok(()))
    }

    fn modify_and(
        &self,
        id: &str,
        kind: DocKind,
        message: &str,
        at: DateTime<Utc>,
        f: impl FnOnce(&mut AutoCommit) -> Result<(), StoreError>,
        and: impl FnOnce(&Transaction<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let actor = self.actor();
        self.write(|tx| {
            modify_in(tx, &actor, id, kind, message, at, f)?;
            and(tx)
        })
    }
}

/// Edits one document inside the caller's transaction: loads it, lets `f` change it, and when
/// anything changed appends the change and reindexes. Returns whether anything changed.
pub(crate) fn modify_in(
    tx: &Transaction<'_>,
    actor: &ActorId,
    id: &str,
    kind: DocKind,
    message: &str,
    at: DateTime<Utc>,
    f: impl FnOnce(&mut AutoCommit) -> Result<(), StoreError>,
) -> Result<bool, StoreError> {
    let (k, doc) = load(tx, id)?.ok_or(StoreError::NotFound(kind.into()))?;
    if k != kind {
        return Err(StoreError::NotFound(kind.into()));
    }
    let mut doc = doc.with_actor(actor.clone());
    let before = doc.get_heads();
    f(&mut doc)?;
    document::commit(&mut doc, message, at);
    if doc.get_heads() == before {
        return Ok(false);
    }
    append(tx, id, &mut doc, &before, at)?;
    index::reindex(tx, id, kind, &doc)?;
    Ok(true)
}

impl Store {
    /// The kind of a stored document, if it exists.
    pub fn kind_of(&self, id: &str) -> Result<Option<DocKind>, StoreError> {
        let kind: Option<String> = self.read(|c| {
            Ok(
                c.query_row("SELECT kind FROM documents WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?,
            )
        })?;
        Ok(kind.as_deref().and_then(DocKind::from_code))
    }

    /// Every document the store holds, with its kind, by id: what a support check or a test
    /// compares with the county's copy.
    pub fn documents(&self) -> Result<Vec<(String, DocKind)>, StoreError> {
        self.read(|c| {
            let mut stmt = c.prepare_cached("SELECT id, kind FROM documents ORDER BY id")?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows
                .into_iter()
                .filter_map(|(id, kind)| DocKind::from_code(&kind).map(|k| (id, k)))
                .collect())
        })
    }

    /// Ids of documents with unsettled conflicts, households first.
    pub fn conflicted_documents(&self) -> Result<Vec<String>, StoreError> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id FROM households WHERE conflicts > 0 UNION ALL SELECT id FROM cases WHERE conflicts > 0",
            )?;
            let ids = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
            Ok(ids)
        })
    }
}
