//! Warnings sent by other departments (医保, 应急管理…) and hotline calls: refused by the rule they
//! break, and visited by the next working day.
use super::*;

#[test]
fn external_warnings_are_refused_by_the_rule_they_break() {
    let h = comfortable_family(40);
    let good = ExternalWarning {
        department: "medical_insurance".into(),
        household_id: h.id.clone(),
        member_id: None,
        kind: ExternalKind::MedicalBill,
        amount: Some(Money::from_yuan(80_000)),
        raised_on: TODAY,
    };
    assert!(good.to_warning(&h, TODAY).is_ok());
    let refused = |change: &dyn Fn(&mut ExternalWarning)| {
        let mut w = good.clone();
        change(&mut w);
        w.to_warning(&h, TODAY).unwrap_err()
    };
    assert_eq!(
        refused(&|w| w.department = "税务".into()),
        WarningError::UnknownDepartment
    );
    assert_eq!(
        refused(&|w| w.amount = Some(Money::from_fen(-1))),
        WarningError::NegativeAmount("amount")
    );
    assert_eq!(
        refused(&|w| w.amount = Some(Money::from_yuan(200_000_000))).code(),
        "amount_too_large"
    );
    assert_eq!(refused(&|w| w.amount = None), WarningError::AmountRequired);
    assert_eq!(
        refused(&|w| w.raised_on = d(2026, 3, 11)),
        WarningError::FutureDate("raised_on")
    );
    assert_eq!(
        refused(&|w| w.member_id = Some("no-such-member".into())),
        WarningError::NotAMember
    );
    assert_eq!(
        refused(&|w| w.household_id = "another".into()).code(),
        "household_mismatch"
    );
    let err = refused(&|w| w.raised_on = d(2026, 3, 11));
    assert_eq!(err.to_string(), "raised_on: must not be after today");
}

#[test]
fn a_disaster_from_emergency_management_and_an_urgent_call_are_visited_by_the_next_working_day() {
    let h = comfortable_family(41);
    let friday = d(2026, 3, 13);
    let disaster = ExternalWarning {
        department: " 应急 ".into(),
        household_id: h.id.clone(),
        member_id: None,
        kind: ExternalKind::Disaster,
        amount: None,
        raised_on: friday,
    }
    .to_warning(&h, friday)
    .unwrap();
    assert_eq!(disaster.urgency, Urgency::Immediate);
    assert_eq!(disaster.reason, "应急推送预警：该户受灾或遭遇意外");
    let call = HotlineReport {
        line: Hotline::Assistance,
        household_id: h.id.clone(),
        received_on: friday,
        urgent: false,
    };
    let call_warning = call.to_warning(&h, friday).unwrap();
    assert_eq!(call_warning.urgency, Urgency::High);
    assert_eq!(call_warning.reason, "社会救助热线反映该户生活困难");
    let tasks = tasks_for(&[disaster, call_warning], &h, &calendar(), friday).unwrap();
    assert_eq!(tasks[0].due_on, d(2026, 3, 16));
    assert_eq!(tasks[1].due_on, d(2026, 3, 18));
    let future = HotlineReport {
        received_on: d(2026, 3, 14),
        ..call
    };
    assert_eq!(
        future.to_warning(&h, friday),
        Err(WarningError::FutureDate("received_on"))
    );
}
