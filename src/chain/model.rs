//! The types of the chain graph (acts, links, relations, act types, actors, dates), of what its
//! walks return (trees, chains, exchanges, mutual accusations), and [`ChainGraph`] itself with
//! what it tells of one act or link without walking.

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use rustc_hash::FxHashMap;

/// An act: a node of the graph.
pub type ActId = NodeIndex;
/// An index into [`ChainGraph::actors`].
pub type ActorId = usize;
/// An index into [`ChainGraph::types`].
pub type TypeId = usize;
/// An index into [`ChainGraph::relations`].
pub type RelationId = usize;

/// What kind of act a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Statement,
    Claim,
    Event,
    /// Named by a link or by `cg:conveys` but typed as none of the above.
    Untyped,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Statement => "statement",
            Kind::Claim => "claim",
            Kind::Event => "event",
            Kind::Untyped => "untyped",
        }
    }
}

/// A date or the bounds of one, as `yyyymmdd` numbers (so they order as dates do).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateSpan {
    /// The day, or the first day it may be (`cg:date`, `cg:startDate`, `cg:earliestDate`).
    pub from: Option<u32>,
    /// The day, or the last day it may be (`cg:date`, `cg:endDate`, `cg:latestDate`).
    pub to: Option<u32>,
    /// Whether `cg:date` gave the day.
    pub exact: bool,
}

impl DateSpan {
    /// The day to sort by: the earliest known; undated acts come last.
    pub fn key(&self) -> u32 {
        self.from.or(self.to).unwrap_or(u32::MAX)
    }

    pub fn is_known(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    pub(super) fn widen_from(&mut self, day: u32) {
        self.from = Some(self.from.map_or(day, |d| d.min(day)));
    }

    pub(super) fn widen_to(&mut self, day: u32) {
        self.to = Some(self.to.map_or(day, |d| d.max(day)));
    }
}

impl std::fmt::Display for DateSpan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let day = |d: u32| format!("{:04}-{:02}-{:02}", d / 10_000, d / 100 % 100, d % 100);
        match (self.from, self.to) {
            (Some(a), Some(b)) if a == b => write!(f, "{}", day(a)),
            (Some(a), Some(b)) => write!(f, "{}…{}", day(a), day(b)),
            (Some(a), None) => write!(f, "from {}", day(a)),
            (None, Some(b)) => write!(f, "by {}", day(b)),
            (None, None) => write!(f, "undated"),
        }
    }
}

/// Reads the day of an `xsd:date` or `xsd:dateTime` lexical form.
pub fn parse_day(lexical: &str) -> Option<u32> {
    let b = lexical.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |s: &str| s.parse::<u32>().ok();
    let (y, m, d) = (
        num(&lexical[0..4])?,
        num(&lexical[5..7])?,
        num(&lexical[8..10])?,
    );
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some(y * 10_000 + m * 100 + d)
}

/// An act, with what the walks and the renderers need of it. Labels, quotes and provenance are
/// read only for the acts shown ([`ChainGraph::details`]).
#[derive(Debug, Clone)]
pub struct Act {
    /// The IRI, or `_:id` for a blank node.
    pub iri: String,
    pub kind: Kind,
    /// Who acted: the speaker of a statement, the claimants of a claim (else the speakers of
    /// the statements conveying it), the agents and parties of an event.
    pub actors: Vec<ActorId>,
    /// Whom it is aimed at: `cg:target` of a claim, `cg:targeted` of an event; for a
    /// counter-accusation that names none, the actors of the act it counter-accuses.
    pub targets: Vec<ActorId>,
    /// Act types (`cg:actType`) and event types (`cg:eventType`).
    pub types: Vec<TypeId>,
    pub date: DateSpan,
    /// The claims a statement conveys.
    pub claims: Vec<ActId>,
    /// The statements that convey this claim.
    pub conveyed_by: Vec<ActId>,
    /// The acts of other sources accepted as the same act (`cg:sameActAs`, `cg:restates`, in
    /// either direction): the merged view a walk crosses, so that a link one source states
    /// joins the acts another reports.
    pub same: Vec<ActId>,
    /// Whether the act itself accuses (see the module documentation); a statement also accuses
    /// through its claims ([`ChainGraph::accuses`]).
    pub accusation: bool,
}

/// A response or causal link, as an edge from the earlier act (or cause) to the later act (or
/// effect).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub relation: RelationId,
    /// The claim whose proposition graph states the link, when no other graph does.
    pub claimed_by: Option<ActId>,
}

/// A link property.
#[derive(Debug, Clone)]
pub struct Relation {
    pub iri: String,
    /// How the subject relates to the object: "counter-accuses", "led to".
    pub label: String,
    /// The same read from the object: "counter-accused by", "resulted from".
    pub inverse: String,
    /// A causal link (subject = cause) rather than a response (subject = the later act).
    pub causal: bool,
    /// `cg:counterAccuses` or a sub-property of it.
    pub counter: bool,
}

impl Relation {
    /// How an act relates to the one it hangs from in a walk going `way`: in a forward walk
    /// the act is the later one ("counter-accuses", "triggered by"); in a backward walk the
    /// earlier one ("counter-accused by", "triggered").
    pub fn phrase(&self, way: Way) -> &str {
        match (way, self.causal) {
            (Way::Forward, false) | (Way::Backward, true) => &self.label,
            (Way::Forward, true) | (Way::Backward, false) => &self.inverse,
        }
    }
}

/// An act type or event type (a SKOS concept) and its CAMEO code.
#[derive(Debug, Clone)]
pub struct ActType {
    pub iri: String,
    pub label: String,
    /// The concept's own `skos:notation`, or that of its nearest coded broader concept.
    pub code: Option<String>,
    /// Whether `code` comes from a broader concept.
    pub inherited: bool,
    /// Whether an act of this type accuses (see the module documentation).
    pub accusation: bool,
}

/// An actor, with the names it can be called by.
#[derive(Debug, Clone)]
pub struct Actor {
    pub iri: String,
    pub label: String,
    /// `rdfs:label`, `skos:prefLabel` and `skos:altLabel` values, lower-cased.
    pub names: Vec<String>,
    /// Direct `cg:affiliatedWith` values.
    pub affiliations: Vec<ActorId>,
    /// Where the affiliations lead (see the module documentation); itself when nowhere.
    pub side: ActorId,
}

/// Which way a walk goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Way {
    /// To the acts that answered, and the effects: later.
    Forward,
    /// To the acts answered, and the causes: earlier.
    Backward,
}

/// One step of a walk as shown: the act reached and the links that take the step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub act: ActId,
    pub links: Vec<EdgeIndex>,
}

/// How an act stands in a tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mark {
    /// Shown here with what follows from it.
    First,
    /// Already shown higher up (a shared ancestor or descendant): not repeated.
    SeeAbove,
    /// It is one of its own ancestors on this branch: the chain goes round.
    Cycle,
}

/// A line of a tree: the act, its depth, the links from its parent, and whether it is new.
#[derive(Debug, Clone)]
pub struct TreeNode {
    pub act: ActId,
    pub depth: usize,
    pub links: Vec<EdgeIndex>,
    pub mark: Mark,
}

/// A walk from one act, in pre-order, each act expanded once.
#[derive(Debug, Clone)]
pub struct Tree {
    pub root: ActId,
    pub way: Way,
    pub nodes: Vec<TreeNode>,
    /// The acts at the depth the walk was bounded to whose further steps are left out, in
    /// the order shown ([`ChainGraph::tree_to_depth`]); empty when nothing was left out.
    pub deeper: Vec<ActId>,
}

/// A maximal chain: acts from a root (an act that answers nothing) forward to an act nothing
/// answers, or until the chain comes back to an act already on it.
#[derive(Debug, Clone)]
pub struct Chain {
    pub acts: Vec<ActId>,
    /// `links[i]` take the step from `acts[i]` to `acts[i + 1]`.
    pub links: Vec<Vec<EdgeIndex>>,
    /// The last act is already on the chain: the chain goes round.
    pub cycle: bool,
}

impl Chain {
    /// The number of links.
    pub fn len(&self) -> usize {
        self.acts.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Every maximal chain of at least some length, longest first.
#[derive(Debug, Clone)]
pub struct Chains {
    pub min_length: usize,
    pub chains: Vec<Chain>,
    /// Whether enumeration stopped at [`MAX_CHAINS`] (paths multiply in dense graphs).
    pub truncated: bool,
}

/// At most this many chains are enumerated.
pub const MAX_CHAINS: usize = 10_000;

/// Which acts of one party are aimed at the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Toward {
    /// From the first party to the second.
    AtoB,
    /// From the second party to the first.
    BtoA,
    /// Both parties took part (talks, fighting).
    Both,
}

/// The exchange between two parties, in time order.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub a: ActorId,
    pub b: ActorId,
    pub acts: Vec<(ActId, Toward)>,
    /// Steps among those acts, later act first: (later, earlier, links).
    pub links: Vec<(ActId, ActId, Vec<EdgeIndex>)>,
}

/// Whether `mutual` compares sides or actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Sides,
    Actors,
}

/// Two parties that accuse each other, with the acts of each direction.
#[derive(Debug, Clone)]
pub struct MutualPair {
    pub a: ActorId,
    pub b: ActorId,
    pub a_to_b: Vec<ActId>,
    pub b_to_a: Vec<ActId>,
}

/// A circle of recrimination: each party accuses the next, the last the first.
#[derive(Debug, Clone)]
pub struct Cycle {
    pub parties: Vec<ActorId>,
    /// `acts[i]`: the accusations of `parties[i]` against the next party.
    pub acts: Vec<Vec<ActId>>,
}

/// Who accuses whom in return.
#[derive(Debug, Clone)]
pub struct Mutual {
    pub level: Level,
    /// How many acts accuse someone.
    pub accusations: usize,
    pub pairs: Vec<MutualPair>,
    /// Circles of three or more parties, up to the length asked for.
    pub cycles: Vec<Cycle>,
    /// Groups of parties in which each is led back to itself through accusations (strongly
    /// connected components of the accusation graph), three parties or more, largest first.
    pub circles: Vec<Vec<ActorId>>,
    /// Whether the search for cycles stopped at [`MAX_CYCLES`].
    pub truncated: bool,
    /// Whether the search for cycles stopped after [`MAX_CYCLE_WORK`] steps, before it had
    /// tried every party: circles may be missing from `cycles` (never from `circles`).
    pub search_stopped: bool,
}

/// At most this many circles of recrimination are listed.
pub const MAX_CYCLES: usize = 50;

/// The search for circles of recrimination stops after this many steps (a step is one party
/// looked at from another): far more than a search through thousands of parties takes, and
/// well under a second.
pub const MAX_CYCLE_WORK: usize = 20_000_000;

/// What the renderers show of an act beyond the graph: read from the store for the acts shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Details {
    pub label: Option<String>,
    /// The words of the source that ground the act (`oa:exact` of its mention).
    pub quote: Option<String>,
    pub source: Option<String>,
    /// Offsets of the quote in the source text, in code points, half-open.
    pub start: Option<i64>,
    pub end: Option<i64>,
    /// Independent outlets and copies (sources) reporting the act, counting the acts of other
    /// sources linked to it as the same; only when more than one source reports it.
    pub outlets: Option<(i64, i64)>,
}

/// The response graph of a store.
#[derive(Debug, Clone)]
pub struct ChainGraph {
    pub graph: DiGraph<Act, Link>,
    pub(super) index: FxHashMap<String, ActId>,
    pub actors: Vec<Actor>,
    pub(super) actor_index: FxHashMap<String, ActorId>,
    pub types: Vec<ActType>,
    pub relations: Vec<Relation>,
}

impl ChainGraph {
    /// The act an IRI (or `_:id`) names.
    pub fn act(&self, iri: &str) -> Option<ActId> {
        self.index.get(iri).copied()
    }

    /// The actor an IRI names.
    pub fn actor(&self, iri: &str) -> Option<ActorId> {
        self.actor_index.get(iri).copied()
    }

    pub fn link_count(&self) -> usize {
        self.graph.edge_count()
    }

    pub fn relation(&self, e: EdgeIndex) -> &Relation {
        &self.relations[self.graph[e].relation]
    }

    /// The acts a link joins, as stated: (subject, object).
    pub fn link_ends(&self, e: EdgeIndex) -> (ActId, ActId) {
        let (from, to) = self
            .graph
            .edge_endpoints(e)
            .expect("edges of this graph exist");
        if self.relation(e).causal {
            (from, to)
        } else {
            (to, from)
        }
    }

    /// Whether an act is shown in walks as itself: every act but a claim some statement conveys
    /// (that statement stands for it).
    pub fn shown(&self, n: ActId) -> bool {
        self.graph[n].conveyed_by.is_empty()
    }

    /// Whether an act accuses, by itself or (for a statement) through a claim it conveys.
    pub fn accuses(&self, n: ActId) -> bool {
        let act = &self.graph[n];
        act.accusation || act.claims.iter().any(|&c| self.graph[c].accusation)
    }

    /// The types of an act and of the claims it conveys, without repeats.
    pub fn types_of(&self, n: ActId) -> Vec<TypeId> {
        let act = &self.graph[n];
        let mut out: Vec<TypeId> = act.types.clone();
        for &c in &act.claims {
            for &t in &self.graph[c].types {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        out
    }

    /// Who an act is aimed at, with the targets of the claims a statement conveys.
    pub fn aimed_at(&self, n: ActId) -> Vec<ActorId> {
        let act = &self.graph[n];
        let mut out = act.targets.clone();
        for &c in &act.claims {
            out.extend(&self.graph[c].targets);
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Who acted, with the claimants of the claims a statement conveys.
    pub fn acted_by(&self, n: ActId) -> Vec<ActorId> {
        let act = &self.graph[n];
        let mut out = act.actors.clone();
        for &c in &act.claims {
            out.extend(&self.graph[c].actors);
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}
