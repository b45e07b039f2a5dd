//! `ruhu-phone`: the core behind a terminal instead of a screen, for support staff, scripted
//! walk-throughs and end-to-end tests. Same encrypted store, same API the apps call.

use clap::{Parser, Subcommand};
use ruhu_core::RuhuStore;
use ruhu_core::enums::*;
use ruhu_core::error::ApiError;
use ruhu_core::photos::{PhotoInput, PhotoTarget};
use ruhu_core::records::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

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

fn run(cli: Cli) -> Result<(), ApiError> {
    let key_path = cli
        .key_file
        .clone()
        .unwrap_or_else(|| cli.store.with_extension("key"));
    let key = key(&key_path).map_err(|detail| ApiError::Internal { detail })?;
    let store: Arc<RuhuStore> = RuhuStore::open(cli.store.to_string_lossy().into(), key)?;
    match cli.command {
        Command::Enroll { server, code } => {
            let w = store.enroll(server, code, "ruhu-phone".into())?;
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
            let worker = store.worker()?.ok_or(ApiError::NotEnrolled)?;
            let sex = if sex.starts_with(['f', 'F']) {
                Sex::Female
            } else {
                Sex::Male
            };
            let township = village.get(..9).unwrap_or_default().to_string();
            let profile = HouseholdProfile {
                county_code: worker.county_code,
                township_code: township,
                village_code: village,
                village_name,
                grid_code: grid,
                address_detail: address,
                contact_phone: String::new(),
                location: None,
                housing: Housing::OwnedSafe,
                categories: HardshipCategories::default(),
                already_assisted: false,
                poverty_registered: false,
                staff_relative: false,
            };
            let head = MemberInput {
                id_number,
                ..MemberInput::basic(&name, Relation::Head, sex, &birth)
            };
            let id = store.create_household(profile, vec![head])?;
            if wage_yuan != 0 {
                store.set_economics(
                    id.clone(),
                    EconomicsInput {
                        wage_fen: wage_yuan * 100,
                        ..EconomicsInput::default()
                    },
                )?;
            }
            println!("{id}");
        }
        Command::List { query } => {
            let rows = store.search_households(HouseholdQuery {
                text: query,
                limit: 200,
                ..HouseholdQuery::default()
            })?;
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
            let mut e = store.household(household.clone())?.economics;
            e.wage_fen = yuan * 100;
            store.set_economics(household, e)?;
        }
        Command::Sync => {
            let r = store.sync(None)?;
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
                ApiError::field(
                    "kind",
                    "house, people, damage, id-card, medical-bill, authorization, signature, notice",
                )
            })?;
            let bytes = std::fs::read(&file).map_err(|e| ApiError::Internal {
                detail: format!("cannot read {}: {e}", file.display()),
            })?;
            let p = store.add_photo(
                PhotoTarget::Household {
                    household_id: household,
                },
                PhotoInput {
                    kind,
                    caption,
                    location: None,
                },
                bytes,
            )?;
            println!(
                "{}  {}x{}  {} bytes  {}",
                p.photo_id,
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
            for p in store.retakes_owed()? {
                let target = match &p.target {
                    PhotoTarget::Household { household_id } => household_id.clone(),
                    PhotoTarget::Case { case_id } => format!("case {case_id}"),
                };
                println!(
                    "{target}  {}  {:?}  {}",
                    p.photo_id, p.kind, p.review_reason
                );
            }
        }
        Command::Conflicts => {
            for c in store.conflicts(None)? {
                let values: Vec<String> = c.values.iter().map(|v| v.display.clone()).collect();
                println!(
                    "{}  {} ({}): {}",
                    c.document_id,
                    c.label,
                    c.path,
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
        Err(e) => {
            eprintln!("ruhu-phone: {e}");
            if let ApiError::InvalidInput { problems } = &e {
                for p in problems {
                    eprintln!("  {}: {}", p.field, p.reason);
                }
            }
            ExitCode::FAILURE
        }
    }
}
