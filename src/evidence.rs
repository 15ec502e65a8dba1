//! Proof with every answer: the quotes behind each row of a SELECT, added as one more column
//! (`?evidence`), so that every result format carries them. A row's facts are taken to be the
//! triples of named graphs that join two of the terms it binds (the subject an IRI of the row,
//! the object another of its terms); when none does, the graphs that type the row's IRIs stand
//! in. Each such graph's mentions give the evidence: source, code point offsets and quote.

use crate::error::Result;
use crate::query::{self, Answer, int_of, str_of};
use crate::store::{Dataset, QuadPattern};
use crate::vocab::{self, RDF};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Term};
use std::collections::{BTreeSet, HashMap, HashSet};

/// One quote: where it stands and what it says.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Quote {
    pub source: String,
    pub start: i64,
    pub end: i64,
    pub exact: String,
}

impl std::fmt::Display for Quote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let source = vocab::shorten(&self.source).unwrap_or_else(|| self.source.clone());
        write!(f, "{source} {}–{} “{}”", self.start, self.end, self.exact)
    }
}

/// Between two quotes of one row's evidence.
pub const SEPARATOR: &str = " ‖ ";

/// The answer with an `?evidence` column: each row's quotes, in source order. ASK and graph
/// answers are returned as they are.
pub fn with_evidence(dataset: &Dataset, answer: Answer) -> Result<Answer> {
    let Answer::Solutions {
        mut variables,
        rows,
    } = answer
    else {
        return Ok(answer);
    };
    let quotes = quotes_by_graph(dataset)?;
    let mut facts = Facts::default();
    let mut out = Vec::with_capacity(rows.len());
    for mut row in rows {
        let graphs = facts.graphs_of(dataset, &row)?;
        let evidence: BTreeSet<&Quote> = graphs
            .iter()
            .flat_map(|g| quotes.get(g).into_iter().flatten())
            .collect();
        let text: Vec<String> = evidence.iter().map(ToString::to_string).collect();
        row.push(
            (!text.is_empty())
                .then(|| Term::from(Literal::new_simple_literal(text.join(SEPARATOR)))),
        );
        out.push(row);
    }
    variables.push("evidence".to_owned());
    Ok(Answer::Solutions {
        variables,
        rows: out,
    })
}

/// The quotes of the mentions each graph is derived from, by graph.
fn quotes_by_graph(dataset: &Dataset) -> Result<HashMap<String, Vec<Quote>>> {
    let mut quotes: HashMap<String, Vec<Quote>> = HashMap::new();
    for row in query::select(
        dataset,
        "SELECT DISTINCT ?g ?source ?exact ?start ?end WHERE { ?g prov:wasDerivedFrom ?m .
            ?m oa:hasSource ?source ; oa:hasSelector ?q . ?q oa:exact ?exact .
            OPTIONAL { ?m oa:hasSelector ?p . ?p oa:start ?start ; oa:end ?end } }",
    )? {
        let (Some(Term::NamedNode(g)), Some(Term::NamedNode(source)), Some(exact)) =
            (row.get("g"), row.get("source"), str_of(&row, "exact"))
        else {
            continue;
        };
        quotes
            .entry(g.as_str().to_owned())
            .or_default()
            .push(Quote {
                source: source.as_str().to_owned(),
                start: int_of(&row, "start").unwrap_or(-1),
                end: int_of(&row, "end").unwrap_or(-1),
                exact: exact.to_owned(),
            });
    }
    Ok(quotes)
}

/// The named-graph quads of each subject, read once.
#[derive(Default)]
struct Facts {
    by_subject: HashMap<String, Vec<(Term, String, bool)>>,
}

impl Facts {
    /// (object, graph, whether the quad is an rdf:type) of the subject's quads in named graphs.
    fn of(&mut self, dataset: &Dataset, subject: &NamedNode) -> Result<&[(Term, String, bool)]> {
        if !self.by_subject.contains_key(subject.as_str()) {
            let pattern = QuadPattern {
                subject: Some(NamedOrBlankNode::NamedNode(subject.clone())),
                ..Default::default()
            };
            let rdf_type = format!("{RDF}type");
            let mut found = Vec::new();
            for quad in dataset.quads(&pattern)? {
                let quad = quad?;
                if let GraphName::NamedNode(g) = &quad.graph_name {
                    let typing = quad.predicate.as_str() == rdf_type;
                    found.push((quad.object, g.as_str().to_owned(), typing));
                }
            }
            self.by_subject.insert(subject.as_str().to_owned(), found);
        }
        Ok(&self.by_subject[subject.as_str()])
    }

    /// The graphs stating the row's facts: those with a triple joining two of its terms, else
    /// those typing its IRIs.
    fn graphs_of(&mut self, dataset: &Dataset, row: &[Option<Term>]) -> Result<BTreeSet<String>> {
        let terms: HashSet<&Term> = row.iter().flatten().collect();
        let mut joining = BTreeSet::new();
        let mut typing = BTreeSet::new();
        for term in &terms {
            let Term::NamedNode(subject) = term else {
                continue;
            };
            for (object, graph, is_type) in self.of(dataset, subject)? {
                if *is_type {
                    typing.insert(graph.clone());
                }
                if object != *term && terms.contains(object) {
                    joining.insert(graph.clone());
                }
            }
        }
        Ok(if joining.is_empty() { typing } else { joining })
    }
}
