//! Index tables that lists and searches read, rebuilt from a document after every change.

use automerge::AutoCommit;
use rusqlite::{Transaction, params};

use super::StoreError;
use ruhu_domain::calendar::WorkingDayCalendar;
use ruhu_domain::document::{self, DocKind, conflicts};
use ruhu_domain::policy::CountyPolicy;
use ruhu_domain::{case::Case, household::Household, names};

/// Rebuilds the index rows of one document.
pub(crate) fn reindex(
    tx: &Transaction<'_>,
    id: &str,
    kind: DocKind,
    doc: &AutoCommit,
) -> Result<(), StoreError> {
    let conflicts = conflicts::list(doc).len() as i64;
    match kind {
        DocKind::Household => {
            let h: Household = document::read(doc)?;
            photos(tx, id, kind, &h.evidence)?;
            household(tx, id, &h, conflicts)
        }
        DocKind::Case => {
            let c: ruhu_domain::case::Case = document::read(doc)?;
            photos(tx, id, kind, &c.evidence)?;
            case(tx, id, &c, conflicts)
        }
        DocKind::Policy => {
            // A new policy moves every clock: index each case again under it.
            let _: ruhu_domain::policy::CountyPolicy = document::read(doc)?;
            let ids = tx
                .prepare_cached("SELECT id FROM cases")?
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            // …and let the warning rules look at every household again.
            super::visits::forget_all_checks(tx)?;
            for case_id in ids {
                if let Some((DocKind::Case, case_doc)) = super::docs::load(tx, &case_id)? {
                    let c: Case = document::read(&case_doc)?;
                    case(tx, &case_id, &c, conflicts::list(&case_doc).len() as i64)?;
                }
            }
            Ok(())
        }
    }
}

fn photos(
    tx: &Transaction<'_>,
    id: &str,
    kind: DocKind,
    evidence: &std::collections::BTreeMap<String, ruhu_domain::photo::PhotoMeta>,
) -> Result<(), StoreError> {
    tx.prepare_cached("DELETE FROM photo_index WHERE doc_id = ?1")?
        .execute([id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO photo_index(doc_id, photo_id, doc_kind, sha256, thumb_sha256, review)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (photo_id, m) in evidence {
        let review = match m.review {
            ruhu_domain::photo::ReviewStatus::Pending => "pending",
            ruhu_domain::photo::ReviewStatus::Approved => "approved",
            ruhu_domain::photo::ReviewStatus::RetakeNeeded => "retake_needed",
        };
        insert.execute(params![
            id,
            photo_id,
            kind.code(),
            m.sha256,
            m.thumb_sha256,
            review
        ])?;
    }
    Ok(())
}

fn household(
    tx: &Transaction<'_>,
    id: &str,
    h: &Household,
    conflicts: i64,
) -> Result<(), StoreError> {
    let head = h.head();
    let a = &h.profile.address;
    tx.execute(
        "INSERT INTO households(id, head_name, head_id_masked, village_code, village_name, grid_code,
                                address, categories, member_count, conflicts, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT(id) DO UPDATE SET head_name = excluded.head_name, head_id_masked = excluded.head_id_masked,
             village_code = excluded.village_code, village_name = excluded.village_name,
             grid_code = excluded.grid_code, address = excluded.address, categories = excluded.categories,
             member_count = excluded.member_count, conflicts = excluded.conflicts, updated_at = excluded.updated_at",
        params![
            id,
            head.map(|m| m.name.as_str()).unwrap_or_default(),
            head.and_then(|m| m.id_number.as_ref()).map(|n| n.masked()).unwrap_or_default(),
            a.village_code,
            a.village_name,
            a.grid_code,
            a.detail,
            format!(",{},", h.profile.categories.codes().join(",")),
            h.present_members().count() as i64,
            conflicts,
            chrono::Utc::now().timestamp_millis(),
        ],
    )?;
    let old: Vec<i64> = {
        let mut stmt = tx.prepare_cached("SELECT rowid FROM members WHERE household_id = ?1")?;
        stmt.query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?
    };
    for rowid in old {
        tx.execute("DELETE FROM member_names WHERE rowid = ?1", [rowid])?;
    }
    tx.execute("DELETE FROM members WHERE household_id = ?1", [id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO members(household_id, member_id, name, id_suffix_rev) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut fts = tx.prepare_cached(
        "INSERT INTO member_names(rowid, chars, pinyin, initials) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (member_id, m) in &h.members {
        let suffix: String = m
            .id_number
            .as_ref()
            .map(|n| n.suffix(6).chars().rev().collect())
            .unwrap_or_default();
        insert.execute(params![id, member_id, m.name, suffix])?;
        let keys = names::name_keys(&m.name);
        fts.execute(params![
            tx.last_insert_rowid(),
            keys.chars,
            keys.pinyin,
            keys.initials
        ])?;
    }
    super::visits::reindex(tx, h)?;
    refresh_household_cases(tx, id)
}

/// The county policy this phone received, with its calendar, if any yet.
fn county_rules(
    tx: &Transaction<'_>,
    county_code: &str,
) -> Result<Option<(CountyPolicy, WorkingDayCalendar)>, StoreError> {
    let Some((DocKind::Policy, doc)) = super::docs::load(tx, &document::policy_id(county_code))?
    else {
        return Ok(None);
    };
    let policy: CountyPolicy = document::read(&doc)?;
    // A policy whose calendar years do not combine was refused by the county; never expected.
    Ok(policy.calendar().ok().map(|calendar| (policy, calendar)))
}

fn case(tx: &Transaction<'_>, id: &str, c: &Case, conflicts: i64) -> Result<(), StoreError> {
    // The county's policy once it has arrived; the example policy's clocks before.
    let state = match county_rules(tx, &c.county_code)? {
        Some((policy, calendar)) => c.replay_under(&policy, &calendar),
        None => c.replay(),
    };
    let conflicts = conflicts + state.conflicts.len() as i64;
    tx.execute(
        "INSERT INTO cases(id, household_id, village_code, grid_code, status, path, kind, opened_at, next_deadline, conflicts)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT(id) DO UPDATE SET status = excluded.status, next_deadline = excluded.next_deadline,
             conflicts = excluded.conflicts, village_code = excluded.village_code, grid_code = excluded.grid_code",
        params![
            id,
            c.household_id,
            c.village_code,
            c.grid_code,
            state.status.code(),
            enum_code(&c.path),
            enum_code(&c.kind),
            c.opened_at.timestamp_millis(),
            state.next_deadline().map(|d| d.timestamp_millis()),
            conflicts,
        ],
    )?;
    refresh_household_cases(tx, &c.household_id)
}

/// The serde code of a unit enum variant ("urgent", "emergency", …).
pub(crate) fn enum_code<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// `column` holds the code of a case status in which work remains: built from the domain's
/// [`CaseStatus::is_open`](ruhu_domain::case::CaseStatus::is_open), never pasted.
pub(crate) fn open_case_sql(column: &str) -> String {
    use ruhu_domain::case::CaseStatus;
    let done: Vec<String> = CaseStatus::ALL
        .iter()
        .filter(|s| !s.is_open())
        .map(|s| format!("'{}'", s.code()))
        .collect();
    format!("{column} NOT IN ({})", done.join(", "))
}

/// The statement that recounts a household's open cases and nearest deadline, built once.
static REFRESH_HOUSEHOLD_CASES: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "UPDATE households SET
            open_cases = (SELECT count(*) FROM cases c WHERE c.household_id = ?1 AND {}),
            next_deadline = (SELECT min(c.next_deadline) FROM cases c WHERE c.household_id = ?1)
         WHERE id = ?1",
        open_case_sql("c.status")
    )
});

fn refresh_household_cases(tx: &Transaction<'_>, household_id: &str) -> Result<(), StoreError> {
    tx.prepare_cached(&REFRESH_HOUSEHOLD_CASES)?
        .execute([household_id])?;
    // Whether it has an open case is part of what the warning rules look at.
    super::visits::forget_check(tx, household_id)
}

#[cfg(test)]
mod vocabulary_tests {
    use super::open_case_sql;

    #[test]
    fn the_open_case_condition_names_every_status_without_work_left() {
        let sql = open_case_sql("c.status");
        assert!(sql.starts_with("c.status NOT IN ("), "{sql}");
        for done in ["'closed'", "'rejected'"] {
            assert!(sql.contains(done), "{sql}");
        }
        assert!(!sql.contains("'approved'"), "{sql}");
    }
}
