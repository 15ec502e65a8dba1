//! The one place ingest reads the graph: actors and their names, the acts a reply may answer,
//! registered sources, and the review state of generated graphs. Every read is a SPARQL SELECT
//! through `query::select`, so that a change of storage changes this file only.

use super::actors::Actor;
use super::propose::KnownAct;
use crate::error::Result;
use crate::query::{self, str_of};
use crate::store::Dataset;
use std::collections::BTreeMap;

/// What may be said of a graph's name in the default graph besides its grounding: its review.
pub const REVIEW_PREDICATES: &[&str] = &[
    "https://claimgraph.org/ns#reviewStatus",
    "https://claimgraph.org/ns#reviewedBy",
    "https://claimgraph.org/ns#reviewedAt",
    "https://claimgraph.org/ns#cue",
    "https://claimgraph.org/ns#confidence",
    "http://www.w3.org/ns/prov#wasGeneratedBy",
];

fn select(dataset: &Dataset, sparql: &str) -> Result<Vec<oxigraph::sparql::QuerySolution>> {
    query::select(dataset, sparql)
}

fn local(iri: &str, ns: &str) -> String {
    iri.strip_prefix(ns).unwrap_or(iri).to_owned()
}

/// Every actor with its label, aliases and most specific class.
pub fn actors(dataset: &Dataset) -> Result<Vec<Actor>> {
    let rows = select(
        dataset,
        "SELECT ?a ?class ?label ?alias WHERE {
            ?a a ?class . ?class rdfs:subClassOf* cg:Actor . ?a rdfs:label ?label
            FILTER NOT EXISTS { ?a a ?sub . ?sub rdfs:subClassOf+ ?class FILTER(?sub != ?class) }
            OPTIONAL { ?a skos:altLabel ?alias }
        } ORDER BY ?a ?alias",
    )?;
    let mut by_iri: BTreeMap<String, Actor> = BTreeMap::new();
    for row in &rows {
        let (Some(a), Some(label)) = (str_of(row, "a"), str_of(row, "label")) else {
            continue;
        };
        let entry = by_iri.entry(a.to_owned()).or_insert_with(|| Actor {
            iri: a.to_owned(),
            label: label.to_owned(),
            aliases: Vec::new(),
            class: local(str_of(row, "class").unwrap_or(""), crate::vocab::CG),
            new: false,
            note: None,
        });
        if let Some(alias) = str_of(row, "alias") {
            if !entry.aliases.iter().any(|x| x == alias) {
                entry.aliases.push(alias.to_owned());
            }
        }
    }
    Ok(by_iri.into_values().collect())
}

/// Every IRI under claimgraph's resource namespace that is in use.
pub fn taken(dataset: &Dataset) -> Result<Vec<String>> {
    let rows = select(
        dataset,
        "SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?s), \"https://claimgraph.org/id/\")) }",
    )?;
    Ok(rows
        .iter()
        .filter_map(|r| str_of(r, "s").map(str::to_owned))
        .collect())
}

/// Statements and claims with who made them and their words, for response links.
pub fn acts(dataset: &Dataset) -> Result<Vec<KnownAct>> {
    let rows = select(
        dataset,
        "SELECT ?x ?by ?text WHERE {
            { ?x a cg:Statement . OPTIONAL { ?x cg:speaker ?by } }
            UNION { ?x a cg:Claim . OPTIONAL { ?x cg:claimant ?by } }
            # A party answers another party, not the analysis of a report's author.
            FILTER NOT EXISTS { ?x cg:speaker|cg:claimant ?author . ?author a cg:Author }
            OPTIONAL { { ?x rdfs:label ?text } UNION { ?x cg:paraphrase ?text } UNION { ?x cg:quote ?text } }
        } ORDER BY ?x",
    )?;
    let mut by_iri: BTreeMap<String, KnownAct> = BTreeMap::new();
    for row in &rows {
        let Some(x) = str_of(row, "x") else { continue };
        let act = by_iri.entry(x.to_owned()).or_insert_with(|| KnownAct {
            iri: x.to_owned(),
            by: Vec::new(),
            text: String::new(),
        });
        if let Some(by) = str_of(row, "by").filter(|b| !act.by.iter().any(|x| x == b)) {
            act.by.push(by.to_owned());
        }
        if let Some(t) = str_of(row, "text").filter(|t| !act.text.contains(t)) {
            act.text.push(' ');
            act.text.push_str(t);
        }
    }
    Ok(by_iri.into_values().collect())
}

/// A registered source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub iri: String,
    pub sha256: Option<String>,
    pub text_file: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
}

pub fn sources(dataset: &Dataset) -> Result<Vec<Source>> {
    let rows = select(
        dataset,
        "SELECT ?s ?hash ?file ?date ?title WHERE { ?s a cg:Source OPTIONAL { ?s cg:sha256 ?hash }
            OPTIONAL { ?s cg:textFile ?file } OPTIONAL { ?s dcterms:date ?date }
            OPTIONAL { ?s dcterms:title ?title } } ORDER BY ?s",
    )?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            Some(Source {
                iri: str_of(r, "s")?.to_owned(),
                sha256: str_of(r, "hash").map(str::to_lowercase),
                text_file: str_of(r, "file").map(str::to_owned),
                date: str_of(r, "date").map(str::to_owned),
                title: str_of(r, "title").map(str::to_owned),
            })
        })
        .collect())
}

/// The quotes of every mention of a source: sentences already proposed, accepted or rejected.
pub fn quotes_of(dataset: &Dataset, source: &str) -> Result<Vec<String>> {
    let rows = select(
        dataset,
        &format!(
            "SELECT ?exact WHERE {{ ?m oa:hasSource <{source}> ; oa:hasSelector/oa:exact ?exact }}"
        ),
    )?;
    Ok(rows
        .iter()
        .filter_map(|r| str_of(r, "exact").map(str::to_owned))
        .collect())
}

/// A generated graph's review state, as the review table and `check` see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviewed {
    pub graph: String,
    /// Local name of the status concept: Proposed, Accepted, Rejected.
    pub status: String,
    pub reviewed_by: Option<String>,
    pub cues: Vec<String>,
    pub confidence: Option<String>,
    /// Where each mention the graph is derived from starts (code points), in order.
    pub starts: Vec<i64>,
    pub source: Option<String>,
}

/// Every graph with a review status, with its cues and where it is grounded.
pub fn reviewed(dataset: &Dataset) -> Result<Vec<Reviewed>> {
    let rows = select(
        dataset,
        "SELECT ?g ?status ?by ?cue ?confidence ?start ?source WHERE {
            ?g cg:reviewStatus ?status .
            OPTIONAL { ?g cg:reviewedBy ?by }
            OPTIONAL { ?g cg:cue ?cue }
            OPTIONAL { ?g cg:confidence ?confidence }
            OPTIONAL { ?g prov:wasDerivedFrom ?m . ?m oa:hasSource ?source ; oa:hasSelector ?p .
                       ?p oa:start ?start }
        } ORDER BY ?g ?start ?cue",
    )?;
    let mut by_graph: BTreeMap<String, Reviewed> = BTreeMap::new();
    for row in &rows {
        let Some(g) = str_of(row, "g") else { continue };
        let r = by_graph.entry(g.to_owned()).or_insert_with(|| Reviewed {
            graph: g.to_owned(),
            status: local(str_of(row, "status").unwrap_or(""), crate::vocab::CG),
            reviewed_by: str_of(row, "by").map(str::to_owned),
            cues: Vec::new(),
            confidence: str_of(row, "confidence").map(str::to_owned),
            starts: Vec::new(),
            source: str_of(row, "source").map(str::to_owned),
        });
        if let Some(cue) = str_of(row, "cue").filter(|c| !r.cues.iter().any(|x| x == c)) {
            r.cues.push(cue.to_owned());
        }
        if let Some(start) = query::int_of(row, "start").filter(|s| !r.starts.contains(s)) {
            r.starts.push(start);
            r.starts.sort();
        }
    }
    Ok(by_graph.into_values().collect())
}

/// What a generated graph proposes: each statement's speaker label and act types.
pub fn proposed_in(dataset: &Dataset, graph: &str) -> Result<Vec<(String, String, String)>> {
    let rows = select(
        dataset,
        &format!(
            "SELECT ?st ?who ?type WHERE {{
                GRAPH <{graph}> {{ ?st a cg:Statement OPTIONAL {{ ?st cg:speaker ?sp }} OPTIONAL {{ ?st cg:conveys ?c }} }}
                OPTIONAL {{ ?sp rdfs:label ?who }} OPTIONAL {{ ?c cg:actType ?type }}
            }} ORDER BY ?st ?type"
        ),
    )?;
    Ok(rows
        .iter()
        .map(|r| {
            (
                str_of(r, "st").unwrap_or("").to_owned(),
                str_of(r, "who").unwrap_or("(no speaker)").to_owned(),
                local(str_of(r, "type").unwrap_or(""), crate::vocab::CG),
            )
        })
        .collect())
}

/// A mention of a source with its class and span (code points), as the loader anchored it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub mention: String,
    /// Heading, PageFurniture or Mention.
    pub class: String,
    pub start: usize,
    pub end: usize,
}

pub fn mentions_of(dataset: &Dataset, source: &str) -> Result<Vec<Span>> {
    let rows = select(
        dataset,
        &format!(
            "SELECT DISTINCT ?m ?class ?start ?end WHERE {{ ?m oa:hasSource <{source}> ; a ?class ;
                oa:hasSelector ?p . ?p oa:start ?start ; oa:end ?end }} ORDER BY ?start ?end"
        ),
    )?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            Some(Span {
                mention: str_of(r, "m")?.to_owned(),
                class: local(str_of(r, "class")?, crate::vocab::CG),
                start: query::int_of(r, "start")? as usize,
                end: query::int_of(r, "end")? as usize,
            })
        })
        .collect())
}

/// A statement as curated: speaker, attribution modes, dates, and the spans of the mentions
/// of every graph that says something of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CuratedStatement {
    pub iri: String,
    pub speaker: Option<String>,
    pub attribution: Vec<String>,
    pub date: Option<String>,
    pub earliest: Option<String>,
    pub latest: Option<String>,
    pub spans: Vec<(usize, usize)>,
}

pub fn statements(dataset: &Dataset) -> Result<Vec<CuratedStatement>> {
    let rows = select(
        dataset,
        "SELECT ?st ?sp ?att ?d ?e ?l ?start ?end WHERE {
            ?st a cg:Statement .
            OPTIONAL { ?st cg:speaker ?sp } OPTIONAL { ?st cg:attribution ?att }
            OPTIONAL { ?st cg:date ?d } OPTIONAL { ?st cg:earliestDate ?e } OPTIONAL { ?st cg:latestDate ?l }
            OPTIONAL { GRAPH ?g { ?st ?p ?o } ?g prov:wasDerivedFrom ?m . ?m oa:hasSelector ?sel .
                       ?sel oa:start ?start ; oa:end ?end }
        } ORDER BY ?st",
    )?;
    let mut by: BTreeMap<String, CuratedStatement> = BTreeMap::new();
    for r in &rows {
        let Some(st) = str_of(r, "st") else { continue };
        let s = by.entry(st.to_owned()).or_insert_with(|| CuratedStatement {
            iri: st.to_owned(),
            ..Default::default()
        });
        let set = |slot: &mut Option<String>, var: &str| {
            if let Some(v) = str_of(r, var) {
                *slot = Some(v.to_owned());
            }
        };
        set(&mut s.speaker, "sp");
        set(&mut s.date, "d");
        set(&mut s.earliest, "e");
        set(&mut s.latest, "l");
        if let Some(a) = str_of(r, "att").map(|a| local(a, crate::vocab::CG)) {
            if !s.attribution.contains(&a) {
                s.attribution.push(a);
                s.attribution.sort();
            }
        }
        if let (Some(a), Some(b)) = (query::int_of(r, "start"), query::int_of(r, "end")) {
            let span = (a as usize, b as usize);
            if !s.spans.contains(&span) {
                s.spans.push(span);
            }
        }
    }
    Ok(by.into_values().collect())
}

/// The creator (`dcterms:creator`) of a source.
pub fn creator(dataset: &Dataset, source: &str) -> Result<Option<String>> {
    let rows = select(
        dataset,
        &format!("SELECT ?a WHERE {{ <{source}> dcterms:creator ?a }}"),
    )?;
    Ok(rows.first().and_then(|r| str_of(r, "a")).map(str::to_owned))
}
