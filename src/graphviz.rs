//! Graphviz, the one external program claimgraph runs: finding `dot` on PATH and drawing DOT
//! text as SVG. Renderers only write DOT; a caller that wants SVG pipes it through [`svg`].

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The first executable called `name` on PATH.
pub fn find_program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}

/// Renders DOT text as SVG with Graphviz's `dot`, and says so when it is missing.
pub fn svg(out: &mut impl Write, dot: Vec<u8>) -> Result<()> {
    use std::process::{Command, Stdio};
    let program = find_program("dot").ok_or(Error::MissingProgram {
        program: "dot",
        purpose: "--format svg",
    })?;
    let failed = |message: String| Error::ProgramFailed {
        program: "dot",
        message,
    };
    let mut child = Command::new(&program)
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| failed(e.to_string()))?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // Written from another thread, so that a large graph cannot fill both pipes and stall.
    let writer = std::thread::spawn(move || stdin.write_all(&dot));
    let output = child
        .wait_with_output()
        .map_err(|e| failed(e.to_string()))?;
    let written = writer
        .join()
        .map_err(|_| failed("could not write to it".into()))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(failed(
            stderr
                .lines()
                .next()
                .unwrap_or("no message")
                .trim()
                .to_owned(),
        ));
    }
    written.map_err(|e| failed(e.to_string()))?;
    out.write_all(&output.stdout)
        .map_err(|e| Error::io("<output>", e))
}
