//! Invariant 2: every named graph is derived from a mention; the default graph holds only the
//! ontology, sources, mentions, selectors and grounding.

use super::{Checker, id_of, node_key, short};
use crate::error::Result;
use crate::query;
use crate::store::QuadPattern;
use crate::vocab::{self, OA, OWL, PROV, RDF, RDFS, SH, SKOS};
use oxigraph::model::{GraphName, Quad, Term};
use std::collections::{BTreeSet, HashMap, HashSet};

/// The mentions each graph is derived from, by graph (read in the default graph).
type Grounding = HashMap<String, Vec<String>>;

/// Checks both halves of the invariant. Returns the number of named graphs.
pub(super) fn check_grounding(c: &mut Checker<'_>) -> Result<usize> {
    let grounding = grounding_of(c)?;
    let graphs: HashSet<String> = c
        .dataset
        .graph_names()?
        .iter()
        .map(|g| {
            let g = g.to_string();
            g.trim_start_matches('<').trim_end_matches('>').to_owned()
        })
        .collect();
    check_derivations(c, &graphs, &grounding)?;
    check_default_graph(c, &graphs, &grounding)?;
    Ok(graphs.len())
}

fn grounding_of(c: &Checker<'_>) -> Result<Grounding> {
    let mut grounding: Grounding = HashMap::new();
    let sparql = "SELECT ?g ?m WHERE { ?g prov:wasDerivedFrom ?m }";
    for row in query::select_default_graph(c.dataset, sparql)? {
        if let (Some(g), Some(m)) = (id_of(&row, "g"), id_of(&row, "m")) {
            grounding.entry(g).or_default().push(m);
        }
    }
    Ok(grounding)
}

/// Every named graph is derived from something, and only from mentions.
fn check_derivations(
    c: &mut Checker<'_>,
    graphs: &HashSet<String>,
    grounding: &Grounding,
) -> Result<()> {
    let mentions = super::ids(
        c.dataset,
        "SELECT ?x WHERE { ?x a/rdfs:subClassOf* cg:Mention }",
    )?;
    let mut graphs: Vec<&String> = graphs.iter().collect();
    graphs.sort();
    for g in graphs {
        match grounding.get(g) {
            None => c.flag(2, g, "named graph is derived from no mention (add `<graph> prov:wasDerivedFrom <mention>` to the default graph)"),
            Some(ms) => {
                for m in ms.iter().filter(|m| !mentions.contains(*m)) {
                    c.flag(2, g, format!("derived from {}, which is not a cg:Mention", short(m)));
                }
            }
        }
    }
    Ok(())
}

/// The default graph states no facts: each subject there is documentary, an ontology term, a
/// node hanging from one, or a graph's grounding.
fn check_default_graph(
    c: &mut Checker<'_>,
    graphs: &HashSet<String>,
    grounding: &Grounding,
) -> Result<()> {
    let default: Vec<Quad> = c
        .dataset
        .quads(&QuadPattern::graph(GraphName::DefaultGraph))?
        .collect::<Result<_>>()?;
    let allowed = allowed_subjects(c, &default)?;
    let derived = format!("{PROV}wasDerivedFrom");
    let mut reported = BTreeSet::new();
    for q in &default {
        let s = node_key(&q.subject);
        let grounding_triple = (q.predicate.as_str() == derived
            || crate::ingest::graph::REVIEW_PREDICATES.contains(&q.predicate.as_str()))
            && (graphs.contains(&s) || grounding.contains_key(&s));
        if !allowed.contains(&s) && !grounding_triple && reported.insert(s.clone()) {
            let object = match &q.object {
                Term::NamedNode(n) => short(n.as_str()),
                other => other.to_string(),
            };
            let message = format!(
                "fact in the default graph ({} {object}): facts belong in a named graph derived from a mention",
                short(q.predicate.as_str()),
            );
            c.flag(2, &s, message);
        }
    }
    Ok(())
}

/// The types that make a subject an ontology term.
fn ontology_types() -> HashSet<String> {
    [
        format!("{OWL}Class"),
        format!("{RDFS}Class"),
        format!("{OWL}ObjectProperty"),
        format!("{OWL}DatatypeProperty"),
        format!("{OWL}AnnotationProperty"),
        format!("{RDF}Property"),
        format!("{OWL}Ontology"),
        format!("{OWL}TransitiveProperty"),
        format!("{OWL}SymmetricProperty"),
        format!("{OWL}FunctionalProperty"),
        format!("{OWL}InverseFunctionalProperty"),
        format!("{SKOS}Concept"),
        format!("{SKOS}ConceptScheme"),
        format!("{SH}NodeShape"),
        format!("{SH}PropertyShape"),
        format!("{OWL}NamedIndividual"),
    ]
    .into_iter()
    .collect()
}

/// Which subjects may stand in the default graph: documents, mentions, ontology terms, and the
/// nodes hanging from them (selectors, shapes' property nodes, lists).
fn allowed_subjects(c: &Checker<'_>, default: &[Quad]) -> Result<HashSet<String>> {
    let documentary = super::ids(
        c.dataset,
        "SELECT DISTINCT ?x WHERE { ?x a ?t . ?t rdfs:subClassOf* ?c .
            VALUES ?c { cg:Source cg:Mention cg:IngestActivity } }",
    )?;
    let terms = ontology_types();
    let rdf_type = format!("{RDF}type");
    let mut allowed = documentary.clone();
    for q in default {
        let s = node_key(&q.subject);
        let is_vocab = s.starts_with(vocab::CG) || s.starts_with("https://claimgraph.org/shapes#");
        let typed_as_term = q.predicate.as_str() == rdf_type
            && matches!(&q.object, Term::NamedNode(t) if terms.contains(t.as_str()));
        if is_vocab || typed_as_term {
            allowed.insert(s);
        }
    }
    hang_from(&mut allowed, &documentary, default);
    Ok(allowed)
}

/// Adds the objects hanging from allowed subjects until none is added: blank nodes (selectors,
/// lists), and what a source's metadata points at (its author).
fn hang_from(allowed: &mut HashSet<String>, documentary: &HashSet<String>, default: &[Quad]) {
    let has_source = format!("{OA}hasSource");
    loop {
        let before = allowed.len();
        for q in default {
            let s = node_key(&q.subject);
            if !allowed.contains(&s) {
                continue;
            }
            match &q.object {
                Term::BlankNode(b) => {
                    allowed.insert(b.to_string());
                }
                Term::NamedNode(n)
                    if documentary.contains(&s) && q.predicate.as_str() != has_source =>
                {
                    allowed.insert(n.as_str().to_owned());
                }
                _ => {}
            }
        }
        if allowed.len() == before {
            break;
        }
    }
}
