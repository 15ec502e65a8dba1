//! Building the response graph from a store, step by step: the link properties, the bulk reads
//! (acts by kind, links, what statements convey, actors, types, dates, affiliations), what the
//! conveying statements lend their claims, the act types' codes, the actors' names and sides,
//! and last which acts accuse.

use super::model::{
    Act, ActId, ActType, Actor, ActorId, ChainGraph, DateSpan, Kind, Link, Relation, RelationId,
    TypeId, parse_day,
};
use super::mutual::side_of;
use super::names::{local_name, name_key, words};
use super::read::{self, Claimed, Rows, below, claimed_links, first_literal, read_in_parallel};
use super::terms::{
    LINKS, RDFS_LABEL, SKOS_ALT_LABEL, SKOS_BROADER, SKOS_NOTATION, SKOS_PREF_LABEL, cg,
};
use crate::error::Result;
use crate::store::Dataset;
use petgraph::graph::DiGraph;
use petgraph::visit::EdgeRef;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashSet;

impl ChainGraph {
    /// Reads the acts, their actors, targets, types and dates, and the response and causal links
    /// from a store. The vocabulary (sub-classes, sub-properties, the concept hierarchy) is small
    /// and read first; the bulk is one SELECT per predicate, each projecting only the terms it
    /// needs (oxigraph's cost is mostly decoding terms, and a SELECT decodes only what it projects,
    /// where `quads_for_pattern` decodes all four), run on as many threads as there are cores
    /// while this one builds the graph from the answers in a fixed order.
    pub fn build(store: &Dataset) -> Result<ChainGraph> {
        let relations = relations(store)?;
        let reads = bulk_reads(store, &relations)?;
        let claimed = claimed_links(store, &relations)?;
        let mut b = Builder::new();
        b.read_bulk(store, &reads, &relations, &claimed)?;
        b.follow_conveyors();
        b.describe_types(store)?;
        b.read_actors(store)?;
        let mut graph = b.finish(relations);
        graph.settle_accusations();
        Ok(graph)
    }

    /// Marks the acts that accuse, and gives counter-accusations without a target the actors of
    /// the act they counter-accuse.
    pub(super) fn settle_accusations(&mut self) {
        let g = &mut self.graph;
        let mut derived: Vec<(ActId, ActorId)> = Vec::new();
        let mut counter: FxHashSet<ActId> = FxHashSet::default();
        for e in g.edge_references() {
            if self.relations[e.weight().relation].counter {
                // A response edge runs from the act answered to the one answering it.
                counter.insert(e.target());
                if g[e.target()].targets.is_empty() {
                    for &a in &g[e.source()].actors {
                        derived.push((e.target(), a));
                    }
                }
            }
        }
        for (n, a) in derived {
            if !g[n].targets.contains(&a) {
                g[n].targets.push(a);
            }
        }
        for n in g.node_indices() {
            let typed = g[n].types.iter().any(|&t| self.types[t].accusation);
            g[n].accusation = typed || counter.contains(&n);
        }
    }
}

/// The link properties: the ontology's, and those the store declares below `cg:respondsTo` or
/// `cg:causallyLinkedTo`, with their words and whether they counter-accuse.
pub(super) fn relations(store: &Dataset) -> Result<Vec<Relation>> {
    let mut relations: Vec<Relation> = Vec::new();
    for (local, _, _, causal) in LINKS {
        add_relation(&mut relations, &cg(local), *causal);
    }
    for (p, top) in below(
        store,
        "rdfs:subPropertyOf",
        &[cg("respondsTo"), cg("causallyLinkedTo")],
    )? {
        add_relation(&mut relations, &p, top == cg("causallyLinkedTo"));
    }
    let counters: HashSet<String> = below(store, "rdfs:subPropertyOf", &[cg("counterAccuses")])?
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    for r in &mut relations {
        r.counter = counters.contains(&r.iri);
        if !LINKS.iter().any(|(l, ..)| cg(l) == r.iri) {
            if let Some(label) = first_literal(store, &r.iri, &[RDFS_LABEL])? {
                r.label = label;
            }
        }
    }
    Ok(relations)
}

/// Adds a link property once: one of the ontology's with its words, another with words made
/// from its name.
fn add_relation(relations: &mut Vec<Relation>, iri: &str, causal: bool) {
    if relations.iter().any(|r| r.iri == iri) {
        return;
    }
    let known = LINKS.iter().find(|(l, ..)| cg(l) == iri);
    let (label, inverse) = match known {
        Some((_, label, inverse, _)) => ((*label).to_owned(), (*inverse).to_owned()),
        None => {
            let label = words(local_name(iri));
            let inverse = if causal {
                format!("caused by ({label})")
            } else {
                format!("answered by ({label})")
            };
            (label, inverse)
        }
    };
    relations.push(Relation {
        iri: iri.to_owned(),
        label,
        inverse,
        causal,
        counter: false,
    });
}

/// What a bulk read asks for: the instances of some classes, or the (subject, object) pairs of
/// a predicate. The whole graph runs it as a SELECT; a walk's part picks its answers out of the
/// statements read about the acts it reaches.
pub(super) enum Read {
    Instances(Vec<String>),
    Pairs(String),
    /// The pairs of a predicate stated in a graph that is neither proposed nor rejected in
    /// review: the links across sources a curator accepted (or wrote by hand).
    Accepted(String),
}

/// Review statuses that keep a graph's links out of the merged view.
pub(super) const UNREVIEWED: [&str; 2] = ["Proposed", "Rejected"];

impl Read {
    /// The SELECT that reads every answer.
    fn query(&self) -> String {
        match self {
            Read::Instances(classes) => {
                let values: String = classes.iter().map(|c| format!("<{c}> ")).collect();
                format!("SELECT ?s WHERE {{ VALUES ?c {{ {values}}} ?s a ?c }}")
            }
            Read::Pairs(p) => format!("SELECT ?s ?o WHERE {{ ?s <{p}> ?o }}"),
            Read::Accepted(p) => {
                let unreviewed: Vec<String> =
                    UNREVIEWED.iter().map(|s| format!("<{}>", cg(s))).collect();
                format!(
                    "SELECT DISTINCT ?s ?o WHERE {{ GRAPH ?g {{ ?s <{p}> ?o }} FILTER NOT EXISTS {{ ?g <{}> ?status FILTER (?status IN ({})) }} }}",
                    cg("reviewStatus"),
                    unreviewed.join(", ")
                )
            }
        }
    }
}

/// What the answers of a bulk read give.
pub(super) enum Use {
    /// Acts of a kind: instances of its class or of a class below it.
    Kind(Kind),
    /// Links of a relation, as (subject, object).
    Link(RelationId),
    /// The claims statements convey.
    Conveys,
    /// Acts of other sources accepted as the same act.
    Same,
    /// Who acted (speakers, claimants, agents, parties), or whom the acts aim at.
    Actors {
        targets: bool,
    },
    /// Act types and event types.
    Type,
    Date(DateRole),
    /// Actors' direct affiliations.
    Affiliation,
}

/// What a date property says of an act's span.
#[derive(Clone, Copy)]
pub(super) struct DateRole {
    /// It is, or bounds, the first day.
    from: bool,
    /// It is, or bounds, the last day.
    to: bool,
    /// It is the day itself (`cg:date`).
    exact: bool,
    /// It closes the span only when nothing else does (`cg:latestStartDate`).
    fallback: bool,
}

/// The bulk reads, in the order their answers are used: acts by kind first (so that the other
/// reads find them), then links, conveyed claims, actors, types, dates and affiliations.
pub(super) fn bulk_reads(store: &Dataset, relations: &[Relation]) -> Result<Vec<(Read, Use)>> {
    let kinds = [
        (cg("Statement"), Kind::Statement),
        (cg("Claim"), Kind::Claim),
        (cg("Event"), Kind::Event),
    ];
    let tops: Vec<String> = kinds.iter().map(|(c, _)| c.clone()).collect();
    let classes = below(store, "rdfs:subClassOf", &tops)?;
    let roles = below(
        store,
        "rdfs:subPropertyOf",
        &[cg("agent"), cg("party"), cg("targeted"), cg("target")],
    )?;
    let mut reads: Vec<(Read, Use)> = Vec::new();
    for (_, kind) in &kinds {
        let below_kind: Vec<String> = classes
            .iter()
            .filter(|(_, top)| kinds.iter().any(|(c, k)| c == top && k == kind))
            .map(|(c, _)| c.clone())
            .collect();
        reads.push((Read::Instances(below_kind), Use::Kind(*kind)));
    }
    for (i, r) in relations.iter().enumerate() {
        reads.push((pairs(&r.iri), Use::Link(i)));
    }
    reads.push((pairs(&cg("conveys")), Use::Conveys));
    for p in SAME_LINKS {
        reads.push((Read::Accepted(cg(p)), Use::Same));
    }
    reads.push((pairs(&cg("speaker")), Use::Actors { targets: false }));
    reads.push((pairs(&cg("claimant")), Use::Actors { targets: false }));
    for (p, top) in &roles {
        let targets = *top == cg("targeted") || *top == cg("target");
        reads.push((pairs(p), Use::Actors { targets }));
    }
    reads.push((pairs(&cg("actType")), Use::Type));
    reads.push((pairs(&cg("eventType")), Use::Type));
    reads.extend(date_reads());
    reads.push((pairs(&cg("affiliatedWith")), Use::Affiliation));
    Ok(reads)
}

/// The links across sources that make two acts one in the merged view.
pub(super) const SAME_LINKS: [&str; 2] = ["sameActAs", "restates"];

/// The read of every (subject, object) pair of a predicate.
fn pairs(p: &str) -> Read {
    Read::Pairs(p.to_owned())
}

/// The reads of the date properties.
fn date_reads() -> Vec<(Read, Use)> {
    let mut reads = Vec::new();
    for (local, from, to) in [
        ("date", true, true),
        ("startDate", true, false),
        ("earliestDate", true, false),
        ("endDate", false, true),
        ("latestDate", false, true),
    ] {
        let exact = local == "date";
        let date = DateRole {
            from,
            to,
            exact,
            fallback: false,
        };
        reads.push((pairs(&cg(local)), Use::Date(date)));
    }
    // Started by that day: the last day it may have started, when nothing closes the span.
    let date = DateRole {
        from: false,
        to: true,
        exact: false,
        fallback: true,
    };
    reads.push((pairs(&cg("latestStartDate")), Use::Date(date)));
    reads
}

/// Where an [`Interner`] keeps what it names: a list, or the graph's nodes.
trait Items {
    type Id: Copy;
    /// Adds an item named `iri`, known by nothing else yet.
    fn add(&mut self, iri: &str) -> Self::Id;
}

impl Items for DiGraph<Act, Link> {
    type Id = ActId;
    fn add(&mut self, iri: &str) -> ActId {
        self.add_node(Act {
            iri: iri.to_owned(),
            kind: Kind::Untyped,
            actors: Vec::new(),
            targets: Vec::new(),
            types: Vec::new(),
            date: DateSpan::default(),
            claims: Vec::new(),
            conveyed_by: Vec::new(),
            same: Vec::new(),
            accusation: false,
        })
    }
}

impl Items for Vec<Actor> {
    type Id = ActorId;
    fn add(&mut self, iri: &str) -> ActorId {
        let id = self.len();
        self.push(Actor {
            iri: iri.to_owned(),
            label: String::new(),
            names: Vec::new(),
            affiliations: Vec::new(),
            side: id,
        });
        id
    }
}

impl Items for Vec<ActType> {
    type Id = TypeId;
    fn add(&mut self, iri: &str) -> TypeId {
        self.push(ActType {
            iri: iri.to_owned(),
            label: String::new(),
            code: None,
            inherited: false,
            accusation: false,
        });
        self.len() - 1
    }
}

/// Acts, actors or act types by name (an IRI or `_:id`), each added the first time its name is
/// read.
struct Interner<I: Items> {
    items: I,
    index: FxHashMap<String, I::Id>,
}

impl<I: Items> Interner<I> {
    fn new(items: I) -> Self {
        Interner {
            items,
            index: FxHashMap::default(),
        }
    }

    /// What `key` names, added if it is new.
    fn intern(&mut self, key: &str) -> I::Id {
        if let Some(&id) = self.index.get(key) {
            return id;
        }
        let id = self.items.add(key);
        self.index.insert(key.to_owned(), id);
        id
    }

    /// What `key` names, if it was read.
    fn get(&self, key: &str) -> Option<I::Id> {
        self.index.get(key).copied()
    }
}

/// The graph while it is read.
pub(super) struct Builder {
    acts: Interner<DiGraph<Act, Link>>,
    actors: Interner<Vec<Actor>>,
    types: Interner<Vec<ActType>>,
    /// The edges added: a link stated in several graphs is one edge.
    seen: FxHashSet<(ActId, ActId, RelationId)>,
    /// `cg:latestStartDate` values, used once every other date is read.
    latest_start: Vec<(ActId, u32)>,
}

impl Builder {
    pub(super) fn new() -> Self {
        Builder {
            acts: Interner::new(DiGraph::new()),
            actors: Interner::new(Vec::new()),
            types: Interner::new(Vec::new()),
            seen: FxHashSet::default(),
            latest_start: Vec::new(),
        }
    }

    /// Runs the bulk reads and adds their answers, in the order of `reads`.
    fn read_bulk(
        &mut self,
        store: &Dataset,
        reads: &[(Read, Use)],
        relations: &[Relation],
        claimed: &Claimed,
    ) -> Result<()> {
        let queries: Vec<String> = reads.iter().map(|(r, _)| r.query()).collect();
        let queries: Vec<&str> = queries.iter().map(String::as_str).collect();
        read_in_parallel(store, &queries, |i, rows| {
            self.add(&reads[i].1, &rows, relations, claimed);
            Ok(())
        })
    }

    /// Adds the answers of one read.
    pub(super) fn add(
        &mut self,
        what: &Use,
        rows: &Rows,
        relations: &[Relation],
        claimed: &Claimed,
    ) {
        match what {
            Use::Kind(kind) => self.kinds(*kind, rows),
            Use::Link(rel) => self.links(*rel, relations[*rel].causal, claimed, rows),
            Use::Conveys => self.conveys(rows),
            Use::Same => self.same(rows),
            Use::Actors { targets } => self.actors_of_acts(*targets, rows),
            Use::Type => self.types_of_acts(rows),
            Use::Date(role) => self.dates(*role, rows),
            Use::Affiliation => self.affiliations(rows),
        }
    }

    fn kinds(&mut self, kind: Kind, rows: &Rows) {
        // Most acts are read here first: room for them at once rather than by doubling.
        self.acts.index.reserve(rows.len());
        self.acts.items.reserve_nodes(rows.len());
        for row in rows.iter() {
            let n = self.acts.intern(row.s);
            // An act typed twice keeps the first kind in Statement, Claim, Event order.
            let act = &mut self.acts.items[n];
            if act.kind == Kind::Untyped || kind < act.kind {
                act.kind = kind;
            }
        }
    }

    /// Adds the links as edges pointing forward, each marked with the claim that alone states
    /// it, if one does.
    fn links(&mut self, rel: RelationId, causal: bool, claimed: &Claimed, rows: &Rows) {
        self.seen.reserve(rows.len());
        self.acts.items.reserve_edges(rows.len());
        for row in rows.iter().filter(|r| !r.literal) {
            let (s, o) = (self.acts.intern(row.s), self.acts.intern(row.o));
            let (from, to) = if causal { (s, o) } else { (o, s) };
            if !self.seen.insert((from, to, rel)) {
                continue;
            }
            let claimed_by = if claimed.is_empty() {
                None
            } else {
                let key = (row.s.to_owned(), rel, row.o.to_owned());
                claimed.get(&key).map(|claim| self.acts.intern(claim))
            };
            let link = Link {
                relation: rel,
                claimed_by,
            };
            self.acts.items.add_edge(from, to, link);
        }
    }

    fn conveys(&mut self, rows: &Rows) {
        for row in rows.iter().filter(|r| !r.literal) {
            let (s, o) = (self.acts.intern(row.s), self.acts.intern(row.o));
            let graph = &mut self.acts.items;
            if !graph[s].claims.contains(&o) {
                graph[s].claims.push(o);
                graph[o].conveyed_by.push(s);
            }
        }
    }

    /// Joins acts accepted as the same, both ways; a link to anything not read as an act (an
    /// actor, a figure) is not the chain's.
    fn same(&mut self, rows: &Rows) {
        for row in rows.iter().filter(|r| !r.literal) {
            let (Some(s), Some(o)) = (self.acts.get(row.s), self.acts.get(row.o)) else {
                continue;
            };
            let graph = &mut self.acts.items;
            if s != o && !graph[s].same.contains(&o) {
                graph[s].same.push(o);
                graph[o].same.push(s);
            }
        }
    }

    fn actors_of_acts(&mut self, targets: bool, rows: &Rows) {
        for row in rows.iter().filter(|r| !r.literal) {
            let Some(n) = self.acts.get(row.s) else {
                continue;
            };
            let a = self.actors.intern(row.o);
            let act = &mut self.acts.items[n];
            let list = if targets {
                &mut act.targets
            } else {
                &mut act.actors
            };
            if !list.contains(&a) {
                list.push(a);
            }
        }
    }

    fn types_of_acts(&mut self, rows: &Rows) {
        for row in rows.iter().filter(|r| !r.literal) {
            let Some(n) = self.acts.get(row.s) else {
                continue;
            };
            let t = self.types.intern(row.o);
            let types = &mut self.acts.items[n].types;
            if !types.contains(&t) {
                types.push(t);
            }
        }
    }

    fn dates(&mut self, role: DateRole, rows: &Rows) {
        for row in rows.iter().filter(|r| r.literal) {
            let (Some(n), Some(day)) = (self.acts.get(row.s), parse_day(row.o)) else {
                continue;
            };
            if role.fallback {
                self.latest_start.push((n, day));
                continue;
            }
            let date = &mut self.acts.items[n].date;
            if role.from {
                date.widen_from(day);
            }
            if role.to {
                date.widen_to(day);
            }
            date.exact |= role.exact;
        }
    }

    fn affiliations(&mut self, rows: &Rows) {
        for row in rows.iter().filter(|r| !r.literal) {
            let (s, o) = (self.actors.intern(row.s), self.actors.intern(row.o));
            let actors = &mut self.actors.items;
            if s != o && !actors[s].affiliations.contains(&o) {
                actors[s].affiliations.push(o);
            }
        }
    }

    /// Closes the spans only `cg:latestStartDate` closes; then an undated act takes the dates of
    /// the statements conveying it, and a claim with no claimant their speakers.
    pub(super) fn follow_conveyors(&mut self) {
        let graph = &mut self.acts.items;
        for (n, day) in std::mem::take(&mut self.latest_start) {
            if graph[n].date.to.is_none() {
                graph[n].date.widen_to(day);
            }
        }
        // A claim with no claimant is made by whoever conveys it, and, undated, when they do.
        for n in graph.node_indices() {
            if !graph[n].date.is_known() {
                let mut date = DateSpan::default();
                for &s in &graph[n].conveyed_by {
                    let conveyor = graph[s].date;
                    if let Some(day) = conveyor.from {
                        date.widen_from(day);
                    }
                    if let Some(day) = conveyor.to {
                        date.widen_to(day);
                    }
                    date.exact |= conveyor.exact;
                }
                graph[n].date = date;
            }
            if graph[n].kind == Kind::Claim && graph[n].actors.is_empty() {
                let mut actors: Vec<ActorId> = Vec::new();
                for &s in &graph[n].conveyed_by {
                    actors.extend(&graph[s].actors);
                }
                actors.sort_unstable();
                actors.dedup();
                graph[n].actors = actors;
            }
        }
    }

    /// Adds the actors typed as such, so that any of them can be named, then reads every actor's
    /// names and finds its side.
    fn read_actors(&mut self, store: &Dataset) -> Result<()> {
        for (class, _) in below(store, "rdfs:subClassOf", &[cg("Actor")])? {
            read::each_instance(store, &class, |key| {
                self.actors.intern(key);
            })?;
        }
        self.name_actors(store)
    }

    /// The actors read so far.
    pub(super) fn actor_keys(&self) -> impl Iterator<Item = &str> {
        self.actors.items.iter().map(|a| a.iri.as_str())
    }

    /// Reads every actor's names and finds its side.
    pub(super) fn name_actors(&mut self, store: &Dataset) -> Result<()> {
        for actor in &mut self.actors.items {
            name_actor(store, actor)?;
        }
        let actors = &mut self.actors.items;
        for a in 0..actors.len() {
            actors[a].side = side_of(actors, a);
        }
        Ok(())
    }

    /// Describes the act types read: labels, codes, whether they accuse.
    pub(super) fn describe_types(&mut self, store: &Dataset) -> Result<()> {
        for t in &mut self.types.items {
            describe_type(store, t)?;
        }
        Ok(())
    }

    pub(super) fn finish(self, relations: Vec<Relation>) -> ChainGraph {
        ChainGraph {
            graph: self.acts.items,
            index: self.acts.index,
            actors: self.actors.items,
            actor_index: self.actors.index,
            types: self.types.items,
            relations,
        }
    }
}

/// Reads an actor's label and the names it can be called by.
fn name_actor(store: &Dataset, actor: &mut Actor) -> Result<()> {
    let mut names = Vec::new();
    let mut label = None;
    for p in [RDFS_LABEL, SKOS_PREF_LABEL, SKOS_ALT_LABEL] {
        let values = read::literals(store, &actor.iri, p)?;
        if label.is_none() && p != SKOS_ALT_LABEL {
            label = values.first().cloned();
        }
        names.extend(values.iter().map(|v| name_key(v)));
    }
    names.sort();
    names.dedup();
    actor.label = label.unwrap_or_else(|| local_name(&actor.iri).to_owned());
    actor.names = names;
    Ok(())
}

/// Fills in a type's label, CAMEO code and whether it accuses, from the concept hierarchy.
fn describe_type(store: &Dataset, t: &mut ActType) -> Result<()> {
    t.label = first_literal(store, &t.iri, &[RDFS_LABEL, SKOS_PREF_LABEL])?
        .unwrap_or_else(|| words(local_name(&t.iri)));
    let accusing_concepts = [cg("Accusation"), cg("Criticism")];
    // The fallback for data loaded without the ontology: the ontology's accusing types.
    let known = [
        cg("Accusation"),
        cg("CounterAccusation"),
        cg("AccusationOfAggression"),
        cg("Criticism"),
    ];
    let mut accusation = known.contains(&t.iri);
    // Breadth first up skos:broader: the nearest level with a notation gives the code.
    let mut level = vec![t.iri.clone()];
    let mut seen: HashSet<String> = HashSet::from([t.iri.clone()]);
    let mut depth = 0;
    while !level.is_empty() {
        let mut codes = Vec::new();
        let mut next = Vec::new();
        for c in &level {
            accusation |= accusing_concepts.contains(c);
            codes.extend(read::literals(store, c, SKOS_NOTATION)?);
            for b in read::iris(store, c, SKOS_BROADER)? {
                if seen.insert(b.clone()) {
                    next.push(b);
                }
            }
        }
        if t.code.is_none() {
            codes.sort();
            if let Some(code) = codes.into_iter().next() {
                t.code = Some(code);
                t.inherited = depth > 0;
            }
        }
        level = next;
        depth += 1;
    }
    if let Some(code) = &t.code {
        accusation |= code.starts_with("111") || code.starts_with("112");
    }
    t.accusation = accusation;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::fixture::{EXCHANGE, graph_of, id};
    use petgraph::Direction::Outgoing;

    #[test]
    fn links_point_forward_whatever_their_direction_in_the_data() {
        let (_, g) = graph_of(EXCHANGE);
        assert_eq!(g.link_count(), 3);
        let (a, b, e) = (id(&g, "a"), id(&g, "b"), id(&g, "e"));
        // The response b -> a and the cause a -> e both leave a forward.
        let later: Vec<ActId> = g.graph.neighbors_directed(a, Outgoing).collect();
        assert!(later.contains(&b) && later.contains(&e), "{later:?}");
        assert!(!g.relation(g.graph.find_edge(a, b).unwrap()).causal);
        assert!(g.relation(g.graph.find_edge(a, e).unwrap()).causal);
    }

    #[test]
    fn accusations_by_type_code_broader_concept_and_counter_link() {
        let (_, g) = graph_of(&format!(
            "{EXCHANGE}
            cg:Charge skos:broader cg:Accusation .
            cg:Denounce skos:notation \"111\" .
            cg:Scold skos:broader cg:Denounce .
            cg:Complain skos:notation \"114\" .
            ex:g2 {{
              ex:k1 a cg:Claim ; cg:actType cg:Charge .
              ex:k2 a cg:Claim ; cg:actType cg:Scold .
              ex:k3 a cg:Claim ; cg:actType cg:Complain .
            }}"
        ));
        let accuses = |l: &str| g.accuses(id(&g, l));
        assert!(accuses("a") && accuses("ca"), "typed cg:Accusation");
        assert!(accuses("b"), "the subject of cg:counterAccuses");
        assert!(
            accuses("k1") && accuses("k2"),
            "broader concept, inherited code 111"
        );
        assert!(!accuses("k3") && !accuses("c") && !accuses("e"));
        let scold = &g.types[g.graph[id(&g, "k2")].types[0]];
        assert_eq!(
            (scold.code.as_deref(), scold.inherited),
            (Some("111"), true)
        );
        // b names no target: it accuses the speaker of what it counter-accuses.
        let b = &g.graph[id(&g, "b")];
        assert_eq!(b.targets, vec![g.actor("http://example.org/p").unwrap()]);
    }

    #[test]
    fn dates_read_exact_days_and_bounds() {
        let (_, g) = graph_of(EXCHANGE);
        assert_eq!(g.graph[id(&g, "a")].date.to_string(), "2025-10-01");
        assert_eq!(g.graph[id(&g, "b")].date.to_string(), "by 2025-10-03");
        assert_eq!(g.graph[id(&g, "c")].date.to_string(), "undated");
        // An undated claim is made when the statement conveying it is.
        assert_eq!(g.graph[id(&g, "ca")].date.to_string(), "2025-10-01");
        assert_eq!(g.graph[id(&g, "cb")].date.to_string(), "by 2025-10-03");
        assert_eq!(parse_day("2025-13-01"), None);
        assert_eq!(parse_day("2025-02-03T10:00:00Z"), Some(20250203));
    }
}
