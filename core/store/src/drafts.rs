//! Drafts: what a worker has typed into a form and not yet saved as a record, kept field by
//! field in the encrypted store as it is typed, so that a form left by a killed app, a reboot or
//! an incoming call opens again exactly as it was. A draft is free text; it becomes a record
//! only through the form's own validation.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use ruhu_domain::validation::{FieldProblem, ValidationError};

use crate::{Store, StoreError};

/// The longest form key, field path and value accepted (characters).
pub const MAX_KEY: usize = 200;
/// The longest value of one field (characters): a long 事项经过 fits, a pasted book does not.
pub const MAX_VALUE: usize = 20_000;
/// The most fields one draft keeps.
pub const MAX_FIELDS: usize = 1_000;
/// The most drafts a phone keeps at once.
pub const MAX_DRAFTS: usize = 500;

/// A draft as the list of unfinished forms shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftSummary {
    /// The form's key, as the app named it (e.g. `household/new/<uuid>`).
    pub form: String,
    /// Fields typed so far.
    pub fields: u32,
    /// Last keystroke kept.
    pub updated_at: DateTime<Utc>,
}

fn refused(field: &str, reason: &str) -> StoreError {
    StoreError::Invalid(ValidationError(vec![FieldProblem {
        field: field.to_string(),
        reason: reason.to_string(),
    }]))
}

fn check_key(field: &str, text: &str) -> Result<(), StoreError> {
    if text.trim().is_empty() {
        return Err(refused(field, "不能为空"));
    }
    if text.chars().count() > MAX_KEY || text.chars().any(char::is_control) {
        return Err(refused(field, "名称无效"));
    }
    Ok(())
}

impl Store {
    /// Keeps one field of a draft as typed (an empty value is kept too: the worker cleared it).
    pub fn save_draft_field(
        &self,
        form: &str,
        field: &str,
        value: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        check_key("form", form)?;
        check_key("field", field)?;
        if value.chars().count() > MAX_VALUE {
            return Err(refused(field, "内容过长"));
        }
        self.write(|tx| {
            let exists: Option<i64> = tx
                .query_row(
                    "SELECT 1 FROM drafts WHERE form = ?1 AND field = ?2",
                    params![form, field],
                    |r| r.get(0),
                )
                .optional()?;
            if exists.is_none() {
                let (fields, forms): (i64, i64) = tx.query_row(
                    "SELECT (SELECT count(*) FROM drafts WHERE form = ?1),
                            (SELECT count(DISTINCT form) FROM drafts)",
                    params![form],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                if fields as usize >= MAX_FIELDS {
                    return Err(refused("form", "草稿字段过多"));
                }
                if fields == 0 && forms as usize >= MAX_DRAFTS {
                    return Err(refused("form", "未完成的草稿过多，请先完成或删除一些"));
                }
            }
            tx.execute(
                "INSERT INTO drafts(form, field, value, updated_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(form, field) DO UPDATE SET value = excluded.value,
                                                        updated_at = excluded.updated_at",
                params![form, field, value, now.timestamp_millis()],
            )?;
            Ok(())
        })
    }

    /// Every field of a draft, by field path (empty when there is no such draft).
    pub fn draft(&self, form: &str) -> Result<Vec<(String, String)>, StoreError> {
        self.read(|c| {
            let mut stmt =
                c.prepare_cached("SELECT field, value FROM drafts WHERE form = ?1 ORDER BY field")?;
            let rows = stmt
                .query_map([form], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            Ok(rows)
        })
    }

    /// Forgets a draft (the form was saved, or the worker threw it away).
    pub fn discard_draft(&self, form: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute("DELETE FROM drafts WHERE form = ?1", [form])?;
            Ok(())
        })
    }

    /// The drafts kept, the most recently typed first.
    pub fn drafts(&self) -> Result<Vec<DraftSummary>, StoreError> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT form, count(*), max(updated_at) FROM drafts GROUP BY form
                 ORDER BY max(updated_at) DESC, form",
            )?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, i64>(2)?,
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows
                .into_iter()
                .map(|(form, fields, at)| DraftSummary {
                    form,
                    fields: fields as u32,
                    updated_at: DateTime::from_timestamp_millis(at).unwrap_or_default(),
                })
                .collect())
        })
    }
}
