//! `claimgraph ingest`: reading the text (UTF-8, not empty), refusing a duplicate id or text,
//! copying it byte for byte into the workspace, registering its source and writing its draft,
//! all in one commit. Ingesting the same text under the same id again proposes only what is new.

use super::draft::{self, Activity};
use super::workspace::{self, Commit, Workspace};
use super::{Known, Metadata, graph};
use crate::error::{Error, Result};
use crate::store::{DataOptions, Dataset};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What an ingest did, for the report the command prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub id: String,
    pub new_workspace: bool,
    /// The text was registered already: only new proposals were added.
    pub again: bool,
    pub sentences: usize,
    pub headings: usize,
    pub furniture: usize,
    pub proposals: usize,
    pub statements: usize,
    pub attributed: usize,
    pub new_actors: usize,
    /// Content sentences proposed, accepted or rejected before.
    pub handled: usize,
    pub text: PathBuf,
    pub record: PathBuf,
    pub draft: PathBuf,
}

/// Whether an id is a slug: lower-case letters and digits joined by hyphens.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// Reads a text to ingest: it must exist, be a file, hold text, and be UTF-8.
pub fn read_text(path: &Path) -> Result<(Vec<u8>, String)> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NoText {
            path: path.to_path_buf(),
        },
        _ => Error::io(path, e),
    })?;
    if meta.is_dir() {
        return Err(Error::NotText {
            path: path.to_path_buf(),
            reason: "is a folder, not a text file".into(),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    if bytes.contains(&0) {
        return Err(Error::NotText {
            path: path.to_path_buf(),
            reason: "is a binary file, not text (it holds NUL bytes)".into(),
        });
    }
    let text = String::from_utf8(bytes.clone()).map_err(|e| {
        let (line, column) = crate::error::first_invalid_utf8(e.as_bytes()).unwrap_or((1, 1));
        Error::NotText {
            path: path.to_path_buf(),
            reason: format!("not valid UTF-8 (line {line}, column {column})"),
        }
    })?;
    if text.trim().is_empty() {
        return Err(Error::EmptyText {
            path: path.to_path_buf(),
        });
    }
    Ok((bytes, text))
}

/// Now, in UTC, as `xsd:dateTime` and as a compact stamp for names. `CLAIMGRAPH_NOW`
/// (`YYYY-MM-DDTHH:MM:SSZ`) fixes it, for reproducible files.
pub fn now() -> (String, String) {
    let iso = std::env::var("CLAIMGRAPH_NOW")
        .ok()
        .filter(|s| s.len() == 20)
        .unwrap_or_else(|| {
            let secs = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64);
            let day = super::dates::Date::from_days(secs.div_euclid(86_400));
            let s = secs.rem_euclid(86_400);
            format!("{day}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
        });
    let compact: String = iso
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase();
    (iso, compact)
}

/// The workspace's data, drafts included, loaded with the bundled corpus.
fn open(ws: &Workspace) -> Result<Dataset> {
    let data = if ws.exists() {
        ws.inputs(true)
    } else {
        Vec::new()
    };
    Dataset::open(&DataOptions {
        data,
        with_corpus: true,
        ..DataOptions::default()
    })
}

/// Ingests the text at `path` as document `meta.id` into the workspace.
pub fn ingest(path: &Path, meta: &Metadata) -> Result<Outcome> {
    let interrupted = workspace::interrupt_flag();
    let (bytes, text) = read_text(path)?;
    let ws = Workspace::find_or_here()?;
    let new_workspace = !ws.exists();
    let dataset = open(&ws)?;
    let source = format!("{}source/{}", crate::vocab::ID, meta.id);
    let sha = crate::provenance::sha256_hex(&bytes);
    let sources = graph::sources(&dataset)?;
    let again = match sources.iter().find(|s| s.iri == source) {
        Some(s) if s.sha256.as_deref() == Some(sha.as_str()) => true,
        Some(_) => {
            let existing = if ws.record(&meta.id).is_file() {
                ws.show(&ws.record(&meta.id))
            } else {
                "the bundled corpus".to_owned()
            };
            return Err(Error::DuplicateId {
                id: meta.id.clone(),
                existing,
            });
        }
        None => false,
    };
    if let Some(same) = sources
        .iter()
        .find(|s| s.iri != source && s.sha256.as_deref() == Some(sha.as_str()))
    {
        let short = crate::vocab::shorten(&same.iri).unwrap_or_else(|| same.iri.clone());
        return Err(Error::DuplicateText {
            path: path.to_path_buf(),
            existing: short,
        });
    }
    let taken = graph::taken(&dataset)?;
    check_key(&dataset, &taken, meta, &source, again)?;
    let known = Known {
        actors: graph::actors(&dataset)?,
        taken,
        acts: graph::acts(&dataset)?,
    };
    let draft = super::propose(&text, meta, known);
    let handled: HashSet<String> = if again {
        handled(&ws, &dataset, &source)?
    } else {
        HashSet::new()
    };
    let (iso, compact) = now();
    let activity = Activity {
        local: format!("ingest-{}-{compact}", meta.id),
        time: iso,
    };
    let (proposals, count) = draft::proposals(&draft, &activity, &handled);
    let files = Files {
        ws: &ws,
        draft: &draft,
        bytes: &bytes,
        activity: &activity,
        proposals: &proposals,
        count,
    };
    let commit = if again {
        files.again()?
    } else {
        files.first()?
    };
    commit.finish(&interrupted)?;
    let before = draft
        .sentences
        .iter()
        .filter(|s| {
            s.segment.kind == super::text::Kind::Content && handled.contains(&s.segment.text)
        })
        .count();
    Ok(outcome(&ws, &draft, new_workspace, again, count, before))
}

/// The key names a document's mentions and graphs: a new document's must be free, and a
/// document ingested again keeps the one it was first ingested with.
fn check_key(
    dataset: &Dataset,
    taken: &[String],
    meta: &Metadata,
    source: &str,
    again: bool,
) -> Result<()> {
    let ns = |kind: &str| format!("{}{kind}/", crate::vocab::ID);
    let bad = |reason: String| Error::BadValue {
        option: "--key",
        value: meta.key.clone(),
        reason,
    };
    let ours = |iri: &str| {
        ["mention", "graph"].iter().any(|kind| {
            iri.strip_prefix(&ns(kind))
                .is_some_and(|rest| rest.split('/').next() == Some(meta.key.as_str()))
        })
    };
    if !again {
        return match taken.iter().find(|iri| ours(iri)) {
            Some(iri) => Err(bad(format!(
                "another document's names use it already ({})",
                crate::vocab::shorten(iri).unwrap_or_else(|| iri.clone())
            ))),
            None => Ok(()),
        };
    }
    let mentions = graph::mentions_of(dataset, source)?;
    match mentions.iter().find(|m| !ours(&m.mention)) {
        Some(m) if !mentions.iter().any(|m| ours(&m.mention)) => {
            let first = m.mention.strip_prefix(&ns("mention")).unwrap_or(&m.mention);
            let key = first.split('/').next().unwrap_or(first);
            Err(bad(format!(
                "source:{} was ingested with --key {key}",
                meta.id
            )))
        }
        _ => Ok(()),
    }
}

/// What one ingest writes, and how: all of it for a new document, only what is new again.
struct Files<'a> {
    ws: &'a Workspace,
    draft: &'a super::Draft,
    bytes: &'a [u8],
    activity: &'a Activity,
    proposals: &'a str,
    count: usize,
}

impl Files<'_> {
    fn first(&self) -> Result<Commit> {
        let id = &self.draft.meta.id;
        let mut commit = Commit::default();
        commit.add(&self.ws.text(id), self.bytes)?;
        let vocabulary = std::fs::read_to_string(self.ws.vocabulary()).ok();
        if vocabulary.as_deref() != Some(workspace::VOCABULARY) {
            commit.add(&self.ws.vocabulary(), workspace::VOCABULARY.as_bytes())?;
        }
        if self.count > 0 {
            commit.add(&self.ws.draft(id), self.proposals.as_bytes())?;
        }
        // The record last: a document is registered once its record is in place.
        let record = draft::record(self.draft, self.activity);
        commit.add(&self.ws.record(id), record.as_bytes())?;
        Ok(commit)
    }

    /// The new proposals after those waiting, and the run recorded beside the source.
    fn again(&self) -> Result<Commit> {
        let id = &self.draft.meta.id;
        let mut commit = Commit::default();
        if self.count == 0 {
            return Ok(commit);
        }
        let run = draft::activity_block(self.draft, self.activity);
        append(&mut commit, &self.ws.record(id), &run)?;
        let existing = std::fs::read_to_string(self.ws.draft(id)).unwrap_or_default();
        let parsed = super::review::Blocks::parse(self.proposals);
        let head = if existing.is_empty() {
            parsed.head
        } else {
            existing
        };
        let body: String = parsed.blocks.iter().map(|(_, b)| b.as_str()).collect();
        commit.add(&self.ws.draft(id), format!("{head}{body}").as_bytes())?;
        Ok(commit)
    }
}

/// The sentences of a source that already have a mention: in the data, the drafts, or rejected.
fn handled(ws: &Workspace, dataset: &Dataset, source: &str) -> Result<HashSet<String>> {
    let mut quotes: HashSet<String> = graph::quotes_of(dataset, source)?.into_iter().collect();
    let rejected = ws.rejected_file(source.rsplit('/').next().unwrap_or(""));
    if rejected.is_file() {
        let (inputs, texts) = DataOptions {
            data: vec![rejected],
            ..Default::default()
        }
        .inputs()?;
        let d = Dataset::in_memory(texts)?;
        d.load(&inputs, false)?;
        quotes.extend(graph::quotes_of(&d, source)?);
    }
    Ok(quotes)
}

fn append(commit: &mut Commit, path: &Path, more: &str) -> Result<()> {
    let mut text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    if !text.ends_with("\n\n") {
        text.push('\n');
    }
    text.push_str(more);
    commit.add(path, text.as_bytes())
}

fn outcome(
    ws: &Workspace,
    draft: &super::Draft,
    new_workspace: bool,
    again: bool,
    proposals: usize,
    handled: usize,
) -> Outcome {
    use super::text::Kind;
    let count = |k: Kind| {
        draft
            .sentences
            .iter()
            .filter(|s| s.segment.kind == k)
            .count()
    };
    let statements = draft.sentences.iter().map(|s| s.statements.len()).sum();
    let attributed = draft
        .sentences
        .iter()
        .flat_map(|s| &s.statements)
        .filter(|s| !s.author)
        .count();
    let id = &draft.meta.id;
    Outcome {
        id: id.clone(),
        new_workspace,
        again,
        sentences: count(Kind::Content),
        headings: count(Kind::Heading),
        furniture: count(Kind::Furniture),
        proposals,
        statements,
        attributed,
        new_actors: draft.actors.list.iter().filter(|a| a.new).count(),
        handled,
        text: ws.text(id),
        record: ws.record(id),
        draft: ws.draft(id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_slugs() {
        assert!(valid_id("wire-talks-2025-10-29"));
        for bad in ["", "Wire", "a--b", "-a", "a b", "a/b", "é"] {
            assert!(!valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn texts_that_cannot_be_ingested_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = |n: &str| dir.path().join(n);
        assert!(matches!(
            read_text(&p("missing.txt")),
            Err(Error::NoText { .. })
        ));
        std::fs::write(p("empty.txt"), " \n").unwrap();
        assert!(matches!(
            read_text(&p("empty.txt")),
            Err(Error::EmptyText { .. })
        ));
        std::fs::write(p("latin1.txt"), b"caf\xe9\n").unwrap();
        let e = read_text(&p("latin1.txt")).unwrap_err();
        assert!(
            e.to_string().contains("not valid UTF-8 (line 1, column 4)"),
            "{e}"
        );
        std::fs::write(p("bin.txt"), b"a\0b").unwrap();
        assert!(
            read_text(&p("bin.txt"))
                .unwrap_err()
                .to_string()
                .contains("binary")
        );
        assert!(
            read_text(dir.path())
                .unwrap_err()
                .to_string()
                .contains("folder")
        );
    }
}
