//! The workload of a fault schedule: what the four phones do, step by step, and what the
//! driver records of it in the checker's model.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ruhu_county::enroll::Grant;
use ruhu_domain::sample::SampleRng;
use ruhu_proto::v1::Role;
use serde_json::{Value, json};

use super::agent::{Agent, Reply};
use super::check::{Edit, Model, Pension};
use crate::COUNTY;

/// The phones, by index.
pub const GRID_A: usize = 0;
/// The second grid worker of the same grid.
pub const GRID_B: usize = 1;
/// The supervisor's device.
pub const SUPERVISOR: usize = 2;
/// The worker of another grid, revoked mid-run in some schedules.
pub const OTHER: usize = 3;
pub(super) const PHONES: usize = 4;
/// The grid the two workers share.
pub const GRID: &str = "G01-1";
/// The other worker's grid.
pub const OTHER_GRID: &str = "G02-1";

pub(super) fn grant(i: usize) -> Grant {
    let (worker, role, villages, grids) = match i {
        GRID_A => ("w-a", Role::GridWorker, vec![], vec![GRID]),
        GRID_B => ("w-b", Role::GridWorker, vec![], vec![GRID]),
        SUPERVISOR => ("s-1", Role::Supervisor, vec![COUNTY], vec![]),
        _ => ("w-x", Role::GridWorker, vec![], vec![OTHER_GRID]),
    };
    Grant {
        worker_id: worker.into(),
        display_name: "测试".into(),
        role,
        villages: villages.into_iter().map(String::from).collect(),
        grids: grids.into_iter().map(String::from).collect(),
    }
}

/// The driver's state: what each phone knows, what it acknowledged.
pub(super) struct Run {
    pub(super) rng: SampleRng,
    pub(super) agents: Vec<Agent>,
    pub(super) model: Model,
    pub(super) households: Vec<(String, &'static str)>,
    pub(super) cases: Vec<String>,
    pub(super) photos: Vec<(String, String)>,
    pub(super) devices: Vec<String>,
    pub(super) trace: Vec<String>,
    pub(super) tag: u64,
    pub(super) kills: Arc<Mutex<BTreeMap<String, usize>>>,
    pub(super) dir: PathBuf,
    pub(super) started: Instant,
}

impl Run {
    /// Notes a step with the time since the schedule started.
    pub(super) fn note(&mut self, what: String) {
        let ms = self.started.elapsed().as_millis();
        self.trace.push(format!("{ms}ms {what}"));
    }

    pub(super) fn next_tag(&mut self) -> u64 {
        self.tag += 1;
        self.tag
    }

    pub(super) fn count_kill(&self, what: &str) {
        *self.kills.lock().unwrap().entry(what.into()).or_default() += 1;
    }

    /// Runs an edit on phone `p`, sometimes killing the phone in the middle of it; records
    /// what it acknowledged.
    pub(super) fn edit(&mut self, p: usize, op: &str, cmd: Value) -> Option<Value> {
        let kill_mid = self.rng.below(12) == 0;
        let reply = if kill_mid {
            self.count_kill("phone mid-edit");
            let after = Duration::from_millis(self.rng.below(40));
            self.agents[p].call_and_kill(&cmd, after)
        } else {
            self.agents[p].call(&cmd)
        };
        self.note(format!(
            "p{p} {op}{} -> {}",
            if kill_mid { " (killed)" } else { "" },
            short(&reply)
        ));
        self.model.check_reply(p, op, &reply);
        match reply {
            Reply::Ok(v) => {
                let doc = v["doc"].as_str().unwrap_or_default().to_string();
                let heads: Vec<String> = v["heads"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(Value::as_str)
                            .map(String::from)
                            .collect()
                    })
                    .unwrap_or_default();
                self.model.edits.push(Edit {
                    phone: p,
                    op: op.into(),
                    doc,
                    heads,
                    county_acked: false,
                    refused: None,
                    after_revocation: self.model.revoked.contains(&p),
                });
                Some(v)
            }
            Reply::Killed => {
                if op == "set_pension"
                    && let Some(h) = cmd["household"].as_str()
                {
                    self.model.uncertain_pension.insert(h.to_string());
                }
                None
            }
            Reply::Err(..) => None,
        }
    }

    /// Phone `p` syncs; a success is the county's acknowledgement of every edit before it.
    pub(super) fn sync(&mut self, p: usize) -> Reply {
        let before = self.model.edits.len();
        let reply = self.agents[p].call(&json!({"op": "sync"}));
        self.after_sync(p, before, &reply);
        reply
    }

    pub(super) fn after_sync(&mut self, p: usize, before: usize, reply: &Reply) {
        self.note(format!("p{p} sync -> {}", short(reply)));
        self.model.check_reply(p, "sync", reply);
        if let Reply::Ok(v) = reply {
            let refused: BTreeMap<String, String> = v["refused"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|r| {
                            Some((
                                r[0].as_str()?.into(),
                                format!("{}: {}", r[1].as_str()?, r[2].as_str().unwrap_or("")),
                            ))
                        })
                        .collect()
                })
                .unwrap_or_default();
            for e in &mut self.model.edits[..before] {
                if e.phone == p {
                    match refused.get(&e.doc) {
                        Some(code) => e.refused = Some(code.clone()),
                        None => e.county_acked = true,
                    }
                }
            }
            self.model.refused.insert(p, refused);
        }
    }

    /// Two phones sync at the same moment (their requests meet in the proxy and the county).
    pub(super) fn sync_together(&mut self, p: usize, q: usize) {
        let before = self.model.edits.len();
        let (left, right) = self.agents.split_at_mut(q.max(p));
        let (a, b) = (&mut left[p.min(q)], &mut right[0]);
        let cmd = json!({"op": "sync"});
        let (ra, rb) = std::thread::scope(|s| {
            let ha = s.spawn(|| a.call(&cmd));
            let rb = b.call(&cmd);
            (ha.join().expect("sync thread"), rb)
        });
        let (rp, rq) = if p < q { (ra, rb) } else { (rb, ra) };
        self.after_sync(p, before, &rp);
        self.after_sync(q, before, &rq);
    }

    pub(super) fn pick_household(&mut self, grid: &str) -> Option<String> {
        let of_grid: Vec<String> = self
            .households
            .iter()
            .filter(|(_, g)| *g == grid)
            .map(|(h, _)| h.clone())
            .collect();
        (!of_grid.is_empty()).then(|| self.rng.pick(&of_grid).clone())
    }

    pub(super) fn create_household(&mut self, p: usize, grid: &'static str) {
        let tag = self.next_tag();
        let name = ruhu_domain::sample::name(&mut self.rng);
        let cmd = json!({"op": "create_household", "grid": grid, "name": name,
            "address": format!("{}组{}号", 1 + tag % 9, tag)});
        if let Some(v) = self.edit(p, "create_household", cmd) {
            self.households
                .push((v["doc"].as_str().unwrap_or_default().into(), grid));
        }
    }

    pub(super) fn grid_worker_step(&mut self, p: usize) {
        let roll = self.rng.below(100);
        let household = self.pick_household(GRID);
        match (roll, household) {
            (_, None) | (0..8, _) => self.create_household(p, GRID),
            (8..28, Some(h)) => {
                let name = ruhu_domain::sample::name(&mut self.rng);
                self.edit(
                    p,
                    "add_member",
                    json!({"op": "add_member", "household": h, "name": name}),
                );
            }
            (28..43, Some(h)) => self.set_pension(p, &h),
            (43..50, Some(h)) => {
                let tag = self.next_tag();
                // A photo of its own (another scene each time): the same file attached twice
                // would be the worker's doing, not the sync's.
                let file = self.dir.join(format!("camera-{tag}.jpg"));
                std::fs::write(&file, camera_jpeg_of(tag)).expect("photo");
                if let Some(v) = self.edit(
                    p,
                    "add_photo",
                    json!({"op": "add_photo", "household": h.clone(), "jpeg": file,
                        "caption": format!("房屋{tag}")}),
                ) {
                    self.photos
                        .push((h, v["photo"].as_str().unwrap_or_default().into()));
                }
            }
            (50..56, Some(h)) => {
                if let Some(v) = self.edit(
                    p,
                    "create_case",
                    json!({"op": "create_case", "household": h}),
                ) {
                    self.cases
                        .push(v["doc"].as_str().unwrap_or_default().into());
                }
            }
            (56..72, Some(_)) if !self.cases.is_empty() => self.case_event(p),
            (72..75, Some(_)) => self.handover(p),
            _ => {
                self.sync(p);
            }
        }
    }

    pub(super) fn case_event(&mut self, p: usize) {
        let case = self.rng.pick(&self.cases).clone();
        let tag = self.next_tag();
        let note = format!("记录{tag}");
        // A supervisor accepts cases and pays 先行救助; grid workers give 反馈 once a case is
        // accepted (the rules refuse the rest, on the phone already).
        let cmd = match (p, self.rng.below(3)) {
            (SUPERVISOR, 0) => {
                json!({"op": "case_event", "case": case, "kind": "accepted", "note": note})
            }
            (SUPERVISOR, 1) => json!({"op": "case_event", "case": case, "kind": "advance_aid",
                "note": note, "amount_fen": 10_000 + self.rng.below(20) as i64 * 1_000}),
            _ => json!({"op": "case_event", "case": case, "kind": "feedback", "note": note}),
        };
        if self.edit(p, "case_event", cmd).is_some() {
            self.model.events.push(note);
        }
    }

    /// A handover by bundle: one grid worker gives the other a household and its cases.
    pub(super) fn handover(&mut self, from: usize) {
        let to = if from == GRID_A { GRID_B } else { GRID_A };
        let Some(h) = self.pick_household(GRID) else {
            return;
        };
        let tag = self.next_tag();
        let path = self.dir.join(format!("handover-{tag}.bundle"));
        let out = self.agents[from].call(&json!({"op": "export_bundle", "docs": [h.clone()],
            "path": path}));
        self.note(format!("p{from} export_bundle -> {}", short(&out)));
        self.model.check_reply(from, "export_bundle", &out);
        if out.ok().is_none() {
            return;
        }
        let given = self.agents[from].call(&json!({"op": "heads", "doc": h.clone()}));
        let into = self.agents[to].call(&json!({"op": "import_bundle", "path": path}));
        self.note(format!("p{to} import_bundle -> {}", short(&into)));
        self.model.check_reply(to, "import_bundle", &into);
        if let (Some(given), Some(_)) = (given.ok(), into.ok()) {
            let held = self.agents[to].call(&json!({"op": "heads", "doc": h.clone()}));
            if let Some(held) = held.ok() {
                self.model
                    .handovers
                    .push((h, to, strings(given), strings(held)));
            }
        }
    }

    /// Both grid workers, each offline from the other, add a member to the same household
    /// and set its pension to different figures (a conflict), then sync at the same moment.
    pub(super) fn both_edit_one_household(&mut self) {
        let Some(h) = self.pick_household(GRID) else {
            self.create_household(GRID_A, GRID);
            return;
        };
        for p in [GRID_A, GRID_B] {
            let name = ruhu_domain::sample::name(&mut self.rng);
            self.edit(
                p,
                "add_member",
                json!({"op": "add_member", "household": h.clone(), "name": name}),
            );
            self.set_pension(p, &h);
        }
        self.sync_together(GRID_A, GRID_B);
    }

    pub(super) fn set_pension(&mut self, p: usize, h: &str) {
        let fen = (self.next_tag() * 10 + p as u64) as i64 * 100;
        if let Some(v) = self.edit(
            p,
            "set_pension",
            json!({"op": "set_pension", "household": h, "fen": fen}),
        ) {
            self.model.pensions.push(Pension {
                household: h.to_string(),
                fen,
                heads: strings(&v["heads"]),
            });
        }
    }

    pub(super) fn supervisor_step(&mut self) {
        match self.rng.below(10) {
            0..4 if !self.cases.is_empty() => self.case_event(SUPERVISOR),
            4..6 if !self.photos.is_empty() => {
                let (h, photo) = self.rng.pick(&self.photos).clone();
                self.edit(
                    SUPERVISOR,
                    "review_photo",
                    json!({"op": "review_photo", "household": h, "photo": photo}),
                );
            }
            _ => {
                self.sync(SUPERVISOR);
            }
        }
    }

    pub(super) fn other_step(&mut self) {
        if self.rng.below(10) < 4 {
            self.create_household(OTHER, OTHER_GRID);
        } else {
            self.sync(OTHER);
        }
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

pub(super) fn short(r: &Reply) -> String {
    match r {
        Reply::Ok(_) => "ok".into(),
        Reply::Err(e, _) => e.clone(),
        Reply::Killed => "killed".into(),
    }
}

/// A camera JPEG of its own scene for `tag`.
fn camera_jpeg_of(tag: u64) -> Vec<u8> {
    use ruhu_domain::imaging::sample::{camera_jpeg, scene};
    camera_jpeg(&scene(480, 360, 1000 + tag as u32), None)
}
