//! Invariant 1: sources' hashes match their texts; every quote stands in its source, once, at the
//! offsets its position selectors give.

use super::{Checker, Span, id_of, short};
use crate::error::Result;
use crate::provenance::{self, Anchor, TextCache, TextProblem};
use crate::query::{self, int_of, str_of};
use std::collections::HashMap;

/// The text file each source names (None when it names none), by source.
type SourceFiles = HashMap<String, Option<String>>;

/// Checks the sources and every mention's quote. Returns the span of each mention that has one.
pub(super) fn check_quotes(c: &mut Checker<'_>) -> Result<HashMap<String, Span>> {
    let mut cache = TextCache::new(&c.dataset.texts);
    let files = check_sources(c, &mut cache)?;
    let positions = position_selectors(c)?;
    let mut spans = HashMap::new();
    let rows = query::select(
        c.dataset,
        "SELECT ?x ?source ?exact ?prefix ?suffix WHERE {
            ?x a/rdfs:subClassOf* cg:Mention .
            OPTIONAL { ?x oa:hasSource ?source }
            OPTIONAL { ?x oa:hasSelector ?q . ?q a oa:TextQuoteSelector .
                       OPTIONAL { ?q oa:exact ?exact } OPTIONAL { ?q oa:prefix ?prefix } OPTIONAL { ?q oa:suffix ?suffix } }
        }",
    )?;
    for row in &rows {
        let Some(mention) = id_of(row, "x") else {
            continue;
        };
        let quote = Quote {
            mention: &mention,
            exact: str_of(row, "exact"),
            prefix: str_of(row, "prefix"),
            suffix: str_of(row, "suffix"),
        };
        if let Some(source) = source_of(c, &mention, id_of(row, "source"), &quote, &files) {
            let file = files.get(&source).cloned().flatten();
            let Ok(text) = cache.get(&source, file.as_deref()) else {
                continue; // already reported on the source
            };
            let offsets = positions.get(&mention).map(Vec::as_slice).unwrap_or(&[]);
            if let Some((start, end)) = anchor_quote(c, &quote, &source, &text.text, offsets) {
                spans.insert(mention.clone(), Span { source, start, end });
            }
        }
    }
    Ok(spans)
}

/// One mention's quote selector.
struct Quote<'a> {
    mention: &'a str,
    exact: Option<&'a str>,
    prefix: Option<&'a str>,
    suffix: Option<&'a str>,
}

/// Each source's text is found and its hash matches. Returns the text file of each source.
fn check_sources(c: &mut Checker<'_>, cache: &mut TextCache<'_>) -> Result<SourceFiles> {
    let mut files = HashMap::new();
    for row in query::select(
        c.dataset,
        "SELECT ?x ?file ?hash WHERE { ?x a/rdfs:subClassOf* cg:Source .
            OPTIONAL { ?x cg:textFile ?file } OPTIONAL { ?x cg:sha256 ?hash } }",
    )? {
        let Some(source) = id_of(&row, "x") else {
            continue;
        };
        let file = str_of(&row, "file").map(str::to_owned);
        let declared = str_of(&row, "hash");
        match cache.get(&source, file.as_deref()) {
            Err(problem) => c.flag(1, &source, text_problem(problem)),
            Ok(text) => match declared {
                None => c.flag(1, &source, "source has no cg:sha256"),
                Some(d) if !d.eq_ignore_ascii_case(&text.sha256) => c.flag(
                    1,
                    &source,
                    format!(
                        "hash mismatch: expected {d} (cg:sha256), found {} ({})",
                        text.sha256, text.origin
                    ),
                ),
                Some(_) => {}
            },
        }
        files.insert(source, file);
    }
    Ok(files)
}

/// What is wrong with a source's text, as a violation says it.
fn text_problem(problem: &TextProblem) -> String {
    match problem {
        TextProblem::NoTextFile => "source has no cg:textFile".to_owned(),
        TextProblem::Missing(f) => format!("source text {f:?} not found"),
        TextProblem::NotUtf8(o) => format!("source text {o} is not UTF-8"),
        TextProblem::Unreadable(why) => format!("source text not read: {why}"),
    }
}

/// The (start, end) of every position selector, by mention; -1 where one is missing.
fn position_selectors(c: &Checker<'_>) -> Result<HashMap<String, Vec<(i64, i64)>>> {
    let mut positions: HashMap<String, Vec<(i64, i64)>> = HashMap::new();
    for row in query::select(
        c.dataset,
        "SELECT ?m ?start ?end WHERE { ?m oa:hasSelector ?p . ?p a oa:TextPositionSelector .
            OPTIONAL { ?p oa:start ?start } OPTIONAL { ?p oa:end ?end } }",
    )? {
        if let Some(m) = id_of(&row, "m") {
            let start = int_of(&row, "start").unwrap_or(-1);
            let end = int_of(&row, "end").unwrap_or(-1);
            positions.entry(m).or_default().push((start, end));
        }
    }
    Ok(positions)
}

/// The mention's source, when it has one that is a cg:Source and a quote to look for in it.
fn source_of(
    c: &mut Checker<'_>,
    mention: &str,
    source: Option<String>,
    quote: &Quote<'_>,
    files: &SourceFiles,
) -> Option<String> {
    let Some(source) = source else {
        c.flag(1, mention, "mention has no oa:hasSource");
        return None;
    };
    if quote.exact.is_none() {
        c.flag(
            1,
            mention,
            "mention has no oa:TextQuoteSelector with an oa:exact quote",
        );
        return None;
    }
    if !files.contains_key(&source) {
        let message = format!("its source {} is not a cg:Source", short(&source));
        c.flag(1, mention, message);
        return None;
    }
    Some(source)
}

/// Places the quote in the text, once, and compares it with its position selectors.
fn anchor_quote(
    c: &mut Checker<'_>,
    quote: &Quote<'_>,
    source: &str,
    text: &str,
    offsets: &[(i64, i64)],
) -> Option<(usize, usize)> {
    let (mention, exact) = (quote.mention, quote.exact?);
    match provenance::anchor(text, exact, quote.prefix, quote.suffix) {
        Anchor::NotFound => {
            let message = format!("quote not found in {}: {exact:?}", short(source));
            c.flag(1, mention, message);
            None
        }
        Anchor::Ambiguous(n) => {
            let message = format!(
                "quote found {n} times in {}; add oa:prefix or oa:suffix to tell them apart: {exact:?}",
                short(source)
            );
            c.flag(1, mention, message);
            None
        }
        Anchor::Found { start, end } => {
            for &(s, e) in offsets {
                let found = (s >= 0 && e >= 0)
                    .then(|| provenance::slice(text, s as usize, e as usize))
                    .flatten();
                if found != Some(exact) {
                    let message = format!(
                        "offsets {s}..{e} hold {:?}, expected {exact:?} (at {start}..{end})",
                        found.unwrap_or("<outside the text>")
                    );
                    c.flag(1, mention, message);
                }
            }
            Some((start, end))
        }
    }
}
