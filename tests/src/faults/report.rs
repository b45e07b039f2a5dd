//! A report over many schedules: what was injected, what was killed, what the phones
//! acknowledged, what was lost or stored twice, how long the phones took to converge, and the
//! seeds of the failures (each replays with `RUHU_FAULT_SEED=<seed>`).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::time::Duration;

use super::run::Outcome;

/// Totals over schedules.
#[derive(Debug, Default)]
pub struct Report {
    /// Schedules run.
    pub schedules: usize,
    /// Schedules run, by backend.
    pub by_backend: BTreeMap<String, usize>,
    /// Faults injected, by kind.
    pub faults: BTreeMap<String, usize>,
    /// Kills, by what was killed.
    pub kills: BTreeMap<String, usize>,
    /// Edits acknowledged by the phones.
    pub edits_acked: usize,
    /// Acknowledged edits lost.
    pub lost: usize,
    /// Things stored twice.
    pub duplicated: usize,
    /// Conflicts created, found listed on the phones holding them.
    pub conflicts: usize,
    /// Edits the county refused, by code.
    pub refusals: BTreeMap<String, usize>,
    /// Every schedule's time to converge once the faults stopped.
    pub converge: Vec<Duration>,
    /// Every schedule's whole time.
    pub elapsed: Vec<Duration>,
    /// Failing schedules: seed, backend, first problems.
    pub failures: Vec<(u64, String, Vec<String>)>,
}

impl Report {
    /// Adds a schedule's outcome.
    pub fn add(&mut self, o: &Outcome) {
        self.schedules += 1;
        *self.by_backend.entry(o.backend.clone()).or_default() += 1;
        for (k, v) in &o.faults {
            *self.faults.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &o.kills {
            *self.kills.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &o.refusals {
            *self.refusals.entry(k.clone()).or_default() += v;
        }
        self.edits_acked += o.edits_acked;
        self.conflicts += o.conflicts;
        self.lost += o.lost;
        self.duplicated += o.duplicated;
        self.converge.push(o.converge);
        self.elapsed.push(o.elapsed);
        if !o.problems.is_empty() {
            self.failures.push((
                o.seed,
                o.backend.clone(),
                o.problems.iter().take(5).cloned().collect(),
            ));
        }
    }

    /// The report as Markdown.
    pub fn markdown(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "# Fault schedules\n");
        let _ = writeln!(s, "| | |\n|---|---|");
        let _ = writeln!(s, "| schedules run | {} |", self.schedules);
        for (b, n) in &self.by_backend {
            let _ = writeln!(s, "| on {b} | {n} |");
        }
        let _ = writeln!(s, "| edits acknowledged by phones | {} |", self.edits_acked);
        let _ = writeln!(s, "| acknowledged edits lost | {} |", self.lost);
        let _ = writeln!(s, "| stored twice | {} |", self.duplicated);
        let _ = writeln!(
            s,
            "| conflicts created, checked still listed (per phone) | {} |",
            self.conflicts
        );
        let _ = writeln!(
            s,
            "| time to converge after the faults, p50 / p95 / max | {} / {} / {} |",
            ms(percentile(&self.converge, 50)),
            ms(percentile(&self.converge, 95)),
            ms(percentile(&self.converge, 100)),
        );
        let _ = writeln!(
            s,
            "| one schedule, p50 / p95 | {} / {} |",
            ms(percentile(&self.elapsed, 50)),
            ms(percentile(&self.elapsed, 95)),
        );
        let _ = writeln!(s, "| failing schedules | {} |", self.failures.len());
        let _ = writeln!(
            s,
            "\n## Faults injected, by kind\n\n| fault | count |\n|---|---|"
        );
        for (k, v) in &self.faults {
            let _ = writeln!(s, "| {k} | {v} |");
        }
        let _ = writeln!(s, "\n## Kills\n\n| what | count |\n|---|---|");
        for (k, v) in &self.kills {
            let _ = writeln!(s, "| {k} | {v} |");
        }
        let _ = writeln!(
            s,
            "\n## Edits the county refused (kept on the phone with the reason)\n"
        );
        if self.refusals.is_empty() {
            let _ = writeln!(s, "None.");
        } else {
            let _ = writeln!(s, "| code | count |\n|---|---|");
        }
        for (k, v) in &self.refusals {
            let _ = writeln!(s, "| {k} | {v} |");
        }
        let _ = writeln!(s, "\n## Failing seeds\n");
        if self.failures.is_empty() {
            let _ = writeln!(s, "None.");
        }
        for (seed, backend, problems) in &self.failures {
            let _ = writeln!(s, "- seed {seed} ({backend}):");
            for p in problems {
                let _ = writeln!(s, "  - {p}");
            }
        }
        s
    }
}

fn percentile(values: &[Duration], p: usize) -> Duration {
    if values.is_empty() {
        return Duration::ZERO;
    }
    let mut v = values.to_vec();
    v.sort();
    let i = ((v.len() - 1) * p).div_ceil(100);
    v[i.min(v.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{} ms", d.as_millis())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_and_failures_are_reported() {
        let mut r = Report::default();
        for i in 1..=20u64 {
            r.add(&Outcome {
                seed: i,
                backend: "SQLite".into(),
                converge: Duration::from_millis(i * 10),
                edits_acked: 3,
                problems: if i == 7 { vec!["lost".into()] } else { vec![] },
                ..Default::default()
            });
        }
        assert_eq!(percentile(&r.converge, 50), Duration::from_millis(110));
        assert_eq!(percentile(&r.converge, 95), Duration::from_millis(200));
        let text = r.markdown();
        assert!(text.contains("| schedules run | 20 |"), "{text}");
        assert!(
            text.contains("| edits acknowledged by phones | 60 |"),
            "{text}"
        );
        assert!(text.contains("- seed 7 (SQLite):"), "{text}");
    }

    #[test]
    fn refused_edits_are_listed_by_code_or_the_section_says_none() {
        const SECTION: &str = "## Edits the county refused (kept on the phone with the reason)";
        let mut r = Report::default();
        r.add(&Outcome::default());
        let text = r.markdown();
        let after = text.split_once(SECTION).expect("the section").1;
        assert!(after.trim_start().starts_with("None."), "{text}");
        r.add(&Outcome {
            refusals: [("case_rule_broken".to_string(), 2)].into(),
            ..Default::default()
        });
        let text = r.markdown();
        let after = text.split_once(SECTION).expect("the section").1;
        assert!(
            after.contains("| code | count |\n|---|---|\n| case_rule_broken | 2 |"),
            "{text}"
        );
        assert!(
            !after.split("## ").next().unwrap().contains("None."),
            "{text}"
        );
    }
}
