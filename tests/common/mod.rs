//! The test harness: runs the real `claimgraph` binary and shows a readable diff on failure.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What a run of the binary gave.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Fails with the whole run shown unless it exited with `code`.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "unexpected exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn expect_ok(&self) -> &Self {
        self.expect_code(0)
    }

    /// Fails unless stderr is one line containing `needle`.
    #[track_caller]
    pub fn expect_error(&self, code: i32, needle: &str) -> &Self {
        self.expect_code(code);
        assert_eq!(
            self.stderr.lines().count(),
            1,
            "the error should be one line:\n{}",
            self.stderr
        );
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        self
    }

    #[track_caller]
    pub fn expect_stdout_contains(&self, needle: &str) -> &Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
}

/// The binary under test: the one cargo built, or `CLAIMGRAPH_TEST_BIN` (to run the tests
/// against another build, such as the one before a fix).
pub fn bin() -> &'static str {
    static BIN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BIN.get_or_init(|| {
        std::env::var("CLAIMGRAPH_TEST_BIN")
            .unwrap_or_else(|_| env!("CARGO_BIN_EXE_claimgraph").to_owned())
    })
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// Runs claimgraph with `args` in `dir`, feeding `stdin`.
pub fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    run_program(Path::new(bin()), dir, args, stdin)
}

/// Runs `program` (a claimgraph binary) with `args` in `dir`, feeding `stdin`.
pub fn run_program(program: &Path, dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(program)
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn run(args: &[&str]) -> Run {
    run_in(&std::env::temp_dir(), args, None)
}

/// Fails with a line diff when two texts differ.
#[track_caller]
pub fn assert_same_text(expected: &str, actual: &str) {
    if expected != actual {
        let diff = similar::TextDiff::from_lines(expected, actual);
        let mut shown = String::new();
        for change in diff.iter_all_changes() {
            let sign = match change.tag() {
                similar::ChangeTag::Delete => "-",
                similar::ChangeTag::Insert => "+",
                similar::ChangeTag::Equal => " ",
            };
            shown.push_str(&format!("{sign}{change}"));
        }
        panic!("texts differ (- expected, + actual):\n{shown}");
    }
}

/// A copy of a fixture folder in a temporary directory, to break on purpose.
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(name), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Replaces `from` by `to` in a file, failing if `from` is not there (so a test cannot silently
/// break nothing).
#[track_caller]
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} is not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Runs a Python script with the interpreter in CLAIMGRAPH_PYTHON (one with rdflib and pySHACL,
/// which `bash .ci/test` sets up); returns its exit code and its stdout followed by its stderr.
pub fn run_python(args: &[String]) -> (Option<i32>, String) {
    let python = std::env::var("CLAIMGRAPH_PYTHON").expect(
        "CLAIMGRAPH_PYTHON is not set: run the tests with `bash .ci/test`, which installs pySHACL and rdflib",
    );
    let out = Command::new(python)
        .args(args)
        .current_dir(repo())
        .output()
        .expect("python runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), report)
}

/// Validates an exported dump against ontology/shapes.ttl in pySHACL, with the whole ontology
/// and the review vocabulary of ingest: whether it conforms, and pySHACL's report.
pub fn validate_shapes(dump: &Path) -> (bool, String) {
    let ontology = repo().join("ontology");
    let mut ttl: Vec<PathBuf> = std::fs::read_dir(&ontology)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ttl") && !p.ends_with("shapes.ttl"))
        .collect();
    ttl.sort();
    ttl.push(repo().join("src/ingest/vocabulary.ttl"));
    let mut args = vec![
        repo().join("tests/shacl_validate.py"),
        dump.to_path_buf(),
        ontology.join("shapes.ttl"),
    ];
    args.extend(ttl);
    let args: Vec<String> = args.iter().map(|p| p.display().to_string()).collect();
    let (code, report) = run_python(&args);
    match code {
        Some(0) => (true, report),
        Some(1) => (false, report),
        _ => panic!("pySHACL failed to run:\n{report}"),
    }
}
