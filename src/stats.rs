//! The counts `claimgraph stats` reports, read with one query each from the union of all graphs.

use crate::error::Result;
use crate::query;
use crate::store::Dataset;

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// Quads in the store: a triple stated in two graphs counts twice.
    pub quads: usize,
    /// Distinct triples over all graphs: the size of the union default graph.
    pub triples: usize,
    pub graphs: usize,
    pub sources: usize,
    pub mentions: usize,
    pub actors: usize,
    pub statements: usize,
    pub claims: usize,
    pub events: usize,
    pub figures: usize,
    pub response_links: usize,
    pub causal_links: usize,
}

/// Instances of a class, through `rdfs:subClassOf*`.
fn instances(dataset: &Dataset, class: &str) -> Result<usize> {
    count(
        dataset,
        &format!("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a/rdfs:subClassOf* {class} }}"),
    )
}

/// Distinct triples whose predicate is `property` or a sub-property of it at any depth.
pub fn links(dataset: &Dataset, property: &str) -> Result<usize> {
    count(
        dataset,
        &format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{
                SELECT DISTINCT ?a ?p ?b WHERE {{ ?p rdfs:subPropertyOf* {property} . ?a ?p ?b }}
            }}"
        ),
    )
}

fn count(dataset: &Dataset, sparql: &str) -> Result<usize> {
    let rows = query::select(dataset, sparql)?;
    Ok(rows
        .first()
        .and_then(|r| query::int_of(r, "n"))
        .unwrap_or(0) as usize)
}

pub fn stats(dataset: &Dataset) -> Result<Stats> {
    Ok(Stats {
        quads: dataset.len()?,
        triples: count(
            dataset,
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
        )?,
        graphs: dataset.graph_names()?.len(),
        sources: instances(dataset, "cg:Source")?,
        mentions: instances(dataset, "cg:Mention")?,
        actors: instances(dataset, "cg:Actor")?,
        statements: instances(dataset, "cg:Statement")?,
        claims: instances(dataset, "cg:Claim")?,
        events: instances(dataset, "cg:Event")?,
        figures: instances(dataset, "cg:Figure")?,
        response_links: links(dataset, "cg:respondsTo")?,
        causal_links: links(dataset, "cg:causallyLinkedTo")?,
    })
}

impl Stats {
    /// Name and value of each count, in the order they are printed.
    pub fn rows(&self) -> [(&'static str, usize); 12] {
        [
            ("quads", self.quads),
            ("triples", self.triples),
            ("graphs", self.graphs),
            ("sources", self.sources),
            ("mentions", self.mentions),
            ("actors", self.actors),
            ("statements", self.statements),
            ("claims", self.claims),
            ("events", self.events),
            ("figures", self.figures),
            ("response links", self.response_links),
            ("causal links", self.causal_links),
        ]
    }
}
