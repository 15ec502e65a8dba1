//! The `corroborate` command: its options (clap derive; the doc comments are the help text)
//! and what it does with the library: propose, write the draft, say what was found.

use super::{Options, corroborate, draft};
use crate::error::{Error, Exit, Result};
use crate::ingest::draft::PREFIXES;
use crate::ingest::review::Blocks;
use crate::ingest::workspace::{Commit, Workspace, interrupt_flag};
use crate::store::{DataOptions, Dataset};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct CorroborateArgs {
    /// Only links with one end in this source: its id (wire-istanbul), source:ID or IRI.
    #[arg(long, value_name = "ID")]
    pub source: Option<String>,

    /// Propose only links scored at least this (0 to 1).
    #[arg(long, value_name = "X", default_value_t = 0.5)]
    pub min_confidence: f64,

    /// Write the draft to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE", conflicts_with = "draft")]
    pub output: Option<PathBuf>,

    /// Put the proposals in the workspace for review, as ingest does: `claimgraph accept
    /// corroboration [NAME...]` and `reject corroboration NAME...` decide them, and links
    /// rejected before are not proposed again.
    #[arg(long)]
    pub draft: bool,

    /// Print to standard error how long reading the data and corroborating took, and how many
    /// candidate pairs the blocks gave (for benchmarks: benches/corroborate.sh).
    #[arg(long)]
    pub timings: bool,
}

/// The document name the workspace keeps links under.
pub const ID: &str = "corroboration";

pub fn run(data: &DataOptions, args: &CorroborateArgs) -> Result<Exit> {
    if !(0.0..=1.0).contains(&args.min_confidence) {
        return Err(Error::Value(format!(
            "--min-confidence {}: a confidence is between 0 and 1",
            args.min_confidence
        )));
    }
    let started = std::time::Instant::now();
    let dataset = Dataset::open(data)?;
    let loaded = started.elapsed();
    let read_cpu = cpu_seconds();
    let proposal = corroborate(
        &dataset,
        &Options {
            source: args.source.clone(),
            min_confidence: args.min_confidence,
            skip: if args.draft {
                rejected()?
            } else {
                Default::default()
            },
        },
    )?;
    if args.timings {
        // On a shared machine the wall time grows with the other processes' load; the CPU
        // time spent reading is what shows how reading grows with the data.
        let cpu = read_cpu
            .map(|s| format!(" ({s:.2} s of CPU)"))
            .unwrap_or_default();
        eprintln!(
            "timings: data read in {:.2} s{cpu}; corroborated in {:.2} s: {} sources, {} acts, {} candidate pairs, {} links",
            loaded.as_secs_f64(),
            (started.elapsed() - loaded).as_secs_f64(),
            proposal.sources,
            proposal.acts,
            proposal.pairs_compared,
            proposal.links.len() + proposal.actors.len() + proposal.stories.len()
        );
        let steps: Vec<String> = proposal
            .steps
            .iter()
            .map(|(name, s)| format!("{name} {s:.2} s"))
            .collect();
        eprintln!("timings: {}", steps.join("; "));
    }
    let text = draft::render(&proposal);
    if args.draft {
        return into_workspace(&text, &proposal);
    }
    match &args.output {
        Some(path) => {
            crate::export::write_atomically(path, |w| {
                w.write_all(text.as_bytes()).map_err(|e| Error::io(path, e))
            })?;
            eprintln!(
                "proposed {} links between acts{} and {} between copies of one story: {}",
                proposal.links.len(),
                draft::actor_count(&proposal),
                proposal.stories.len(),
                path.display()
            );
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .map_err(|e| Error::io("<stdout>", e))?;
        }
    }
    Ok(Exit::Success)
}

/// The CPU time this process has used so far (user and system, every thread), from
/// /proc/self/stat; `None` where there is no such file.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name (which may hold spaces) in parentheses; utime and
    // stime are the 14th and 15th fields, in clock ticks of 1/100 s (USER_HZ on Linux).
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    Some((ticks(11)? + ticks(12)?) / 100.0)
}

fn workspace() -> Result<Workspace> {
    Workspace::find()
        .filter(Workspace::exists)
        .ok_or(Error::NoWorkspace)
}

/// The names of the links rejected in review before.
fn rejected() -> Result<std::collections::BTreeSet<String>> {
    let ws = workspace()?;
    let text = std::fs::read_to_string(ws.rejected_file(ID)).unwrap_or_default();
    Ok(Blocks::parse(&text)
        .blocks
        .into_iter()
        .map(|(n, _)| n)
        .collect())
}

/// Writes the drafts (replacing proposals not reviewed yet) and, the first time, the record
/// that accepted links are added to, all or nothing.
fn into_workspace(text: &str, proposal: &super::Proposal) -> Result<Exit> {
    let ws = workspace()?;
    let mut commit = Commit::default();
    let record = ws.record(ID);
    if !record.is_file() {
        let head = format!(
            "# Links across sources accepted in review (claimgraph corroborate --draft, then claimgraph accept {ID}).\n\n{PREFIXES}"
        );
        commit.add(&record, head.as_bytes())?;
    }
    let drafts = ws.draft(ID);
    if proposal.links.is_empty() && proposal.actors.is_empty() && proposal.stories.is_empty() {
        // Nothing waits: no drafts file rather than one holding only its header.
        commit.finish(&interrupt_flag())?;
        if drafts.is_file() {
            std::fs::remove_file(&drafts).map_err(|e| Error::io(&drafts, e))?;
        }
        println!("nothing new to propose: every link found is reviewed already");
        return Ok(Exit::Success);
    }
    commit.add(&drafts, text.as_bytes())?;
    commit.finish(&interrupt_flag())?;
    println!(
        "proposed {} links between acts{} and {} between copies of one story: {}",
        proposal.links.len(),
        draft::actor_count(proposal),
        proposal.stories.len(),
        ws.show(&ws.draft(ID))
    );
    println!("next: claimgraph accept {ID} [NAME...], claimgraph reject {ID} NAME...");
    Ok(Exit::Success)
}
