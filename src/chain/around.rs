//! The part of the response graph that one walk needs, read from its first act outward through
//! the store's subject and object indexes, for a process that answers one chain and ends: on a
//! store of millions of acts it reads a few dozen, where the whole graph reads them all.
//!
//! It is built by the same steps as the whole graph, from the statements about the acts it
//! reaches instead of from the bulk reads, so every act the walk shows is the act the whole
//! graph holds: its kind, actors, targets, types, dates, claims and links.

use super::build::{Builder, Read, SAME_LINKS, UNREVIEWED, Use, bulk_reads, relations};
use super::model::{ChainGraph, Relation, RelationId, Way};
use super::read::{self, Claimed, Rows, Stated};
use super::terms::{RDF_TYPE, cg};
use crate::error::Result;
use crate::store::Dataset;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::VecDeque;

/// A walk that would reach more acts than this is answered from the whole graph: reading them
/// one by one would cost more than reading them all at once.
pub const MAX_AROUND: usize = 100_000;

impl ChainGraph {
    /// The part of the response graph a walk from `act` (an IRI, or `_:id`) going `way` needs:
    /// the acts it reaches, what they convey and who conveys them, the acts one step the other
    /// way from `act`, the acts they counter-accuse, their actors, types and dates. Its tree,
    /// closures, roots and steps from `act` are those of [`ChainGraph::build`]'s graph, and so
    /// are the acts they show; links to acts beyond it are kept, those acts bare.
    ///
    /// `None` when the store says nothing of `act` as an act (the whole graph then resolves
    /// the name or suggests others), or when the walk reaches more than [`MAX_AROUND`] acts.
    pub fn around(store: &Dataset, act: &str, way: Way) -> Result<Option<ChainGraph>> {
        let relations = relations(store)?;
        let reads = bulk_reads(store, &relations)?;
        let mut near = Near::new(store, &relations);
        if !near.walk(act, way)? {
            return Ok(None);
        }
        let claimed = near.claimed()?;
        let mut b = Builder::new();
        for (read, what) in &reads {
            if !matches!(what, Use::Affiliation) {
                b.add(what, &near.rows(read), &relations, &claimed);
            }
        }
        b.follow_conveyors();
        b.describe_types(store)?;
        let affiliations = near.affiliations(b.actor_keys().map(str::to_owned).collect())?;
        b.add(&Use::Affiliation, &affiliations, &relations, &claimed);
        b.name_actors(store)?;
        let mut graph = b.finish(relations);
        graph.settle_accusations();
        Ok(graph.act(act).is_some().then_some(graph))
    }
}

/// What is stated about one act, and what points at it: (predicate, subject).
type ReadAct = (Vec<Stated>, Vec<(String, String)>);

/// The statements read about the acts reached, each act read once.
struct Near<'a> {
    store: &'a Dataset,
    /// Link properties: each one's relation, whether it is causal, and whether it
    /// counter-accuses.
    links: FxHashMap<&'a str, (RelationId, bool, bool)>,
    conveys: String,
    /// Each act read, with what is stated about it and what points at it.
    read: FxHashMap<String, ReadAct>,
    /// The acts read, in reading order.
    order: Vec<String>,
    /// The links that join acts across sources (`cg:sameActAs`, `cg:restates`).
    same: Vec<String>,
    /// Whether each graph read holding such a link is accepted (neither proposed nor
    /// rejected in review).
    reviewed: FxHashMap<String, bool>,
}

impl<'a> Near<'a> {
    fn new(store: &'a Dataset, relations: &'a [Relation]) -> Self {
        Near {
            store,
            links: relations
                .iter()
                .enumerate()
                .map(|(i, r)| (r.iri.as_str(), (i, r.causal, r.counter)))
                .collect(),
            conveys: cg("conveys"),
            read: FxHashMap::default(),
            order: Vec::new(),
            same: SAME_LINKS.iter().map(|p| cg(p)).collect(),
            reviewed: FxHashMap::default(),
        }
    }

    /// Reads an act, once.
    fn fetch(&mut self, key: &str) -> Result<()> {
        if !self.read.contains_key(key) {
            let about = read::about(self.store, key)?;
            let pointing = read::pointing_at(self.store, key)?;
            self.read.insert(key.to_owned(), (about, pointing));
            self.order.push(key.to_owned());
        }
        Ok(())
    }

    fn about(&self, key: &str) -> &[Stated] {
        self.read.get(key).map_or(&[], |(about, _)| about)
    }

    fn pointing(&self, key: &str) -> &[(String, String)] {
        self.read.get(key).map_or(&[], |(_, pointing)| pointing)
    }

    /// The claims an act conveys, as stated.
    fn claims(&self, key: &str) -> Vec<String> {
        self.about(key)
            .iter()
            .filter(|s| !s.literal && s.p == self.conveys)
            .map(|s| s.o.clone())
            .collect()
    }

    /// The statements conveying an act.
    fn conveyors(&self, key: &str) -> Vec<String> {
        self.pointing(key)
            .iter()
            .filter(|(p, _)| *p == self.conveys)
            .map(|(_, s)| s.clone())
            .collect()
    }

    /// Whether the links written in `graph` are in the merged view: a named graph not proposed
    /// or rejected in review (the whole graph's read asks the same).
    fn accepted(&mut self, graph: Option<&str>) -> Result<bool> {
        let Some(graph) = graph else {
            return Ok(false);
        };
        if let Some(&known) = self.reviewed.get(graph) {
            return Ok(known);
        }
        let status = cg("reviewStatus");
        let unreviewed: Vec<String> = UNREVIEWED.iter().map(|s| cg(s)).collect();
        let accepted = !read::about(self.store, graph)?
            .iter()
            .any(|s| s.p == status && unreviewed.contains(&s.o));
        self.reviewed.insert(graph.to_owned(), accepted);
        Ok(accepted)
    }

    /// The acts accepted as the same as `key`, in either direction; each read.
    fn partners(&mut self, key: &str) -> Result<Vec<String>> {
        let mut stated: Vec<(String, Option<String>)> = self
            .about(key)
            .iter()
            .filter(|s| !s.literal && self.same.contains(&s.p))
            .map(|s| (s.o.clone(), s.graph.clone()))
            .collect();
        let pointing: Vec<(String, String)> = self
            .pointing(key)
            .iter()
            .filter(|(p, _)| self.same.contains(p))
            .cloned()
            .collect();
        // What points at `key` says so in the subject's statements, with their graphs.
        for (p, subject) in pointing {
            self.fetch(&subject)?;
            let graphs: Vec<Option<String>> = self
                .about(&subject)
                .iter()
                .filter(|s| s.p == p && s.o == key)
                .map(|s| s.graph.clone())
                .collect();
            stated.extend(graphs.into_iter().map(|g| (subject.clone(), g)));
        }
        let mut out = Vec::new();
        for (other, graph) in stated {
            if self.accepted(graph.as_deref())? && !out.contains(&other) {
                self.fetch(&other)?;
                out.push(other);
            }
        }
        Ok(out)
    }

    /// The acts whose links are `n`'s, as [`ChainGraph::froms`] gives them: `n`, its claims,
    /// and the acts accepted as the same, transitively; each read.
    fn froms(&mut self, n: &str) -> Result<Vec<String>> {
        let mut same = vec![n.to_owned()];
        let mut i = 0;
        while let Some(m) = same.get(i).cloned() {
            self.fetch(&m)?;
            for o in self.partners(&m)? {
                if !same.contains(&o) {
                    same.push(o);
                }
            }
            i += 1;
        }
        let mut out: Vec<String> = Vec::new();
        for m in same {
            let claims = self.claims(&m);
            for o in std::iter::once(m).chain(claims) {
                if !out.contains(&o) {
                    out.push(o);
                }
            }
        }
        Ok(out)
    }

    /// The acts one step from `n` going `way`, as [`ChainGraph::each_step`] takes it: through
    /// `n`, its claims and the acts accepted as the same, to the acts linked and the statements
    /// conveying them; each read.
    fn step(&mut self, n: &str, way: Way) -> Result<Vec<String>> {
        let froms = self.froms(n)?;
        let mut out = Vec::new();
        for from in &froms {
            self.fetch(from)?;
            let mut others: Vec<String> = Vec::new();
            // Forward: what answers `from` (it is the object) and what it caused (subject).
            for s in self.about(from) {
                if let Some(&(_, causal, _)) = self.links.get(s.p.as_str()) {
                    if !s.literal && causal == (way == Way::Forward) {
                        others.push(s.o.clone());
                    }
                }
            }
            for (p, subject) in self.pointing(from) {
                if let Some(&(_, causal, _)) = self.links.get(p.as_str()) {
                    if causal != (way == Way::Forward) {
                        others.push(subject.clone());
                    }
                }
            }
            for other in others {
                self.fetch(&other)?;
                out.extend(self.conveyors(&other));
                out.push(other);
            }
        }
        Ok(out)
    }

    /// Reads what the walk from `start` going `way` needs; `false` when the store says nothing
    /// of `start`, or the walk reaches more than [`MAX_AROUND`] acts.
    fn walk(&mut self, start: &str, way: Way) -> Result<bool> {
        self.fetch(start)?;
        if self.about(start).is_empty() && self.pointing(start).is_empty() {
            return Ok(false);
        }
        let mut seen: FxHashSet<String> = FxHashSet::default();
        let mut queue = VecDeque::from([start.to_owned()]);
        while let Some(n) = queue.pop_front() {
            for m in self.step(&n, way)? {
                if seen.len() >= MAX_AROUND {
                    return Ok(false);
                }
                if seen.insert(m.clone()) {
                    queue.push_back(m);
                }
            }
        }
        // The steps the other way from the start, shown beside it.
        let other = match way {
            Way::Forward => Way::Backward,
            Way::Backward => Way::Forward,
        };
        for m in self.step(start, other)? {
            self.fetch(&m)?;
        }
        // The acts counter-accused: a counter-accusation naming no target accuses their actors.
        let acts: Vec<String> = self.order.clone();
        for key in &acts {
            let countered: Vec<String> = self
                .about(key)
                .iter()
                .filter(|s| !s.literal && self.links.get(s.p.as_str()).is_some_and(|l| l.2))
                .map(|s| s.o.clone())
                .collect();
            for o in countered {
                self.fetch(&o)?;
            }
        }
        // Whoever conveys a claim read lends it their dates and speakers.
        let acts: Vec<String> = self.order.clone();
        for key in &acts {
            for s in self.conveyors(key) {
                self.fetch(&s)?;
            }
        }
        // The review status of every graph holding a same-act link among the acts read.
        let graphs: Vec<String> = self
            .order
            .iter()
            .flat_map(|key| self.about(key))
            .filter(|s| self.same.contains(&s.p))
            .filter_map(|s| s.graph.clone())
            .collect();
        for g in graphs {
            self.accepted(Some(&g))?;
        }
        Ok(true)
    }

    /// The answers a bulk read would give about the acts read, in reading order.
    fn rows(&self, what: &Read) -> Rows {
        let mut rows = Rows::default();
        for key in &self.order {
            for s in self.about(key) {
                let wanted = match what {
                    Read::Instances(classes) => s.p == RDF_TYPE && classes.contains(&s.o),
                    Read::Pairs(p) => s.p == *p,
                    Read::Accepted(p) => {
                        s.p == *p
                            && s.graph
                                .as_ref()
                                .is_some_and(|g| self.reviewed.get(g) == Some(&true))
                    }
                };
                if wanted {
                    match what {
                        Read::Instances(_) => rows.push(key, "", false),
                        Read::Pairs(_) | Read::Accepted(_) => rows.push(key, &s.o, s.literal),
                    }
                }
            }
        }
        rows
    }

    /// The links read that only claims state: those written in claims' proposition graphs and
    /// in no other graph.
    fn claimed(&self) -> Result<Claimed> {
        let mut claim_of: FxHashMap<&str, Option<String>> = FxHashMap::default();
        let mut graphs: FxHashMap<(&str, &str, &str), Vec<Option<&str>>> = FxHashMap::default();
        for key in &self.order {
            for s in self.about(key) {
                if !s.literal && self.links.contains_key(s.p.as_str()) {
                    let graph = s.graph.as_deref();
                    graphs
                        .entry((key.as_str(), s.p.as_str(), s.o.as_str()))
                        .or_default()
                        .push(graph);
                    if let Some(g) = graph.filter(|g| !g.starts_with("_:")) {
                        if !claim_of.contains_key(g) {
                            claim_of.insert(g, read::claim_of_graph(self.store, g)?);
                        }
                    }
                }
            }
        }
        let mut out = Claimed::default();
        for ((s, p, o), in_graphs) in graphs {
            // Claimed when every graph stating it is a claim's proposition graph.
            let claims: Option<Vec<&String>> = in_graphs
                .iter()
                .map(|g| g.and_then(|g| claim_of.get(g)).and_then(Option::as_ref))
                .collect();
            if let Some(claim) = claims.and_then(|c| c.first().copied()) {
                let rel = self.links[p].0;
                out.insert((s.to_owned(), rel, o.to_owned()), claim.clone());
            }
        }
        Ok(out)
    }

    /// The affiliations of `actors` and of the actors they lead to, as (actor, affiliation).
    fn affiliations(&self, actors: Vec<String>) -> Result<Rows> {
        let affiliated = cg("affiliatedWith");
        let mut rows = Rows::default();
        let mut seen: FxHashSet<String> = actors.iter().cloned().collect();
        let mut queue: VecDeque<String> = actors.into();
        while let Some(a) = queue.pop_front() {
            for s in read::about(self.store, &a)? {
                if s.p == affiliated && !s.literal {
                    rows.push(&a, &s.o, false);
                    if seen.insert(s.o.clone()) {
                        queue.push_back(s.o);
                    }
                }
            }
        }
        Ok(rows)
    }
}
