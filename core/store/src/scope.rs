//! What the county gave this device to see and change (set at enrollment): village-code
//! prefixes and grid codes. Checked before a record is written or a bundle is imported.

use super::{Store, StoreError};

/// The device's scope, as the county granted it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// Village-code prefixes (a township or county code covers every village it starts).
    pub villages: Vec<String>,
    /// Grid codes.
    pub grids: Vec<String>,
}

impl Scope {
    /// Whether an address lies in the scope. A device not enrolled yet has no scope and
    /// covers everything (the county checks at the first sync).
    pub fn covers(&self, village_code: &str, grid_code: &str) -> bool {
        if self.villages.is_empty() && self.grids.is_empty() {
            return true;
        }
        ruhu_domain::scope::covers(&self.villages, &self.grids, village_code, grid_code)
    }
}

const VILLAGES: &str = "scope_villages";
const GRIDS: &str = "scope_grids";

impl Store {
    /// Keeps the scope the county granted at enrollment.
    pub fn set_scope(&self, scope: &Scope) -> Result<(), StoreError> {
        self.set_setting(VILLAGES, &scope.villages.join(","))?;
        self.set_setting(GRIDS, &scope.grids.join(","))
    }

    /// The scope the county granted at enrollment (empty before).
    pub fn scope(&self) -> Result<Scope, StoreError> {
        let list = |key: &str| -> Result<Vec<String>, StoreError> {
            Ok(self
                .setting(key)?
                .unwrap_or_default()
                .split(',')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect())
        };
        Ok(Scope {
            villages: list(VILLAGES)?,
            grids: list(GRIDS)?,
        })
    }
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
        assert!(Scope::default().covers("370599102201", "G01-1"));
    }
}
