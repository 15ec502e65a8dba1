//! The chain tracer: the response graph of acts (statements, claims, events) and of the response
//! and causal links between them, built with petgraph from any store, and the walks over it: what
//! answered an act, what it answered, the exchange between two parties, every maximal chain, and
//! who accuses whom in return. No I/O: the CLI, the REPL and a server render what it returns.
//!
//! # The graph
//! A node is an act: an instance (through `rdf:type/rdfs:subClassOf*`) of `cg:Statement`,
//! `cg:Claim` or `cg:Event`, or anything a link or `cg:conveys` names even if it is not typed
//! (so that a walk never loses a step the data states). An edge is a link, always pointing
//! **forward**, from the earlier act to the later one:
//! - a response link `later ?p earlier` (`?p rdfs:subPropertyOf* cg:respondsTo`: counter-accuses,
//!   denies, rejects, retaliates against, supports, justifies, answers, prompted by) becomes
//!   `earlier → later`;
//! - a causal link `cause ?p effect` (`?p rdfs:subPropertyOf* cg:causallyLinkedTo`: triggered, led
//!   to, enabled, contributed to) becomes `cause → effect`.
//!
//! So "forward" always means later acts and effects, "backward" earlier acts and causes, and each
//! edge keeps its relation. The link properties of the ontology are known even when the data is
//! loaded without it; sub-properties the data declares are added to them. A link stated only
//! inside a claim's proposition graph is someone's claim, not a fact: it is walked like the others
//! and marked with the claim that states it.
//!
//! # A statement stands for the claims it conveys
//! Links are stated at the level the text relates them: statement to statement, claim to claim
//! (a denial of a claim that many statements convey), or across speech and force. A walk
//! therefore takes one step from act `x` to act `y` when
//! `x (cg:conveys)? / link / (^cg:conveys)? y`: a link from a claim is also a link from each
//! statement conveying it, and a link to a claim also reaches the statements conveying it. This is
//! exactly the step of the saved query `response-closure`, and the tests hold the two to agree.
//! When a walk is shown, a claim conveyed by a statement is shown as that statement, with the claim
//! named on the hop.
//!
//! # What counts as an accusation
//! An act accuses when one of its act types (`cg:actType`)
//! - is `cg:Accusation` or `cg:Criticism`, or reaches one of them through `skos:broader*` (so
//!   `cg:CounterAccusation` and `cg:AccusationOfAggression` do), or
//! - has an effective CAMEO code (its own `skos:notation`, or that of its nearest coded broader
//!   concept) beginning with 111 (criticize or denounce) or 112 (accuse, and its sub-codes such as
//!   1123, accuse of aggression);
//!
//! or when it is the subject of a `cg:counterAccuses` link (or a sub-property of it): turning a
//! charge back on the accuser is an accusation whatever its type says. The accuser is the claim's
//! `cg:claimant` (else the speaker of the statement conveying it), or the statement's `cg:speaker`;
//! the accused are its `cg:target`s. A counter-accusation that names no target accuses the actors
//! of the act it counter-accuses. A statement accuses through itself and through every claim it
//! conveys; it is counted once.
//!
//! # Sides
//! An actor's side is where `cg:affiliatedWith` leads when followed to its end (RTA → the Afghan
//! Taliban government → Afghanistan; Attaullah Tarar → Pakistan); an actor with no affiliation, or
//! with several that end in different places, is its own side. Only `cg:affiliatedWith` itself is
//! followed: the data asserts it directly beside its more specific sub-properties.

mod details;
mod exchange;
#[cfg(test)]
mod fixture;
mod model;
mod mutual;
mod names;
mod read;
mod terms;
mod walk;

pub use model::{
    Act, ActId, ActType, Actor, ActorId, Chain, ChainGraph, Chains, Cycle, DateSpan, Details,
    Exchange, Kind, Level, Link, MAX_CHAINS, MAX_CYCLES, Mark, Mutual, MutualPair, Relation,
    RelationId, Step, Toward, Tree, TreeNode, TypeId, Way,
};
pub use names::{as_iri, closeness, local_name, short};
pub use terms::ontology_link_properties;

use crate::error::Result;
use model::parse_day;
use mutual::side_of;
use names::{name_key, words};
use oxigraph::store::Store;
use petgraph::graph::DiGraph;
use petgraph::visit::EdgeRef;
use read::{below, claimed_links, first_literal, read_in_parallel};
use rustc_hash::FxHashMap;
use std::collections::HashSet;
use terms::{LINKS, RDFS_LABEL, SKOS_ALT_LABEL, SKOS_BROADER, SKOS_NOTATION, SKOS_PREF_LABEL, cg};

struct Builder {
    graph: DiGraph<Act, Link>,
    index: FxHashMap<String, ActId>,
    actors: Vec<Actor>,
    actor_index: FxHashMap<String, ActorId>,
    types: Vec<ActType>,
    type_index: FxHashMap<String, TypeId>,
}

impl Builder {
    fn act(&mut self, key: &str) -> ActId {
        if let Some(&n) = self.index.get(key) {
            return n;
        }
        let n = self.graph.add_node(Act {
            iri: key.to_owned(),
            kind: Kind::Untyped,
            actors: Vec::new(),
            targets: Vec::new(),
            types: Vec::new(),
            date: DateSpan::default(),
            claims: Vec::new(),
            conveyed_by: Vec::new(),
            accusation: false,
        });
        self.index.insert(key.to_owned(), n);
        n
    }

    fn actor(&mut self, key: &str) -> ActorId {
        if let Some(&a) = self.actor_index.get(key) {
            return a;
        }
        let id = self.actors.len();
        self.actors.push(Actor {
            iri: key.to_owned(),
            label: String::new(),
            names: Vec::new(),
            affiliations: Vec::new(),
            side: id,
        });
        self.actor_index.insert(key.to_owned(), id);
        id
    }

    fn act_type(&mut self, key: &str) -> TypeId {
        if let Some(&t) = self.type_index.get(key) {
            return t;
        }
        let id = self.types.len();
        self.types.push(ActType {
            iri: key.to_owned(),
            label: String::new(),
            code: None,
            inherited: false,
            accusation: false,
        });
        self.type_index.insert(key.to_owned(), id);
        id
    }
}

impl ChainGraph {
    /// Reads the acts, their actors, targets, types and dates, and the response and causal links
    /// from a store. The vocabulary (sub-classes, sub-properties, the concept hierarchy) is small
    /// and read first; the bulk is one SELECT per predicate, each projecting only the terms it
    /// needs (oxigraph's cost is mostly decoding terms, and a SELECT decodes only what it projects,
    /// where `quads_for_pattern` decodes all four), run on as many threads as there are cores
    /// while this one builds the graph from the answers in a fixed order.
    pub fn build(store: &Store) -> Result<ChainGraph> {
        let mut b = Builder {
            graph: DiGraph::new(),
            index: FxHashMap::default(),
            actors: Vec::new(),
            actor_index: FxHashMap::default(),
            types: Vec::new(),
            type_index: FxHashMap::default(),
        };

        // The vocabulary: act classes, link properties, actor roles.
        let kinds = [
            (cg("Statement"), Kind::Statement),
            (cg("Claim"), Kind::Claim),
            (cg("Event"), Kind::Event),
        ];
        let tops: Vec<String> = kinds.iter().map(|(c, _)| c.clone()).collect();
        let classes = below(store, "rdfs:subClassOf", &tops)?;
        let mut relations: Vec<Relation> = Vec::new();
        let mut add_relation = |iri: &str, causal: bool| {
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
        };
        for (local, _, _, causal) in LINKS {
            add_relation(&cg(local), *causal);
        }
        for (p, top) in below(
            store,
            "rdfs:subPropertyOf",
            &[cg("respondsTo"), cg("causallyLinkedTo")],
        )? {
            add_relation(&p, top == cg("causallyLinkedTo"));
        }
        let counters: HashSet<String> =
            below(store, "rdfs:subPropertyOf", &[cg("counterAccuses")])?
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
        let roles = below(
            store,
            "rdfs:subPropertyOf",
            &[cg("agent"), cg("party"), cg("targeted"), cg("target")],
        )?;
        let claimed = claimed_links(store, &relations)?;

        // The bulk reads, in the order their answers are used.
        enum Use {
            Kind(Kind),
            Link(RelationId),
            Conveys,
            Actors {
                targets: bool,
            },
            Type,
            Date {
                from: bool,
                to: bool,
                exact: bool,
                fallback: bool,
            },
            Affiliation,
        }
        let mut reads: Vec<(String, Use)> = Vec::new();
        for (_, kind) in &kinds {
            let values: String = classes
                .iter()
                .filter(|(_, top)| kinds.iter().any(|(c, k)| c == top && k == kind))
                .map(|(c, _)| format!("<{c}> "))
                .collect();
            reads.push((
                format!("SELECT ?s WHERE {{ VALUES ?c {{ {values}}} ?s a ?c }}"),
                Use::Kind(*kind),
            ));
        }
        let pairs = |p: &str| format!("SELECT ?s ?o WHERE {{ ?s <{p}> ?o }}");
        for (i, r) in relations.iter().enumerate() {
            reads.push((pairs(&r.iri), Use::Link(i)));
        }
        reads.push((pairs(&cg("conveys")), Use::Conveys));
        reads.push((pairs(&cg("speaker")), Use::Actors { targets: false }));
        reads.push((pairs(&cg("claimant")), Use::Actors { targets: false }));
        for (p, top) in &roles {
            let targets = *top == cg("targeted") || *top == cg("target");
            reads.push((pairs(p), Use::Actors { targets }));
        }
        reads.push((pairs(&cg("actType")), Use::Type));
        reads.push((pairs(&cg("eventType")), Use::Type));
        for (local, from, to) in [
            ("date", true, true),
            ("startDate", true, false),
            ("earliestDate", true, false),
            ("endDate", false, true),
            ("latestDate", false, true),
        ] {
            let exact = local == "date";
            let date = Use::Date {
                from,
                to,
                exact,
                fallback: false,
            };
            reads.push((pairs(&cg(local)), date));
        }
        // Started by that day: the last day it may have started, when nothing closes the span.
        let date = Use::Date {
            from: false,
            to: true,
            exact: false,
            fallback: true,
        };
        reads.push((pairs(&cg("latestStartDate")), date));
        reads.push((pairs(&cg("affiliatedWith")), Use::Affiliation));

        let queries: Vec<&str> = reads.iter().map(|(q, _)| q.as_str()).collect();
        let mut seen: FxHashMap<(ActId, ActId, RelationId), ()> = FxHashMap::default();
        let mut latest_start: Vec<(ActId, u32)> = Vec::new();
        read_in_parallel(store, &queries, |i, rows| {
            match &reads[i].1 {
                Use::Kind(kind) => {
                    for row in rows.iter() {
                        let n = b.act(row.s);
                        // An act typed twice keeps the first kind in Statement, Claim, Event order.
                        let act = &mut b.graph[n];
                        if act.kind == Kind::Untyped || *kind < act.kind {
                            act.kind = *kind;
                        }
                    }
                }
                Use::Link(rel) => {
                    let relation = &relations[*rel];
                    for row in rows.iter().filter(|r| !r.literal) {
                        let (s, o) = (b.act(row.s), b.act(row.o));
                        let (from, to) = if relation.causal { (s, o) } else { (o, s) };
                        if seen.insert((from, to, *rel), ()).is_some() {
                            continue;
                        }
                        let claimed_by = if claimed.is_empty() {
                            None
                        } else {
                            let key = (row.s.to_owned(), *rel, row.o.to_owned());
                            claimed.get(&key).map(|claim| b.act(claim))
                        };
                        let link = Link {
                            relation: *rel,
                            claimed_by,
                        };
                        b.graph.add_edge(from, to, link);
                    }
                }
                Use::Conveys => {
                    for row in rows.iter().filter(|r| !r.literal) {
                        let (s, o) = (b.act(row.s), b.act(row.o));
                        if !b.graph[s].claims.contains(&o) {
                            b.graph[s].claims.push(o);
                            b.graph[o].conveyed_by.push(s);
                        }
                    }
                }
                Use::Actors { targets } => {
                    for row in rows.iter().filter(|r| !r.literal) {
                        let Some(&n) = b.index.get(row.s) else {
                            continue;
                        };
                        let a = b.actor(row.o);
                        let act = &mut b.graph[n];
                        let list = if *targets {
                            &mut act.targets
                        } else {
                            &mut act.actors
                        };
                        if !list.contains(&a) {
                            list.push(a);
                        }
                    }
                }
                Use::Type => {
                    for row in rows.iter().filter(|r| !r.literal) {
                        let Some(&n) = b.index.get(row.s) else {
                            continue;
                        };
                        let t = b.act_type(row.o);
                        if !b.graph[n].types.contains(&t) {
                            b.graph[n].types.push(t);
                        }
                    }
                }
                Use::Date {
                    from,
                    to,
                    exact,
                    fallback,
                } => {
                    for row in rows.iter().filter(|r| r.literal) {
                        let (Some(&n), Some(day)) = (b.index.get(row.s), parse_day(row.o)) else {
                            continue;
                        };
                        if *fallback {
                            latest_start.push((n, day));
                            continue;
                        }
                        let date = &mut b.graph[n].date;
                        if *from {
                            date.widen_from(day);
                        }
                        if *to {
                            date.widen_to(day);
                        }
                        date.exact |= *exact;
                    }
                }
                Use::Affiliation => {
                    for row in rows.iter().filter(|r| !r.literal) {
                        let (s, o) = (b.actor(row.s), b.actor(row.o));
                        if s != o && !b.actors[s].affiliations.contains(&o) {
                            b.actors[s].affiliations.push(o);
                        }
                    }
                }
            }
            Ok(())
        })?;
        for (n, day) in latest_start {
            if b.graph[n].date.to.is_none() {
                b.graph[n].date.widen_to(day);
            }
        }
        // A claim with no claimant is made by whoever conveys it, and, undated, when they do.
        for n in b.graph.node_indices() {
            if !b.graph[n].date.is_known() {
                let mut date = DateSpan::default();
                for &s in &b.graph[n].conveyed_by {
                    let conveyor = b.graph[s].date;
                    if let Some(day) = conveyor.from {
                        date.widen_from(day);
                    }
                    if let Some(day) = conveyor.to {
                        date.widen_to(day);
                    }
                    date.exact |= conveyor.exact;
                }
                b.graph[n].date = date;
            }
            if b.graph[n].kind == Kind::Claim && b.graph[n].actors.is_empty() {
                let mut actors: Vec<ActorId> = Vec::new();
                for &s in &b.graph[n].conveyed_by {
                    actors.extend(&b.graph[s].actors);
                }
                actors.sort_unstable();
                actors.dedup();
                b.graph[n].actors = actors;
            }
        }
        for t in 0..b.types.len() {
            describe_type(store, &mut b.types[t])?;
        }

        // Actors: those typed as such too, so that any of them can be named; their names and sides.
        for (class, _) in below(store, "rdfs:subClassOf", &[cg("Actor")])? {
            read::each_instance(store, &class, |key| {
                b.actor(key);
            })?;
        }
        for a in 0..b.actors.len() {
            let iri = b.actors[a].iri.clone();
            let mut names = Vec::new();
            let mut label = None;
            for p in [RDFS_LABEL, SKOS_PREF_LABEL, SKOS_ALT_LABEL] {
                let values = read::literals(store, &iri, p)?;
                if label.is_none() && p != SKOS_ALT_LABEL {
                    label = values.first().cloned();
                }
                names.extend(values.iter().map(|v| name_key(v)));
            }
            names.sort();
            names.dedup();
            let actor = &mut b.actors[a];
            actor.label = label.unwrap_or_else(|| local_name(&iri).to_owned());
            actor.names = names;
        }
        for a in 0..b.actors.len() {
            b.actors[a].side = side_of(&b.actors, a);
        }

        let mut graph = ChainGraph {
            graph: b.graph,
            index: b.index,
            actors: b.actors,
            actor_index: b.actor_index,
            types: b.types,
            relations,
        };
        graph.settle_accusations();
        Ok(graph)
    }

    /// Marks the acts that accuse, and gives counter-accusations without a target the actors of
    /// the act they counter-accuse.
    fn settle_accusations(&mut self) {
        let g = &mut self.graph;
        let mut derived: Vec<(ActId, ActorId)> = Vec::new();
        let mut counter: HashSet<ActId> = HashSet::new();
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

/// Fills in a type's label, CAMEO code and whether it accuses, from the concept hierarchy.
fn describe_type(store: &Store, t: &mut ActType) -> Result<()> {
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
    use fixture::{EXCHANGE, graph_of, id};
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
