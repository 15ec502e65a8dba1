//! Every read of the store the chain code makes: the vocabulary, the bulk reads the graph is
//! built from (run in parallel), the links only claims state, what is stated about one resource
//! and what points at it (the reads of one walk's part of the graph), the names and codes of act
//! types and actors, and the labels and mentions read on demand. The rest of the chain code sees
//! strings and numbers, never a store.

use super::model::{Relation, RelationId};
use super::terms::{RDF_TYPE, cg};
use crate::error::{Error, Result};
use crate::query;
use crate::store::{Dataset, QuadPattern};
use oxigraph::model::{
    BlankNode, GraphName, NamedNode, NamedOrBlankNode, NamedOrBlankNodeRef, Term,
};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// A subject or object as a key: the IRI, or `_:id`.
fn node_key(n: NamedOrBlankNodeRef<'_>) -> Cow<'_, str> {
    match n {
        NamedOrBlankNodeRef::NamedNode(n) => Cow::Borrowed(n.as_str()),
        NamedOrBlankNodeRef::BlankNode(b) => Cow::Owned(format!("_:{}", b.as_str())),
    }
}

fn term_key(t: &Term) -> Option<Cow<'_, str>> {
    match t {
        Term::NamedNode(n) => Some(Cow::Borrowed(n.as_str())),
        Term::BlankNode(b) => Some(Cow::Owned(format!("_:{}", b.as_str()))),
        _ => None,
    }
}

/// The IRIs below `tops` through `rdfs:subClassOf*` or `rdfs:subPropertyOf*`, each with the top
/// it was reached from (the tops themselves included, even when the store does not declare them).
pub(super) fn below(store: &Dataset, path: &str, tops: &[String]) -> Result<Vec<(String, String)>> {
    let values: String = tops.iter().map(|t| format!("<{t}> ")).collect();
    let rows = query::select(
        store,
        &format!("SELECT DISTINCT ?x ?top WHERE {{ VALUES ?top {{ {values}}} ?x {path}* ?top }}"),
    )?;
    let mut out: Vec<(String, String)> = tops.iter().map(|t| (t.clone(), t.clone())).collect();
    for r in &rows {
        if let (Some(Term::NamedNode(x)), Some(top)) = (r.get("x"), query::str_of(r, "top")) {
            out.push((x.as_str().to_owned(), top.to_owned()));
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// The answers of a bulk read: subjects, and objects (an IRI, `_:id`, or a literal's lexical
/// form; empty when only subjects were asked for), their text in one buffer, so that a read
/// costs one allocation rather than two per answer, freed on the thread that made it.
#[derive(Default)]
pub(super) struct Rows {
    text: String,
    /// (end of the subject, end of the object, whether the object is a literal), each answer's
    /// text starting where the previous one ends.
    ends: Vec<(usize, usize, bool)>,
}

/// One answer of a bulk read.
pub(super) struct Row<'a> {
    pub(super) s: &'a str,
    pub(super) o: &'a str,
    pub(super) literal: bool,
}

impl Rows {
    pub(super) fn push(&mut self, s: &str, o: &str, literal: bool) {
        self.text.push_str(s);
        let s_end = self.text.len();
        self.text.push_str(o);
        self.ends.push((s_end, self.text.len(), literal));
    }

    /// The number of answers.
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = Row<'_>> {
        let mut start = 0;
        self.ends.iter().map(move |&(s_end, o_end, literal)| {
            let row = Row {
                s: &self.text[start..s_end],
                o: &self.text[s_end..o_end],
                literal,
            };
            start = o_end;
            row
        })
    }
}

/// Runs one of the bulk reads (`SELECT ?s` or `SELECT ?s ?o`) over the union of all graphs.
fn read_rows(store: &Dataset, text: &str) -> Result<Rows> {
    let parsed = query::parse(text).map_err(|e| Error::Internal(format!("built-in query: {e}")))?;
    let mut rows = Rows::default();
    store.select_each(parsed, true, &mut |values| {
        let Some(s) = values.first().and_then(Option::as_ref).and_then(term_key) else {
            return Ok(());
        };
        match values.get(1).and_then(Option::as_ref) {
            Some(Term::Literal(l)) => rows.push(&s, l.value(), true),
            Some(t) => {
                if let Some(o) = term_key(t) {
                    rows.push(&s, &o, false);
                }
            }
            None => rows.push(&s, "", false),
        }
        Ok(())
    })?;
    Ok(rows)
}

/// Runs the bulk reads on one thread per core and hands each answer to `process` on this
/// thread, in the order of `queries`, so that the graph is the same whatever finishes first.
pub(super) fn read_in_parallel(
    store: &Dataset,
    queries: &[&str],
    mut process: impl FnMut(usize, Rows) -> Result<()>,
) -> Result<()> {
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(queries.len().max(1));
    std::thread::scope(|scope| {
        let (send, receive) = mpsc::channel();
        for _ in 0..workers {
            let (send, next) = (send.clone(), &next);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= queries.len() || send.send((i, read_rows(store, queries[i]))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        let mut pending: BTreeMap<usize, Result<Rows>> = BTreeMap::new();
        let mut wanted = 0;
        for (i, rows) in receive {
            pending.insert(i, rows);
            while let Some(rows) = pending.remove(&wanted) {
                process(wanted, rows?)?;
                wanted += 1;
            }
        }
        Ok(())
    })
}

/// Links as stated, (subject, relation, object), each with the claim that alone states it.
pub(super) type Claimed = FxHashMap<(String, RelationId, String), String>;

/// The links stated only inside claims' proposition graphs, each with the claim that states it:
/// (subject, relation, object) to claim. A link also stated in any other graph is a fact.
pub(super) fn claimed_links(store: &Dataset, relations: &[Relation]) -> Result<Claimed> {
    let mut claim_of: FxHashMap<String, String> = FxHashMap::default();
    let property = NamedNode::new_unchecked(cg("propositionGraph"));
    for quad in store.quads(&QuadPattern::predicate(property))? {
        let quad = quad?;
        if let Some(g) = term_key(&quad.object) {
            claim_of.insert(g.into_owned(), node_key(quad.subject.as_ref()).into_owned());
        }
    }
    let relation_of: FxHashMap<&str, RelationId> = relations
        .iter()
        .enumerate()
        .map(|(i, r)| (r.iri.as_str(), i))
        .collect();
    let mut out = FxHashMap::default();
    for (g, claim) in &claim_of {
        let Ok(graph) = NamedNode::new(g) else {
            continue;
        };
        for quad in store.quads(&QuadPattern::graph(graph.into()))? {
            let quad = quad?;
            let Some(&rel) = relation_of.get(quad.predicate.as_str()) else {
                continue;
            };
            let Some(object) = term_key(&quad.object) else {
                continue;
            };
            let mut elsewhere = false;
            let same = QuadPattern {
                subject: Some(quad.subject.clone()),
                predicate: Some(quad.predicate.clone()),
                object: Some(quad.object.clone()),
                graph: None,
            };
            for other in store.quads(&same)? {
                let in_claim = match &other?.graph_name {
                    GraphName::NamedNode(n) => claim_of.contains_key(n.as_str()),
                    _ => false,
                };
                elsewhere |= !in_claim;
            }
            if !elsewhere {
                let key = (
                    node_key(quad.subject.as_ref()).into_owned(),
                    rel,
                    object.into_owned(),
                );
                out.insert(key, claim.clone());
            }
        }
    }
    Ok(out)
}

/// One statement about a resource, read from its subject: the predicate, the object (an IRI,
/// `_:id`, or a literal's lexical form), and the graph it is written in (`None`: the default).
pub(super) struct Stated {
    pub(super) p: String,
    pub(super) o: String,
    pub(super) literal: bool,
    pub(super) graph: Option<String>,
}

/// The subject or object a key (an IRI or `_:id`) names.
fn node(key: &str) -> Option<NamedOrBlankNode> {
    match key.strip_prefix("_:") {
        Some(id) => BlankNode::new(id).ok().map(Into::into),
        None => NamedNode::new(key).ok().map(Into::into),
    }
}

/// Everything stated about `key`, in every graph, in the store's order: one look-up of the
/// store's subject index.
pub(super) fn about(store: &Dataset, key: &str) -> Result<Vec<Stated>> {
    let Some(subject) = node(key) else {
        return Ok(Vec::new());
    };
    let pattern = QuadPattern {
        subject: Some(subject),
        ..Default::default()
    };
    let mut out = Vec::new();
    for quad in store.quads(&pattern)? {
        let quad = quad?;
        let (o, literal) = match &quad.object {
            Term::Literal(l) => (l.value().to_owned(), true),
            t => match term_key(t) {
                Some(k) => (k.into_owned(), false),
                None => continue,
            },
        };
        let graph = match &quad.graph_name {
            GraphName::NamedNode(n) => Some(n.as_str().to_owned()),
            GraphName::BlankNode(b) => Some(format!("_:{}", b.as_str())),
            GraphName::DefaultGraph => None,
        };
        out.push(Stated {
            p: quad.predicate.into_string(),
            o,
            literal,
            graph,
        });
    }
    Ok(out)
}

/// What points at `key`: (predicate, subject) of every statement whose object it is, in every
/// graph, in the store's order: one look-up of the store's object index.
pub(super) fn pointing_at(store: &Dataset, key: &str) -> Result<Vec<(String, String)>> {
    let Some(object) = node(key) else {
        return Ok(Vec::new());
    };
    let pattern = QuadPattern {
        object: Some(object.into()),
        ..Default::default()
    };
    let mut out = Vec::new();
    for quad in store.quads(&pattern)? {
        let quad = quad?;
        out.push((
            quad.predicate.into_string(),
            node_key(quad.subject.as_ref()).into_owned(),
        ));
    }
    Ok(out)
}

/// The claim whose proposition graph `graph` is, if one is.
pub(super) fn claim_of_graph(store: &Dataset, graph: &str) -> Result<Option<String>> {
    let Some(g) = node(graph) else {
        return Ok(None);
    };
    let pattern = QuadPattern {
        predicate: Some(NamedNode::new_unchecked(cg("propositionGraph"))),
        object: Some(g.into()),
        ..Default::default()
    };
    match store.quads(&pattern)?.next() {
        Some(quad) => Ok(Some(node_key(quad?.subject.as_ref()).into_owned())),
        None => Ok(None),
    }
}

/// The values of `predicate` for `subject`, in every graph.
fn objects(store: &Dataset, subject: &str, predicate: &str) -> Result<Vec<Term>> {
    let (Ok(s), Ok(p)) = (NamedNode::new(subject), NamedNode::new(predicate)) else {
        return Ok(Vec::new());
    };
    let pattern = QuadPattern {
        subject: Some(s.into()),
        predicate: Some(p),
        ..Default::default()
    };
    store
        .quads(&pattern)?
        .map(|q| q.map(|q| q.object))
        .collect()
}

/// The literal values of `predicate` for `subject`, in every graph, sorted.
pub(super) fn literals(store: &Dataset, subject: &str, predicate: &str) -> Result<Vec<String>> {
    let mut values: Vec<String> = objects(store, subject, predicate)?
        .into_iter()
        .filter_map(|t| match t {
            Term::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        })
        .collect();
    values.sort();
    Ok(values)
}

/// The IRI values of `predicate` for `subject`, in every graph.
pub(super) fn iris(store: &Dataset, subject: &str, predicate: &str) -> Result<Vec<String>> {
    Ok(objects(store, subject, predicate)?
        .into_iter()
        .filter_map(|t| match t {
            Term::NamedNode(n) => Some(n.into_string()),
            _ => None,
        })
        .collect())
}

/// The first literal value of the first predicate that has one.
pub(super) fn first_literal(
    store: &Dataset,
    subject: &str,
    predicates: &[&str],
) -> Result<Option<String>> {
    for p in predicates {
        if let Some(v) = literals(store, subject, p)?.into_iter().next() {
            return Ok(Some(v));
        }
    }
    Ok(None)
}

/// Calls `f` with every instance of `class` (its IRI or `_:id`), in every graph; sub-classes are
/// not followed.
pub(super) fn each_instance(store: &Dataset, class: &str, mut f: impl FnMut(&str)) -> Result<()> {
    let Ok(class) = NamedNode::new(class) else {
        return Ok(());
    };
    let typed = QuadPattern {
        predicate: Some(NamedNode::new_unchecked(RDF_TYPE)),
        object: Some(class.into()),
        ..Default::default()
    };
    for quad in store.quads(&typed)? {
        f(&node_key(quad?.subject.as_ref()));
    }
    Ok(())
}

/// Calls `f` with every label, preferred label and alias in the store and what it names (an IRI
/// or `_:id`).
pub(super) fn each_label(store: &Dataset, mut f: impl FnMut(&str, &str)) -> Result<()> {
    let rows = query::run(
        store,
        "SELECT DISTINCT ?x ?label WHERE { ?x rdfs:label|skos:prefLabel|skos:altLabel ?label }",
        "<chain>",
        &query::QueryOptions::default(),
    )?;
    if let query::Answer::Solutions { rows, .. } = rows {
        for row in rows {
            let (Some(x), Some(Term::Literal(l))) = (
                row.first().and_then(|t| t.as_ref()),
                row.get(1).and_then(|t| t.as_ref()),
            ) else {
                continue;
            };
            let Some(key) = term_key(x) else {
                continue;
            };
            f(&key, l.value());
        }
    }
    Ok(())
}

/// One answer of [`each_mention`]: an act, its label and one mention of it (the words of a
/// source that ground it), each when the store has it.
pub(super) struct Mention<'a> {
    pub(super) act: &'a str,
    pub(super) label: Option<&'a str>,
    /// The words of the source (`oa:exact` of the mention's quote selector).
    pub(super) exact: Option<&'a str>,
    pub(super) source: Option<&'a str>,
    pub(super) start: Option<i64>,
    pub(super) end: Option<i64>,
    /// Whether the graph the mention grounds also types the act.
    pub(super) typed: bool,
}

/// The graph pattern from an act to the mentions of the graphs that state something of it.
const MENTIONS: &str = "GRAPH ?g { ?act ?p ?o } ?g prov:wasDerivedFrom ?m .";

/// Calls `f` with the labels and mentions of the acts `iris` names, in the order the store
/// answers; blank nodes have none (a query cannot name them). A label comes in an answer of its
/// own, without a mention; a mention without a label.
///
/// Three reads per 200 acts, each a join that starts from the acts named: their labels, their
/// mentions, and the offsets of those mentions' quotes. (One query with the offsets in an
/// OPTIONAL was evaluated over every mention of the store before it was joined to the acts:
/// minutes on a million acts.)
pub(super) fn each_mention(
    store: &Dataset,
    iris: &[&str],
    mut f: impl FnMut(Mention<'_>),
) -> Result<()> {
    let iris: Vec<&str> = iris
        .iter()
        .copied()
        .filter(|i| !i.starts_with("_:"))
        .collect();
    for chunk in iris.chunks(200) {
        let values: String = chunk.iter().map(|i| format!("<{i}> ")).collect();
        let labels = query::select(
            store,
            &format!(
                "SELECT ?act ?label WHERE {{ VALUES ?act {{ {values}}} ?act rdfs:label ?label }}"
            ),
        )?;
        for row in &labels {
            if let Some(act) = query::str_of(row, "act") {
                f(Mention {
                    act,
                    label: query::str_of(row, "label"),
                    exact: None,
                    source: None,
                    start: None,
                    end: None,
                    typed: false,
                });
            }
        }
        let offsets = offsets_of(store, &values)?;
        let mentions = query::select(
            store,
            &format!(
                "SELECT ?act ?m ?exact ?source ?typed WHERE {{ VALUES ?act {{ {values}}} {MENTIONS}
                   ?m oa:hasSource ?source ; oa:hasSelector ?q .
                   ?q oa:exact ?exact .
                   BIND (EXISTS {{ GRAPH ?g {{ ?act a ?class }} }} AS ?typed) }}"
            ),
        )?;
        for row in &mentions {
            let (Some(act), Some(m)) = (query::str_of(row, "act"), row.get("m").and_then(term_key))
            else {
                continue;
            };
            let mention = |(start, end): (Option<i64>, Option<i64>)| Mention {
                act,
                label: None,
                exact: query::str_of(row, "exact"),
                source: query::str_of(row, "source"),
                start,
                end,
                typed: query::str_of(row, "typed") == Some("true"),
            };
            match offsets.get(&(act.to_owned(), m.into_owned())) {
                Some(found) => {
                    for &(start, end) in found {
                        f(mention((Some(start), Some(end))));
                    }
                }
                None => f(mention((None, None))),
            }
        }
    }
    Ok(())
}

/// The start and end offsets of quotes, by (act, mention) pair.
type Offsets = FxHashMap<(String, String), Vec<(i64, i64)>>;

/// The offsets of the quotes of each (act, mention) pair of the acts in `values` (a VALUES list).
fn offsets_of(store: &Dataset, values: &str) -> Result<Offsets> {
    let mut offsets = Offsets::default();
    for row in &query::select(
        store,
        &format!(
            "SELECT DISTINCT ?act ?m ?start ?end WHERE {{ VALUES ?act {{ {values}}} {MENTIONS}
               ?m oa:hasSelector ?ps . ?ps oa:start ?start ; oa:end ?end }}"
        ),
    )? {
        let (Some(act), Some(m), Some(start), Some(end)) = (
            query::str_of(row, "act"),
            row.get("m").and_then(term_key),
            query::int_of(row, "start"),
            query::int_of(row, "end"),
        ) else {
            continue;
        };
        offsets
            .entry((act.to_owned(), m.into_owned()))
            .or_default()
            .push((start, end));
    }
    Ok(offsets)
}

#[cfg(test)]
mod tests {
    use crate::chain::fixture::{graph_of, id};

    #[test]
    fn a_link_only_in_a_proposition_graph_is_the_claim_s() {
        let (_, g) = graph_of(
            "ex:g { ex:k a cg:Claim ; cg:propositionGraph ex:pg . ex:u a cg:Event . ex:v a cg:Event . }
             ex:pg { ex:u cg:ledTo ex:v . }",
        );
        let e = g.graph.edge_indices().next().unwrap();
        assert_eq!(g.graph[e].claimed_by, Some(id(&g, "k")));
        let (_, g) = graph_of(
            "ex:g { ex:k a cg:Claim ; cg:propositionGraph ex:pg . ex:u cg:ledTo ex:v . }
             ex:pg { ex:u cg:ledTo ex:v . }",
        );
        assert_eq!(g.link_count(), 1);
        assert_eq!(
            g.graph[g.graph.edge_indices().next().unwrap()].claimed_by,
            None
        );
    }
}
