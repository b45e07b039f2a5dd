//! `ruhu-county`: serve the county store, run the demo county, issue enrollment codes, revoke
//! devices.

use clap::Parser;
use ruhu_county::backup::{self, Embedded};
use ruhu_county::blobs::{BlobStore, FolderStore, S3Store};
use ruhu_county::db::Access;
use ruhu_county::enroll::{self, Grant};
use ruhu_county::serve as server_opts;
use ruhu_county::serving::ServingLock;
use ruhu_county::state::County;
use ruhu_county::{demo, keyfile, restore};
use ruhu_proto::v1::Role;
use std::process::ExitCode;
use std::sync::Arc;

#[path = "main/args.rs"]
mod args;

use args::{Cli, Command, PolicyAction, role};

fn open(cli: &Cli, county_code: Option<&str>) -> Result<Arc<County>, String> {
    let key_path = key_path(cli);
    std::fs::create_dir_all(&cli.data_dir)
        .map_err(|e| format!("cannot create {}: {e}", cli.data_dir.display()))?;
    let key = keyfile::load_or_create(&key_path).map_err(|e| e.message)?;
    let blobs = blob_store(cli)?;
    tracing::info!(photos = %blobs.describe(), "photo storage");
    if let Some(url) = &cli.database {
        if !url.starts_with("postgres://") && !url.starts_with("postgresql://") {
            return Err("--database takes a postgres:// address".into());
        }
        return County::open_postgres(url, blobs, &key, county_code).map_err(|e| e.message);
    }
    County::open_with_blobs(&cli.data_dir, blobs, &key, county_code).map_err(|e| e.message)
}

/// Photo storage: an S3-compatible bucket when configured, otherwise a folder (with several
/// instances, one they all reach).
fn blob_store(cli: &Cli) -> Result<Box<dyn BlobStore>, String> {
    if let Some(bucket) = &cli.s3_bucket {
        return Ok(Box::new(
            S3Store::new(
                bucket,
                cli.s3_endpoint.as_deref(),
                &cli.s3_region,
                &cli.s3_prefix,
                None,
            )
            .map_err(|e| e.message)?,
        ));
    }
    let folder = cli
        .blob_dir
        .clone()
        .unwrap_or_else(|| cli.data_dir.join("blobs"));
    Ok(Box::new(FolderStore::new(folder).map_err(|e| e.message)?))
}

/// Where the key file is.
fn key_path(cli: &Cli) -> std::path::PathBuf {
    cli.key_file
        .clone()
        .unwrap_or_else(|| cli.data_dir.join("county.key"))
}

/// The embedded store's folders and its existing key, for backup and restore; PostgreSQL and
/// object storage are backed up by their own tools.
fn embedded(cli: &Cli, what: &str) -> Result<(std::path::PathBuf, [u8; 32]), String> {
    if cli.database.is_some() {
        return Err(format!(
            "{what} covers the embedded store only; on PostgreSQL use pg_dump -Fc and pg_restore, \
             with the S3 bucket's own versioning for photos (README.md, \"Backup and restore\")"
        ));
    }
    if cli.s3_bucket.is_some() {
        return Err(format!(
            "{what} covers the photo folder only; photos in an S3 bucket are kept by the bucket's \
             own versioning (README.md, \"Backup and restore\")"
        ));
    }
    let key_path = key_path(cli);
    if !key_path.is_file() {
        return Err(format!(
            "no county key at {}; {what} needs the key the county was made with",
            key_path.display()
        ));
    }
    let key = keyfile::load_or_create(&key_path).map_err(|e| e.message)?;
    let blob_dir = cli
        .blob_dir
        .clone()
        .unwrap_or_else(|| cli.data_dir.join("blobs"));
    Ok((blob_dir, key))
}

/// Holds the data folder's serving lock when serving the embedded store (a restore waits for
/// it); PostgreSQL needs none.
fn serving_lock(cli: &Cli) -> Result<Option<ServingLock>, String> {
    if cli.database.is_some() {
        return Ok(None);
    }
    std::fs::create_dir_all(&cli.data_dir)
        .map_err(|e| format!("cannot create {}: {e}", cli.data_dir.display()))?;
    ServingLock::serving(&cli.data_dir)
        .map(Some)
        .map_err(|e| e.to_string())
}

fn serve_on(
    listen: &str,
    county: Arc<County>,
    options: server_opts::ServeOptions,
) -> Result<(), String> {
    let runtime =
        tokio::runtime::Runtime::new().map_err(|e| format!("cannot start the server: {e}"))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
        tracing::info!(address = %listen, public = %options.public_url, county = county.county_code(), "county store serving");
        server_opts::serve(listener, county, options)
            .await
            .map_err(|e| e.to_string())
    })
}

fn run(cli: Cli) -> Result<(), String> {
    match &cli.command {
        Command::Serve {
            listen,
            county_code,
            front,
        } => {
            let options = front.options(listen)?;
            let _serving = serving_lock(&cli)?;
            let county = open(&cli, county_code.as_deref())?;
            serve_on(listen, county, options)
        }
        Command::Demo {
            listen,
            households,
            front,
        } => {
            let options = front.options(listen)?;
            let base = options.public_url.trim_end_matches('/').to_string();
            let _serving = serving_lock(&cli)?;
            let county = open(&cli, Some(ruhu_domain::sample::COUNTY_CODE))?;
            let n = *households;
            let count = county
                .transaction(Access::Appends, |tx, code| demo::seed(tx, code, n))
                .map_err(|e| e.message)?;
            let workers = county
                .transaction(Access::Snapshot, demo::workers)
                .map_err(|e| e.message)?;
            let place = match &cli.database {
                Some(_) => "PostgreSQL".to_string(),
                None => cli.data_dir.display().to_string(),
            };
            println!(
                "Ruhu demo county {} (fictional): {count} households in {place}",
                county.county_code(),
            );
            println!("Sync endpoint: {base}/v1/sync   health: {base}/healthz");
            println!("One-time enrollment codes (valid 7 days):");
            for w in workers {
                println!(
                    "  {:<8} {:<10} {:<16} {}",
                    w.worker_id, w.name, w.scope, w.code
                );
                println!("           QR: {}", enroll::qr_payload(&base, &w.code));
            }
            let logins = county
                .transaction(Access::Snapshot, demo::console_logins)
                .map_err(|e| e.message)?;
            println!("Console: {base}/console");
            for (user, password, what) in logins {
                println!("  {user:<10} password {password}   ({what})");
            }
            println!("Press Ctrl-C to stop.");
            serve_on(listen, county, options)
        }
        Command::EnrollCode {
            worker_id,
            name,
            villages,
            grids,
            role: r,
            valid_hours,
            public_url,
        } => {
            let role = role(r).ok_or("role must be grid-worker, township-officer or supervisor")?;
            if villages.is_empty() && grids.is_empty() {
                return Err("give --villages or --grids".into());
            }
            let county = open(&cli, None)?;
            let grant = Grant {
                worker_id: worker_id.clone(),
                display_name: name.clone(),
                role,
                villages: villages.clone(),
                grids: grids.clone(),
            };
            let hours = chrono::Duration::hours(*valid_hours);
            let code = county
                .transaction(Access::Snapshot, |tx, _| {
                    enroll::issue_code(tx, &grant, hours)
                })
                .map_err(|e| e.message)?;
            println!("{code}");
            println!("QR: {}", enroll::qr_payload(public_url, &code));
            Ok(())
        }
        Command::PhotoSettings {
            long_edge,
            quality,
            thumb_edge,
            thumb_quality,
        } => {
            let county = open(&cli, None)?;
            let settings = ruhu_domain::imaging::PhotoSettings {
                long_edge: *long_edge,
                quality: *quality,
                thumb_edge: *thumb_edge,
                thumb_quality: *thumb_quality,
            };
            county
                .transaction(Access::Snapshot, |tx, _| {
                    ruhu_county::sync::set_photo_settings(tx, &settings)
                })
                .map_err(|e| e.message)?;
            println!("photo settings saved; phones use them after their next sync");
            Ok(())
        }
        Command::Devices => {
            let county = open(&cli, None)?;
            let devices = county
                .transaction(Access::Snapshot, |tx, _| tx.devices())
                .map_err(|e| e.message)?;
            let when = |t: Option<i64>| {
                t.and_then(|s| chrono::DateTime::from_timestamp(s, 0))
                    .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_else(|| "-".into())
            };
            println!(
                "{:<36}  {:<10} {:<16} {:<16} {:<16} {:<16} revoked",
                "device", "worker", "role", "enrolled", "last sync", "label"
            );
            for d in devices {
                let role = Role::try_from(d.role)
                    .map(|r| r.as_str_name().to_ascii_lowercase())
                    .unwrap_or_default();
                println!(
                    "{:<36}  {:<10} {:<16} {:<16} {:<16} {:<16} {}",
                    d.id,
                    d.worker_id,
                    role,
                    when(Some(d.enrolled_at)),
                    when(d.last_sync_at),
                    d.label,
                    when(d.revoked_at)
                );
            }
            Ok(())
        }
        Command::Clocks { limit } => {
            let county = open(&cli, None)?;
            let rows = county
                .transaction(Access::Snapshot, |tx, _| tx.case_clocks(*limit))
                .map_err(|e| e.message)?;
            let now = chrono::Utc::now().timestamp_millis();
            let china = ruhu_domain::calendar::CHINA_TIME;
            println!(
                "{:<36}  {:<12} {:<8} {:<12} {:<28} {:<16} state",
                "case", "village", "grid", "status", "clock", "due"
            );
            for r in rows {
                let due = chrono::DateTime::from_timestamp_millis(r.due)
                    .map(|d| d.with_timezone(&china).format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_default();
                let state = if r.due < now { "overdue" } else { "running" };
                println!(
                    "{:<36}  {:<12} {:<8} {:<12} {:<28} {:<16} {state}",
                    r.id, r.village_code, r.grid_code, r.status, r.clock, due
                );
            }
            Ok(())
        }
        Command::Policy { action } => match action {
            PolicyAction::Example => {
                let json = ruhu_domain::policy::CountyPolicy::dongying_example()
                    .to_json()
                    .map_err(|e| e.to_string())?;
                println!("{json}");
                Ok(())
            }
            PolicyAction::Show => {
                let county = open(&cli, None)?;
                let policy = county
                    .transaction(Access::Snapshot, |tx, code| {
                        ruhu_county::documents::current_policy(tx, code)
                    })
                    .map_err(|e| e.message)?
                    .ok_or("this county has not published a policy yet")?;
                println!("{}", policy.to_json().map_err(|e| e.to_string())?);
                Ok(())
            }
            PolicyAction::Set { file } => {
                let json = std::fs::read_to_string(file)
                    .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
                let policy = ruhu_domain::policy::CountyPolicy::from_json(&json)
                    .map_err(|e| format!("policy refused ({}): {e}", e.code()))?;
                let county = open(&cli, None)?;
                let version = county
                    .transaction(Access::Appends, |tx, code| {
                        ruhu_county::policy::publish(tx, code, &policy)
                    })
                    .map_err(|e| e.message)?;
                println!(
                    "policy version {version} published; phones receive it with their next sync"
                );
                Ok(())
            }
        },
        Command::AccountAdd {
            username,
            name,
            role,
            scope,
        } => {
            let role = ruhu_county::console::auth::Role::parse(role)
                .ok_or("role must be county-admin, supervisor or township-officer")?;
            let password = match std::env::var("RUHU_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    eprintln!("password (at least 10 characters), then Enter:");
                    let mut line = String::new();
                    std::io::stdin()
                        .read_line(&mut line)
                        .map_err(|e| format!("cannot read the password: {e}"))?;
                    line.trim_end_matches(['\r', '\n']).to_string()
                }
            };
            let county = open(&cli, None)?;
            county
                .transaction(Access::Snapshot, |tx, _| {
                    ruhu_county::console::auth::create_account(
                        tx,
                        username,
                        name,
                        role,
                        scope,
                        &password,
                        chrono::Utc::now().timestamp(),
                    )
                })
                .map_err(|e| e.message)?;
            println!("account {username} created");
            Ok(())
        }
        Command::ImportRoster { file } => {
            let bytes =
                std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            let county = open(&cli, None)?;
            let n = ruhu_county::transfer::import_roster(&county, &bytes, &mut show_progress)?;
            eprintln!();
            println!("{n} households imported");
            Ok(())
        }
        Command::ExportCases { file, village } => {
            let county = open(&cli, None)?;
            let (bytes, n) = ruhu_county::transfer::export_cases(
                &county,
                village.as_deref(),
                &mut show_progress,
            )?;
            eprintln!();
            std::fs::write(file, bytes)
                .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
            println!("{n} cases written to {}", file.display());
            Ok(())
        }
        Command::Backup { dir } => {
            let (blob_dir, key) = embedded(&cli, "backup")?;
            let store = Embedded {
                data_dir: &cli.data_dir,
                blob_dir: &blob_dir,
                key: &key,
            };
            let m = backup::backup(&store, dir).map_err(|e| e.to_string())?;
            println!(
                "backup written to {}: {} documents, {} changes, {} photo files, schema {}",
                dir.display(),
                m.documents,
                m.changes,
                m.photo_files,
                m.schema_version
            );
            println!(
                "keep the county key ({}) apart from it: the backup opens with it only",
                key_path(&cli).display()
            );
            Ok(())
        }
        Command::Restore { dir } => {
            let (blob_dir, key) = embedded(&cli, "restore")?;
            let store = Embedded {
                data_dir: &cli.data_dir,
                blob_dir: &blob_dir,
                key: &key,
            };
            let r = restore::restore(&store, dir).map_err(|e| e.to_string())?;
            println!(
                "restored the backup of {}: {} documents, {} changes, {} photo files",
                r.manifest.created_at,
                r.manifest.documents,
                r.manifest.changes,
                r.manifest.photo_files
            );
            for path in &r.set_aside {
                println!("kept aside: {}", path.display());
            }
            println!(
                "devices revoked since the backup, still revoked: {}; enrolled since, still enrolled: {}",
                r.devices.revoked, r.devices.enrolled
            );
            println!(
                "start the county again: phones deliver again what they made since the backup at their next sync"
            );
            Ok(())
        }
        Command::Revoke { device_id } => {
            let county = open(&cli, None)?;
            let done = county
                .transaction(Access::Snapshot, |tx, _| enroll::revoke(tx, device_id))
                .map_err(|e| e.message)?;
            println!(
                "{}",
                if done {
                    "revoked"
                } else {
                    "no such active device"
                }
            );
            Ok(())
        }
    }
}

/// A progress line on standard error, redrawn in place.
fn show_progress(stage: &str, done: usize, all: usize) {
    if done == all || done.is_multiple_of(50) {
        let percent = (done * 100).checked_div(all).unwrap_or(100);
        eprint!("\r{stage} {done}/{all} ({percent}%)   ");
    }
}

fn main() -> ExitCode {
    // RUST_LOG picks the level (default info); RUHU_LOG_FORMAT=json gives one JSON object per
    // line for log collectors. Records carry device ids, counts and codes, never personal data.
    // Logs go to stderr, so that printed codes and lists stay clean on stdout.
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,sqlx::postgres::notice=warn".into());
    if std::env::var("RUHU_LOG_FORMAT").is_ok_and(|f| f == "json") {
        tracing_subscriber::fmt()
            .json()
            .with_writer(std::io::stderr)
            .with_env_filter(filter)
            .init();
    } else {
        tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_env_filter(filter)
            .init();
    }
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ruhu-county: {e}");
            ExitCode::FAILURE
        }
    }
}
