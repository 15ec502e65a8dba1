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

mod model;
mod read;
mod terms;

pub use model::{
    Act, ActId, ActType, Actor, ActorId, Chain, ChainGraph, Chains, Cycle, DateSpan, Details,
    Exchange, Kind, Level, Link, MAX_CHAINS, MAX_CYCLES, Mark, Mutual, MutualPair, Relation,
    RelationId, Step, Toward, Tree, TreeNode, TypeId, Way,
};
pub use terms::ontology_link_properties;

use crate::error::{Error, Result};
use crate::vocab;
use model::parse_day;
use oxigraph::store::Store;
use petgraph::Direction::{Incoming, Outgoing};
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use read::{below, claimed_links, first_literal, read_in_parallel};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use terms::{LINKS, RDFS_LABEL, SKOS_ALT_LABEL, SKOS_BROADER, SKOS_NOTATION, SKOS_PREF_LABEL, cg};

/// The last segment of an IRI: `attaullah-tarar`.
pub fn local_name(iri: &str) -> &str {
    iri.rsplit(['/', '#']).next().unwrap_or(iri)
}

/// `prefix:name` when a known prefix fits, `<iri>` otherwise.
pub fn short(iri: &str) -> String {
    if iri.starts_with("_:") {
        return iri.to_owned();
    }
    vocab::shorten(iri).unwrap_or_else(|| format!("<{iri}>"))
}

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

    /// Calls `f` for every act one step away, with the link that takes the step: a statement
    /// stands for the claims it conveys on either end (see the module documentation).
    fn each_step(&self, n: ActId, way: Way, mut f: impl FnMut(ActId, EdgeIndex)) {
        let dir = match way {
            Way::Forward => Outgoing,
            Way::Backward => Incoming,
        };
        let claims = &self.graph[n].claims;
        for from in std::iter::once(n).chain(claims.iter().copied()) {
            for e in self.graph.edges_directed(from, dir) {
                let other = match way {
                    Way::Forward => e.target(),
                    Way::Backward => e.source(),
                };
                f(other, e.id());
                for &s in &self.graph[other].conveyed_by {
                    f(s, e.id());
                }
            }
        }
    }

    /// Every act reached from `start` going `way`, transitively; `start` itself only when a
    /// chain leads back to it. Sorted by date, then IRI.
    pub fn closure(&self, start: ActId, way: Way) -> Vec<ActId> {
        let mut seen: HashSet<ActId> = HashSet::new();
        let mut queue = VecDeque::from([start]);
        while let Some(n) = queue.pop_front() {
            self.each_step(n, way, |m, _| {
                if seen.insert(m) {
                    queue.push_back(m);
                }
            });
        }
        let mut out: Vec<ActId> = seen.into_iter().collect();
        self.sort_by_time(&mut out);
        out
    }

    /// Everything that answered `act`, transitively: replies, replies to replies, effects.
    pub fn forward(&self, act: ActId) -> Vec<ActId> {
        self.closure(act, Way::Forward)
    }

    /// Everything `act` answered, back to the roots: what it replied to, and the causes.
    pub fn backward(&self, act: ActId) -> Vec<ActId> {
        self.closure(act, Way::Backward)
    }

    /// The roots among the acts `act` goes back to: shown acts that answer nothing.
    pub fn roots(&self, act: ActId) -> Vec<ActId> {
        self.backward(act)
            .into_iter()
            .filter(|&n| n != act && self.shown(n) && self.steps(n, Way::Backward).is_empty())
            .collect()
    }

    pub fn sort_by_time(&self, acts: &mut [ActId]) {
        acts.sort_by(|&a, &b| {
            let (x, y) = (&self.graph[a], &self.graph[b]);
            (x.date.key(), &x.iri).cmp(&(y.date.key(), &y.iri))
        });
    }

    /// The acts one step away as they are shown (claims folded into the statements conveying
    /// them), each with the links that take the step, in time order.
    pub fn steps(&self, n: ActId, way: Way) -> Vec<Step> {
        let mut by_act: BTreeMap<ActId, Vec<EdgeIndex>> = BTreeMap::new();
        self.each_step(n, way, |m, e| {
            if self.shown(m) {
                let links = by_act.entry(m).or_default();
                if !links.contains(&e) {
                    links.push(e);
                }
            }
        });
        let mut acts: Vec<ActId> = by_act.keys().copied().collect();
        self.sort_by_time(&mut acts);
        acts.into_iter()
            .map(|act| Step {
                act,
                links: by_act.remove(&act).unwrap_or_default(),
            })
            .collect()
    }

    /// Whether an act has any link, directly or through the claims it conveys or the statements
    /// conveying it.
    pub fn has_links(&self, n: ActId) -> bool {
        let linked = |m: ActId| {
            self.graph.edges_directed(m, Outgoing).next().is_some()
                || self.graph.edges_directed(m, Incoming).next().is_some()
        };
        let act = &self.graph[n];
        linked(n) || act.claims.iter().any(|&c| linked(c))
    }

    /// The walk from `root` going `way`, as a tree: each act is expanded the first time it
    /// appears; later it is marked [`Mark::SeeAbove`], or [`Mark::Cycle`] when it is its own
    /// ancestor. The walk never loops.
    pub fn tree(&self, root: ActId, way: Way) -> Tree {
        self.tree_within(root, way, None)
    }

    /// A tree that takes only the steps in `allowed` (as (from, to) in the walk's direction).
    pub fn tree_within(
        &self,
        root: ActId,
        way: Way,
        allowed: Option<&HashSet<(ActId, ActId)>>,
    ) -> Tree {
        let children = |n: ActId| -> Vec<Step> {
            let mut steps = self.steps(n, way);
            if let Some(allowed) = allowed {
                steps.retain(|s| allowed.contains(&(n, s.act)));
            }
            steps
        };
        let mut nodes = vec![TreeNode {
            act: root,
            depth: 0,
            links: Vec::new(),
            mark: Mark::First,
        }];
        let mut expanded: HashSet<ActId> = HashSet::from([root]);
        let mut on_path: HashSet<ActId> = HashSet::from([root]);
        // Frames of an explicit stack: chains can be longer than the call stack is deep.
        let mut stack: Vec<(ActId, std::vec::IntoIter<Step>)> =
            vec![(root, children(root).into_iter())];
        while let Some((act, rest)) = stack.last_mut() {
            let Some(step) = rest.next() else {
                on_path.remove(act);
                stack.pop();
                continue;
            };
            let depth = stack.len();
            let mark = if on_path.contains(&step.act) {
                Mark::Cycle
            } else if expanded.contains(&step.act) {
                Mark::SeeAbove
            } else {
                Mark::First
            };
            nodes.push(TreeNode {
                act: step.act,
                depth,
                links: step.links,
                mark,
            });
            if mark == Mark::First {
                expanded.insert(step.act);
                on_path.insert(step.act);
                stack.push((step.act, children(step.act).into_iter()));
            }
        }
        Tree { root, way, nodes }
    }

    /// Every maximal chain of at least `min_length` links, longest first. A chain starts at a
    /// root (a shown act that answers nothing but is answered) or, for a cycle nothing leads
    /// into, at its earliest act; it ends at an act nothing answers, or when it comes back to an
    /// act already on it.
    pub fn all_chains(&self, min_length: usize) -> Chains {
        let mut starts: Vec<ActId> = self
            .graph
            .node_indices()
            .filter(|&n| {
                self.shown(n)
                    && !self.steps(n, Way::Forward).is_empty()
                    && self.steps(n, Way::Backward).is_empty()
            })
            .collect();
        self.sort_by_time(&mut starts);
        // Acts on cycles that no root leads into.
        let mut reached: HashSet<ActId> = HashSet::new();
        for &s in &starts {
            reached.insert(s);
            reached.extend(self.forward(s));
        }
        let mut rest: Vec<ActId> = self
            .graph
            .node_indices()
            .filter(|&n| self.shown(n) && !reached.contains(&n) && self.has_links(n))
            .collect();
        self.sort_by_time(&mut rest);
        for n in rest {
            if reached.insert(n) {
                starts.push(n);
                reached.extend(self.forward(n));
            }
        }

        let mut chains = Vec::new();
        let mut truncated = false;
        'starts: for start in starts {
            let mut path: Vec<ActId> = vec![start];
            let mut links: Vec<Vec<EdgeIndex>> = Vec::new();
            let mut on_path: HashSet<ActId> = HashSet::from([start]);
            let mut stack: Vec<std::vec::IntoIter<Step>> =
                vec![self.steps(start, Way::Forward).into_iter()];
            let mut moved = vec![false];
            while let Some(rest) = stack.last_mut() {
                match rest.next() {
                    Some(step) => {
                        *moved.last_mut().expect("one flag per frame") = true;
                        if on_path.contains(&step.act) {
                            let mut acts = path.clone();
                            acts.push(step.act);
                            let mut l = links.clone();
                            l.push(step.links);
                            if acts.len() > min_length {
                                chains.push(Chain {
                                    acts,
                                    links: l,
                                    cycle: true,
                                });
                            }
                        } else {
                            on_path.insert(step.act);
                            path.push(step.act);
                            links.push(step.links);
                            stack.push(self.steps(step.act, Way::Forward).into_iter());
                            moved.push(false);
                        }
                    }
                    None => {
                        if !moved.pop().expect("one flag per frame") && path.len() > min_length {
                            chains.push(Chain {
                                acts: path.clone(),
                                links: links.clone(),
                                cycle: false,
                            });
                        }
                        stack.pop();
                        if let Some(n) = path.pop() {
                            on_path.remove(&n);
                        }
                        links.pop();
                    }
                }
                if chains.len() >= MAX_CHAINS {
                    truncated = true;
                    break 'starts;
                }
            }
        }
        chains.sort_by(|a, b| {
            b.len().cmp(&a.len()).then_with(|| {
                let key = |c: &Chain| {
                    c.acts
                        .iter()
                        .map(|&n| (self.graph[n].date.key(), self.graph[n].iri.as_str()))
                        .collect::<Vec<_>>()
                };
                key(a).cmp(&key(b))
            })
        });
        Chains {
            min_length,
            chains,
            truncated,
        }
    }

    /// An actor and every actor affiliated with it, directly or through others.
    pub fn members(&self, actor: ActorId) -> HashSet<ActorId> {
        let mut members = HashSet::from([actor]);
        let mut changed = true;
        while changed {
            changed = false;
            for (a, info) in self.actors.iter().enumerate() {
                if !members.contains(&a) && info.affiliations.iter().any(|x| members.contains(x)) {
                    members.insert(a);
                    changed = true;
                }
            }
        }
        members
    }

    /// The exchange between two parties: the acts of each (an actor stands for itself and every
    /// actor affiliated with it) aimed at the other, events in which both take part, and the
    /// links among them, in time order.
    pub fn between(&self, a: ActorId, b: ActorId) -> Exchange {
        let (side_a, side_b) = (self.members(a), self.members(b));
        let meets = |xs: &[ActorId], side: &HashSet<ActorId>| xs.iter().any(|x| side.contains(x));
        let mut acts = Vec::new();
        for n in self.graph.node_indices() {
            if !self.shown(n) {
                continue;
            }
            let (by, at) = (self.acted_by(n), self.aimed_at(n));
            let a_to_b = meets(&by, &side_a) && meets(&at, &side_b);
            let b_to_a = meets(&by, &side_b) && meets(&at, &side_a);
            let both =
                self.graph[n].kind == Kind::Event && meets(&by, &side_a) && meets(&by, &side_b);
            let toward = match (a_to_b, b_to_a, both) {
                (true, false, _) => Toward::AtoB,
                (false, true, _) => Toward::BtoA,
                (true, true, _) | (false, false, true) => Toward::Both,
                (false, false, false) => continue,
            };
            acts.push((n, toward));
        }
        acts.sort_by(|x, y| {
            let (p, q) = (&self.graph[x.0], &self.graph[y.0]);
            (p.date.key(), &p.iri).cmp(&(q.date.key(), &q.iri))
        });
        let included: HashSet<ActId> = acts.iter().map(|(n, _)| *n).collect();
        let mut links = Vec::new();
        for (n, _) in &acts {
            for step in self.steps(*n, Way::Backward) {
                if included.contains(&step.act) {
                    links.push((*n, step.act, step.links));
                }
            }
        }
        Exchange { a, b, acts, links }
    }

    /// The party an actor counts as at a level.
    pub fn party(&self, actor: ActorId, level: Level) -> ActorId {
        match level {
            Level::Sides => self.actors[actor].side,
            Level::Actors => actor,
        }
    }

    /// Who accuses whom in return: pairs of parties with accusations both ways, and circles of
    /// three to `max_cycle` parties each accusing the next (found within the strongly connected
    /// components of the party-level accusation graph, at most [`MAX_CYCLES`] of them).
    pub fn mutual(&self, level: Level, max_cycle: usize) -> Mutual {
        // Party-level accusation edges, each with its acts.
        let mut edges: HashMap<(ActorId, ActorId), Vec<ActId>> = HashMap::new();
        let mut accusations = 0;
        for n in self.graph.node_indices() {
            if !self.shown(n) || !self.accuses(n) {
                continue;
            }
            accusations += 1;
            let act = &self.graph[n];
            let mut parts: Vec<ActId> = Vec::new();
            if act.accusation {
                parts.push(n);
            }
            parts.extend(act.claims.iter().filter(|&&c| self.graph[c].accusation));
            let mut pairs: Vec<(ActorId, ActorId)> = Vec::new();
            for p in parts {
                let part = &self.graph[p];
                let accusers = if part.actors.is_empty() {
                    &act.actors
                } else {
                    &part.actors
                };
                for &x in accusers {
                    for &y in &part.targets {
                        let (px, py) = (self.party(x, level), self.party(y, level));
                        if px != py {
                            pairs.push((px, py));
                        }
                    }
                }
            }
            pairs.sort_unstable();
            pairs.dedup();
            for pair in pairs {
                edges.entry(pair).or_default().push(n);
            }
        }
        for acts in edges.values_mut() {
            self.sort_by_time(acts);
        }

        let mut pairs: Vec<MutualPair> = edges
            .iter()
            .filter(|((x, y), _)| x < y)
            .filter_map(|(&(x, y), xy)| {
                let yx = edges.get(&(y, x))?;
                Some(MutualPair {
                    a: x,
                    b: y,
                    a_to_b: xy.clone(),
                    b_to_a: yx.clone(),
                })
            })
            .collect();
        pairs.sort_by(|p, q| {
            (q.a_to_b.len() + q.b_to_a.len())
                .cmp(&(p.a_to_b.len() + p.b_to_a.len()))
                .then_with(|| self.actors[p.a].iri.cmp(&self.actors[q.a].iri))
                .then_with(|| self.actors[p.b].iri.cmp(&self.actors[q.b].iri))
        });

        // Circles: strongly connected components, then cycles within them.
        let mut parties: Vec<ActorId> = edges.keys().flat_map(|&(x, y)| [x, y]).collect();
        parties.sort_unstable_by(|&x, &y| self.actors[x].iri.cmp(&self.actors[y].iri));
        parties.dedup();
        let mut party_graph: DiGraph<ActorId, ()> = DiGraph::new();
        let node_of: HashMap<ActorId, NodeIndex> = parties
            .iter()
            .map(|&p| (p, party_graph.add_node(p)))
            .collect();
        let mut keys: Vec<&(ActorId, ActorId)> = edges.keys().collect();
        keys.sort_unstable();
        for (x, y) in keys {
            party_graph.add_edge(node_of[x], node_of[y], ());
        }
        let mut circles: Vec<Vec<ActorId>> = petgraph::algo::tarjan_scc(&party_graph)
            .into_iter()
            .filter(|c| c.len() >= 3)
            .map(|c| {
                let mut c: Vec<ActorId> = c.into_iter().map(|n| party_graph[n]).collect();
                c.sort_unstable_by(|&x, &y| self.actors[x].iri.cmp(&self.actors[y].iri));
                c
            })
            .collect();
        circles.sort_by(|p, q| {
            q.len()
                .cmp(&p.len())
                .then_with(|| self.actors[p[0]].iri.cmp(&self.actors[q[0]].iri))
        });

        let mut cycles = Vec::new();
        let mut truncated = false;
        'circles: for circle in &circles {
            // Each cycle is found once, from its first party in IRI order, through parties
            // after it; sorted neighbours keep the output stable.
            let rank: HashMap<ActorId, usize> =
                circle.iter().enumerate().map(|(i, &p)| (p, i)).collect();
            let next = |p: ActorId| -> Vec<ActorId> {
                let mut out: Vec<ActorId> = party_graph
                    .neighbors_directed(node_of[&p], Outgoing)
                    .map(|n| party_graph[n])
                    .filter(|q| rank.contains_key(q))
                    .collect();
                out.sort_unstable_by_key(|q| rank[q]);
                out.dedup();
                out
            };
            for (i, &first) in circle.iter().enumerate() {
                let mut path = vec![first];
                let mut stack = vec![next(first).into_iter()];
                while let Some(rest) = stack.last_mut() {
                    let Some(q) = rest.next() else {
                        stack.pop();
                        path.pop();
                        continue;
                    };
                    if q == first && path.len() >= 3 {
                        let acts = (0..path.len())
                            .map(|k| edges[&(path[k], path[(k + 1) % path.len()])].clone())
                            .collect();
                        cycles.push(Cycle {
                            parties: path.clone(),
                            acts,
                        });
                        if cycles.len() >= MAX_CYCLES {
                            truncated = true;
                            break 'circles;
                        }
                    } else if rank[&q] > i && !path.contains(&q) && path.len() < max_cycle {
                        path.push(q);
                        stack.push(next(q).into_iter());
                    }
                }
            }
        }
        cycles.sort_by_key(|c| c.parties.len());

        Mutual {
            level,
            accusations,
            pairs,
            cycles,
            circles,
            truncated,
        }
    }

    /// Resolves what a user calls an act: `<iri>`, a bare `http(s)://` IRI, `prefix:name`, the
    /// last segment of its IRI, or its label (case-insensitively).
    pub fn resolve_act(&self, store: &Store, name: &str) -> Result<ActId> {
        let wanted = name.trim();
        if let Some(iri) = as_iri(wanted) {
            if let Some(n) = self.act(&iri) {
                return Ok(n);
            }
        }
        let lower = name_key(wanted);
        let mut found: Vec<ActId> = self
            .graph
            .node_indices()
            .filter(|&n| local_name(&self.graph[n].iri).to_lowercase() == lower)
            .collect();
        // Labels are read only when asked for: a million acts need not keep theirs.
        let mut labelled: Vec<(ActId, String)> = Vec::new();
        read::each_label(store, |key, label| {
            if let Some(n) = self.act(key) {
                labelled.push((n, label.to_owned()));
            }
        })?;
        found.extend(
            labelled
                .iter()
                .filter(|(_, l)| name_key(l) == lower)
                .map(|(n, _)| *n),
        );
        found.sort_unstable();
        found.dedup();
        let label_of = |n: ActId| {
            labelled
                .iter()
                .filter(|(m, _)| *m == n)
                .map(|(_, l)| l.clone())
                .min()
                .unwrap_or_default()
        };
        match found.len() {
            1 => Ok(found[0]),
            0 => {
                // `stmt:tarar-talks-fail` is compared by its last segment, like the acts' IRIs.
                let local_wanted = as_iri(wanted)
                    .map_or_else(|| lower.clone(), |iri| local_name(&iri).to_lowercase());
                let mut close: Vec<(usize, ActId)> = Vec::new();
                for n in self.graph.node_indices() {
                    let local = local_name(&self.graph[n].iri).to_lowercase();
                    if let Some(d) = closeness(&local_wanted, &local) {
                        close.push((d, n));
                    }
                }
                for (n, l) in &labelled {
                    if let Some(d) = closeness(&lower, &name_key(l)) {
                        close.push((d, *n));
                    }
                }
                close.sort_unstable();
                let mut suggestions: Vec<String> = Vec::new();
                // Acts are suggested by IRI only: their labels are sentences.
                for (_, n) in close {
                    let s = short(&self.graph[n].iri);
                    if !suggestions.contains(&s) {
                        suggestions.push(s);
                    }
                    if suggestions.len() == 5 {
                        break;
                    }
                }
                Err(Error::UnknownName {
                    kind: "act",
                    name: wanted.to_owned(),
                    suggestions,
                })
            }
            _ => Err(Error::Ambiguous {
                kind: "acts",
                name: wanted.to_owned(),
                candidates: found
                    .iter()
                    .map(|&n| describe(&self.graph[n].iri, &label_of(n)))
                    .collect(),
            }),
        }
    }

    /// Resolves what a user calls an actor: `<iri>`, a bare IRI, `prefix:name`, the last segment
    /// of its IRI, or a label or alias (`skos:altLabel`: "Kabul", "Tarar"), case-insensitively.
    pub fn resolve_actor(&self, name: &str) -> Result<ActorId> {
        let wanted = name.trim();
        if let Some(iri) = as_iri(wanted) {
            if let Some(a) = self.actor(&iri) {
                return Ok(a);
            }
        }
        let lower = name_key(wanted);
        let found: Vec<ActorId> = (0..self.actors.len())
            .filter(|&a| {
                let actor = &self.actors[a];
                local_name(&actor.iri).to_lowercase() == lower || actor.names.contains(&lower)
            })
            .collect();
        match found.len() {
            1 => Ok(found[0]),
            0 => {
                let mut close: Vec<(usize, ActorId)> = Vec::new();
                for (a, actor) in self.actors.iter().enumerate() {
                    let local = local_name(&actor.iri).to_lowercase();
                    let best = std::iter::once(&local)
                        .chain(&actor.names)
                        .filter_map(|n| closeness(&lower, n))
                        .min();
                    if let Some(d) = best {
                        close.push((d, a));
                    }
                }
                close.sort_unstable();
                Err(Error::UnknownName {
                    kind: "actor",
                    name: wanted.to_owned(),
                    suggestions: close
                        .iter()
                        .take(5)
                        .map(|&(_, a)| describe(&self.actors[a].iri, &self.actors[a].label))
                        .collect(),
                })
            }
            _ => Err(Error::Ambiguous {
                kind: "actors",
                name: wanted.to_owned(),
                candidates: found
                    .iter()
                    .map(|&a| describe(&self.actors[a].iri, &self.actors[a].label))
                    .collect(),
            }),
        }
    }

    /// Labels, quotes and where they are written, for the acts to be shown: the mention of the
    /// graph that types the act (else any graph that describes it), the first in the source.
    pub fn details(
        &self,
        store: &Store,
        acts: impl IntoIterator<Item = ActId>,
    ) -> Result<HashMap<ActId, Details>> {
        let mut iris: Vec<&str> = acts
            .into_iter()
            .map(|n| self.graph[n].iri.as_str())
            .collect();
        iris.sort_unstable();
        iris.dedup();
        let mut out: HashMap<ActId, Details> = HashMap::new();
        // (typed graph first, start) of the mention chosen so far.
        let mut rank: HashMap<ActId, (bool, i64)> = HashMap::new();
        read::each_mention(store, &iris, |m| {
            let Some(n) = self.act(m.act) else {
                return;
            };
            let entry = out.entry(n).or_default();
            if let Some(label) = m.label {
                if entry.label.as_deref().is_none_or(|l| label < l) {
                    entry.label = Some(label.to_owned());
                }
            }
            let Some(exact) = m.exact else {
                return;
            };
            let key = (!m.typed, m.start.unwrap_or(i64::MAX));
            let better = rank.get(&n).is_none_or(|&(t, s)| key < (!t, s));
            if better {
                rank.insert(n, (m.typed, key.1));
                entry.quote = Some(exact.to_owned());
                entry.source = m.source.map(str::to_owned);
                entry.start = m.start;
                entry.end = m.end;
            }
        })?;
        Ok(out)
    }
}

/// Where `cg:affiliatedWith` leads from `a`: the single actor with no affiliation of its own
/// that it reaches; `a` itself when it reaches none or several.
fn side_of(actors: &[Actor], a: ActorId) -> ActorId {
    let mut seen = HashSet::from([a]);
    let mut queue = VecDeque::from([a]);
    let mut ends = HashSet::new();
    while let Some(x) = queue.pop_front() {
        if actors[x].affiliations.is_empty() {
            ends.insert(x);
        }
        for &y in &actors[x].affiliations {
            if seen.insert(y) {
                queue.push_back(y);
            }
        }
    }
    match ends.len() {
        1 => ends.into_iter().next().expect("one end"),
        _ => a,
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

/// How names are compared: in lower case, spaces collapsed, without a leading "the" ("the
/// Republic" and "republic" are one name).
fn name_key(name: &str) -> String {
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    let words = match words.split_first() {
        Some((first, rest)) if first == "the" && !rest.is_empty() => rest,
        _ => &words[..],
    };
    words.join(" ")
}

/// `counterAccuses` → `counter accuses`.
fn words(local: &str) -> String {
    let mut out = String::new();
    for c in local.chars() {
        if c.is_uppercase() && !out.is_empty() {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The IRI a name spells out, if it spells one: `<iri>`, a bare `http(s)://` IRI, or a prefixed
/// name with a known prefix.
pub fn as_iri(name: &str) -> Option<String> {
    if let Some(inner) = name.strip_prefix('<').and_then(|s| s.strip_suffix('>')) {
        return Some(inner.to_owned());
    }
    if name.starts_with("http://") || name.starts_with("https://") || name.starts_with("_:") {
        return Some(name.to_owned());
    }
    vocab::expand(name)
}

/// `actor:attaullah-tarar (Attaullah Tarar)`.
fn describe(iri: &str, label: &str) -> String {
    if label.is_empty() {
        short(iri)
    } else {
        format!("{} ({label})", short(iri))
    }
}

/// How close a candidate name is to what was asked, smaller is closer; `None` when not close.
pub fn closeness(wanted: &str, candidate: &str) -> Option<usize> {
    if wanted.is_empty() || candidate.is_empty() {
        return None;
    }
    let long_enough = wanted.chars().count() >= 3;
    if long_enough && candidate.contains(wanted)
        || (candidate.chars().count() >= 4 && wanted.contains(candidate))
    {
        return Some(candidate.len().abs_diff(wanted.len()).min(9));
    }
    let d = edit_distance(wanted, candidate);
    (d <= 2.max(wanted.chars().count() / 4)).then_some(d + 10)
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::RdfFormat;

    const PREFIXES: &str = "
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix cg: <https://claimgraph.org/ns#> .
        @prefix ex: <http://example.org/> .
    ";

    fn graph_of(trig: &str) -> (Store, ChainGraph) {
        let store = Store::new().unwrap();
        store
            .load_from_slice(RdfFormat::TriG, &format!("{PREFIXES}{trig}"))
            .unwrap();
        let graph = ChainGraph::build(&store).unwrap();
        (store, graph)
    }

    fn iris(g: &ChainGraph, acts: &[ActId]) -> Vec<String> {
        let mut out: Vec<String> = acts
            .iter()
            .map(|&n| local_name(&g.graph[n].iri).to_owned())
            .collect();
        out.sort();
        out
    }

    fn id(g: &ChainGraph, local: &str) -> ActId {
        g.act(&format!("http://example.org/{local}"))
            .unwrap_or_else(|| panic!("no act {local}"))
    }

    /// a accuses; b counter-accuses a; c denies b's claim; e is caused by a; d stands alone.
    const EXCHANGE: &str = "
        ex:g {
          ex:a a cg:Statement ; cg:speaker ex:p ; cg:date \"2025-10-01\"^^xsd:date ;
              cg:conveys ex:ca .
          ex:ca a cg:Claim ; cg:claimant ex:p ; cg:target ex:q ; cg:actType cg:Accusation .
          ex:b a cg:Statement ; cg:speaker ex:q ; cg:latestDate \"2025-10-03\"^^xsd:date ;
              cg:counterAccuses ex:a ; cg:conveys ex:cb .
          ex:cb a cg:Claim ; cg:claimant ex:q ; cg:actType cg:Denial .
          ex:c a cg:Statement ; cg:speaker ex:p ; cg:conveys ex:cc .
          ex:cc a cg:Claim ; cg:claimant ex:p ; cg:target ex:q ; cg:denies ex:cb .
          ex:a cg:triggered ex:e .
          ex:e a cg:Event .
          ex:d a cg:Statement ; cg:speaker ex:p .
          ex:p rdfs:label \"Party P\" ; skos:altLabel \"Capital\" .
          ex:q rdfs:label \"Party Q\" ; skos:altLabel \"Capital\", \"Qville\" .
        }
    ";

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
    fn a_statement_stands_for_the_claims_it_conveys() {
        let (_, g) = graph_of(EXCHANGE);
        let (a, c) = (id(&g, "a"), id(&g, "c"));
        // c's claim denies b's claim: c answers b, and so, through b, a.
        assert_eq!(iris(&g, &g.forward(a)), ["b", "c", "cc", "e"]);
        assert_eq!(iris(&g, &g.backward(c)), ["a", "b", "cb"]);
        assert_eq!(iris(&g, &g.backward(id(&g, "cc"))), ["a", "b", "cb"]);
        // Shown, the claims fold into their statements.
        let steps = g.steps(id(&g, "b"), Way::Forward);
        assert_eq!(steps.len(), 1);
        assert_eq!(steps[0].act, c);
        assert!(g.forward(id(&g, "d")).is_empty() && !g.has_links(id(&g, "d")));
    }

    #[test]
    fn trees_mark_cycles_and_repeats_and_never_loop() {
        let (_, g) = graph_of(
            "ex:g { ex:x cg:respondsTo ex:z . ex:y cg:counterAccuses ex:x . ex:z cg:denies ex:y .
                    ex:w cg:rejects ex:x , ex:y . }",
        );
        let tree = g.tree(id(&g, "x"), Way::Forward);
        let marks: Vec<(String, usize, Mark)> = tree
            .nodes
            .iter()
            .map(|n| (local_name(&g.graph[n.act].iri).to_owned(), n.depth, n.mark))
            .collect();
        assert_eq!(
            marks,
            [
                ("x".to_owned(), 0, Mark::First),
                ("w".to_owned(), 1, Mark::First),
                ("y".to_owned(), 1, Mark::First),
                ("w".to_owned(), 2, Mark::SeeAbove),
                ("z".to_owned(), 2, Mark::First),
                ("x".to_owned(), 3, Mark::Cycle),
            ]
        );
        // On a cycle, an act is in its own closure.
        assert!(g.forward(id(&g, "x")).contains(&id(&g, "x")));
        let chains = g.all_chains(1);
        assert!(chains.chains.iter().any(|c| c.cycle), "{chains:?}");
        assert!(!chains.truncated);
    }

    #[test]
    fn every_maximal_chain_longest_first() {
        let (_, g) = graph_of(EXCHANGE);
        let chains = g.all_chains(1);
        let listed: Vec<Vec<String>> = chains
            .chains
            .iter()
            .map(|c| {
                c.acts
                    .iter()
                    .map(|&n| local_name(&g.graph[n].iri).to_owned())
                    .collect()
            })
            .collect();
        assert_eq!(listed, [vec!["a", "b", "c"], vec!["a", "e"]]);
        assert_eq!(g.all_chains(2).chains.len(), 1);
        assert!(g.all_chains(3).chains.is_empty());
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
    fn mutual_finds_pairs_and_circles() {
        let (_, g) = graph_of(&format!(
            "{EXCHANGE}
            ex:g3 {{
              ex:k1 a cg:Claim ; cg:actType cg:Accusation ; cg:claimant ex:q ; cg:target ex:r .
              ex:k2 a cg:Claim ; cg:actType cg:Accusation ; cg:claimant ex:r ; cg:target ex:p .
            }}"
        ));
        let m = g.mutual(Level::Actors, 4);
        assert_eq!(m.pairs.len(), 1);
        let p = &m.pairs[0];
        let name = |a: ActorId| local_name(&g.actors[a].iri).to_owned();
        assert_eq!((name(p.a), name(p.b)), ("p".to_owned(), "q".to_owned()));
        // c's claim denies, with no act type: it accuses no one.
        assert_eq!(iris(&g, &p.a_to_b), ["a"]);
        assert_eq!(iris(&g, &p.b_to_a), ["b"]);
        assert_eq!(m.cycles.len(), 1, "{:?}", m.cycles);
        assert_eq!(
            m.cycles[0]
                .parties
                .iter()
                .map(|&a| name(a))
                .collect::<Vec<_>>(),
            ["p", "q", "r"]
        );
        assert_eq!(m.circles.len(), 1);
        // Sides: q and r on one side leave only p against that side.
        let (_, g) = graph_of(&format!(
            "{EXCHANGE} ex:g4 {{ ex:q cg:affiliatedWith ex:s . }}"
        ));
        let m = g.mutual(Level::Sides, 4);
        let name = |a: ActorId| local_name(&g.actors[a].iri).to_owned();
        assert_eq!(
            m.pairs
                .iter()
                .map(|p| (name(p.a), name(p.b)))
                .collect::<Vec<_>>(),
            [("p".to_owned(), "s".to_owned())]
        );
    }

    #[test]
    fn between_keeps_time_order_and_the_links_among_the_acts() {
        let (_, g) = graph_of(EXCHANGE);
        let (p, q) = (
            g.actor("http://example.org/p").unwrap(),
            g.actor("http://example.org/q").unwrap(),
        );
        let x = g.between(p, q);
        let order: Vec<(String, Toward)> = x
            .acts
            .iter()
            .map(|(n, t)| (local_name(&g.graph[*n].iri).to_owned(), *t))
            .collect();
        assert_eq!(
            order,
            [
                ("a".to_owned(), Toward::AtoB),
                ("b".to_owned(), Toward::BtoA),
                ("c".to_owned(), Toward::AtoB),
            ]
        );
        assert_eq!(x.links.len(), 2);
    }

    #[test]
    fn names_resolve_by_iri_label_or_alias_and_never_guess() {
        let (store, g) = graph_of(EXCHANGE);
        let q = g.actor("http://example.org/q").unwrap();
        assert_eq!(g.resolve_actor("qville").unwrap(), q);
        assert_eq!(g.resolve_actor("PARTY q").unwrap(), q);
        assert_eq!(g.resolve_actor("<http://example.org/q>").unwrap(), q);
        match g.resolve_actor("capital") {
            Err(Error::Ambiguous { candidates, .. }) => assert_eq!(candidates.len(), 2),
            other => panic!("{other:?}"),
        }
        match g.resolve_actor("Party R") {
            Err(Error::UnknownName { suggestions, .. }) => {
                assert!(
                    suggestions.iter().any(|s| s.contains("Party P")),
                    "{suggestions:?}"
                )
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(g.resolve_act(&store, "b").unwrap(), id(&g, "b"));
        assert!(matches!(
            g.resolve_act(&store, "bb"),
            Err(Error::UnknownName { .. })
        ));
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

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("tarar", "tarrar"), 1);
        assert_eq!(edit_distance("kabul", "kabul"), 0);
        assert_eq!(edit_distance("", "ab"), 2);
    }
}
