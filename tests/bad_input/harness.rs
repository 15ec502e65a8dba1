//! Runs the cases of the bad-input suite: each in a folder of its own, under a time limit and an
//! address-space limit (so a regression cannot hang the suite or take the machine's memory),
//! several at once.

use crate::common;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a case expects.
pub enum Expect {
    /// Exit with this code and an error whose first line contains this.
    Error(i32, &'static str),
    /// Exit with this code, the first line of the error (or warning) containing the first
    /// text, and standard output containing the second.
    Both(i32, &'static str, &'static str),
    /// Succeed, with this in standard output.
    Output(&'static str),
    /// Exit with this code and nothing on standard error, with this in standard output.
    Exit(i32, &'static str),
}

/// A check run on the case's folder after it ran.
pub type After = Box<dyn Fn(&Path, &Ran) -> Result<(), String> + Send + Sync>;

pub struct Case {
    pub name: &'static str,
    /// Makes the files the case needs in its folder.
    pub setup: Box<dyn Fn(&Path) + Send + Sync>,
    pub args: Vec<String>,
    pub stdin: Option<Vec<u8>>,
    pub env: Vec<(&'static str, String)>,
    pub expect: Expect,
    /// Files the run is meant to write or replace (relative to the folder).
    pub writes: Vec<&'static str>,
    pub after: Option<After>,
    /// Seconds before the run counts as hung.
    pub timeout: u64,
}

impl Case {
    pub fn new(name: &'static str, args: &[&str], expect: Expect) -> Case {
        Case {
            name,
            setup: Box::new(|_| {}),
            args: args.iter().map(|a| a.to_string()).collect(),
            stdin: None,
            env: Vec::new(),
            expect,
            writes: Vec::new(),
            after: None,
            timeout: 60,
        }
    }

    pub fn setup(mut self, f: impl Fn(&Path) + Send + Sync + 'static) -> Case {
        self.setup = Box::new(f);
        self
    }

    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Case {
        self.stdin = Some(bytes.into());
        self
    }

    pub fn env(mut self, key: &'static str, value: &str) -> Case {
        self.env.push((key, value.to_owned()));
        self
    }

    pub fn writes(mut self, path: &'static str) -> Case {
        self.writes.push(path);
        self
    }

    pub fn after(
        mut self,
        f: impl Fn(&Path, &Ran) -> Result<(), String> + Send + Sync + 'static,
    ) -> Case {
        self.after = Some(Box::new(f));
        self
    }

    pub fn timeout(mut self, seconds: u64) -> Case {
        self.timeout = seconds;
        self
    }
}

/// What a run gave.
pub struct Ran {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub seconds: f64,
}

/// The most memory a case's process may map: far above what any case needs, far below what a
/// regression that expands or multiplies input would take.
const ADDRESS_SPACE_KIB: u64 = 6 << 20;

fn run(case: &Case, dir: &Path) -> Ran {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg("ulimit -v \"$1\"; umask 022; shift; exec \"$@\"")
        .arg("sh")
        .arg(ADDRESS_SPACE_KIB.to_string())
        .arg(common::bin())
        .args(&case.args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join(".data"))
        .stdin(if case.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in &case.env {
        command.env(k, v);
    }
    let started = Instant::now();
    let mut child = command.spawn().expect("the binary runs");
    let feed = case.stdin.clone().map(|bytes| {
        let mut stdin = child.stdin.take().unwrap();
        // The process may stop reading early (that is often the point): ignore a broken pipe.
        std::thread::spawn(move || drop(stdin.write_all(&bytes)))
    });
    let reader = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = reader(Box::new(child.stdout.take().unwrap()));
    let stderr = reader(Box::new(child.stderr.take().unwrap()));
    let deadline = started + Duration::from_secs(case.timeout);
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(feed);
    Ran {
        code,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
        seconds: started.elapsed().as_secs_f64(),
    }
}

/// What a folder holds: each entry's kind, permissions and content (or link target).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, String> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            let t = meta.file_type();
            let mode = meta.mode() & 0o7777;
            let what = if t.is_symlink() {
                format!("link -> {}", std::fs::read_link(&path).unwrap().display())
            } else if t.is_dir() {
                stack.push(path.clone());
                format!("dir {mode:o}")
            } else if t.is_file() {
                let bytes = std::fs::read(&path).unwrap();
                let sum: u64 = bytes.iter().fold(0xcbf29ce484222325, |h, b| {
                    (h ^ u64::from(*b)).wrapping_mul(0x100000001b3)
                });
                format!("file {mode:o} {} bytes {sum:x}", bytes.len())
            } else if t.is_fifo() {
                format!("fifo {mode:o}")
            } else if t.is_char_device() || t.is_block_device() {
                format!("device {mode:o} {:x}", meta.rdev())
            } else {
                format!("other {mode:o}")
            };
            out.insert(path.strip_prefix(dir).unwrap().to_path_buf(), what);
        }
    }
    out
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

/// Runs one case; `Err` says what went wrong.
fn check(case: &Case) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    (case.setup)(dir.path());
    let before = snapshot(dir.path());
    let ran = run(case, dir.path());
    let shown = format!(
        "exit {:?} after {:.1} s\n--- stderr\n{}\n--- stdout (start)\n{}",
        ran.code,
        ran.seconds,
        ran.stderr.trim_end(),
        ran.stdout.chars().take(600).collect::<String>()
    );
    let Some(code) = ran.code else {
        return Err(format!("hung or killed: {shown}"));
    };
    for crash in [
        "panicked",
        "overflowed its stack",
        "memory allocation",
        "fatal runtime",
    ] {
        if ran.stderr.contains(crash) {
            return Err(format!("crashed: {shown}"));
        }
    }
    let error_line = first_line(&ran.stderr);
    let (want_code, want_error, want_out) = match &case.expect {
        Expect::Error(c, e) => (*c, Some(*e), None),
        Expect::Both(c, e, o) => (*c, Some(*e), Some(*o)),
        Expect::Output(o) => (0, None, Some(*o)),
        Expect::Exit(c, o) => (*c, None, Some(*o)),
    };
    if code != want_code {
        return Err(format!("expected exit {want_code}: {shown}"));
    }
    if let Some(e) = want_error {
        if !error_line.starts_with("claimgraph: ") || !error_line.contains(e) {
            return Err(format!("the first line of stderr lacks {e:?}: {shown}"));
        }
        if error_line.chars().any(|c| c.is_control()) {
            return Err(format!("the error holds a raw control character: {shown}"));
        }
    } else if !ran.stderr.is_empty() {
        return Err(format!("unexpected stderr: {shown}"));
    }
    if let Some(o) = want_out {
        if !ran.stdout.contains(o) {
            return Err(format!("stdout lacks {o:?}: {shown}"));
        }
    }
    let mut after = snapshot(dir.path());
    let mut before = before;
    for w in &case.writes {
        before.remove(Path::new(w));
        after.remove(Path::new(w));
    }
    after.retain(|p, _| !p.starts_with(".data"));
    if before != after {
        return Err(format!(
            "the folder changed:\n  before {before:?}\n  after  {after:?}\n{shown}"
        ));
    }
    if let Some(f) = &case.after {
        f(dir.path(), &ran).map_err(|e| format!("{e}: {shown}"))?;
    }
    Ok(())
}

fn listed(var: &str) -> Option<Vec<String>> {
    std::env::var(var)
        .ok()
        .map(|v| v.split(',').map(str::to_owned).collect())
}

/// Runs the cases a few at a time; returns a description of each failure.
pub fn run_all(cases: Vec<Case>) -> Vec<String> {
    let only = listed("BAD_INPUT_ONLY");
    let skip = listed("BAD_INPUT_SKIP").unwrap_or_default();
    let mut names = std::collections::HashSet::new();
    for c in &cases {
        assert!(names.insert(c.name), "two cases are called {}", c.name);
    }
    let cases: Vec<Case> = cases
        .into_iter()
        .filter(|c| only.as_ref().is_none_or(|o| o.iter().any(|n| n == c.name)))
        .filter(|c| !skip.iter().any(|n| n == c.name))
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 4));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(case) = cases.get(i) else { break };
                    if let Err(e) = check(case) {
                        failures
                            .lock()
                            .unwrap()
                            .push(format!("[{}] {e}", case.name));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    failures
}
