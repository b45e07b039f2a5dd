//! Roles at the county's wire boundary: the protocol's device role and the domain's case role,
//! converted here and nowhere else. The matches are exhaustive, so a role added on either side
//! fails to compile until it is mapped. (A console account's role says which case role it acts
//! as: `console::auth::Role::acts_as`.)

use ruhu_domain::case::Role as CaseRole;
use ruhu_proto::v1::Role as WireRole;

/// The case role a device's protocol role stands for; `None` for a device without one.
pub fn from_wire(role: WireRole) -> Option<CaseRole> {
    match role {
        WireRole::GridWorker => Some(CaseRole::GridWorker),
        WireRole::TownshipOfficer => Some(CaseRole::TownshipOfficer),
        WireRole::Supervisor => Some(CaseRole::Supervisor),
        WireRole::Unspecified => None,
    }
}

/// The protocol role a device of this case role is enrolled with.
pub fn to_wire(role: CaseRole) -> WireRole {
    match role {
        CaseRole::GridWorker => WireRole::GridWorker,
        CaseRole::TownshipOfficer => WireRole::TownshipOfficer,
        CaseRole::Supervisor => WireRole::Supervisor,
    }
}

/// A device role as typed on the command line or posted by the console (`grid-worker`,
/// `township_officer`, …): the domain's codes, with `-` for `_`.
pub fn parse_device_role(text: &str) -> Option<WireRole> {
    CaseRole::from_code(&text.trim().replace('-', "_")).map(to_wire)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_case_role_goes_to_the_wire_and_back() {
        for role in CaseRole::ALL {
            assert_eq!(from_wire(to_wire(role)), Some(role));
        }
        assert_eq!(from_wire(WireRole::Unspecified), None);
    }

    #[test]
    fn device_roles_are_read_in_either_spelling_and_nothing_else() {
        assert_eq!(parse_device_role("grid-worker"), Some(WireRole::GridWorker));
        assert_eq!(
            parse_device_role("township_officer"),
            Some(WireRole::TownshipOfficer)
        );
        assert_eq!(
            parse_device_role(" supervisor "),
            Some(WireRole::Supervisor)
        );
        assert_eq!(parse_device_role("county_admin"), None);
        assert_eq!(parse_device_role(""), None);
    }
}
