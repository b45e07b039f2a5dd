//! The one check of a household or case document received from outside (a phone's sync at the
//! county, a handover bundle on a phone), treating it as if an attacker wrote it: read with the
//! [`limits`](super::limits), validated as the form validates it, ids well-formed and equal to
//! the document id, the address inside one 12-digit village of its county, members never
//! removed, evidence hashes well-formed. Problems name field paths and say in Chinese what is
//! wrong, never the value.

use automerge::{AutoCommit, ChangeHash, ROOT, ReadDoc, Value as AmValue};
use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::{DocError, read};
use crate::case::Case;
use crate::household::Household;
use crate::photo::PhotoMeta;
use crate::validation::{Problems, ValidationError, check_text, is_record_id, is_sha256_hex};

/// How far ahead of the checking clock a device's clock may run (phones in the field keep
/// their own time; a form time later than this is refused).
pub const CLOCK_SKEW: Duration = Duration::hours(48);

/// The most problems one refusal lists; the rest are counted.
pub const MAX_PROBLEMS_LISTED: usize = 10;

/// Why a received document was refused.
#[derive(Debug, thiserror::Error)]
pub enum InboundError {
    /// It does not read (a limit broken, a value of the wrong type, another kind).
    #[error(transparent)]
    Doc(#[from] DocError),
    /// It reads but does not validate: field paths and what to fix, never the values.
    #[error("{}", listed(.0))]
    Invalid(ValidationError),
}

fn listed(e: &ValidationError) -> String {
    let shown: Vec<String> =
        e.0.iter()
            .take(MAX_PROBLEMS_LISTED)
            .map(|p| format!("{}: {}", p.field, p.reason))
            .collect();
    let more = e.0.len().saturating_sub(MAX_PROBLEMS_LISTED);
    if more > 0 {
        format!("{}；另有{more}处问题", shown.join("; "))
    } else {
        shown.join("; ")
    }
}

/// The date in China (UTC+8) at `now`, which bounds birth dates.
fn china_date(now: DateTime<Utc>) -> NaiveDate {
    (now + Duration::hours(8)).date_naive()
}

/// Reads and checks a household document `doc_id`. `before` are the heads of the version
/// already accepted (empty for a new document): no member it held may be gone. `now` is the
/// checking clock; dates may run [`CLOCK_SKEW`] ahead of it.
pub fn household(
    doc: &AutoCommit,
    doc_id: &str,
    before: &[ChangeHash],
    now: DateTime<Utc>,
) -> Result<Household, InboundError> {
    let h: Household = read(doc)?;
    let mut p = Problems::new("");
    check_id(&mut p, "id", &h.id, doc_id);
    if let Err(e) = h.validate(china_date(now + CLOCK_SKEW)) {
        p.extend_from(e);
    }
    check_keys(&mut p, "members", h.members.keys());
    check_keys(&mut p, "supporters", h.supporters.keys());
    check_evidence(&mut p, &h.evidence);
    if !before.is_empty() {
        let gone = members_at(doc, before)
            .into_iter()
            .filter(|id| !h.members.contains_key(id))
            .count();
        p.check(
            gone > 0,
            "members",
            "成员不能删除：迁出或去世的成员请标记为迁出或死亡",
        );
    }
    p.finish().map_err(InboundError::Invalid)?;
    Ok(h)
}

/// Reads and checks a case document `doc_id`; `now` as for [`household`]. Whether its
/// household exists and lies in scope, and whether its events may be taken, is for the caller.
pub fn case(doc: &AutoCommit, doc_id: &str, now: DateTime<Utc>) -> Result<Case, InboundError> {
    let c: Case = read(doc)?;
    let mut p = Problems::new("");
    check_id(&mut p, "id", &c.id, doc_id);
    p.check(
        !is_record_id(&c.household_id),
        "household_id",
        "户的编号格式不对",
    );
    p.check(
        !digits(&c.county_code, 6),
        "county_code",
        "县级代码应为6位数字",
    );
    p.check(
        !digits(&c.village_code, 12) || !c.village_code.starts_with(&c.county_code),
        "village_code",
        "村(社区)代码应为12位数字，并属于本县",
    );
    check_text(&mut p, "grid_code", &c.grid_code, true, 40);
    if let Err(e) = c.validate(now + CLOCK_SKEW) {
        p.extend_from(e);
    }
    check_evidence(&mut p, &c.evidence);
    p.finish().map_err(InboundError::Invalid)?;
    Ok(c)
}

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

fn check_id(p: &mut Problems, field: &str, id: &str, doc_id: &str) {
    if !is_record_id(doc_id) {
        p.add(field, "记录编号格式不对");
    } else if id != doc_id {
        p.add(field, "记录内的编号与记录编号不一致");
    }
}

fn check_keys<'a>(p: &mut Problems, field: &str, keys: impl Iterator<Item = &'a String>) {
    // The path names the collection only: a malformed key is not repeated.
    p.check(
        keys.into_iter().any(|k| !is_record_id(k)),
        field,
        "编号格式不对",
    );
}

fn check_evidence(p: &mut Problems, evidence: &std::collections::BTreeMap<String, PhotoMeta>) {
    check_keys(p, "evidence", evidence.keys());
    for (id, m) in evidence.iter().filter(|(id, _)| is_record_id(id)) {
        let field = |f: &str| format!("evidence.{id}.{f}");
        p.check(
            !is_sha256_hex(&m.sha256),
            &field("sha256"),
            "照片校验值应为64位小写十六进制",
        );
        p.check(
            !is_sha256_hex(&m.thumb_sha256),
            &field("thumb_sha256"),
            "缩略图校验值应为64位小写十六进制",
        );
        check_text(p, &field("caption"), &m.caption, false, 200);
        check_text(p, &field("review_reason"), &m.review_reason, false, 200);
        p.check(
            !m.retake_of.is_empty() && (m.retake_of == *id || !evidence.contains_key(&m.retake_of)),
            &field("retake_of"),
            "重拍的照片应指向本记录中另一张照片",
        );
        if let Some(reason) = m.location.and_then(|g| g.problem()) {
            p.add(&field("location"), reason);
        }
    }
}

/// Member ids of the version at `heads` (bounded: that version passed these checks).
fn members_at(doc: &AutoCommit, heads: &[ChangeHash]) -> Vec<String> {
    match doc.get_at(ROOT, "members", heads) {
        Ok(Some((AmValue::Object(_), id))) => doc.keys_at(&id, heads).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
#[path = "inbound_tests.rs"]
mod tests;
