//! Lists and searches for screens: by village, grid, category, open case, overdue; by name
//! substring, pinyin (full or initials) and the last digits of an ID number.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, ToSql};

use super::{Store, StoreError};

/// What the household list shows and filters by. Empty fields do not filter.
#[derive(Clone, Debug, Default)]
pub struct HouseholdFilter {
    /// Name (汉字 substring), pinyin ("zs", "zhangsan") or the last 1–6 characters of an ID.
    pub query: String,
    /// 村(社区)代码.
    pub village_code: Option<String>,
    /// 网格.
    pub grid_code: Option<String>,
    /// A hardship category code (dibao, tekun, …).
    pub category: Option<String>,
    /// Only households with an open case.
    pub open_case_only: bool,
    /// Only households with a case past its deadline.
    pub overdue_only: bool,
    /// Page size (0: 50; capped at 200).
    pub limit: u32,
    /// Rows to skip.
    pub offset: u32,
}

/// One household in a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HouseholdRow {
    /// Document id.
    pub id: String,
    /// 户主 name.
    pub head_name: String,
    /// 户主 ID number, masked.
    pub head_id_masked: String,
    /// Village name.
    pub village_name: String,
    /// Grid.
    pub grid_code: String,
    /// 门牌.
    pub address: String,
    /// Category codes.
    pub categories: Vec<String>,
    /// People in the household.
    pub member_count: u32,
    /// Open cases.
    pub open_cases: u32,
    /// Nearest case deadline.
    pub next_deadline: Option<DateTime<Utc>>,
    /// Fields with unsettled conflicts.
    pub conflicts: u32,
}

/// What the case list filters by.
#[derive(Clone, Debug, Default)]
pub struct CaseFilter {
    /// Cases of one household.
    pub household_id: Option<String>,
    /// Only open cases.
    pub open_only: bool,
    /// Only cases past their deadline.
    pub overdue_only: bool,
    /// Page size (0: 50; capped at 200).
    pub limit: u32,
}

/// One case in a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseRow {
    /// Document id.
    pub id: String,
    /// Household.
    pub household_id: String,
    /// Status code.
    pub status: String,
    /// Path code (normal, urgent, critical).
    pub path: String,
    /// Kind code (emergency, expenditure).
    pub kind: String,
    /// When received.
    pub opened_at: DateTime<Utc>,
    /// Running deadline.
    pub next_deadline: Option<DateTime<Utc>>,
    /// Conflicts (fields and events).
    pub conflicts: u32,
}

/// How a search text is matched.
#[derive(Debug, PartialEq, Eq)]
enum Matcher {
    All,
    /// FTS5 expression.
    Names(String),
    /// Reversed ID suffix, for a prefix range on the index.
    IdSuffix(String),
}

fn matcher(query: &str) -> Matcher {
    let q: String = query.chars().filter(|c| !c.is_whitespace()).collect();
    if q.is_empty() {
        return Matcher::All;
    }
    let idlike = q
        .chars()
        .all(|c| c.is_ascii_digit() || c == 'x' || c == 'X');
    if idlike && q.chars().any(|c| c.is_ascii_digit()) {
        let tail: String = q.to_ascii_uppercase().chars().rev().take(6).collect();
        return Matcher::IdSuffix(tail);
    }
    if q.chars().all(|c| c.is_ascii_alphabetic()) {
        return Matcher::Names(format!("{{pinyin initials}} : {}*", q.to_ascii_lowercase()));
    }
    let chars: Vec<String> = q
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| c.to_string())
        .collect();
    if chars.is_empty() {
        return Matcher::All;
    }
    Matcher::Names(format!("chars : \"{}\"", chars.join(" ")))
}

/// Rows per page: 0 asks for the default of 50; at most 200.
fn page_size(limit: u32) -> i64 {
    match limit {
        0 => 50,
        n => i64::from(n.min(200)),
    }
}

fn millis(v: Option<i64>) -> Option<DateTime<Utc>> {
    v.and_then(DateTime::from_timestamp_millis)
}

impl Store {
    /// Households matching `f`, most recently changed first (search results in index order).
    pub fn households(
        &self,
        f: &HouseholdFilter,
        now: DateTime<Utc>,
    ) -> Result<Vec<HouseholdRow>, StoreError> {
        self.read(|c| households(c, f, now))
    }

    /// Cases matching `f`, nearest deadline first, then newest.
    pub fn cases(&self, f: &CaseFilter, now: DateTime<Utc>) -> Result<Vec<CaseRow>, StoreError> {
        self.read(|c| cases(c, f, now))
    }
}

fn households(
    c: &Connection,
    f: &HouseholdFilter,
    now: DateTime<Utc>,
) -> Result<Vec<HouseholdRow>, StoreError> {
    let mut sql = String::from(
        "SELECT h.id, h.head_name, h.head_id_masked, h.village_name, h.grid_code, h.address, h.categories,
                h.member_count, h.open_cases, h.next_deadline, h.conflicts FROM households h",
    );
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    let mut conds: Vec<String> = Vec::new();
    let matcher = matcher(&f.query);
    match &matcher {
        Matcher::All => {}
        Matcher::Names(expr) => {
            conds.push(
                "h.id IN (SELECT m.household_id FROM member_names n JOIN members m ON m.rowid = n.rowid
                          WHERE member_names MATCH ? LIMIT 2000)"
                    .into(),
            );
            args.push(Box::new(expr.clone()));
        }
        Matcher::IdSuffix(rev) => {
            conds.push("h.id IN (SELECT household_id FROM members WHERE id_suffix_rev >= ? AND id_suffix_rev < ?)".into());
            args.push(Box::new(rev.clone()));
            args.push(Box::new(format!("{rev}\u{10FFFF}")));
        }
    }
    if let Some(v) = &f.village_code {
        conds.push("h.village_code = ?".into());
        args.push(Box::new(v.clone()));
    }
    if let Some(g) = &f.grid_code {
        conds.push("h.grid_code = ?".into());
        args.push(Box::new(g.clone()));
    }
    if let Some(cat) = &f.category {
        conds.push("instr(h.categories, ?) > 0".into());
        args.push(Box::new(format!(",{cat},")));
    }
    if f.open_case_only {
        conds.push("h.open_cases > 0".into());
    }
    if f.overdue_only {
        conds.push("h.next_deadline IS NOT NULL AND h.next_deadline < ?".into());
        args.push(Box::new(now.timestamp_millis()));
    }
    if !conds.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&conds.join(" AND "));
    }
    if matcher == Matcher::All {
        sql.push_str(" ORDER BY h.updated_at DESC");
    }
    sql.push_str(" LIMIT ? OFFSET ?");
    args.push(Box::new(page_size(f.limit)));
    args.push(Box::new(i64::from(f.offset)));
    let mut stmt = c.prepare_cached(&sql)?;
    let params: Vec<&dyn ToSql> = args.iter().map(|a| a.as_ref()).collect();
    let rows = stmt.query_map(params.as_slice(), |r| {
        let cats: String = r.get(6)?;
        Ok(HouseholdRow {
            id: r.get(0)?,
            head_name: r.get(1)?,
            head_id_masked: r.get(2)?,
            village_name: r.get(3)?,
            grid_code: r.get(4)?,
            address: r.get(5)?,
            categories: cats
                .split(',')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            member_count: r.get(7)?,
            open_cases: r.get(8)?,
            next_deadline: millis(r.get(9)?),
            conflicts: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn cases(c: &Connection, f: &CaseFilter, now: DateTime<Utc>) -> Result<Vec<CaseRow>, StoreError> {
    let mut sql = String::from(
        "SELECT id, household_id, status, path, kind, opened_at, next_deadline, conflicts FROM cases WHERE 1 = 1",
    );
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    if let Some(h) = &f.household_id {
        sql.push_str(" AND household_id = ?");
        args.push(Box::new(h.clone()));
    }
    if f.open_only {
        sql.push_str(" AND ");
        sql.push_str(&crate::index::open_case_sql("status"));
    }
    if f.overdue_only {
        sql.push_str(" AND next_deadline IS NOT NULL AND next_deadline < ?");
        args.push(Box::new(now.timestamp_millis()));
    }
    sql.push_str(" ORDER BY next_deadline IS NULL, next_deadline, opened_at DESC LIMIT ?");
    args.push(Box::new(page_size(f.limit)));
    let mut stmt = c.prepare_cached(&sql)?;
    let params: Vec<&dyn ToSql> = args.iter().map(|a| a.as_ref()).collect();
    let rows = stmt.query_map(params.as_slice(), |r| {
        Ok(CaseRow {
            id: r.get(0)?,
            household_id: r.get(1)?,
            status: r.get(2)?,
            path: r.get(3)?,
            kind: r.get(4)?,
            opened_at: millis(r.get(5)?).unwrap_or_default(),
            next_deadline: millis(r.get(6)?),
            conflicts: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

impl Store {
    /// The places (village code, village name, grid code) of the households this phone holds,
    /// in code order: what a form offers to choose from.
    pub fn places(&self) -> Result<Vec<(String, String, String)>, StoreError> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT village_code, max(village_name), grid_code FROM households
                 GROUP BY village_code, grid_code ORDER BY village_code, grid_code",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Every household this phone holds with its grid and whether it has an open case, for the
    /// warning rules.
    pub fn household_grids(&self) -> Result<Vec<(String, String, bool)>, StoreError> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id, grid_code, open_cases > 0 FROM households ORDER BY id",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_routed_by_what_they_look_like() {
        assert_eq!(matcher("  "), Matcher::All);
        assert_eq!(matcher("123x"), Matcher::IdSuffix("X321".into()));
        assert_eq!(
            matcher("ZS"),
            Matcher::Names("{pinyin initials} : zs*".into())
        );
        assert_eq!(matcher("张 三"), Matcher::Names("chars : \"张 三\"".into()));
        // Quotes and operators never reach FTS5 as syntax.
        assert_eq!(
            matcher("张\"OR*"),
            Matcher::Names("chars : \"张 O R\"".into())
        );
    }
}
