//! The ingest commands as the command line runs them: checking their options, calling the
//! library, and printing what was done and what to do next.

use super::args::{DecideArgs, IngestArgs, ReviewArgs, ReviewFormat};
use super::dates::Date;
use super::review::{self, Decision};
use super::workspace::Workspace;
use super::{Metadata, register};
use crate::error::{Error, Exit, Result};
use std::io::{IsTerminal, Write};

fn out_error(e: std::io::Error) -> Error {
    Error::io("<stdout>", e)
}

/// The metadata the options give, checked before anything is read or written.
pub fn metadata(args: &IngestArgs) -> Result<Metadata> {
    let key = args.key.clone().unwrap_or_else(|| args.id.clone());
    for (option, value) in [("--id", &args.id), ("--key", &key)] {
        if !register::valid_id(value) {
            return Err(Error::BadValue {
                option,
                value: value.clone(),
                reason: "not an id".into(),
            });
        }
    }
    let published = Date::parse(&args.published).ok_or_else(|| Error::BadValue {
        option: "--published",
        value: args.published.clone(),
        reason: "not a date".into(),
    })?;
    for (option, value) in [("--title", &args.title), ("--publisher", &args.publisher)] {
        if value.trim().is_empty() {
            return Err(Error::BadValue {
                option,
                value: value.clone(),
                reason: "must not be empty".into(),
            });
        }
    }
    Ok(Metadata {
        id: args.id.clone(),
        key,
        title: args.title.trim().to_owned(),
        published,
        publisher: args.publisher.trim().to_owned(),
        url: args.url.clone(),
        language: args.lang.clone(),
        author: args.author.clone(),
    })
}

/// `claimgraph ingest`.
pub fn ingest(args: IngestArgs) -> Result<Exit> {
    let meta = metadata(&args)?;
    let done = register::ingest(&args.file, &meta)?;
    let ws = Workspace::find_or_here()?;
    let mut out = std::io::stdout().lock();
    let mut say = |line: String| writeln!(out, "{line}").map_err(out_error);
    if done.new_workspace {
        say(format!(
            "new workspace: {} (commands run here or below read it)",
            ws.show(&ws.dir())
        ))?;
    }
    if done.again {
        say(format!(
            "source:{} is registered with this text already: {} new proposals ({} sentences proposed, accepted or rejected before)",
            done.id, done.proposals, done.handled
        ))?;
    } else {
        say(format!(
            "ingested source:{}: {} sentences, {} headings and {} pieces of furniture excluded",
            done.id, done.sentences, done.headings, done.furniture
        ))?;
        say(format!(
            "proposed: {} graphs, {} attributed statements, {} of the author's analysis, {} new actors",
            done.proposals,
            done.attributed,
            done.statements - done.attributed,
            done.new_actors
        ))?;
        say(format!("  text   {}", ws.show(&done.text)))?;
        say(format!("  record {}", ws.show(&done.record)))?;
    }
    if done.proposals > 0 {
        say(format!("  drafts {}", ws.show(&done.draft)))?;
        say(format!(
            "next: claimgraph review {}, edit the drafts, then claimgraph accept {}",
            done.id, done.id
        ))?;
    }
    Ok(Exit::Success)
}

/// `claimgraph review`.
pub fn review(args: ReviewArgs) -> Result<Exit> {
    let ws = Workspace::find()
        .filter(Workspace::exists)
        .ok_or(Error::NoWorkspace)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let Some(id) = args.id else {
        for id in ws.ids() {
            writeln!(out, "{id}").map_err(out_error)?;
        }
        return Ok(Exit::Success);
    };
    let rows = review::rows(&ws, &id)?;
    match args.format {
        ReviewFormat::Tsv => review::write_tsv(&mut out, &rows).map_err(out_error)?,
        ReviewFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)
                .map_err(|e| Error::Internal(e.to_string()))?;
            writeln!(out).map_err(out_error)?;
        }
        ReviewFormat::Table => {
            let stdout = std::io::stdout();
            let width = stdout
                .is_terminal()
                .then(|| terminal_size::terminal_size().map(|(w, _)| w.0))
                .flatten()
                .unwrap_or(100);
            review::write_table(&mut out, &rows, width).map_err(out_error)?;
        }
    }
    out.flush().map_err(out_error)?;
    Ok(Exit::Success)
}

/// Who reviews: `--by`, else the login name.
pub fn reviewer(by: Option<String>) -> String {
    by.or_else(|| std::env::var("USER").ok())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// `claimgraph accept` and `claimgraph reject`.
pub fn decide(args: DecideArgs, accept: bool) -> Result<Exit> {
    let ws = Workspace::find()
        .filter(Workspace::exists)
        .ok_or(Error::NoWorkspace)?;
    let decision = if accept {
        Decision::Accept
    } else {
        Decision::Reject
    };
    let by = reviewer(args.by);
    let (when, _) = register::now();
    let interrupted = super::workspace::interrupt_flag();
    let (moved, waiting) = review::decide(
        &ws,
        &args.id,
        &args.proposals,
        decision,
        &by,
        &when,
        &interrupted,
    )?;
    let verb = if accept { "accepted" } else { "rejected" };
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{verb} {} proposal{} of {} as {by:?}: {}",
        moved.len(),
        if moved.len() == 1 { "" } else { "s" },
        args.id,
        moved.join(" ")
    )
    .map_err(out_error)?;
    writeln!(out, "{waiting} waiting for review").map_err(out_error)?;
    Ok(Exit::Success)
}

/// The shell's `.review ID`: the review view as a table (`table`) or as TSV.
pub fn shell_review(args: &[String], table: bool, width: u16) -> Result<String> {
    let [id] = args else {
        return Err(Error::Usage(
            ".review takes a document's id; `claimgraph review` lists them".into(),
        ));
    };
    let ws = Workspace::find()
        .filter(Workspace::exists)
        .ok_or(Error::NoWorkspace)?;
    let rows = review::rows(&ws, id)?;
    let mut out = Vec::new();
    if table {
        review::write_table(&mut out, &rows, width)
    } else {
        review::write_tsv(&mut out, &rows)
    }
    .map_err(|e| Error::io("<output>", e))?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// The shell's `.accept ID [PROPOSAL...] [--by NAME]` and `.reject ID PROPOSAL... [--by NAME]`:
/// what was done, and the curated file to load into the session when something was accepted.
pub fn shell_decide(args: &[String], accept: bool) -> Result<(String, Option<std::path::PathBuf>)> {
    let name = if accept { ".accept" } else { ".reject" };
    let mut words = args.iter();
    let mut by = None;
    let mut rest = Vec::new();
    while let Some(w) = words.next() {
        if w == "--by" {
            by = Some(
                words
                    .next()
                    .cloned()
                    .ok_or_else(|| Error::Usage(format!("{name}: --by takes a NAME")))?,
            );
        } else {
            rest.push(w.clone());
        }
    }
    let Some((id, proposals)) = rest.split_first() else {
        return Err(Error::Usage(format!(
            "{name} takes a document's id, then proposals (s012 ...)"
        )));
    };
    let ws = Workspace::find()
        .filter(Workspace::exists)
        .ok_or(Error::NoWorkspace)?;
    let decision = if accept {
        Decision::Accept
    } else {
        Decision::Reject
    };
    let by = reviewer(by);
    let (when, _) = register::now();
    let (moved, waiting) = review::decide(
        &ws,
        id,
        proposals,
        decision,
        &by,
        &when,
        &std::sync::atomic::AtomicBool::new(false),
    )?;
    let verb = if accept { "accepted" } else { "rejected" };
    let text = format!(
        "{verb} {} of {id} as {by:?}: {}; {waiting} waiting for review\n",
        moved.len(),
        moved.join(" ")
    );
    Ok((text, accept.then(|| ws.record(id))))
}
