//! The driver's side of a phone process (`ruhu-fault-phone`): one JSON command per line in,
//! one answer per line out, and SIGKILL at any moment from any thread.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

/// What became of a command.
#[derive(Debug, Clone)]
pub enum Reply {
    /// The core returned: the edit is acknowledged (on the phone's disk).
    Ok(Value),
    /// The core refused, with its error's variant (`"sync failed"`, `"not found"` …).
    Err(String, String),
    /// The process died before answering (killed): the command may or may not have happened.
    Killed,
}

impl Reply {
    /// The answer, when acknowledged.
    pub fn ok(&self) -> Option<&Value> {
        match self {
            Reply::Ok(v) => Some(v),
            _ => None,
        }
    }
}

/// Kills a phone's process from another thread (the proxy's kill hook).
#[derive(Clone)]
pub struct Killer(Arc<Mutex<Option<Child>>>);

impl Killer {
    /// SIGKILL now; whether a process was running.
    pub fn kill(&self) -> bool {
        let mut guard = self.0.lock().unwrap_or_else(|p| p.into_inner());
        match guard.take() {
            Some(mut child) => {
                let _ = child.kill();
                let _ = child.wait();
                true
            }
            None => false,
        }
    }
}

/// One phone: its store file and key, and its process while it runs.
pub struct Agent {
    bin: PathBuf,
    store: PathBuf,
    key_hex: String,
    child: Killer,
    io: Option<(ChildStdin, BufReader<ChildStdout>)>,
    /// Times its process was started (1 + restarts after kills).
    pub starts: usize,
}

impl Agent {
    /// A phone keeping its store at `store` (made on first start) under a random key.
    pub fn new(store: &Path) -> Agent {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).expect("randomness");
        Agent {
            bin: super::cluster::binaries_dir().join("ruhu-fault-phone"),
            store: store.to_path_buf(),
            key_hex: key.iter().map(|b| format!("{b:02x}")).collect(),
            child: Killer(Arc::new(Mutex::new(None))),
            io: None,
            starts: 0,
        }
    }

    /// The store file.
    pub fn store_path(&self) -> &Path {
        &self.store
    }

    /// The store's key.
    pub fn key(&self) -> Vec<u8> {
        (0..self.key_hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&self.key_hex[i..i + 2], 16).expect("hex"))
            .collect()
    }

    /// What kills this phone's process from elsewhere.
    pub fn killer(&self) -> Killer {
        self.child.clone()
    }

    fn ensure_running(&mut self) {
        let alive = self
            .child
            .0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_mut()
            .is_some_and(|c| matches!(c.try_wait(), Ok(None)));
        if alive && self.io.is_some() {
            return;
        }
        self.child.kill();
        let mut child = Command::new(&self.bin)
            .arg(&self.store)
            .arg(&self.key_hex)
            .env("RUST_LOG", "off")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", self.bin.display()));
        let stdin = child.stdin.take().expect("stdin");
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        *self.child.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(child);
        self.io = Some((stdin, stdout));
        self.starts += 1;
    }

    /// Sends `cmd` and waits for its answer (or the process's death).
    pub fn call(&mut self, cmd: &Value) -> Reply {
        self.ensure_running();
        let (stdin, stdout) = self.io.as_mut().expect("running");
        let mut line = String::new();
        let sent = writeln!(stdin, "{cmd}").and_then(|_| stdin.flush());
        let read = sent.and_then(|_| stdout.read_line(&mut line));
        match read {
            Ok(n) if n > 0 => match serde_json::from_str::<Value>(&line) {
                Ok(v) => match (v.get("ok"), v.get("err")) {
                    (Some(ok), _) => Reply::Ok(ok.clone()),
                    (None, Some(Value::String(e))) => Reply::Err(
                        e.clone(),
                        v.get("detail")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_string(),
                    ),
                    _ => panic!("a phone answered something else: {line}"),
                },
                Err(_) => panic!("a phone answered something else: {line}"),
            },
            _ => {
                self.io = None;
                self.child.kill();
                Reply::Killed
            }
        }
    }

    /// Sends `cmd` and kills the process `after` later, whether or not it has answered.
    pub fn call_and_kill(&mut self, cmd: &Value, after: Duration) -> Reply {
        self.ensure_running();
        let killer = self.killer();
        let t = std::thread::spawn(move || {
            std::thread::sleep(after);
            killer.kill();
        });
        let reply = self.call(cmd);
        let _ = t.join();
        self.io = None;
        reply
    }

    /// Ends the process cleanly (standard input closed).
    pub fn stop(&mut self) {
        self.io = None;
        let mut guard = self.child.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(mut child) = guard.take() {
            for _ in 0..200 {
                if matches!(child.try_wait(), Ok(Some(_))) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Agent {
    fn drop(&mut self) {
        self.child.kill();
    }
}
