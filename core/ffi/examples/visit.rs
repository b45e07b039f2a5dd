//! A terminal walk-through of a home visit on the core, as two grid workers' phones would live
//! it: register a family after a fire, search it, open an urgent case, hand it to a colleague
//! by bundle, edit offline on both phones, merge, and settle the one conflict.
//!
//! `cargo run -p ruhu-core --example visit [DIR]` — stores go to DIR (default: a temp folder).
//! Everyone in it is fictional and generated; ID numbers are built with a valid check character
//! in the unassigned county code 370599.

use std::sync::Arc;

use chrono::{Duration, NaiveDate, Utc};
use ruhu_core::RuhuStore;
use ruhu_core::enums::*;
use ruhu_core::error::ApiError;
use ruhu_core::records::*;
use ruhu_domain::id_number::IdNumber;
use ruhu_domain::member::Sex as DomainSex;

const COUNTY: &str = "370599";

fn key(n: u8) -> Vec<u8> {
    // A real app takes this from the Android Keystore / iOS Keychain.
    (0..32).map(|i| i ^ n).collect()
}

fn id_number(birth: &str, seq: u16, sex: DomainSex) -> Option<String> {
    let birth = NaiveDate::parse_from_str(birth, "%Y-%m-%d").ok()?;
    IdNumber::compose(COUNTY, birth, seq, sex).map(|n| n.as_str().to_string())
}

fn member(name: &str, relation: Relation, sex: Sex, birth: &str, seq: u16) -> MemberInput {
    let domain_sex = if sex == Sex::Male {
        DomainSex::Male
    } else {
        DomainSex::Female
    };
    MemberInput {
        id_number: id_number(birth, seq, domain_sex),
        education: Education::JuniorMiddle,
        ..MemberInput::basic(name, relation, sex, birth)
    }
}

fn yuan(fen: i64) -> String {
    format!("{}.{:02} 元", fen / 100, fen % 100)
}

fn phone(
    dir: &std::path::Path,
    file: &str,
    n: u8,
    worker: &str,
    name: &str,
) -> Result<Arc<RuhuStore>, ApiError> {
    let store = RuhuStore::open(dir.join(file).to_string_lossy().into(), key(n))?;
    store.set_worker(WorkerProfile {
        county_code: COUNTY.into(),
        worker_id: worker.into(),
        display_name: name.into(),
    })?;
    Ok(store)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let temp = tempfile::tempdir()?;
    let dir = std::env::args()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| temp.path().to_path_buf());
    std::fs::create_dir_all(&dir)?;
    println!(
        "== 入户 Ruhu: a home visit on the core (stores in {}) ==\n",
        dir.display()
    );

    let li = phone(&dir, "li.db", 1, "w-li", "李网格员")?;
    let wang = phone(&dir, "wang.db", 2, "w-wang", "王协理员")?;

    println!(
        "1. 李网格员 registers the 赵 family after a kitchen fire (offline, encrypted on the phone)."
    );
    let profile = HouseholdProfile {
        county_code: COUNTY.into(),
        township_code: "370599101".into(),
        village_code: "370599101201".into(),
        village_name: "前进村".into(),
        grid_code: "G01-1".into(),
        address_detail: "3组17号".into(),
        contact_phone: "13800001234".into(),
        location: Some(GeoPoint {
            lat: 37.4512,
            lon: 118.5821,
            accuracy_m: 8.0,
        }),
        housing: Housing::DisasterDamaged,
        categories: HardshipCategories {
            low_income: true,
            ..HardshipCategories::default()
        },
        already_assisted: false,
        poverty_registered: false,
        staff_relative: false,
    };
    let family = vec![
        member("赵德明", Relation::Head, Sex::Male, "1968-04-12", 31),
        member("孙桂兰", Relation::Spouse, Sex::Female, "1970-09-03", 42),
        member("赵小雨", Relation::Child, Sex::Female, "2012-06-20", 8),
    ];
    let household = li.create_household(profile, family)?;
    li.set_economics(
        household.clone(),
        EconomicsInput {
            wage_fen: 2_400_000,
            farming_fen: 600_000,
            medical_fen: 1_500_000,
            ..EconomicsInput::default()
        },
    )?;
    let detail = li.household(household.clone())?;
    println!(
        "   {} people; yearly income {}; 人均月收入 {}",
        detail.members.len(),
        yuan(detail.economics_summary.total_income_fen),
        yuan(detail.economics_summary.per_capita_monthly_income_fen)
    );

    println!("\n2. A bad ID number is refused with a reason the worker can act on:");
    let mut typo = member("赵小雨", Relation::Child, Sex::Female, "2012-06-20", 8);
    if let Some(n) = typo.id_number.as_mut() {
        let last = if n.ends_with('1') { '2' } else { '1' };
        n.pop();
        n.push(last);
    }
    match li.add_member(household.clone(), typo) {
        Err(ApiError::InvalidInput { problems }) => {
            for p in problems {
                println!("   {} → {}", p.field, p.reason);
            }
        }
        other => println!("   unexpected: {other:?}"),
    }

    println!(
        "\n3. Searching the phone: \"zdm\", \"zhaodeming\", \"德明\" and the ID's last digits."
    );
    let suffix = detail.members[0].id_masked.clone().unwrap_or_default();
    for text in ["zdm", "zhaodeming", "德明", &suffix[suffix.len() - 4..]] {
        let hits = li.search_households(HouseholdQuery {
            text: text.into(),
            limit: 10,
            ..HouseholdQuery::default()
        })?;
        for h in hits {
            println!(
                "   {text:<12} → {} {} {}{}",
                h.head_name, h.head_id_masked, h.village_name, h.address
            );
        }
    }

    println!("\n4. An urgent case: 先行救助 due within 24 hours.");
    let case = li.create_case(CaseInput {
        household_id: household.clone(),
        origin: CaseOrigin::Discovery,
        kind: AssistanceKind::Emergency,
        path: CasePath::Urgent,
        opened_at_ms: None,
        emergency: Some(EmergencyInput {
            kind: EmergencyKind::Fire,
            occurred_at_ms: (Utc::now() - Duration::hours(3)).timestamp_millis(),
            description: "厨房电线老化起火，烧毁厨房和一间卧室".into(),
            losses_fen: 4_500_000,
            expected_costs_fen: 1_200_000,
        }),
    })?;
    li.append_case_event(
        case.clone(),
        CaseEventInput {
            kind: CaseEventKind::Accepted,
            note: "首问受理".into(),
            amount_fen: None,
            department: None,
            ..CaseEventInput::new(CaseEventKind::Accepted)
        },
    )?;
    let c = li.case_detail(case.clone())?;
    let due = c
        .next_deadline_ms
        .map(|ms| (ms - Utc::now().timestamp_millis()) / 60_000)
        .unwrap_or_default();
    println!(
        "   status {:?}, owner {:?}, 先行救助 due in {} h {} min",
        c.status,
        c.owner,
        due / 60,
        due % 60
    );

    println!("\n5. The case goes to 王协理员's phone by bundle (no server, no signal).");
    let bundle = li.export_bundle(vec![case.clone()])?;
    let report = wang.import_bundle(bundle)?;
    println!(
        "   {} bytes; {} documents new on 王's phone",
        li.export_bundle(vec![case.clone()])?.len(),
        report.created
    );

    println!(
        "\n6. Both edit offline: 李 corrects the wage and the phone, 王 pays 先行救助 and types another wage."
    );
    let mut e = li.household(household.clone())?.economics;
    e.wage_fen = 1_800_000;
    li.set_economics(household.clone(), e.clone())?;
    let mut p = li.household(household.clone())?.profile;
    p.contact_phone = "13900005678".into();
    li.update_household(household.clone(), p)?;
    e.wage_fen = 2_000_000;
    wang.set_economics(household.clone(), e)?;
    wang.append_case_event(
        case.clone(),
        CaseEventInput {
            kind: CaseEventKind::AdvanceAid,
            note: "现金先行救助".into(),
            amount_fen: Some(200_000),
            department: None,
            ..CaseEventInput::new(CaseEventKind::AdvanceAid)
        },
    )?;

    println!("\n7. They meet and exchange bundles both ways.");
    let to_wang = li.export_bundle(vec![case.clone()])?;
    let to_li = wang.export_bundle(vec![case.clone()])?;
    let a = wang.import_bundle(to_wang)?;
    let b = li.import_bundle(to_li)?;
    println!(
        "   王: {} updated, {} new conflict(s); 李: {} updated, {} new conflict(s)",
        a.updated, a.new_conflicts, b.updated, b.new_conflicts
    );
    let c = li.case_detail(case.clone())?;
    println!(
        "   case on 李's phone: paid {}, next deadline {:?}",
        yuan(c.total_paid_fen),
        c.next_deadline_ms
    );
    println!(
        "   phone on 王's phone: {}",
        wang.household(household.clone())?.profile.contact_phone
    );

    println!(
        "\n8. The conflict is shown, not hidden; 李 settles it with the figure on the pay slip."
    );
    for conflict in li.conflicts(None)? {
        let shown: Vec<String> = conflict.values.iter().map(|v| v.display.clone()).collect();
        println!(
            "   {} ({}): {}",
            conflict.label,
            conflict.path,
            shown.join(" | ")
        );
        if let Some(choice) = conflict.values.iter().find(|v| v.value_json == "2000000") {
            li.settle_conflict(
                conflict.document_id.clone(),
                conflict.path.clone(),
                choice.value_json.clone(),
            )?;
        }
    }
    wang.import_bundle(li.export_bundle(vec![household.clone()])?)?;
    println!(
        "   after settling: 李 {} conflicts, 王 {} conflicts, wage {}",
        li.conflicts(None)?.len(),
        wang.conflicts(None)?.len(),
        yuan(wang.household(household)?.economics.wage_fen)
    );
    println!("\nDone. Both phones hold the same family, case and choice; nothing typed was lost.");
    Ok(())
}
