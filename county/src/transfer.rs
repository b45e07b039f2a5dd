//! Bulk work from the command line, with progress: importing a county's existing 低保/特困
//! roster (.xlsx) as households, all or nothing, and exporting the cases as .xlsx.

use chrono::Utc;

use crate::actor::county_actor;
use crate::db::Access;
use crate::edit::county_create;
use crate::state::County;
use crate::xlsx;

/// Called with a stage's name, the work done and the work in all.
pub type Progress<'a> = &'a mut dyn FnMut(&str, usize, usize);

/// Imports a roster: every row is checked first and every problem reported at once; only a
/// roster without problems is stored, in one transaction. Returns the households imported.
pub fn import_roster(
    county: &County,
    bytes: &[u8],
    progress: Progress<'_>,
) -> Result<usize, String> {
    let code = county.county_code().to_string();
    let today = Utc::now()
        .with_timezone(&ruhu_domain::calendar::CHINA_TIME)
        .date_naive();
    let rows = xlsx::roster::read_roster(bytes, &code, today, &mut |done, all| {
        progress("检查", done, all)
    })
    .map_err(|e| e.to_string())?;
    let now = Utc::now();
    let households: Vec<_> = rows
        .iter()
        .map(|r| xlsx::roster::roster_household(r, &code, "roster-import", now))
        .collect();
    let total = households.len();
    county
        .transaction(Access::Appends, |tx, code| {
            let actor = county_actor(tx)?;
            for (i, h) in households.iter().enumerate() {
                county_create(tx, code, &h.id, h, &actor)?;
                progress("导入", i + 1, total);
            }
            Ok(())
        })
        .map_err(|e| e.message)?;
    Ok(total)
}

/// Writes every case of the county (or of a village or township prefix) as .xlsx, ID numbers
/// masked. Returns the cases written.
pub fn export_cases(
    county: &County,
    village: Option<&str>,
    progress: Progress<'_>,
) -> Result<(Vec<u8>, usize), String> {
    let scope = vec![county.county_code().to_string()];
    let village = village.map(String::from);
    let cases = county
        .transaction(Access::Snapshot, move |tx, code| {
            let statuses = ruhu_domain::case::CaseStatus::ALL.map(|s| s.code());
            crate::console::exports::gather(tx, code, &scope, village.as_deref(), &statuses)
        })
        .map_err(|e| e.message)?;
    let now = Utc::now();
    let total = cases.len();
    let rows: Vec<_> = cases
        .iter()
        .enumerate()
        .map(|(i, (h, c, st))| {
            progress("整理", i + 1, total);
            xlsx::cases::case_export_row(h, c, st, now)
        })
        .collect();
    let bytes = xlsx::cases::cases_xlsx(&rows).map_err(|e| e.to_string())?;
    Ok((bytes, total))
}
