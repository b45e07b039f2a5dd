//! Why opening or migrating a database failed. Carries versions and SQLite's codes, never data.

/// Why opening or migrating a database failed.
#[derive(Debug, thiserror::Error)]
pub enum SqliteError {
    /// Wrong key, or the file is damaged or not a database. The file is left untouched.
    #[error("database file unreadable (wrong key, or the file is damaged or not a database)")]
    Unreadable {
        /// SQLite's answer to the first read.
        #[source]
        source: rusqlite::Error,
    },
    /// The file was written by a newer build: its `user_version` is above the newest step this
    /// build knows. The file is left untouched.
    #[error(
        "database schema {found} is newer than this build supports (up to {supported}); \
         run the newer version that wrote it, or restore a backup"
    )]
    SchemaTooNew {
        /// The file's schema version.
        found: i64,
        /// The newest schema version this build writes.
        supported: i64,
    },
    /// The steps given to the runner are not numbered 1, 2, 3, … in order (a programming error).
    #[error(
        "migration steps must be numbered 1, 2, 3, … in order; step {position} has version {version}"
    )]
    StepsOutOfOrder {
        /// Index of the offending step in the list.
        position: usize,
        /// The version it carries.
        version: u32,
    },
    /// A migration step failed; it was rolled back and the file stays at the version before it.
    #[error("migrating the database to schema {version} failed")]
    Step {
        /// The version the step would have reached.
        version: u32,
        /// What SQLite said.
        #[source]
        source: rusqlite::Error,
    },
    /// SQLite, other than the cases above.
    #[error("sqlite")]
    Sql(#[from] rusqlite::Error),
}
