//! Saved queries: `.rq` files that open with a comment header (title, question, bindable
//! variables, example), bundled from queries/ or read from a folder the user names.

use crate::corpus;
use crate::error::{Error, Result};
use std::path::Path;

/// One saved query and what its header says of it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Saved {
    /// The file name without `.rq`; what `run NAME` takes.
    pub name: String,
    pub title: String,
    pub question: String,
    /// Variables a user may bind, each with an example value: (`actor`, `actor:attaullah-tarar`).
    pub binds: Vec<(String, String)>,
    pub example: String,
    /// Where it was read from (`<corpus>/queries/NAME.rq` or a path).
    pub origin: String,
    pub text: String,
}

/// Reads the header: leading `# key: value` lines; `bind` may repeat (`# bind: NAME = VALUE`).
pub fn parse(name: &str, origin: &str, text: &str) -> Saved {
    let mut saved = Saved {
        name: name.to_owned(),
        title: String::new(),
        question: String::new(),
        binds: Vec::new(),
        example: String::new(),
        origin: origin.to_owned(),
        text: text.to_owned(),
    };
    for line in text.lines() {
        let Some(comment) = line.trim_start().strip_prefix('#') else {
            if line.trim().is_empty() {
                continue;
            }
            break;
        };
        let Some((key, value)) = comment.split_once(':') else {
            continue;
        };
        let value = value.trim().to_owned();
        match key.trim() {
            "title" => saved.title = value,
            "question" => saved.question = value,
            "example" => saved.example = value,
            "bind" => {
                if let Some((var, example)) = value.split_once('=') {
                    saved.binds.push((
                        var.trim().trim_start_matches('?').to_owned(),
                        example.trim().to_owned(),
                    ));
                }
            }
            _ => {}
        }
    }
    saved
}

/// Every saved query: from `folder` when given, else the bundled ones; sorted by name. A file
/// that cannot be read (not UTF-8, not a regular file) is reported on standard error and
/// skipped, so one bad file does not take the others with it.
pub fn all(folder: Option<&Path>) -> Result<Vec<Saved>> {
    let (saved, skipped) = read(folder)?;
    for (_, e) in &skipped {
        eprintln!(
            "claimgraph: warning: {}; skipped",
            crate::error::visible(&e.to_string())
        );
    }
    Ok(saved)
}

/// Like [`all`], without reporting the files skipped (for completion words, read in the
/// background where a warning would land in the middle of the prompt).
pub fn readable(folder: Option<&Path>) -> Result<Vec<Saved>> {
    Ok(read(folder)?.0)
}

/// The saved queries, and the files skipped with why (by name).
/// Files of a folder of saved queries that could not be read: each name, and why.
type Skipped = Vec<(String, Error)>;

fn read(folder: Option<&Path>) -> Result<(Vec<Saved>, Skipped)> {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    match folder {
        None => {
            for (name, text) in corpus::bundled_queries() {
                out.push(parse(name, &format!("<corpus>/queries/{name}.rq"), text));
            }
        }
        Some(dir) => {
            for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
                let path = entry.map_err(|e| Error::io(dir, e))?.path();
                if path.extension().is_none_or(|e| e != "rq") {
                    continue;
                }
                let name = path
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                let origin = path.display().to_string();
                let text = match std::fs::metadata(&path) {
                    Ok(m) if !m.is_file() => {
                        Err(Error::Value(format!("{origin}: not a regular file")))
                    }
                    _ => corpus::read_limited(&path, corpus::MAX_QUERY_BYTES, "saved query")
                        .and_then(|bytes| crate::error::text_from_utf8(bytes, &origin)),
                };
                match text {
                    Ok(text) => out.push(parse(&name, &origin, &text)),
                    Err(e) => skipped.push((name, e)),
                }
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok((out, skipped))
}

/// The saved query called `name`; an unknown name lists the close ones, and a file that could
/// not be read says why.
pub fn find(folder: Option<&Path>, name: &str) -> Result<Saved> {
    let name = name.strip_suffix(".rq").unwrap_or(name);
    let (all, skipped) = read(folder)?;
    if let Some(found) = all.iter().find(|s| s.name == name) {
        return Ok(found.clone());
    }
    if let Some((_, e)) = skipped.into_iter().find(|(n, _)| n == name) {
        return Err(e);
    }
    let close: Vec<&str> = all
        .iter()
        .filter(|s| s.name.contains(name) || name.contains(&s.name))
        .map(|s| s.name.as_str())
        .collect();
    Err(Error::Usage(if close.is_empty() {
        format!("no saved query {name:?}; `claimgraph queries` lists them")
    } else {
        format!(
            "no saved query {name:?}; did you mean {}?",
            close.join(", ")
        )
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_give_title_question_binds_and_example() {
        let text = "# title: Statements by an actor\n# question: What did an actor say?\n# bind: actor = actor:attaullah-tarar\n# example: claimgraph run x --bind actor=actor:attaullah-tarar\nPREFIX cg: <https://claimgraph.org/ns#>\n# not header\nSELECT * {}";
        let s = parse("x", "x.rq", text);
        assert_eq!(s.title, "Statements by an actor");
        assert_eq!(s.question, "What did an actor say?");
        assert_eq!(
            s.binds,
            [("actor".to_owned(), "actor:attaullah-tarar".to_owned())]
        );
        assert!(s.example.starts_with("claimgraph run x"));
    }

    #[test]
    fn unknown_names_suggest_close_ones() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("mutual-accusations.rq"),
            "# title: t\nASK {}",
        )
        .unwrap();
        assert_eq!(
            find(Some(dir.path()), "mutual-accusations.rq")
                .unwrap()
                .title,
            "t"
        );
        let e = find(Some(dir.path()), "mutual").unwrap_err().to_string();
        assert!(e.contains("did you mean mutual-accusations?"), "{e}");
    }
}
