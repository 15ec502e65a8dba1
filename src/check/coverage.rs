//! The coverage report: which sentences of each source something is grounded in, which are
//! excluded as headings or furniture, and which are missing.

use super::{SentenceCoverage, SourceCoverage, Span, Status, id_of, short};
use crate::error::Result;
use crate::provenance::{self, Sentence, TextCache};
use crate::query::{self, str_of};
use crate::store::Dataset;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What coverage reads besides the texts: which mentions are excluded, and the graphs each
/// mention grounds.
struct Grounds {
    excluded: HashSet<String>,
    graphs: HashMap<String, Vec<String>>,
}

/// Which sentences of each source something is grounded in.
pub(super) fn coverage_of(
    dataset: &Dataset,
    spans: &HashMap<String, Span>,
) -> Result<Vec<SourceCoverage>> {
    let grounds = grounds_of(dataset)?;
    let mut by_source: BTreeMap<String, Vec<(&String, &Span)>> = BTreeMap::new();
    for (m, span) in spans {
        by_source
            .entry(span.source.clone())
            .or_default()
            .push((m, span));
    }
    let sources = query::select(
        dataset,
        "SELECT ?x ?file WHERE { ?x a/rdfs:subClassOf* cg:Source OPTIONAL { ?x cg:textFile ?file } } ORDER BY ?x",
    )?;
    let mut cache = TextCache::new(&dataset.texts);
    let mut out = Vec::new();
    for row in sources {
        let Some(source) = id_of(&row, "x") else {
            continue;
        };
        let Ok(text) = cache.get(&source, str_of(&row, "file")) else {
            continue;
        };
        let mentions = by_source.get(&source).cloned().unwrap_or_default();
        let mut report = SourceCoverage {
            source: short(&source),
            origin: text.origin.clone(),
            covered: 0,
            excluded: 0,
            missing: 0,
            sentences: Vec::new(),
        };
        for sentence in provenance::sentences(&text.text) {
            let covered = sentence_coverage(sentence, &mentions, &grounds);
            match covered.status {
                Status::Covered => report.covered += 1,
                Status::Excluded => report.excluded += 1,
                Status::Missing => report.missing += 1,
            }
            report.sentences.push(covered);
        }
        out.push(report);
    }
    Ok(out)
}

fn grounds_of(dataset: &Dataset) -> Result<Grounds> {
    let excluded = super::ids(
        dataset,
        "SELECT ?x WHERE { ?x a/rdfs:subClassOf* cg:Excluded }",
    )?;
    let mut graphs: HashMap<String, Vec<String>> = HashMap::new();
    for row in query::select(dataset, "SELECT ?g ?m WHERE { ?g prov:wasDerivedFrom ?m }")? {
        if let (Some(g), Some(m)) = (id_of(&row, "g"), id_of(&row, "m")) {
            graphs.entry(m).or_default().push(short(&g));
        }
    }
    Ok(Grounds { excluded, graphs })
}

/// A sentence is covered when a mention overlapping it grounds a graph, excluded when an
/// overlapping mention is marked as furniture or a heading, missing otherwise.
fn sentence_coverage(
    sentence: Sentence,
    mentions: &[(&String, &Span)],
    grounds: &Grounds,
) -> SentenceCoverage {
    let overlapping: Vec<&String> = mentions
        .iter()
        .filter(|(_, s)| s.start < sentence.end && sentence.start < s.end)
        .map(|(m, _)| *m)
        .collect();
    let mut graphs: Vec<String> = overlapping
        .iter()
        .filter(|m| !grounds.excluded.contains(**m))
        .flat_map(|m| grounds.graphs.get(*m).cloned().unwrap_or_default())
        .collect();
    graphs.sort();
    graphs.dedup();
    let status = if !graphs.is_empty() {
        Status::Covered
    } else if overlapping.iter().any(|m| grounds.excluded.contains(*m)) {
        Status::Excluded
    } else {
        Status::Missing
    };
    SentenceCoverage {
        sentence,
        status,
        graphs,
    }
}
