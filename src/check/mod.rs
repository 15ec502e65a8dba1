//! The invariants of the data model (see `claimgraph check --help`) and the coverage report:
//! every violation names the resource and, for quotes, what was expected and what was found.
//! This file runs the checks in order and holds what they share; each invariant has its file.

mod acts;
mod coverage;
mod fidelity;
mod furniture;
mod grounding;
mod iris;
mod quotes;

pub use fidelity::{HEDGES, hedge_in};
pub use furniture::looks_like_furniture;

use crate::error::Result;
use crate::provenance::Sentence;
use crate::query;
use crate::store::Dataset;
use crate::vocab;
use oxigraph::model::{NamedOrBlankNode, Term};
use std::collections::HashSet;

/// One broken invariant.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Violation {
    /// The number of the invariant (1 to 8, as in `check --help`).
    pub invariant: u8,
    /// The resource at fault, shortened with the known prefixes.
    pub subject: String,
    pub message: String,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    pub violations: Vec<Violation>,
    pub mentions: usize,
    pub graphs: usize,
    pub acts: usize,
    pub coverage: Option<Vec<SourceCoverage>>,
}

impl Report {
    pub fn is_clean(&self) -> bool {
        self.violations.is_empty() && self.coverage.iter().flatten().all(|s| s.missing == 0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A mention that grounds a named graph overlaps the sentence.
    Covered,
    /// Page furniture or a heading, marked as such in the data.
    Excluded,
    /// Nothing is grounded in it.
    Missing,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct SentenceCoverage {
    #[serde(flatten)]
    pub sentence: Sentence,
    pub status: Status,
    /// The graphs grounded in mentions that overlap the sentence.
    pub graphs: Vec<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct SourceCoverage {
    pub source: String,
    pub origin: String,
    pub covered: usize,
    pub excluded: usize,
    pub missing: usize,
    pub sentences: Vec<SentenceCoverage>,
}

impl SourceCoverage {
    /// Covered sentences as a share of the sentences that are content (not excluded).
    pub fn percent(&self) -> f64 {
        let content = self.covered + self.missing;
        if content == 0 {
            100.0
        } else {
            100.0 * self.covered as f64 / content as f64
        }
    }
}

fn short(term: &str) -> String {
    vocab::shorten(term).unwrap_or_else(|| {
        if term.starts_with("_:") {
            term.to_owned()
        } else {
            format!("<{term}>")
        }
    })
}

/// The IRI (or `_:label`) of a term bound to `var`.
fn id_of(row: &oxigraph::sparql::QuerySolution, var: &str) -> Option<String> {
    match row.get(var)? {
        Term::NamedNode(n) => Some(n.as_str().to_owned()),
        Term::BlankNode(b) => Some(b.to_string()),
        Term::Literal(l) => Some(l.value().to_owned()),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

/// The IRIs (or `_:labels`) a query lists in `?x`.
fn ids(dataset: &Dataset, sparql: &str) -> Result<HashSet<String>> {
    Ok(query::select(dataset, sparql)?
        .iter()
        .filter_map(|r| id_of(r, "x"))
        .collect())
}

fn node_key(n: &NamedOrBlankNode) -> String {
    match n {
        NamedOrBlankNode::NamedNode(n) => n.as_str().to_owned(),
        NamedOrBlankNode::BlankNode(b) => b.to_string(),
    }
}

fn term_key(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => n.as_str().to_owned(),
        Term::BlankNode(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// A mention's span in its source, as its position selector gives it or its quote places it.
#[derive(Debug, Clone)]
struct Span {
    source: String,
    start: usize,
    end: usize,
}

struct Checker<'a> {
    dataset: &'a Dataset,
    violations: Vec<Violation>,
}

impl Checker<'_> {
    fn flag(&mut self, invariant: u8, subject: &str, message: impl Into<String>) {
        self.violations.push(Violation {
            invariant,
            subject: short(subject),
            message: message.into(),
        });
    }

    /// Runs a query listing offenders in `?x` and flags each with `message`.
    fn flag_each(&mut self, invariant: u8, sparql: &str, message: &str) -> Result<()> {
        for row in query::select(self.dataset, sparql)? {
            if let Some(x) = id_of(&row, "x") {
                self.flag(invariant, &x, message);
            }
        }
        Ok(())
    }
}

/// Checks every invariant; with `coverage`, also reports the coverage of each source.
pub fn check(dataset: &Dataset, coverage: bool) -> Result<Report> {
    let mut c = Checker {
        dataset,
        violations: Vec::new(),
    };
    let spans = quotes::check_quotes(&mut c)?;
    let graphs = grounding::check_grounding(&mut c)?;
    let acts = acts::check_acts(&mut c)?;
    furniture::check_furniture(&mut c)?;
    iris::check_iris(&mut c)?;
    fidelity::check_fidelity(&mut c, &spans)?;
    c.violations
        .extend(crate::ingest::review::violations(dataset)?);
    c.violations
        .extend(crate::corroborate::check::violations(dataset)?);
    let coverage = if coverage {
        Some(coverage::coverage_of(dataset, &spans)?)
    } else {
        None
    };
    let mut violations = c.violations;
    violations.sort();
    violations.dedup();
    Ok(Report {
        violations,
        mentions: spans.len(),
        graphs,
        acts,
        coverage,
    })
}
