//! Throwaway PostgreSQL databases for test counties and fault schedules, on the server the
//! tests are given.

use crate::uuid_like;

/// Creates a fresh database on the server at `admin_url` and returns its address.
pub(crate) fn fresh_database(admin_url: &str) -> String {
    use sqlx::Connection;
    let name = format!("ruhu_test_{}", uuid_like());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let mut conn = sqlx::PgConnection::connect(admin_url)
            .await
            .expect("connect to the test PostgreSQL");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .expect("create database");
    });
    let (base, _) = admin_url
        .rsplit_once('/')
        .expect("a database in the address");
    format!("{base}/{name}")
}

/// Drops the database at `database_url` (one [`fresh_database`] made) from the server at
/// `admin_url`, closing what still holds it. A failure is only reported: the database is left.
pub(crate) fn drop_database(admin_url: &str, database_url: &str) {
    use sqlx::Connection;
    let Some((_, name)) = database_url.rsplit_once('/') else {
        return;
    };
    if !name.starts_with("ruhu_test_")
        || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        eprintln!("not a test database, left: {name}");
        return;
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dropped = runtime.block_on(async {
        let mut conn = sqlx::PgConnection::connect(admin_url).await?;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
        )))
        .execute(&mut conn)
        .await
        .map(drop)
    });
    if let Err(e) = dropped {
        eprintln!("test database {name} left: {e}");
    }
}
