//! Holds the county's modules to their layers (README.md, "Module graph"): a module may import
//! only modules of a lower layer, so no two modules import each other, directly or round a
//! circle. Read from the sources' `crate::` paths.

use std::collections::BTreeSet;
use std::path::Path;

/// The county's top-level modules, lowest layer first.
const LAYERS: &[&[&str]] = &[
    &["error", "gate", "headers", "roles", "serving"],
    &["blobs", "db", "keyfile", "xlsx"],
    &["actor", "backup", "state"],
    &["enroll", "restore"],
    &["photos"],
    &["documents"],
    &["cases", "edit", "sync"],
    &["policy"],
    &["console"],
    &["server"],
    &["demo", "serve", "transfer"],
];

/// The layer of a top-level module, if it is listed.
fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The top-level modules a source names through `crate::` paths, comments left out.
fn imports(source: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in source.lines().filter(|l| !l.trim_start().starts_with("//")) {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            match rest.strip_prefix('{') {
                Some(group) => {
                    let mut depth = 0usize;
                    let mut item_start = true;
                    for (i, ch) in group.char_indices() {
                        match ch {
                            '{' => depth += 1,
                            '}' if depth == 0 => {
                                rest = &group[i..];
                                break;
                            }
                            '}' => depth -= 1,
                            ',' if depth == 0 => item_start = true,
                            c if item_start && (c.is_ascii_alphabetic() || c == '_') => {
                                item_start = false;
                                out.insert(ident(&group[i..]).to_string());
                            }
                            _ => {}
                        }
                    }
                }
                None => {
                    out.insert(ident(rest).to_string());
                }
            }
        }
    }
    out.remove("self");
    out.remove("");
    out
}

/// The identifier `s` starts with.
fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn imports_are_read_from_paths_and_groups() {
    let source = "use crate::db::{self, Tx};\nuse crate::{enroll::{self, Grant}, sync};\n\
                  // crate::console in a comment\nlet x = crate::photos::flag(tx, crate::cases::Rules);\n";
    let found: Vec<String> = imports(source).into_iter().collect();
    assert_eq!(found, ["cases", "db", "enroll", "photos", "sync"]);
}

#[test]
fn every_module_imports_only_lower_layers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let mut problems = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&root).unwrap_or(&file);
        let first = relative
            .components()
            .next()
            .map(|c| {
                c.as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_string()
            })
            .unwrap_or_default();
        if matches!(first.as_str(), "lib" | "main" | "module_graph") {
            continue;
        }
        // Test-only files (`*_tests.rs`, `tests/`) may drive a module through a higher one (a
        // schema test opens the whole county to see what the operator is told).
        let path = relative.to_string_lossy();
        if path.ends_with("_tests.rs") || path.contains("tests/") {
            continue;
        }
        let Some(own) = layer(&first) else {
            problems.push(format!("module {first} is in no layer of LAYERS"));
            continue;
        };
        let source = std::fs::read_to_string(&file).unwrap_or_default();
        for used in imports(&source).into_iter().filter(|m| *m != first) {
            match layer(&used) {
                Some(l) if l < own => {}
                Some(_) => problems.push(format!(
                    "{} imports {used}, which is not below {first}",
                    relative.display()
                )),
                None => problems.push(format!("{} imports unlisted {used}", relative.display())),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
