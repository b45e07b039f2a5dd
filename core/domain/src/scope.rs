//! Scope: which places a device or an account may see and change — village-code prefixes and
//! grid codes. The one rule the phone, the county's sync and its console (and their SQL) follow.

/// Village-code prefixes and grid codes granted to a device or an account.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// Village-code prefixes: a county's 6 digits, a township's 9 or a village's 12 cover every
    /// village they start. An empty prefix covers nothing.
    pub villages: Vec<String>,
    /// Grid codes, each covering only itself.
    pub grids: Vec<String>,
}

impl Scope {
    /// A scope from one list mixing both (as a console account stores it): an entry of digits is
    /// a village-code prefix, any other a grid code. Empty entries are dropped.
    pub fn from_entries(entries: &[String]) -> Scope {
        let (villages, grids) = entries
            .iter()
            .filter(|e| !e.is_empty())
            .cloned()
            .partition(|e| is_village_prefix(e));
        Scope { villages, grids }
    }

    /// Whether a place (village code and grid code) lies in the scope.
    pub fn covers(&self, village_code: &str, grid_code: &str) -> bool {
        covers(&self.villages, &self.grids, village_code, grid_code)
    }

    /// Whether the scope holds a whole county (a 6-digit prefix), so that within one county's
    /// records it covers everything.
    pub fn is_county_wide(&self) -> bool {
        self.villages.iter().any(|p| p.len() == COUNTY_CODE_LEN)
    }
}

/// Digits in a county code, the shortest village-code prefix.
pub const COUNTY_CODE_LEN: usize = 6;

/// Whether a scope entry is a village-code prefix (digits only) rather than a grid code.
pub fn is_village_prefix(entry: &str) -> bool {
    !entry.is_empty() && entry.bytes().all(|b| b.is_ascii_digit())
}

/// The scope rule on borrowed lists: a place is covered when its village code starts with one
/// of the non-empty `villages` prefixes or its grid code is one of `grids`.
pub fn covers(villages: &[String], grids: &[String], village_code: &str, grid_code: &str) -> bool {
    villages
        .iter()
        .any(|p| !p.is_empty() && village_code.starts_with(p.as_str()))
        || grids.iter().any(|g| g == grid_code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_village_prefix_covers_its_villages_and_a_grid_only_itself() {
        let s = Scope {
            villages: vec!["370599101".into()],
            grids: vec!["G02-1".into()],
        };
        assert!(s.covers("370599101201", "G09-9"));
        assert!(s.covers("370599102201", "G02-1"));
        assert!(!s.covers("370599102201", "G01-1"));
    }

    #[test]
    fn an_empty_prefix_or_an_empty_scope_covers_nothing() {
        let s = Scope {
            villages: vec![String::new()],
            grids: vec![],
        };
        assert!(!s.covers("370599101201", "G01-1"));
        assert!(!Scope::default().covers("370599101201", "G01-1"));
    }

    #[test]
    fn mixed_entries_split_into_village_prefixes_and_grids() {
        let s = Scope::from_entries(&["370599101".into(), "G07-2".into(), String::new()]);
        assert_eq!(s.villages, ["370599101"]);
        assert_eq!(s.grids, ["G07-2"]);
        assert!(!s.is_county_wide());
        assert!(Scope::from_entries(&["370599".into()]).is_county_wide());
    }
}
