//! The photo index, photo files, uploads in progress and photo flags.

use super::*;

/// Version 6 (SQLite): each photo file's home, the document that first listed it (existing
/// files get the first listing document in feed order).
pub(crate) const SCHEMA_V6_SQLITE: &str = "
CREATE TABLE photo_homes (
    sha256 TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL
) WITHOUT ROWID;
INSERT OR IGNORE INTO photo_homes(sha256, doc_id)
    SELECT h, doc_id FROM (
        SELECT p.sha256 AS h, p.doc_id, d.updated_seq FROM photos p JOIN documents d ON d.id = p.doc_id
        UNION ALL
        SELECT p.thumb_sha256, p.doc_id, d.updated_seq FROM photos p JOIN documents d ON d.id = p.doc_id
    ) ORDER BY updated_seq, doc_id;
";

/// Version 6 (PostgreSQL): as [`SCHEMA_V6_SQLITE`].
pub(crate) const SCHEMA_V6_PG: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS photo_homes (
        sha256 text PRIMARY KEY,
        doc_id text NOT NULL
    )",
    "INSERT INTO photo_homes(sha256, doc_id)
        SELECT DISTINCT ON (h) h, doc_id FROM (
            SELECT p.sha256 AS h, p.doc_id, d.updated_seq FROM photos p JOIN documents d ON d.id = p.doc_id
            UNION ALL
            SELECT p.thumb_sha256, p.doc_id, d.updated_seq FROM photos p JOIN documents d ON d.id = p.doc_id
        ) l ORDER BY h, updated_seq, doc_id
     ON CONFLICT (sha256) DO NOTHING",
];

/// The photo index, photo files, uploads in progress and photo flags: part of a county transaction.
pub trait PhotoTx {
    /// Replaces the photo index rows of a document; a file listed for the first time gets this
    /// document as its home.
    fn replace_photos(&mut self, doc_id: &str, photos: &[PhotoRow]) -> Result<()>;
    /// Where the document that first listed a file (as image or thumbnail) lies now: its
    /// village and grid. The file is served only to whoever covers that place.
    fn photo_home(&mut self, sha256: &str) -> Result<Option<(String, String)>>;
    /// Documents listing a file as image or thumbnail, with their placement.
    fn photo_refs(&mut self, sha256: &str) -> Result<Vec<PhotoRef>>;
    /// A stored file: its size and, for full images, the county's perceptual hash.
    fn blob(&mut self, sha256: &str) -> Result<Option<(i64, Option<i64>)>>;
    /// Records a stored file.
    fn insert_blob(&mut self, sha256: &str, size: i64, phash: Option<i64>, now: i64) -> Result<()>;
    /// Perceptual hashes of stored images with the households listing them.
    fn phashes(&mut self) -> Result<Vec<(String, i64, String)>>;
    /// The upload of a file in progress.
    fn upload(&mut self, sha256: &str) -> Result<Option<UploadRow>>;
    /// Starts (or restarts, when the declared size changed) an upload.
    fn start_upload(&mut self, sha256: &str, size: i64, device_id: &str, now: i64) -> Result<()>;
    /// Appends a chunk at the current end of an upload.
    fn append_chunk(&mut self, sha256: &str, offset: i64, data: &[u8]) -> Result<()>;
    /// Everything received of an upload, in order.
    fn upload_bytes(&mut self, sha256: &str) -> Result<Vec<u8>>;
    /// Drops an upload and its chunks.
    fn drop_upload(&mut self, sha256: &str) -> Result<()>;
    /// Records a flag (once per file, kind and other file).
    fn add_flag(&mut self, flag: &FlagRow, now: i64) -> Result<()>;
    /// Flags of a file.
    fn flags(&mut self, sha256: &str) -> Result<Vec<FlagRow>>;
}
