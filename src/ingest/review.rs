//! Reviewing proposals: accepting a block moves it from drafts/ into the data with its status
//! flipped and who and when recorded; rejecting moves it to rejected/, kept out of the data and
//! remembered; the review view lists a document sentence by sentence with what was proposed, by
//! which cue and how surely; and the violations `check` reports for unreviewed graphs.

use super::draft::{self, BLOCK_MARK};
use super::graph;
use super::text::{self, Kind};
use super::workspace::{Commit, Workspace};
use crate::check::Violation;
use crate::error::{Error, Result};
use crate::store::Dataset;
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::atomic::AtomicBool;

/// A drafts file: what precedes the first block, and each block by its name ("s012").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocks {
    pub head: String,
    pub blocks: Vec<(String, String)>,
}

impl Blocks {
    pub fn parse(text: &str) -> Blocks {
        let mut head = String::new();
        let mut blocks: Vec<(String, String)> = Vec::new();
        for line in text.split_inclusive('\n') {
            if let Some(rest) = line.strip_prefix(BLOCK_MARK) {
                let name = rest.split_whitespace().next().unwrap_or("").to_owned();
                blocks.push((name, String::new()));
            }
            match blocks.last_mut() {
                Some((_, body)) => body.push_str(line),
                None => head.push_str(line),
            }
        }
        Blocks { head, blocks }
    }

    pub fn text(&self) -> String {
        let mut out = self.head.clone();
        for (_, body) in &self.blocks {
            out.push_str(body);
        }
        out
    }

    /// Takes out the blocks named (all of them when `names` is empty).
    fn take(&mut self, names: &[String], id: &str) -> Result<Vec<(String, String)>> {
        let wanted: Vec<String> = names.iter().map(|n| short_name(n, id)).collect();
        if let Some(missing) = wanted
            .iter()
            .find(|n| !self.blocks.iter().any(|(b, _)| b == *n))
        {
            // A long list is cut: `review` shows them all.
            let known: Vec<&str> = self
                .blocks
                .iter()
                .map(|(b, _)| b.as_str())
                .take(8)
                .collect();
            let more = if self.blocks.len() > known.len() {
                " ..."
            } else {
                ""
            };
            return Err(Error::Review(format!(
                "{id} has no proposal {missing} waiting for review (waiting: {}{more})",
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.join(" ")
                }
            )));
        }
        let (taken, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut self.blocks)
            .into_iter()
            .partition(|(b, _)| wanted.is_empty() || wanted.contains(b));
        self.blocks = kept;
        Ok(taken)
    }
}

/// "s012", "graph:ID/s012", "graph:ID\/s012" or the full IRI: the block name "s012".
fn short_name(name: &str, id: &str) -> String {
    let plain = name.replace("\\/", "/");
    let tail = plain.rsplit('/').next().unwrap_or(&plain);
    let _ = id;
    tail.trim_start_matches('<')
        .trim_end_matches('>')
        .to_owned()
}

/// What a review decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Accept,
    Reject,
}

/// Accepts or rejects proposals of document `id`; returns the names moved and how many wait.
pub fn decide(
    ws: &Workspace,
    id: &str,
    names: &[String],
    decision: Decision,
    by: &str,
    when: &str,
    interrupted: &AtomicBool,
) -> Result<(Vec<String>, usize)> {
    let drafts = ws.draft(id);
    if !ws.record(id).is_file() {
        return Err(Error::Review(format!(
            "no document {id} in the workspace at {}",
            ws.show(&ws.root)
        )));
    }
    let text = std::fs::read_to_string(&drafts).unwrap_or_default();
    let mut file = Blocks::parse(&text);
    if decision == Decision::Reject && names.is_empty() {
        return Err(Error::Review(
            "reject takes the proposals to reject by name (s012 ...)".into(),
        ));
    }
    let taken = file.take(names, id)?;
    if taken.is_empty() {
        return Err(Error::Review(format!(
            "{id} has no proposal waiting for review"
        )));
    }
    let (status, target) = match decision {
        Decision::Accept => ("Accepted", ws.record(id)),
        Decision::Reject => ("Rejected", ws.rejected_file(id)),
    };
    let mut moved = String::new();
    for (name, body) in &taken {
        moved.push_str(&flip(name, body, status, by, when)?);
    }
    let before = match std::fs::read_to_string(&target) {
        Ok(t) => t,
        Err(_) => format!(
            "# Rejected proposals of {id}: kept out of the data, remembered so that ingest does not propose them again.\n\n{}\n",
            draft::PREFIXES
        ),
    };
    let after = format!(
        "{}{}{moved}",
        before,
        if before.ends_with("\n\n") { "" } else { "\n" }
    );
    parses(&target, &after)?;
    let mut commit = Commit::default();
    commit.add(&target, after.as_bytes())?;
    commit.add(&drafts, file.text().as_bytes())?;
    commit.finish(interrupted)?;
    if file.blocks.is_empty() {
        // Nothing waits: no drafts file rather than one holding only its header.
        std::fs::remove_file(&drafts).map_err(|e| Error::io(&drafts, e))?;
    }
    Ok((
        taken.into_iter().map(|(n, _)| n).collect(),
        file.blocks.len(),
    ))
}

/// The block with its status line flipped and the reviewer recorded.
fn flip(name: &str, body: &str, status: &str, by: &str, when: &str) -> Result<String> {
    let proposed = "cg:reviewStatus cg:Proposed ;";
    if !body.contains(proposed) {
        return Err(Error::Review(format!(
            "proposal {name} no longer says `{proposed}`: put the line back under its graph's name, then review it"
        )));
    }
    let reviewed = format!(
        "cg:reviewStatus cg:{status} ;\n    cg:reviewedBy {} ;\n    cg:reviewedAt \"{when}\"^^xsd:dateTime ;",
        draft::literal(by)
    );
    // Every graph of the block: the passage's, and the proposition graph its claim may have.
    Ok(body.replace(proposed, &reviewed))
}

/// Refuses to write a file that would not load: the curator's edits must still be TriG.
fn parses(path: &std::path::Path, text: &str) -> Result<()> {
    let parser = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::TriG);
    for quad in parser.for_slice(text.as_bytes()) {
        quad.map_err(|e| {
            crate::error::from_parse_error(
                &path.display().to_string(),
                Some(text.as_bytes()),
                e.into(),
            )
        })?;
    }
    Ok(())
}

/// One line of the review view: a segment of the text and what was proposed for it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Row {
    pub name: String,
    pub start: usize,
    pub end: usize,
    /// heading, furniture, or the review status of its proposal (proposed, accepted, rejected).
    pub status: String,
    pub text: String,
    /// "Speaker: ActType (CAMEO)" for each statement proposed.
    pub proposed: Vec<String>,
    pub cues: Vec<String>,
    pub confidence: String,
}

/// The review view of document `id`: its text segment by segment, with the proposals.
pub fn rows(ws: &Workspace, id: &str) -> Result<Vec<Row>> {
    let path = ws.text(id);
    let bytes = std::fs::read(&path).map_err(|_| {
        Error::Review(format!(
            "no document {id} in the workspace at {}",
            ws.show(&ws.root)
        ))
    })?;
    let text = crate::error::text_from_utf8(bytes, &path.display().to_string())?;
    let options = super::workspace::data_options(crate::store::DataOptions::default(), true);
    let dataset = Dataset::open(&crate::store::DataOptions {
        progress: false,
        ..options
    })?;
    let source = format!("{}source/{id}", crate::vocab::ID);
    let mut graphs: Vec<(graph::Reviewed, bool)> = graph::reviewed(&dataset)?
        .into_iter()
        .map(|r| (r, false))
        .collect();
    let rejected = load_rejected(ws, id)?;
    if let Some(d) = &rejected {
        graphs.extend(graph::reviewed(d)?.into_iter().map(|r| (r, true)));
    }
    graphs.retain(|(r, _)| r.source.as_deref() == Some(source.as_str()));
    let mut out = Vec::new();
    for (i, seg) in text::segment(&text).into_iter().enumerate() {
        let mut row = Row {
            name: format!("s{:03}", i + 1),
            start: seg.start,
            end: seg.end,
            status: seg.kind.name().to_owned(),
            text: seg.text.clone(),
            proposed: Vec::new(),
            cues: Vec::new(),
            confidence: String::new(),
        };
        if seg.kind == Kind::Content {
            row.status = "not proposed".into();
            // The passage's graph (it has the cues), not a claim's proposition graph.
            let here = |(r, _): &&(graph::Reviewed, bool)| r.starts.contains(&(seg.start as i64));
            if let Some((r, was_rejected)) = graphs
                .iter()
                .filter(here)
                .find(|(r, _)| !r.cues.is_empty())
                .or_else(|| graphs.iter().find(here))
            {
                let head = r.starts.first() == Some(&(seg.start as i64));
                row.status = if head {
                    r.status.to_lowercase()
                } else {
                    format!(
                        "{} (with {})",
                        r.status.to_lowercase(),
                        r.graph.rsplit('/').next().unwrap_or("")
                    )
                };
                if head {
                    row.cues = r.cues.clone();
                    row.confidence = r.confidence.clone().unwrap_or_default();
                    let from = if *was_rejected {
                        rejected.as_ref().unwrap_or(&dataset)
                    } else {
                        &dataset
                    };
                    row.proposed = proposed(from, &r.graph)?;
                }
            }
        }
        out.push(row);
    }
    Ok(out)
}

fn load_rejected(ws: &Workspace, id: &str) -> Result<Option<Dataset>> {
    let rejected = ws.rejected_file(id);
    if !rejected.is_file() {
        return Ok(None);
    }
    let (inputs, texts) = crate::store::DataOptions {
        data: vec![rejected, ws.vocabulary()],
        ..Default::default()
    }
    .inputs()?;
    let d = Dataset::in_memory(texts)?;
    d.load(&inputs, false)?;
    Ok(Some(d))
}

/// "Speaker: ActType (CAMEO), ..." for each statement of a graph.
fn proposed(dataset: &Dataset, graph: &str) -> Result<Vec<String>> {
    let mut by: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for (st, who, ty) in graph::proposed_in(dataset, graph)? {
        let entry = by.entry(st).or_insert_with(|| (who, Vec::new()));
        let typed = format!("{ty} ({})", super::cues::cameo(&ty));
        if !ty.is_empty() && !entry.1.contains(&typed) {
            entry.1.push(typed);
        }
    }
    Ok(by
        .into_values()
        .map(|(who, types)| format!("{who}: {}", types.join(", ")))
        .collect())
}

/// The review view as tab-separated values, one segment per line.
pub fn write_tsv(out: &mut impl Write, rows: &[Row]) -> std::io::Result<()> {
    writeln!(
        out,
        "sentence\tstart\tend\tstatus\tconfidence\tproposed\tcues\ttext"
    )?;
    for r in rows {
        let clean = |s: &str| s.replace(['\t', '\n'], " ");
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.name,
            r.start,
            r.end,
            r.status,
            r.confidence,
            clean(&r.proposed.join("; ")),
            clean(&r.cues.join("; ")),
            clean(&r.text)
        )?;
    }
    Ok(())
}

/// The review view for people: a table fitted to `width`.
pub fn write_table(out: &mut impl Write, rows: &[Row], width: u16) -> std::io::Result<()> {
    use comfy_table::{ContentArrangement, Table, presets};
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    table.set_width(width);
    table.set_header([
        "#",
        "status",
        "text",
        "proposed (speaker: act type, CAMEO)",
        "cue → speaker (confidence)",
    ]);
    for r in rows {
        let status = if r.confidence.is_empty() {
            r.status.clone()
        } else {
            format!("{} {}", r.status, r.confidence)
        };
        table.add_row([
            r.name.clone(),
            status,
            super::propose::clip(&r.text, 90),
            r.proposed.join("\n"),
            r.cues.join("\n"),
        ]);
    }
    writeln!(out, "{table}")?;
    let waiting = rows.iter().filter(|r| r.status == "proposed").count();
    writeln!(
        out,
        "({} segments; {waiting} proposals waiting for review)",
        rows.len()
    )
}

/// What `check` says of generated graphs: a proposal among curated data is not curated yet; a
/// rejected one must not be loaded; an accepted one names its reviewer.
pub fn violations(dataset: &Dataset) -> Result<Vec<Violation>> {
    let mut out = Vec::new();
    for r in graph::reviewed(dataset)? {
        let subject = crate::vocab::shorten(&r.graph).unwrap_or_else(|| format!("<{}>", r.graph));
        let id = r
            .source
            .as_deref()
            .and_then(|s| s.rsplit('/').next())
            .unwrap_or("ID");
        let message = match r.status.as_str() {
            // Links proposed by `corroborate` are reviewed under its own name.
            "Proposed" if r.graph.contains("/graph/corroboration/") => {
                "link is proposed by corroborate, not reviewed: accept or reject it (claimgraph accept corroboration NAME)".to_owned()
            }
            "Proposed" => format!(
                "graph is proposed by ingest, not reviewed: accept or reject it (claimgraph review {id})"
            ),
            "Rejected" => "graph was rejected in review, yet it is loaded with the data".to_owned(),
            "Accepted" if r.reviewed_by.is_none() => {
                "accepted graph records no reviewer (cg:reviewedBy)".to_owned()
            }
            _ => continue,
        };
        out.push(Violation {
            invariant: 6,
            subject,
            message,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DRAFTS: &str = "# head\n@prefix cg: <https://claimgraph.org/ns#> .\n\n#> s002 · x\ngraph:x cg:reviewStatus cg:Proposed ;\n    cg:confidence 0.5 .\n\n#> s004 · y\nmore\n";

    #[test]
    fn blocks_are_found_by_their_mark_and_put_back_whole() {
        let b = Blocks::parse(DRAFTS);
        assert_eq!(
            b.head,
            "# head\n@prefix cg: <https://claimgraph.org/ns#> .\n\n"
        );
        assert_eq!(
            b.blocks.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
            ["s002", "s004"]
        );
        assert_eq!(b.text(), DRAFTS);
    }

    #[test]
    fn taking_an_unknown_block_names_the_waiting_ones() {
        let mut b = Blocks::parse(DRAFTS);
        let e = b.take(&["s009".into()], "doc").unwrap_err();
        assert!(e.to_string().contains("waiting: s002 s004"), "{e}");
        let taken = b.take(&["graph:doc\\/s004".into()], "doc").unwrap();
        assert_eq!(taken.len(), 1);
        assert_eq!(b.blocks.len(), 1);
    }

    #[test]
    fn flipping_records_the_reviewer_and_refuses_an_edited_status() {
        let body = &Blocks::parse(DRAFTS).blocks[0].1;
        let flipped = flip(
            "s002",
            body,
            "Accepted",
            "A. Curator",
            "2026-01-01T00:00:00Z",
        )
        .unwrap();
        assert!(
            flipped.contains("cg:reviewStatus cg:Accepted ;\n    cg:reviewedBy \"A. Curator\" ;")
        );
        assert!(flip("s004", "nothing", "Accepted", "x", "t").is_err());
    }
}
