//! Text selectors: finding an author's quote in its source text, computing and verifying offsets
//! (half-open, in Unicode code points), hashing sources, and splitting texts into sentences.

use crate::corpus::Texts;
use crate::error::Result;
use crate::query;
use crate::store::Dataset;
use crate::vocab::OA;
use oxigraph::model::{
    BlankNode, GraphNameRef, Literal, NamedNodeRef, NamedOrBlankNode, Quad, Term,
};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use unicode_segmentation::UnicodeSegmentation;

/// Where a quote stands in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// Half-open code point offsets.
    Found {
        start: usize,
        end: usize,
    },
    NotFound,
    /// Found this many times, and no prefix or suffix tells them apart.
    Ambiguous(usize),
}

/// Finds the one place where `exact` stands in `text`, preceded by `prefix` and followed by
/// `suffix` when they are given.
pub fn anchor(text: &str, exact: &str, prefix: Option<&str>, suffix: Option<&str>) -> Anchor {
    if exact.is_empty() {
        return Anchor::NotFound;
    }
    let mut hits = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(exact) {
        let at = from + i;
        let after = at + exact.len();
        if prefix.is_none_or(|p| text[..at].ends_with(p))
            && suffix.is_none_or(|s| text[after..].starts_with(s))
        {
            hits.push(at);
        }
        from = at + exact.chars().next().map_or(1, char::len_utf8);
    }
    match hits.as_slice() {
        [] => Anchor::NotFound,
        [at] => {
            let start = text[..*at].chars().count();
            Anchor::Found {
                start,
                end: start + exact.chars().count(),
            }
        }
        many => Anchor::Ambiguous(many.len()),
    }
}

/// The text between two code point offsets, or `None` when they fall outside it.
pub fn slice(text: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    let mut indices = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let from = indices.nth(start)?;
    let to = if end == start {
        from
    } else {
        indices.nth(end - start - 1)?
    };
    Some(&text[from..to])
}

/// The lowercase hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A sentence of a source text, by code point offsets (half-open), without surrounding spaces.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Splits a text into its sentences: each line apart (headings and list items end at the line),
/// then Unicode sentence boundaries (UAX #29) within a line.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut line_start = 0; // in code points
    for line in text.split('\n') {
        for (byte, piece) in line.split_sentence_bound_indices() {
            let lead = piece.len() - piece.trim_start().len();
            let trimmed = piece.trim();
            if trimmed.is_empty() {
                continue;
            }
            let start = line_start + line[..byte + lead].chars().count();
            out.push(Sentence {
                start,
                end: start + trimmed.chars().count(),
                text: trimmed.to_owned(),
            });
        }
        line_start += line.chars().count() + 1;
    }
    out
}

/// A source text read through its `cg:textFile`, with its hash.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// Where it was read from.
    pub origin: String,
    pub text: String,
    pub sha256: String,
}

/// Why a source's text could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextProblem {
    NoTextFile,
    Missing(String),
    NotUtf8(String),
    /// Found but not readable as a text: why, naming the file.
    Unreadable(String),
}

/// Reads source texts once each, by source IRI.
pub struct TextCache<'a> {
    texts: &'a Texts,
    cache: HashMap<String, std::result::Result<SourceText, TextProblem>>,
}

impl<'a> TextCache<'a> {
    pub fn new(texts: &'a Texts) -> Self {
        TextCache {
            texts,
            cache: HashMap::new(),
        }
    }

    pub fn get(
        &mut self,
        source: &str,
        text_file: Option<&str>,
    ) -> &std::result::Result<SourceText, TextProblem> {
        self.cache.entry(source.to_owned()).or_insert_with(|| {
            let file = text_file.ok_or(TextProblem::NoTextFile)?;
            let (origin, bytes) = self
                .texts
                .read(file)
                .ok_or_else(|| TextProblem::Missing(file.to_owned()))?
                .map_err(TextProblem::Unreadable)?;
            let sha256 = sha256_hex(&bytes);
            let text =
                String::from_utf8(bytes).map_err(|_| TextProblem::NotUtf8(origin.clone()))?;
            Ok(SourceText {
                origin,
                text,
                sha256,
            })
        })
    }
}

/// Computes the offsets of every mention that has a quote but no position selector yet, and
/// stores them as an `oa:TextPositionSelector` beside the quote. Quotes that cannot be placed
/// (not found, ambiguous, no text) are left for `check` to report; sources without a
/// `cg:textFile` cost nothing here. Returns how many were placed.
pub fn anchor_mentions(dataset: &Dataset) -> Result<usize> {
    // Every required pattern comes before the OPTIONALs: with `?source cg:textFile ?file` after
    // them, oxigraph's planner loops over the sources and reads every quote once per source,
    // which made loading grow with sources times mentions (15.8 s for 1,000 generated sources).
    let rows = query::select(
        dataset,
        "SELECT ?mention ?source ?file ?exact ?prefix ?suffix WHERE {
            ?mention oa:hasSource ?source ; oa:hasSelector ?quote .
            ?quote a oa:TextQuoteSelector ; oa:exact ?exact .
            ?source cg:textFile ?file .
            FILTER NOT EXISTS { ?mention oa:hasSelector/a oa:TextPositionSelector }
            OPTIONAL { ?quote oa:prefix ?prefix }
            OPTIONAL { ?quote oa:suffix ?suffix }
        }",
    )?;
    let mut cache = TextCache::new(&dataset.texts);
    let mut quads = Vec::new();
    for row in &rows {
        let (Some(Term::NamedNode(mention)), Some(source)) =
            (row.get("mention"), row.get("source"))
        else {
            continue;
        };
        let Ok(text) = cache.get(&source.to_string(), query::str_of(row, "file")) else {
            continue;
        };
        let exact = query::str_of(row, "exact").unwrap_or_default();
        if let Anchor::Found { start, end } = anchor(
            &text.text,
            exact,
            query::str_of(row, "prefix"),
            query::str_of(row, "suffix"),
        ) {
            let selector = NamedOrBlankNode::from(BlankNode::default());
            let oa =
                |local: &str| oxigraph::model::NamedNode::new_unchecked(format!("{OA}{local}"));
            let g = GraphNameRef::DefaultGraph;
            quads.push(Quad::new(
                mention.clone(),
                oa("hasSelector"),
                selector.clone(),
                g,
            ));
            quads.push(Quad::new(
                selector.clone(),
                NamedNodeRef::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                oa("TextPositionSelector"),
                g,
            ));
            quads.push(Quad::new(
                selector.clone(),
                oa("start"),
                Literal::from(start as i64),
                g,
            ));
            quads.push(Quad::new(selector, oa("end"), Literal::from(end as i64), g));
        }
    }
    let placed = quads.len() / 4;
    dataset.insert(&quads)?;
    Ok(placed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\nTarar said “no”—twice. Tarar said “no” again.";

    #[test]
    fn offsets_count_code_points_not_bytes() {
        assert_eq!(
            anchor(TEXT, "“no”—twice", None, None),
            Anchor::Found { start: 12, end: 22 }
        );
        assert_eq!(slice(TEXT, 12, 22), Some("“no”—twice"));
    }

    #[test]
    fn a_repeated_quote_needs_a_prefix_or_suffix() {
        assert_eq!(anchor(TEXT, "Tarar said", None, None), Anchor::Ambiguous(2));
        assert_eq!(
            anchor(TEXT, "Tarar said", None, Some(" “no” again")),
            Anchor::Found { start: 24, end: 34 }
        );
        assert_eq!(
            anchor(TEXT, "Tarar said", Some("twice. "), None),
            anchor(TEXT, "Tarar said", None, Some(" “no” again"))
        );
        assert_eq!(anchor(TEXT, "Asif", None, None), Anchor::NotFound);
        assert_eq!(anchor(TEXT, "", None, None), Anchor::NotFound);
    }

    #[test]
    fn slices_outside_the_text_are_none() {
        assert_eq!(slice("abc", 1, 3), Some("bc"));
        assert_eq!(slice("abc", 2, 2), Some(""));
        assert_eq!(slice("abc", 2, 4), None);
        assert_eq!(slice("abc", 3, 1), None);
    }

    #[test]
    fn sentences_split_lines_then_sentence_bounds() {
        let s = sentences("\nHeading\nOne. Two “three.”\n- item: x");
        let texts: Vec<_> = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["Heading", "One.", "Two “three.”", "- item: x"]);
        let text = "\nHeading\nOne. Two “three.”\n- item: x";
        for s in &s {
            assert_eq!(slice(text, s.start, s.end), Some(s.text.as_str()));
        }
    }

    #[test]
    fn hashes_are_lowercase_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
