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
//! # Acts accepted as the same cross sources
//! Corroboration links acts of different sources that report one real-world act
//! (`cg:sameActAs`, `cg:restates`, in either direction). Once a curator accepts them (their graph
//! is not `cg:Proposed` or `cg:Rejected`), a walk takes the merged view: an act's steps are also
//! those of its partners, so a response link one source states joins the acts another reports.
//! The hop names the link it took (`via …`) when its ends are not the acts shown.
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

mod around;
mod build;
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

pub use around::MAX_AROUND;
pub use model::{
    Act, ActId, ActType, Actor, ActorId, Chain, ChainGraph, Chains, Cycle, DateSpan, Details,
    Exchange, Kind, Level, Link, MAX_CHAINS, MAX_CYCLE_WORK, MAX_CYCLES, Mark, Mutual, MutualPair,
    Relation, RelationId, Step, Toward, Tree, TreeNode, TypeId, Way, parse_day,
};
pub use names::{as_iri, closeness, local_name, short};
pub use terms::ontology_link_properties;
