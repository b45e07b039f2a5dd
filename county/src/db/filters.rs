//! SQL conditions that filter by scope, built once from the domain's rule
//! ([`ruhu_domain::scope::covers`]) for each engine, so that no query restates it.
//!
//! A scope travels as two parameters: its village-code prefixes and its grid codes (JSON arrays
//! for SQLite's `json_each`, `text[]` for PostgreSQL). The condition is true for a document `d`
//! when its village code starts with one of the non-empty prefixes or its grid is one of the grids.

use ruhu_domain::scope::Scope;

/// Which engine a condition is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// SQLite (`?n` parameters, lists as JSON text).
    Sqlite,
    /// PostgreSQL (`$n` parameters, lists as `text[]`).
    Postgres,
}

/// The condition that document `d` lies in the scope bound at parameters `villages` and `grids`.
pub fn in_scope(dialect: Dialect, villages: usize, grids: usize) -> String {
    match dialect {
        Dialect::Sqlite => format!(
            "(EXISTS (SELECT 1 FROM json_each(?{villages}) v WHERE v.value <> '' AND substr(d.village_code, 1, length(v.value)) = v.value) \
             OR d.grid_code IN (SELECT value FROM json_each(?{grids})))"
        ),
        Dialect::Postgres => format!(
            "(EXISTS (SELECT 1 FROM unnest(${villages}::text[]) v WHERE v <> '' AND left(d.village_code, length(v)) = v) \
             OR d.grid_code = ANY(${grids}::text[]))"
        ),
    }
}

/// As [`in_scope`], or true when the parameter at `villages` is NULL: the query is not narrowed
/// (see [`narrowing`]).
pub fn in_optional_scope(dialect: Dialect, villages: usize, grids: usize) -> String {
    let null = match dialect {
        Dialect::Sqlite => format!("?{villages} IS NULL"),
        Dialect::Postgres => format!("${villages}::text[] IS NULL"),
    };
    format!("({null} OR {})", in_scope(dialect, villages, grids))
}

/// The scope a console query must filter by, from an account's entries, or `None` when it holds
/// the whole county (every document of this store belongs to the county), so the query skips the
/// filter.
pub fn narrowing(entries: &[String]) -> Option<Scope> {
    let scope = Scope::from_entries(entries);
    (!scope.is_county_wide()).then_some(scope)
}

/// A list as SQLite's `json_each` reads it.
pub fn sqlite_list(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}

/// The two SQLite parameters of an optional scope: both NULL when not narrowed.
pub fn sqlite_optional(scope: Option<&Scope>) -> (Option<String>, Option<String>) {
    match scope {
        Some(s) => (Some(sqlite_list(&s.villages)), Some(sqlite_list(&s.grids))),
        None => (None, None),
    }
}

/// The two PostgreSQL parameters of an optional scope: both NULL when not narrowed.
pub fn postgres_optional(scope: Option<&Scope>) -> (Option<&[String]>, Option<&[String]>) {
    match scope {
        Some(s) => (Some(s.villages.as_slice()), Some(s.grids.as_slice())),
        None => (None, None),
    }
}
