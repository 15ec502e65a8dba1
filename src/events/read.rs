//! The facts an event record is made of, read from the dataset in a few queries (through
//! `query::select`, the engine's own reads) and kept in maps by full IRI: the acts, their dates,
//! who spoke, claimed, acted and was targeted, how each statement is attributed and hedged, the
//! actors' labels, sides and countries, the documents, and the quote that grounds each act.

use super::text;
use crate::error::Result;
use crate::query;
use crate::store::Dataset;
use std::collections::{BTreeMap, BTreeSet, HashSet, VecDeque};

/// One act to write records for: a claim with the statement that conveys it, a claim no
/// statement conveys, or an event.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Act {
    pub iri: String,
    pub kind: &'static str,
    pub statement: Option<String>,
}

/// A quote that grounds an act: its mention, document, words and code point offsets.
#[derive(Debug, Clone, Default)]
pub struct Quote {
    pub mention: String,
    pub document: String,
    pub text: String,
    pub start: Option<i64>,
    pub end: Option<i64>,
    /// Whether the graph it grounds is a claim's proposition graph (someone's claim, not the
    /// source's narration).
    pub in_claim: bool,
}

/// A document (a `cg:Source`).
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub title: String,
    pub url: String,
    pub publisher: String,
    pub date: String,
}

/// Everything the records are made of, by full IRI.
#[derive(Debug, Default)]
pub struct Facts {
    pub acts: Vec<Act>,
    /// Preferred label (skos:prefLabel, else rdfs:label) of every labelled resource.
    pub labels: BTreeMap<String, String>,
    /// Every name (labels and aliases) of every actor, for resolving names typed by users.
    pub names: BTreeMap<String, BTreeSet<String>>,
    /// (subject, local name of the predicate) → values: dates, speakers, claimants, targets,
    /// types, attribution, hedges, channels, relays.
    pub values: BTreeMap<(String, String), BTreeSet<String>>,
    /// Event roles (agent, party, targeted): (event, role) → (actor, stated as fact).
    pub roles: BTreeMap<(String, String), BTreeSet<(String, bool)>>,
    pub anonymous: HashSet<String>,
    pub authors: HashSet<String>,
    pub side: BTreeMap<String, String>,
    pub country: BTreeMap<String, String>,
    /// (statement or "", act) → the quotes of the graphs that state it.
    pub quotes: BTreeMap<(String, String), Vec<Quote>>,
    pub documents: BTreeMap<String, Document>,
}

const ACTS: &str = "SELECT DISTINCT ?act ?kind ?statement WHERE {
  { ?statement cg:conveys ?act . ?act a cg:Claim . BIND (\"claim\" AS ?kind) }
  UNION { ?act a cg:Claim . FILTER NOT EXISTS { ?s cg:conveys ?act } BIND (\"claim\" AS ?kind) }
  UNION { ?act a cg:Event . BIND (\"event\" AS ?kind) }
}";

const LABELS: &str = "SELECT ?x ?p ?label WHERE {
  ?x ?p ?label . VALUES ?p { skos:prefLabel rdfs:label skos:altLabel }
}";

const VALUES: &str = "SELECT DISTINCT ?x ?p ?o WHERE {
  ?x ?p ?o .
  VALUES ?p { cg:date cg:startDate cg:earliestDate cg:latestStartDate cg:latestDate cg:endDate
              cg:speaker cg:claimant cg:target cg:actType cg:eventType cg:attribution cg:hedge
              cg:channel cg:reportedBy }
}";

/// Roles stated in a passage graph are the source's narration; in a claim's proposition graph,
/// someone's claim.
const ROLES: &str = "SELECT DISTINCT ?event ?role ?actor ?fact WHERE {
  ?event a cg:Event .
  GRAPH ?g { ?event ?role ?actor }
  VALUES ?role { cg:agent cg:party cg:targeted }
  BIND (NOT EXISTS { ?claim cg:propositionGraph ?g } AS ?fact)
}";

const KINDS: &str = "SELECT DISTINCT ?x ?kind WHERE {
  ?x a/rdfs:subClassOf* ?kind . VALUES ?kind { cg:AnonymousSource cg:Author cg:State }
}";

const AFFILIATIONS: &str = "SELECT DISTINCT ?a ?b ?p WHERE {
  ?a ?p ?b . VALUES ?p { cg:affiliatedWith cg:governmentOf }
}";

/// The graphs that state each act (the conveying triple for a conveyed claim, the typing triple
/// otherwise), and the quotes they are derived from.
const QUOTES: &str = "SELECT DISTINCT ?statement ?act ?m ?doc ?quote ?start ?end ?inClaim WHERE {
  { GRAPH ?g { ?statement cg:conveys ?act } }
  UNION { GRAPH ?g { ?act a cg:Claim } FILTER NOT EXISTS { ?s cg:conveys ?act } }
  UNION { GRAPH ?g { ?act a cg:Event } }
  ?g prov:wasDerivedFrom ?m .
  ?m oa:hasSource ?doc ; oa:hasSelector ?q .
  ?q oa:exact ?quote .
  OPTIONAL { ?m oa:hasSelector ?p . ?p oa:start ?start ; oa:end ?end }
  BIND (EXISTS { ?claim cg:propositionGraph ?g } AS ?inClaim)
}";

const DOCUMENTS: &str = "SELECT ?doc ?title ?url ?publisher ?date WHERE {
  ?doc a cg:Source .
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc schema:url ?url }
  OPTIONAL { ?doc dcterms:publisher ?p OPTIONAL { ?p rdfs:label ?pl } BIND (COALESCE(?pl, ?p) AS ?publisher) }
  OPTIONAL { ?doc dcterms:date ?date }
}";

/// Reads everything the records need.
pub fn read(dataset: &Dataset) -> Result<Facts> {
    let mut f = Facts::default();
    for row in query::select(dataset, ACTS)? {
        let (Some(act), Some(kind)) = (query::str_of(&row, "act"), query::str_of(&row, "kind"))
        else {
            continue;
        };
        f.acts.push(Act {
            iri: act.to_owned(),
            kind: if kind == "event" { "event" } else { "claim" },
            statement: query::str_of(&row, "statement").map(str::to_owned),
        });
    }
    f.acts.sort();
    f.acts.dedup();
    read_labels(dataset, &mut f)?;
    for row in query::select(dataset, VALUES)? {
        let (Some(x), Some(p)) = (query::str_of(&row, "x"), query::str_of(&row, "p")) else {
            continue;
        };
        f.values
            .entry((x.to_owned(), local(p).to_owned()))
            .or_default()
            .insert(text(&row, "o"));
    }
    for row in query::select(dataset, ROLES)? {
        let (Some(e), Some(role), Some(actor)) = (
            query::str_of(&row, "event"),
            query::str_of(&row, "role"),
            query::str_of(&row, "actor"),
        ) else {
            continue;
        };
        let fact = query::str_of(&row, "fact") == Some("true");
        f.roles
            .entry((e.to_owned(), local(role).to_owned()))
            .or_default()
            .insert((actor.to_owned(), fact));
    }
    read_actors(dataset, &mut f)?;
    read_quotes(dataset, &mut f)?;
    for row in query::select(dataset, DOCUMENTS)? {
        let Some(doc) = query::str_of(&row, "doc") else {
            continue;
        };
        f.documents.entry(doc.to_owned()).or_insert(Document {
            title: text(&row, "title"),
            url: text(&row, "url"),
            publisher: text(&row, "publisher"),
            date: text(&row, "date"),
        });
    }
    Ok(f)
}

/// The local name of a vocabulary IRI (`cg:speaker` → `speaker`).
fn local(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

fn read_labels(dataset: &Dataset, f: &mut Facts) -> Result<()> {
    // A preferred label wins over rdfs:label; among several of one kind, the smallest, so the
    // choice is the same on every run.
    let mut pref: BTreeMap<String, String> = BTreeMap::new();
    let mut plain: BTreeMap<String, String> = BTreeMap::new();
    for row in query::select(dataset, LABELS)? {
        let (Some(x), Some(p)) = (query::str_of(&row, "x"), query::str_of(&row, "p")) else {
            continue;
        };
        let label = text(&row, "label");
        f.names
            .entry(x.to_owned())
            .or_default()
            .insert(label.clone());
        let map = match local(p) {
            "prefLabel" => &mut pref,
            "label" => &mut plain,
            _ => continue,
        };
        let slot = map.entry(x.to_owned()).or_insert_with(|| label.clone());
        if label < *slot {
            *slot = label;
        }
    }
    plain.extend(pref);
    f.labels = plain;
    Ok(())
}

/// Anonymous sources, authors, and each actor's side and country. An actor's side is where
/// `cg:affiliatedWith` leads when followed to its end, as `mutual` counts it (an actor with no
/// affiliation, or with several that end apart, is its own side); its country is the one state
/// it reaches that way (itself included), through `cg:governmentOf` too.
fn read_actors(dataset: &Dataset, f: &mut Facts) -> Result<()> {
    let mut states = HashSet::new();
    for row in query::select(dataset, KINDS)? {
        let (Some(x), Some(kind)) = (query::str_of(&row, "x"), query::str_of(&row, "kind")) else {
            continue;
        };
        match local(kind) {
            "AnonymousSource" => f.anonymous.insert(x.to_owned()),
            "Author" => f.authors.insert(x.to_owned()),
            _ => states.insert(x.to_owned()),
        };
    }
    let mut affiliated: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut governs: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in query::select(dataset, AFFILIATIONS)? {
        let (Some(a), Some(b), Some(p)) = (
            query::str_of(&row, "a"),
            query::str_of(&row, "b"),
            query::str_of(&row, "p"),
        ) else {
            continue;
        };
        let map = if local(p) == "governmentOf" {
            &mut governs
        } else {
            &mut affiliated
        };
        map.entry(a.to_owned()).or_default().push(b.to_owned());
    }
    let actors: BTreeSet<String> = f
        .values
        .iter()
        .filter(|((_, p), _)| matches!(p.as_str(), "speaker" | "claimant" | "target"))
        .flat_map(|(_, vs)| vs.iter().cloned())
        .chain(f.roles.values().flatten().map(|(a, _)| a.clone()))
        .collect();
    for a in actors {
        let (ends, reached) = walk(&a, &affiliated);
        let side = match ends.len() {
            1 => ends.into_iter().next().expect("one end"),
            _ => a.clone(),
        };
        let countries: BTreeSet<&String> = reached
            .iter()
            .flat_map(|r| std::iter::once(r).chain(governs.get(r).into_iter().flatten()))
            .filter(|r| states.contains(*r))
            .collect();
        if countries.len() == 1 {
            f.country
                .insert(a.clone(), (*countries.first().expect("one")).clone());
        }
        f.side.insert(a, side);
    }
    Ok(())
}

/// The actors with no affiliation of their own that `a` reaches, and every actor it reaches
/// (itself included).
fn walk(a: &str, affiliated: &BTreeMap<String, Vec<String>>) -> (BTreeSet<String>, Vec<String>) {
    let mut seen = BTreeSet::from([a.to_owned()]);
    let mut queue = VecDeque::from([a.to_owned()]);
    let mut ends = BTreeSet::new();
    let mut reached = Vec::new();
    while let Some(x) = queue.pop_front() {
        match affiliated.get(&x) {
            None => {
                ends.insert(x.clone());
            }
            Some(next) => {
                for y in next {
                    if seen.insert(y.clone()) {
                        queue.push_back(y.clone());
                    }
                }
            }
        }
        reached.push(x);
    }
    (ends, reached)
}

fn read_quotes(dataset: &Dataset, f: &mut Facts) -> Result<()> {
    for row in query::select(dataset, QUOTES)? {
        let (Some(act), Some(m)) = (query::str_of(&row, "act"), query::str_of(&row, "m")) else {
            continue;
        };
        let statement = query::str_of(&row, "statement").unwrap_or_default();
        f.quotes
            .entry((statement.to_owned(), act.to_owned()))
            .or_default()
            .push(Quote {
                mention: m.to_owned(),
                document: text(&row, "doc"),
                text: text(&row, "quote"),
                start: query::int_of(&row, "start"),
                end: query::int_of(&row, "end"),
                in_claim: query::str_of(&row, "inClaim") == Some("true"),
            });
    }
    Ok(())
}
