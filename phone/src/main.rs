//! `ruhu-phone`: the phone's engine behind a terminal instead of a screen, for support staff,
//! scripted walk-throughs and end-to-end tests. Same encrypted store and the same engine the
//! apps reach through their facade.

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use ruhu_domain::household::{Address, Household, HouseholdProfile};
use ruhu_domain::id_number::IdNumber;
use ruhu_domain::member::{
    Education, Health, MaritalStatus, Member, MemberStatus, Relation, SchoolStage, Sex, WorkStatus,
};
use ruhu_domain::money::Money;
use ruhu_domain::photo::PhotoKind;
use ruhu_engine::photos::{NewPhoto, PhotoTarget};
use ruhu_engine::{EngineError, Phone, today};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "ruhu-phone", version, about = "A headless Ruhu phone")]
struct Cli {
    /// The phone's store file.
    #[arg(long, default_value = "phone.db")]
    store: PathBuf,
    /// Key file (32 bytes, created on first use). Default: <store>.key.
    #[arg(long)]
    key_file: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Enroll with a county store using a one-time code.
    Enroll {
        /// County store address, e.g. http://127.0.0.1:8470.
        #[arg(long)]
        server: String,
        /// The one-time code.
        #[arg(long)]
        code: String,
    },
    /// Register a household visited now, with its head of household.
    RecordVisit {
        /// Head of household's name.
        #[arg(long)]
        name: String,
        /// Birth date, YYYY-MM-DD.
        #[arg(long)]
        birth: String,
        /// m or f.
        #[arg(long)]
        sex: String,
        /// 身份证号 (optional).
        #[arg(long)]
        id_number: Option<String>,
        /// Village code (12 digits).
        #[arg(long)]
        village: String,
        /// Village name.
        #[arg(long)]
        village_name: String,
        /// Grid code.
        #[arg(long)]
        grid: String,
        /// House number and the rest of the address.
        #[arg(long)]
        address: String,
        /// Yearly wage income, 元.
        #[arg(long, default_value_t = 0)]
        wage_yuan: i64,
    },
    /// List households (optionally matching a name, pinyin or ID suffix).
    List {
        /// Search text.
        #[arg(long, default_value = "")]
        query: String,
    },
    /// Set a household's yearly wage income (元).
    SetWage {
        /// Household id.
        household: String,
        /// Yearly wage, 元.
        yuan: i64,
    },
    /// Sync with the county store.
    Sync,
    /// Show unsettled conflicts.
    Conflicts,
    /// Attach a camera photo (JPEG or PNG file) to a household.
    Photo {
        /// Household id.
        household: String,
        /// The camera's file.
        file: PathBuf,
        /// house, people, damage, id-card, medical-bill, authorization, signature or notice.
        #[arg(long, default_value = "house")]
        kind: String,
        /// Caption.
        #[arg(long, default_value = "")]
        caption: String,
    },
    /// List the photos a supervisor sent back for a retake.
    Retakes,
}

fn photo_kind(text: &str) -> Option<PhotoKind> {
    Some(match text {
        "house" => PhotoKind::House,
        "people" => PhotoKind::People,
        "damage" => PhotoKind::Damage,
        "id-card" => PhotoKind::IdCard,
        "medical-bill" => PhotoKind::MedicalBill,
        "authorization" => PhotoKind::Authorization,
        "signature" => PhotoKind::Signature,
        "notice" => PhotoKind::PublicNotice,
        _ => return None,
    })
}

/// Why a command failed: the engine's refusal, or a word of the command line.
enum Failure {
    Engine(EngineError),
    Usage(String),
}

impl From<EngineError> for Failure {
    fn from(e: EngineError) -> Self {
        Failure::Engine(e)
    }
}

impl From<ruhu_store::StoreError> for Failure {
    fn from(e: ruhu_store::StoreError) -> Self {
        Failure::Engine(e.into())
    }
}

/// The head of household as the visit records them: the form's defaults for the rest.
fn head(name: &str, birth: &str, sex: &str, id_number: Option<&str>) -> Result<Member, Failure> {
    let birth_date = NaiveDate::parse_from_str(birth, "%Y-%m-%d")
        .map_err(|_| Failure::Usage("--birth: YYYY-MM-DD".into()))?;
    let id_number = id_number
        .map(|text| IdNumber::parse(text, today()))
        .transpose()
        .map_err(|e| Failure::Engine(EngineError::field("id_number", e.to_string())))?;
    let adult = today().years_since(birth_date).unwrap_or(0) >= 18;
    Ok(Member {
        name: name.trim().to_string(),
        id_number,
        relation: Relation::Head,
        sex: if sex.starts_with(['f', 'F']) {
            Sex::Female
        } else {
            Sex::Male
        },
        birth_date,
        health: Health::default(),
        work: WorkStatus::Farming,
        school: SchoolStage::NotInSchool,
        marital: if adult {
            MaritalStatus::Married
        } else {
            MaritalStatus::Unmarried
        },
        education: Education::Primary,
        status: MemberStatus::Present,
    })
}

fn key(path: &Path) -> Result<Vec<u8>, String> {
    if let Ok(k) = std::fs::read(path) {
        return Ok(k);
    }
    let mut k = [0u8; 32];
    getrandom::fill(&mut k).map_err(|_| "no randomness available".to_string())?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options
        .open(path)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    f.write_all(&k).map_err(|e| e.to_string())?;
    Ok(k.to_vec())
}

fn run(cli: Cli) -> Result<(), Failure> {
    let key_path = cli
        .key_file
        .clone()
        .unwrap_or_else(|| cli.store.with_extension("key"));
    let key = key(&key_path).map_err(Failure::Usage)?;
    let phone = Phone::open(&cli.store, &key)?;
    match cli.command {
        Command::Enroll { server, code } => {
            let w = phone.enroll(&server, &code, "ruhu-phone")?;
            println!(
                "enrolled as {} ({}) in county {}",
                w.display_name, w.worker_id, w.county_code
            );
        }
        Command::RecordVisit {
            name,
            birth,
            sex,
            id_number,
            village,
            village_name,
            grid,
            address,
            wage_yuan,
        } => {
            let worker = phone.store().profile()?.ok_or(EngineError::NotEnrolled)?;
            let profile = HouseholdProfile {
                address: Address {
                    county_code: worker.county_code,
                    township_code: village.get(..9).unwrap_or_default().to_string(),
                    village_code: village,
                    village_name,
                    grid_code: grid,
                    detail: address,
                },
                contact_phone: String::new(),
                location: None,
                housing: Default::default(),
                categories: Default::default(),
                flags: Default::default(),
            };
            let head = head(&name, &birth, &sex, id_number.as_deref())?;
            let id = phone.create_household(profile, vec![head])?;
            if wage_yuan != 0 {
                let h: Household = phone.store().get(&id)?;
                let mut economics = h.economics;
                economics.income.wage = Money::from_yuan(wage_yuan);
                phone.set_economics(&id, economics)?;
            }
            println!("{id}");
        }
        Command::List { query } => {
            let rows = phone.store().households(
                &ruhu_store::HouseholdFilter {
                    query,
                    limit: 200,
                    ..Default::default()
                },
                chrono::Utc::now(),
            )?;
            let mut out = std::io::stdout().lock();
            for h in rows {
                let flags = if h.conflicts > 0 {
                    format!("  冲突 {}", h.conflicts)
                } else {
                    String::new()
                };
                // A closed pipe (`| head`) ends the listing quietly.
                if writeln!(
                    out,
                    "{}  {}  {}  {}{}  {}人{}",
                    h.id,
                    h.head_name,
                    h.head_id_masked,
                    h.village_name,
                    h.address,
                    h.member_count,
                    flags
                )
                .is_err()
                {
                    break;
                }
            }
        }
        Command::SetWage { household, yuan } => {
            let h: Household = phone.store().get(&household)?;
            let mut economics = h.economics;
            economics.income.wage = Money::from_yuan(yuan);
            phone.set_economics(&household, economics)?;
        }
        Command::Sync => {
            let r = phone.sync(None, ruhu_engine::sync::BACKOFF)?;
            println!(
                "synced: {} round trip(s), {} document(s) sent, {} received, {} new conflict(s), {} bytes up, {} bytes down, {} photo file(s) sent ({} bytes), {} waiting",
                r.round_trips,
                r.documents_sent,
                r.documents_received,
                r.new_conflicts,
                r.bytes_sent,
                r.bytes_received,
                r.photos_sent,
                r.photo_bytes_sent,
                r.photos_pending
            );
        }
        Command::Photo {
            household,
            file,
            kind,
            caption,
        } => {
            let kind = photo_kind(&kind).ok_or_else(|| {
                Failure::Usage(
                    "--kind: house, people, damage, id-card, medical-bill, authorization, signature, notice"
                        .into(),
                )
            })?;
            let bytes = std::fs::read(&file)
                .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", file.display())))?;
            let (id, p) = phone.add_photo(
                &PhotoTarget::Household(household),
                NewPhoto {
                    kind,
                    caption,
                    location: None,
                },
                bytes,
            )?;
            println!(
                "{id}  {}x{}  {} bytes  {}",
                p.width,
                p.height,
                p.bytes,
                if p.time_from_camera {
                    "camera time"
                } else {
                    "no camera time"
                }
            );
        }
        Command::Retakes => {
            for (target, id, p) in phone.retakes_owed()? {
                let target = match target {
                    PhotoTarget::Household(household_id) => household_id,
                    PhotoTarget::Case(case_id) => format!("case {case_id}"),
                };
                println!("{target}  {id}  {:?}  {:?}", p.kind, p.review_reason);
            }
        }
        Command::Conflicts => {
            for (document_id, c) in phone.conflicts(None)? {
                let values: Vec<String> = c.values.iter().map(|v| c.display(v)).collect();
                println!(
                    "{document_id}  {} ({}): {}",
                    c.label(),
                    c.path.join("/"),
                    values.join(" | ")
                );
            }
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(why)) => {
            eprintln!("ruhu-phone: {why}");
            ExitCode::FAILURE
        }
        Err(Failure::Engine(e)) => {
            eprintln!("ruhu-phone: {e}");
            let problems = match &e {
                EngineError::Invalid(v)
                | EngineError::Store(ruhu_store::StoreError::Invalid(v)) => v.0.as_slice(),
                _ => &[],
            };
            for p in problems {
                eprintln!("  {}: {}", p.field, p.reason);
            }
            ExitCode::FAILURE
        }
    }
}
