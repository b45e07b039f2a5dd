//! Every edit the API acknowledged survives `kill -9` of the writing process.
//!
//! The parent runs this binary again as a child that registers households and edits them in a
//! loop through the FFI, printing an acknowledgement after each call returns. The parent kills
//! the child with SIGKILL at random moments, reopens the store, and checks every acknowledged
//! household and edit is there; then lets a new child continue on the same store.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ruhu_core::RuhuStore;
use ruhu_core::enums::{Housing, MaritalStatus, Relation, Sex};
use ruhu_core::records::{
    EconomicsInput, HardshipCategories, HouseholdProfile, MemberInput, WorkerProfile,
};

const KEY: [u8; 32] = [42; 32];
const ROUNDS: usize = 12;

fn profile(n: u64) -> HouseholdProfile {
    HouseholdProfile {
        county_code: "370599".into(),
        township_code: "370599101".into(),
        village_code: "370599101201".into(),
        village_name: "前进村".into(),
        grid_code: "G01-1".into(),
        address_detail: format!("{}号", n % 1000 + 1),
        contact_phone: String::new(),
        location: None,
        housing: Housing::OwnedSafe,
        categories: HardshipCategories::default(),
        already_assisted: false,
        poverty_registered: false,
        staff_relative: false,
    }
}

fn head() -> MemberInput {
    MemberInput {
        marital: MaritalStatus::Widowed,
        ..MemberInput::basic("测试户主", Relation::Head, Sex::Female, "1960-05-01")
    }
}

/// The child: write forever, acknowledging each returned call on stdout.
fn child(path: &str) {
    let store = RuhuStore::open(path.into(), KEY.to_vec()).expect("open");
    store
        .set_worker(WorkerProfile {
            county_code: "370599".into(),
            worker_id: "w-kill".into(),
            display_name: "测试".into(),
        })
        .expect("worker");
    let out = std::io::stdout();
    for n in 0u64.. {
        let id = store
            .create_household(profile(n), vec![head()])
            .expect("create");
        writeln!(out.lock(), "created {id}").expect("stdout");
        let wage = (n as i64 + 1) * 100;
        store
            .set_economics(
                id.clone(),
                EconomicsInput {
                    wage_fen: wage,
                    ..EconomicsInput::default()
                },
            )
            .expect("edit");
        writeln!(out.lock(), "edited {id} {wage}").expect("stdout");
    }
}

fn parent() -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let path = dir.path().join("kill9.db");
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut acked_created: Vec<String> = Vec::new();
    let mut acked_edits: Vec<(String, i64)> = Vec::new();
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    for round in 0..ROUNDS {
        let mut child = Command::new(&exe)
            .args(["child", path.to_str().ok_or("path")?])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?;
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let lifetime = Duration::from_millis(150 + seed % 600);
        let started = Instant::now();
        let stdout = child.stdout.take().ok_or("stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        while started.elapsed() < lifetime {
            match lines.next() {
                Some(Ok(line)) => record(&line, &mut acked_created, &mut acked_edits),
                _ => break,
            }
        }
        child.kill().map_err(|e| e.to_string())?; // SIGKILL
        // Lines already written before the kill are acknowledgements too.
        for line in lines.map_while(Result::ok) {
            record(&line, &mut acked_created, &mut acked_edits);
        }
        child.wait().map_err(|e| e.to_string())?;

        let store = RuhuStore::open(path.to_str().ok_or("path")?.into(), KEY.to_vec())
            .map_err(|e| format!("round {round}: reopen failed: {e}"))?;
        for id in &acked_created {
            store
                .household(id.clone())
                .map_err(|e| format!("round {round}: acknowledged household lost: {e}"))?;
        }
        for (id, wage) in &acked_edits {
            let got = store
                .household(id.clone())
                .map_err(|e| e.to_string())?
                .economics
                .wage_fen;
            if got != *wage {
                return Err(format!(
                    "round {round}: acknowledged edit lost: wage {got}, expected {wage}"
                ));
            }
        }
        println!(
            "round {round}: {} households and {} edits acknowledged, all present",
            acked_created.len(),
            acked_edits.len()
        );
    }
    if acked_edits.len() < ROUNDS {
        return Err(format!(
            "the child acknowledged only {} edits; the test proved little",
            acked_edits.len()
        ));
    }
    Ok(())
}

fn record(line: &str, created: &mut Vec<String>, edits: &mut Vec<(String, i64)>) {
    let parts: Vec<&str> = line.split(' ').collect();
    match parts[..] {
        ["created", id] => created.push(id.to_string()),
        ["edited", id, wage] => {
            if let Ok(w) = wage.parse() {
                edits.push((id.to_string(), w));
            }
        }
        _ => {}
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("child") {
        child(&args[2]);
        return;
    }
    // `cargo test` passes harness flags such as --test-threads; they do not apply here.
    println!("running kill9: acknowledged edits survive SIGKILL");
    match parent() {
        Ok(()) => println!("test result: ok. acknowledged edits all survived {ROUNDS} kills"),
        Err(e) => {
            eprintln!("FAILED: {e}");
            std::process::exit(1);
        }
    }
}
