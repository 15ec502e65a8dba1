//! Input that is not a person typing: piped standard input (`claimgraph < script.sparql`) and
//! `.read FILE`. Lines are read without prompts and the first error stops the script, as
//! sqlite3's `-bail` does, so a script either does everything or says where it failed.

use super::{Session, Step};
use crate::error::{Error, Result};
use std::io::{BufRead, Write};

/// Runs every line of `input`, writing what they print to `out` as they go.
pub fn run(session: &mut Session, mut input: impl BufRead, out: &mut impl Write) -> Result<()> {
    let io = |e| Error::io("<stdout>", e);
    let mut bytes = Vec::new();
    for number in 1.. {
        bytes.clear();
        if input
            .read_until(b'\n', &mut bytes)
            .map_err(|e| Error::io("<stdin>", e))?
            == 0
        {
            break;
        }
        let line = std::str::from_utf8(&bytes).map_err(|_| {
            let column = crate::error::first_invalid_utf8(&bytes).map_or(1, |(_, c)| c);
            Error::NotUtf8 {
                origin: "<stdin>".into(),
                line: number,
                column,
            }
        })?;
        let line = line.strip_suffix('\n').unwrap_or(line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        match session.eval(line)? {
            Step::Output(text) => out.write_all(text.as_bytes()).map_err(io)?,
            Step::Quit => return out.flush().map_err(io),
            Step::Continue | Step::NeedMore => {}
        }
    }
    if let Step::Output(text) = session.finish()? {
        out.write_all(text.as_bytes()).map_err(io)?;
    }
    out.flush().map_err(io)
}

/// Runs the lines of a text (a `.read` file) and returns what they print, together. A `.quit`
/// in the file ends the file, not the shell.
pub fn run_text(session: &mut Session, text: &str) -> Result<Step> {
    let mut printed = String::new();
    let mut quit = false;
    for line in text.lines() {
        match session.eval(line)? {
            Step::Output(text) => printed.push_str(&text),
            Step::Quit => {
                quit = true;
                break;
            }
            Step::Continue | Step::NeedMore => {}
        }
    }
    if !quit && let Step::Output(text) = session.finish()? {
        printed.push_str(&text);
    }
    Ok(if printed.is_empty() {
        Step::Continue
    } else {
        Step::Output(printed)
    })
}
