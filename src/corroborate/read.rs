//! Every read of the store corroboration makes: the sources with their content quotes, the acts
//! (statements and events) with what the features compare, the actors' affiliations, and the
//! correspondences already in the data. Each read is one SPARQL SELECT through `query::select`.

use super::{Act, ActKind, Known, Quote, Source, Window};
use crate::error::Result;
use crate::query::{self, int_of, str_of};
use crate::store::Dataset;
use std::collections::{BTreeMap, BTreeSet};

/// Every source, with the quotes of its mentions that are not headings or furniture.
pub fn sources(dataset: &Dataset) -> Result<Vec<Source>> {
    let rows = query::select(
        dataset,
        "SELECT DISTINCT ?s ?publisher ?m ?exact WHERE {
            ?s a cg:Source .
            OPTIONAL { ?s dcterms:publisher ?publisher }
            OPTIONAL { ?m oa:hasSource ?s ; oa:hasSelector ?sel . ?sel a oa:TextQuoteSelector ; oa:exact ?exact
                       FILTER NOT EXISTS { ?m a cg:Excluded } FILTER NOT EXISTS { ?m a/rdfs:subClassOf+ cg:Excluded } }
        } ORDER BY ?s ?m",
    )?;
    let mut by_iri: BTreeMap<String, Source> = BTreeMap::new();
    for row in &rows {
        let Some(s) = str_of(row, "s") else { continue };
        let source = by_iri.entry(s.to_owned()).or_insert_with(|| Source {
            iri: s.to_owned(),
            publisher: None,
            quotes: Vec::new(),
        });
        if let Some(p) = str_of(row, "publisher") {
            source.publisher = Some(p.to_owned());
        }
        if let (Some(m), Some(exact)) = (str_of(row, "m"), str_of(row, "exact")) {
            if !source.quotes.iter().any(|q| q.mention == m) {
                source.quotes.push(Quote {
                    mention: m.to_owned(),
                    exact: exact.to_owned(),
                });
            }
        }
    }
    Ok(by_iri.into_values().collect())
}

/// Statements and events, each with its home source (where it is typed) and the quotes of the
/// graphs of that source in which it is the subject of a triple.
pub fn acts(dataset: &Dataset) -> Result<Vec<Act>> {
    let rows = query::select(
        dataset,
        "SELECT DISTINCT ?act ?kind ?src ?m ?exact WHERE {
            VALUES ?kind { cg:Statement cg:Event }
            GRAPH ?t { ?act a ?kind }
            ?t prov:wasDerivedFrom/oa:hasSource ?src .
            GRAPH ?g { ?act ?p ?o }
            ?g prov:wasDerivedFrom ?m . ?m oa:hasSource ?src ; oa:hasSelector ?sel .
            ?sel a oa:TextQuoteSelector ; oa:exact ?exact
        } ORDER BY ?act ?src ?m",
    )?;
    let mut by_iri: BTreeMap<String, Act> = BTreeMap::new();
    for row in &rows {
        let (Some(iri), Some(kind), Some(src), Some(m), Some(exact)) = (
            str_of(row, "act"),
            str_of(row, "kind"),
            str_of(row, "src"),
            str_of(row, "m"),
            str_of(row, "exact"),
        ) else {
            continue;
        };
        let act = by_iri.entry(iri.to_owned()).or_insert_with(|| Act {
            iri: iri.to_owned(),
            kind: if kind.ends_with("#Event") {
                ActKind::Event
            } else {
                ActKind::Statement
            },
            // An act typed in graphs of two sources belongs to the first (in IRI order).
            source: src.to_owned(),
            ..Act::default()
        });
        if act.source == src && !act.quotes.iter().any(|q| q.mention == m) {
            act.quotes.push(Quote {
                mention: m.to_owned(),
                exact: exact.to_owned(),
            });
        }
    }
    let mut acts: Vec<Act> = by_iri.into_values().collect();
    fill(dataset, &mut acts)?;
    Ok(acts)
}

/// Adds speakers, participants, types, places, rounds and date windows to the acts.
fn fill(dataset: &Dataset, acts: &mut [Act]) -> Result<()> {
    let index: BTreeMap<String, usize> = acts
        .iter()
        .enumerate()
        .map(|(i, a)| (a.iri.clone(), i))
        .collect();
    let pairs = |sparql: &str| -> Result<Vec<(usize, String)>> {
        Ok(query::select(dataset, sparql)?
            .iter()
            .filter_map(|r| {
                let i = *index.get(str_of(r, "x")?)?;
                Some((i, str_of(r, "v")?.to_owned()))
            })
            .collect())
    };
    for (i, v) in pairs("SELECT DISTINCT ?x ?v WHERE { ?x a cg:Statement ; cg:speaker ?v }")? {
        insert(&mut acts[i].actors, v);
    }
    for (i, v) in pairs(
        "SELECT DISTINCT ?x ?v WHERE { ?x a cg:Event ; ?role ?v . ?role rdfs:subPropertyOf* cg:participant }",
    )? {
        insert(&mut acts[i].actors, v);
    }
    for (i, v) in pairs(
        "SELECT DISTINCT ?x ?v WHERE { { ?x a cg:Statement ; cg:conveys/cg:actType ?v } UNION { ?x a cg:Event ; cg:eventType ?v } }",
    )? {
        insert(&mut acts[i].types, v);
    }
    for (i, v) in pairs("SELECT DISTINCT ?x ?v WHERE { ?x a cg:Event ; sem:hasPlace ?v }")? {
        insert(&mut acts[i].places, v);
    }
    for row in query::select(
        dataset,
        "SELECT DISTINCT ?x ?v WHERE { ?x a cg:Event ; cg:roundNumber ?v }",
    )? {
        if let (Some(&i), Some(v)) = (
            str_of(&row, "x").and_then(|x| index.get(x)),
            int_of(&row, "v"),
        ) {
            acts[i].round = Some(v);
        }
    }
    figures(dataset, &index, acts)?;
    dates(dataset, &index, acts)
}

/// The figures of each act with their units: an event's own, a statement's through the claims
/// it conveys. Values are written plainly (4, 4.0 and 4.00 are one figure).
fn figures(dataset: &Dataset, index: &BTreeMap<String, usize>, acts: &mut [Act]) -> Result<()> {
    let rows = query::select(
        dataset,
        "SELECT DISTINCT ?x ?v ?u WHERE {
            { ?x a cg:Event ; cg:hasFigure ?f } UNION { ?x a cg:Statement ; cg:conveys/cg:hasFigure ?f }
            ?f cg:value ?v ; cg:unit ?u }",
    )?;
    for row in &rows {
        let (Some(&i), Some(v), Some(u)) = (
            str_of(row, "x").and_then(|x| index.get(x)),
            str_of(row, "v"),
            str_of(row, "u"),
        ) else {
            continue;
        };
        let value = match v.trim().parse::<f64>() {
            Ok(n) if n.is_finite() => format!("{n}"),
            _ => v.trim().to_owned(),
        };
        insert(&mut acts[i].figures, (value, u.to_owned()));
    }
    Ok(())
}

/// The date window of each act: its day, or the bounds the data gives.
fn dates(dataset: &Dataset, index: &BTreeMap<String, usize>, acts: &mut [Act]) -> Result<()> {
    let rows = query::select(
        dataset,
        "SELECT DISTINCT ?x ?p ?d WHERE {
            VALUES ?p { cg:date cg:startDate cg:endDate cg:earliestDate cg:latestDate cg:latestStartDate }
            ?x ?p ?d . { ?x a cg:Statement } UNION { ?x a cg:Event } }",
    )?;
    for row in &rows {
        let (Some(&i), Some(p), Some(d)) = (
            str_of(row, "x").and_then(|x| index.get(x)),
            str_of(row, "p"),
            str_of(row, "d").and_then(crate::dates::day_number),
        ) else {
            continue;
        };
        let w = acts[i].window.get_or_insert(Window::default());
        match p.rsplit('#').next().unwrap_or("") {
            "date" => {
                w.earliest = Some(w.earliest.map_or(d, |e| e.min(d)));
                w.latest = Some(w.latest.map_or(d, |l| l.max(d)));
            }
            "startDate" | "earliestDate" => w.earliest = Some(w.earliest.map_or(d, |e| e.min(d))),
            _ => w.latest = Some(w.latest.map_or(d, |l| l.max(d))),
        }
    }
    Ok(())
}

fn insert<T: Ord>(set: &mut Vec<T>, v: T) {
    if let Err(at) = set.binary_search(&v) {
        set.insert(at, v);
    }
}

/// Each actor with every actor it reaches through `cg:affiliatedWith` and its sub-properties.
pub fn affiliations(dataset: &Dataset) -> Result<BTreeMap<String, BTreeSet<String>>> {
    let rows = query::select(
        dataset,
        "SELECT DISTINCT ?a ?b WHERE { ?a ?p ?b . ?p rdfs:subPropertyOf* cg:affiliatedWith FILTER(isIRI(?b)) }",
    )?;
    let mut direct: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in &rows {
        if let (Some(a), Some(b)) = (str_of(row, "a"), str_of(row, "b")) {
            direct.entry(a.to_owned()).or_default().insert(b.to_owned());
        }
    }
    // The closure, walked from each actor; the graphs are small (actors, not acts).
    let mut closure = BTreeMap::new();
    for start in direct.keys() {
        let mut seen = BTreeSet::new();
        let mut todo = vec![start.clone()];
        while let Some(a) = todo.pop() {
            for b in direct.get(&a).into_iter().flatten() {
                if seen.insert(b.clone()) {
                    todo.push(b.clone());
                }
            }
        }
        closure.insert(start.clone(), seen);
    }
    Ok(closure)
}

/// The places each place lies in (schema:containedInPlace, followed), for compatible places.
pub fn containment(dataset: &Dataset) -> Result<BTreeSet<(String, String)>> {
    let rows = query::select(
        dataset,
        "SELECT DISTINCT ?a ?b WHERE { ?a schema:containedInPlace+ ?b }",
    )?;
    Ok(rows
        .iter()
        .filter_map(|r| Some((str_of(r, "a")?.to_owned(), str_of(r, "b")?.to_owned())))
        .collect())
}

/// The correspondences loaded with the data that count: those whose graph is neither proposed
/// nor rejected (curated by hand, or accepted in review).
pub fn known(dataset: &Dataset) -> Result<Vec<Known>> {
    let rows = query::select(
        dataset,
        "SELECT DISTINCT ?c ?kind ?x WHERE {
            GRAPH ?g { ?c a cg:Correspondence ; cg:correspondenceKind ?kind ; cg:correspondent ?x }
            FILTER NOT EXISTS { ?g cg:reviewStatus ?s FILTER(?s IN (cg:Proposed, cg:Rejected)) }
        } ORDER BY ?c ?x",
    )?;
    let mut by_iri: BTreeMap<String, Known> = BTreeMap::new();
    for row in &rows {
        let (Some(c), Some(kind), Some(x)) =
            (str_of(row, "c"), str_of(row, "kind"), str_of(row, "x"))
        else {
            continue;
        };
        let k = by_iri.entry(c.to_owned()).or_insert_with(|| Known {
            iri: c.to_owned(),
            kind: kind.rsplit('#').next().unwrap_or("").to_owned(),
            ends: Vec::new(),
        });
        k.ends.push(x.to_owned());
    }
    Ok(by_iri.into_values().filter(|k| k.ends.len() == 2).collect())
}
