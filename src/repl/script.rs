//! Input that is not a person typing: piped standard input (`claimgraph < script.sparql`) and
//! `.read FILE`. Lines are read without prompts and the first error stops the script, as
//! sqlite3's `-bail` does, so a script either does everything or says where it failed.

use super::{Session, Step};
use crate::error::{Error, Result};
use std::io::{BufRead, Read, Write};

/// Runs every line of `input`, writing what they print to `out` as they go.
pub fn run(session: &mut Session, mut input: impl BufRead, out: &mut impl Write) -> Result<()> {
    let io = |e| Error::io("<stdout>", e);
    let mut bytes = Vec::new();
    let mut number = 0;
    let lines = std::iter::from_fn(|| {
        bytes.clear();
        number += 1;
        // A line is bounded: an input with no newline (a device) would otherwise fill memory.
        let limit = crate::corpus::MAX_QUERY_BYTES;
        match (&mut input).take(limit).read_until(b'\n', &mut bytes) {
            Ok(0) => None,
            Err(e) => Some(Err(Error::io("<stdin>", e))),
            Ok(n) if n as u64 == limit && !bytes.ends_with(b"\n") => Some(Err(Error::Limit {
                what: format!("<stdin>:{number}: a line longer than {} MiB", limit >> 20),
                hint: "check what is piped in: scripts are text, one query or command per line",
            })),
            Ok(_) => Some(std::str::from_utf8(&bytes).map(str::to_owned).map_err(|_| {
                let column = crate::error::first_invalid_utf8(&bytes).map_or(1, |(_, c)| c);
                Error::NotUtf8 {
                    origin: "<stdin>".into(),
                    line: number,
                    column,
                }
            })),
        }
    });
    feed(session, lines, |text| {
        out.write_all(text.as_bytes()).map_err(io)
    })?;
    out.flush().map_err(io)
}

/// Runs the lines of a text (a `.read` file) and returns what they print, together.
pub fn run_text(session: &mut Session, text: &str) -> Result<Step> {
    let mut printed = String::new();
    feed(session, text.lines().map(|l| Ok(l.to_owned())), |text| {
        printed.push_str(text);
        Ok(())
    })?;
    Ok(if printed.is_empty() {
        Step::Continue
    } else {
        Step::Output(printed)
    })
}

/// Evaluates each line and hands what it prints to `emit`; at the end of the lines runs what is
/// pending. A `.quit` ends the lines here (the file, for `.read`; not the shell around it).
fn feed(
    session: &mut Session,
    lines: impl Iterator<Item = Result<String>>,
    mut emit: impl FnMut(&str) -> Result<()>,
) -> Result<()> {
    for line in lines {
        let line = line?;
        let line = line.strip_suffix('\n').unwrap_or(&line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        match session.eval(line)? {
            Step::Output(text) => emit(&text)?,
            Step::Quit => return Ok(()),
            Step::Continue | Step::NeedMore => {}
        }
    }
    if let Step::Output(text) = session.finish()? {
        emit(&text)?;
    }
    Ok(())
}
