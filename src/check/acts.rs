//! Invariant 3: statements and claims have a speaker or claimant, a type and provenance; response
//! and causal links join two different acts that exist.

use super::{Checker, ids, node_key, short, term_key};
use crate::error::Result;
use crate::query;
use crate::store::QuadPattern;
use crate::vocab::{self, RDF};
use oxigraph::model::{GraphName, NamedNode, Term};
use std::collections::{HashMap, HashSet};

const ACT_CLASSES: &str = "VALUES ?c { cg:Statement cg:Claim cg:Event }";

/// Invariant 3: statements and claims have a speaker or claimant, a type and provenance; links
/// point at acts that exist. Returns the number of acts.
pub(super) fn check_acts(c: &mut Checker<'_>) -> Result<usize> {
    c.flag_each(
        3,
        "SELECT DISTINCT ?x WHERE { ?x a/rdfs:subClassOf* cg:Statement FILTER NOT EXISTS { ?x cg:speaker ?s } }",
        "statement has no cg:speaker (an anonymous source is an actor too)",
    )?;
    c.flag_each(
        3,
        "SELECT DISTINCT ?x WHERE { ?x a/rdfs:subClassOf* cg:Claim
            FILTER NOT EXISTS { ?x cg:claimant ?s } FILTER NOT EXISTS { ?st cg:conveys ?x ; cg:speaker ?s } }",
        "claim has no cg:claimant (and no statement with a speaker conveys it)",
    )?;
    c.flag_each(
        3,
        "SELECT DISTINCT ?x WHERE { ?x a/rdfs:subClassOf* cg:Claim FILTER NOT EXISTS { ?x cg:actType ?t } }",
        "claim has no cg:actType",
    )?;
    c.flag_each(
        3,
        "SELECT DISTINCT ?x WHERE { { ?x cg:speaker ?a } UNION { ?x cg:claimant ?a }
            FILTER NOT EXISTS { ?a a/rdfs:subClassOf* cg:Actor } }",
        "its speaker or claimant is not a cg:Actor",
    )?;
    let acts = ids(
        c.dataset,
        &format!("SELECT DISTINCT ?x WHERE {{ ?x a ?t . ?t rdfs:subClassOf* ?c . {ACT_CLASSES} }}"),
    )?;
    check_types_and_provenance(c, &acts)?;
    check_links(c, &acts)?;
    Ok(acts.len())
}

/// Statements have a type (their own or a conveyed claim's), and acts are typed in a graph
/// derived from a mention. Both read each property once and compare sets: asked per act with
/// `FILTER NOT EXISTS`, they took time quadratic in the number of acts.
fn check_types_and_provenance(c: &mut Checker<'_>, acts: &HashSet<String>) -> Result<()> {
    let data = c.dataset;
    let predicate = |iri: String| QuadPattern::predicate(NamedNode::new_unchecked(iri));
    let mut typed = HashSet::new();
    for quad in data.quads(&predicate(format!("{}actType", vocab::CG)))? {
        typed.insert(node_key(&quad?.subject));
    }
    let mut conveyed: HashMap<String, Vec<String>> = HashMap::new();
    for quad in data.quads(&predicate(format!("{}conveys", vocab::CG)))? {
        let quad = quad?;
        conveyed
            .entry(node_key(&quad.subject))
            .or_default()
            .push(term_key(&quad.object));
    }
    let statements = ids(
        data,
        "SELECT DISTINCT ?x WHERE { ?x a/rdfs:subClassOf* cg:Statement }",
    )?;
    for s in &statements {
        let claims = conveyed.get(s).into_iter().flatten();
        if !typed.contains(s) && !claims.into_iter().any(|cl| typed.contains(cl)) {
            c.flag(
                3,
                s,
                "statement has no type (cg:actType, or a conveyed claim with one)",
            );
        }
    }
    let derived = ids(
        data,
        "SELECT DISTINCT ?x WHERE { ?x prov:wasDerivedFrom ?m }",
    )?;
    let mut grounded = HashSet::new();
    for quad in data.quads(&predicate(format!("{RDF}type")))? {
        let quad = quad?;
        let in_derived = match &quad.graph_name {
            GraphName::NamedNode(g) => derived.contains(g.as_str()),
            GraphName::BlankNode(g) => derived.contains(&g.to_string()),
            GraphName::DefaultGraph => false,
        };
        if in_derived {
            grounded.insert(node_key(&quad.subject));
        }
    }
    for act in acts.iter().filter(|a| !grounded.contains(*a)) {
        c.flag(
            3,
            act,
            "act has no provenance: it is not typed in any named graph derived from a mention",
        );
    }
    Ok(())
}

/// Response and causal links join two acts, and two different ones. One pass over the quads of
/// each link property against the set of acts: a query asking this per link
/// (`FILTER NOT EXISTS`) took time quadratic in the number of links.
fn check_links(c: &mut Checker<'_>, acts: &HashSet<String>) -> Result<()> {
    for (property, what) in [
        ("cg:respondsTo", "response"),
        ("cg:causallyLinkedTo", "causal"),
    ] {
        let properties = query::select(
            c.dataset,
            &format!("SELECT DISTINCT ?p WHERE {{ ?p rdfs:subPropertyOf* {property} }}"),
        )?;
        let mut reported = HashSet::new();
        for p in properties.iter().filter_map(|r| match r.get("p") {
            Some(Term::NamedNode(n)) => Some(n.clone()),
            _ => None,
        }) {
            for quad in c.dataset.quads(&QuadPattern::predicate(p.clone()))? {
                let quad = quad?;
                let (a, b) = (node_key(&quad.subject), term_key(&quad.object));
                if !reported.insert((a.clone(), p.as_str().to_owned(), b.clone())) {
                    continue;
                }
                if !acts.contains(&a) || !acts.contains(&b) {
                    c.flag(3, &a, format!("{what} link {} {} joins something that is not an act (statement, claim or event)", short(p.as_str()), short(&b)));
                } else if a == b {
                    c.flag(
                        3,
                        &a,
                        format!(
                            "{what} link {} points back at the act itself",
                            short(p.as_str())
                        ),
                    );
                }
            }
        }
    }
    Ok(())
}
