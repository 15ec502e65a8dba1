//! Tab completion: what can follow the text before the cursor. Dot-commands and their arguments
//! (saved-query names, modes, actor labels), the predeclared prefixes, SPARQL keywords, and the
//! prefixed names of the terms in the data. Pure functions over a word list, tested here; the
//! rustyline glue is in `editor`.

use crate::error::Result;
use crate::render::Format;
use crate::store::Dataset;
use crate::vocab;
use clap::ValueEnum;
use std::collections::BTreeSet;
use std::path::Path;

/// Terms of the data beyond this many are not offered (a large store would make Tab slow).
const MAX_NAMES: usize = 200_000;

/// SPARQL keywords offered at the start of a word.
const KEYWORDS: &[&str] = &[
    "ASK",
    "BIND",
    "BOUND",
    "COALESCE",
    "CONSTRUCT",
    "COUNT",
    "DESCRIBE",
    "DISTINCT",
    "EXISTS",
    "FILTER",
    "GRAPH",
    "GROUP BY",
    "GROUP_CONCAT",
    "HAVING",
    "LANG",
    "LIMIT",
    "MINUS",
    "NOT EXISTS",
    "OFFSET",
    "OPTIONAL",
    "ORDER BY",
    "PREFIX",
    "REGEX",
    "SAMPLE",
    "SELECT",
    "STR",
    "UNION",
    "VALUES",
    "WHERE",
];

/// What completion draws on, read from the data once and again after `.load`.
#[derive(Debug, Clone, Default)]
pub struct Words {
    pub saved: Vec<String>,
    /// Prefixed names of the IRIs in the data (`actor:pakistan`, `cg:speaker`), sorted.
    pub names: Vec<String>,
    /// Labels and aliases of the actors, sorted.
    pub actors: Vec<String>,
}

impl Words {
    /// Reads the saved-query names, the data's prefixed names and the actors' labels.
    pub fn read(dataset: &Dataset, queries: Option<&Path>) -> Result<Words> {
        let saved = crate::saved::readable(queries)?
            .into_iter()
            .map(|s| s.name)
            .collect();
        let rows = crate::query::select(
            dataset,
            &format!(
                "SELECT DISTINCT ?t WHERE {{
                   {{ ?t ?p ?o }} UNION {{ ?s ?t ?o }} UNION {{ ?s ?p ?t FILTER(isIRI(?t)) }}
                   FILTER(isIRI(?t))
                 }} LIMIT {MAX_NAMES}"
            ),
        )?;
        let names: BTreeSet<String> = rows
            .iter()
            .filter_map(|r| crate::query::str_of(r, "t"))
            .filter_map(vocab::shorten)
            .collect();
        let rows = crate::query::select(
            dataset,
            "SELECT DISTINCT ?l WHERE {
               ?a a/rdfs:subClassOf* cg:Actor ; rdfs:label|skos:altLabel ?l
             }",
        )?;
        let actors: BTreeSet<String> = rows
            .iter()
            .filter_map(|r| crate::query::str_of(r, "l"))
            .map(str::to_owned)
            .collect();
        Ok(Words {
            saved,
            names: names.into_iter().collect(),
            actors: actors.into_iter().collect(),
        })
    }
}

/// What Tab offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Completion {
    /// Replace the text from this byte offset to the cursor with one of these.
    Words(usize, Vec<String>),
    /// A file name (for `.load`, `.read`, `.output`...), completed by the file system.
    Path,
}

/// Completes the word before `pos` in `line`: a command and its arguments, a string, a
/// prefixed name, a keyword.
pub fn complete(words: &Words, line: &str, pos: usize) -> Completion {
    let head = &line[..pos];
    let start = head
        .rfind(|c: char| c.is_whitespace() || "{}(),;".contains(c))
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &head[start..];
    let trimmed = head.trim_start();
    if trimmed.starts_with('.') {
        return dot_command(words, head, start);
    }
    if let Some(partial) = word.strip_prefix('"') {
        // Inside a string: the actors' names, as they are written.
        let lower = partial.to_lowercase();
        return Completion::Words(
            start,
            words
                .actors
                .iter()
                .filter(|a| a.to_lowercase().starts_with(&lower))
                .map(|a| format!("\"{a}\""))
                .collect(),
        );
    }
    let mut found = names(words, word);
    if !word.contains(':') && !word.is_empty() {
        let upper = word.to_uppercase();
        found.extend(
            KEYWORDS
                .iter()
                .filter(|k| k.starts_with(&upper))
                .map(|k| (*k).to_owned()),
        );
    }
    Completion::Words(start, found)
}

/// Completes within a dot-command line: the command's name, then its arguments. `start` is where
/// the word under the cursor begins.
fn dot_command(words: &Words, head: &str, start: usize) -> Completion {
    let word = &head[start..];
    let trimmed = head.trim_start();
    let command = trimmed.split_whitespace().next().unwrap_or_default();
    if trimmed.len() == command.len() {
        let offset = head.len() - trimmed.len();
        return Completion::Words(
            offset,
            super::COMMANDS
                .iter()
                .map(|c| c.name.to_owned())
                .filter(|c| c.starts_with(command))
                .collect(),
        );
    }
    let first_argument = trimmed[command.len()..].trim_start() == word;
    let choose = |options: Vec<String>| {
        Completion::Words(
            start,
            options
                .into_iter()
                .filter(|o| o.starts_with(word))
                .collect(),
        )
    };
    match super::table::find(command).map(|c| c.name) {
        Some(".help") => choose(
            super::COMMANDS
                .iter()
                .map(|c| c.name[1..].to_owned())
                .collect(),
        ),
        Some(".run") if first_argument => choose(words.saved.clone()),
        Some(".mode") => choose(Format::ALL.iter().map(|f| f.name().to_owned()).collect()),
        Some(".export") if first_argument => choose(
            crate::args::ExportFormat::value_variants()
                .iter()
                .filter_map(|f| f.to_possible_value().map(|v| v.get_name().to_owned()))
                .collect(),
        ),
        Some(".timer" | ".evidence") => choose(vec!["on".into(), "off".into()]),
        Some(".load" | ".read" | ".output" | ".once" | ".export") => Completion::Path,
        Some(".who" | ".search") => {
            who_names(words, head, head.len() - trimmed.len() + command.len())
        }
        _ => Completion::Words(start, names(words, word)),
    }
}

/// `.who`'s argument is the rest of the line, spaces and all: actors' names that begin with it
/// (any case), or `actor:` names.
fn who_names(words: &Words, head: &str, rest_at: usize) -> Completion {
    let rest = head[rest_at..].trim_start();
    let at = head.len() - rest.len();
    let lower = rest.to_lowercase();
    let mut found: Vec<String> = words
        .actors
        .iter()
        .filter(|a| a.to_lowercase().starts_with(&lower))
        .cloned()
        .collect();
    found.extend(
        words
            .names
            .iter()
            .filter(|n| n.starts_with("actor:") && n.starts_with(rest))
            .cloned(),
    );
    Completion::Words(at, found)
}

/// Prefixes (`stmt:`) and prefixed names of the data that begin with `word`.
fn names(words: &Words, word: &str) -> Vec<String> {
    if word.contains(':') {
        return words
            .names
            .iter()
            .filter(|n| n.starts_with(word))
            .cloned()
            .collect();
    }
    vocab::PREFIXES
        .iter()
        .map(|(p, _)| format!("{p}:"))
        .filter(|p| p.starts_with(word))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Words {
        Words {
            saved: vec![
                "denials".into(),
                "timeline".into(),
                "threats-and-warnings".into(),
            ],
            names: vec![
                "actor:pakistan".into(),
                "actor:attaullah-tarar".into(),
                "stmt:tarar-talks-failed".into(),
            ],
            actors: vec![
                "Attaullah Tarar".into(),
                "Kabul".into(),
                "Pakistani side".into(),
            ],
        }
    }

    fn offered(line: &str) -> (usize, Vec<String>) {
        match complete(&words(), line, line.len()) {
            Completion::Words(at, w) => (at, w),
            Completion::Path => panic!("{line:?} completes a path"),
        }
    }

    #[test]
    fn dot_commands_complete_by_their_start() {
        assert_eq!(offered(".ch"), (0, vec![".chain".to_owned()]));
        assert_eq!(
            offered(".t"),
            (0, vec![".timeline".to_owned(), ".timer".to_owned()])
        );
        assert!(offered(".").1.len() > 15);
    }

    #[test]
    fn run_completes_saved_queries_and_mode_its_formats() {
        assert_eq!(
            offered(".run t"),
            (
                5,
                vec!["timeline".to_owned(), "threats-and-warnings".to_owned()]
            )
        );
        assert_eq!(
            offered(".mode js"),
            (6, vec!["json".to_owned(), "jsonld".to_owned()])
        );
        assert_eq!(complete(&words(), ".read q", 7), Completion::Path);
    }

    #[test]
    fn who_completes_actor_labels_with_spaces() {
        assert_eq!(
            offered(".who pakistani s"),
            (5, vec!["Pakistani side".to_owned()])
        );
        assert_eq!(
            offered(".who actor:p"),
            (5, vec!["actor:pakistan".to_owned()])
        );
    }

    #[test]
    fn sparql_completes_prefixes_names_and_keywords() {
        assert_eq!(
            offered("SELECT * { ?s cg:speaker act").1,
            vec!["actor:".to_owned()]
        );
        assert_eq!(
            offered("SELECT * { ?s cg:speaker actor:a").1,
            vec!["actor:attaullah-tarar".to_owned()]
        );
        assert_eq!(
            offered("SELECT * { ?s ?p ?o } ORD").1,
            vec!["ORDER BY".to_owned()]
        );
        assert_eq!(offered("sel").1, vec!["SELECT".to_owned()]);
        let (at, found) = offered("ASK { ?a rdfs:label \"Ka");
        assert_eq!((at, found), (20, vec!["\"Kabul\"".to_owned()]));
    }

    #[test]
    fn chain_arguments_complete_prefixed_names() {
        assert_eq!(
            offered(".chain --from stmt:t"),
            (14, vec!["stmt:tarar-talks-failed".to_owned()])
        );
    }
}
