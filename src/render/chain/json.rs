//! Chains, exchanges and mutual accusations for programs: JSON with every act's details and
//! every link as stated in the data.

use super::{ChainAnswer, View, mutual_acts, tree_acts};
use crate::chain::{
    ActId, ActorId, Chains, Exchange, Kind, Level, Mark, Mutual, Toward, Tree, Way,
};
use petgraph::graph::EdgeIndex;
use serde::Serialize;
use std::io::{self, Write};

/// Writes an answer as pretty-printed JSON.
pub(super) fn write(out: &mut impl Write, view: &View<'_>, answer: &ChainAnswer) -> io::Result<()> {
    match answer {
        ChainAnswer::Tree(tree) => tree_json(out, view, tree),
        ChainAnswer::Chains { chains, .. } => chains_json(out, view, chains),
        ChainAnswer::Exchange(x) => exchange_json(out, view, x),
        ChainAnswer::Mutual(m) => mutual_json(out, view, m),
    }
}

#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
struct ActorJson {
    iri: String,
    label: String,
}

#[derive(Serialize)]
struct TypeJson {
    iri: String,
    label: String,
    cameo: Option<String>,
    cameo_inherited: bool,
}

#[derive(Serialize)]
struct ActJson {
    iri: String,
    kind: Kind,
    label: Option<String>,
    date: String,
    actors: Vec<ActorJson>,
    targets: Vec<ActorJson>,
    types: Vec<TypeJson>,
    accusation: bool,
    claims: Vec<String>,
    quote: Option<String>,
    source: Option<String>,
    start: Option<i64>,
    end: Option<i64>,
    /// Independent outlets and copies reporting the act, when more than one source does.
    #[serde(skip_serializing_if = "Option::is_none")]
    outlets: Option<OutletsJson>,
}

#[derive(Serialize)]
struct OutletsJson {
    independent: i64,
    copies: i64,
}

/// Ordered by what it says, so the same links come out in the same order from any graph that
/// holds them (a walk's part of the graph numbers its links differently from the whole).
#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
struct LinkJson {
    subject: String,
    relation: String,
    label: String,
    object: String,
    causal: bool,
    claimed_by: Option<String>,
}

#[derive(Serialize)]
struct TreeNodeJson {
    act: String,
    depth: usize,
    relations: Vec<String>,
    mark: Mark,
}

#[derive(Serialize)]
struct TreeJson {
    root: String,
    way: Way,
    tree: Vec<TreeNodeJson>,
    /// The acts a walk bounded by --max-depth stopped at; absent when nothing was left out.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    deeper: Vec<String>,
    acts: Vec<ActJson>,
    links: Vec<LinkJson>,
}

#[derive(Serialize)]
struct ChainJson {
    length: usize,
    cycle: bool,
    acts: Vec<String>,
    relations: Vec<Vec<String>>,
}

#[derive(Serialize)]
struct ChainsJson {
    min_length: usize,
    truncated: bool,
    chains: Vec<ChainJson>,
    acts: Vec<ActJson>,
    links: Vec<LinkJson>,
}

#[derive(Serialize)]
struct ExchangeActJson {
    toward: Toward,
    #[serde(flatten)]
    act: ActJson,
}

#[derive(Serialize)]
struct ExchangeJson {
    a: ActorJson,
    b: ActorJson,
    acts: Vec<ExchangeActJson>,
    links: Vec<LinkJson>,
}

#[derive(Serialize)]
struct PairJson {
    a: ActorJson,
    b: ActorJson,
    a_to_b: Vec<String>,
    b_to_a: Vec<String>,
}

#[derive(Serialize)]
struct CycleJson {
    parties: Vec<ActorJson>,
    acts: Vec<Vec<String>>,
}

#[derive(Serialize)]
struct MutualJson {
    level: Level,
    accusations: usize,
    pairs: Vec<PairJson>,
    cycles: Vec<CycleJson>,
    circles: Vec<Vec<ActorJson>>,
    truncated: bool,
    /// The search for circles stopped on its work bound: `cycles` may miss some.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    search_stopped: bool,
    acts: Vec<ActJson>,
}

impl View<'_> {
    fn actor_json(&self, a: usize) -> ActorJson {
        ActorJson {
            iri: self.graph.actors[a].iri.clone(),
            label: self.graph.actors[a].label.clone(),
        }
    }

    fn act_json(&self, n: ActId) -> ActJson {
        let g = self.graph;
        let act = &g.graph[n];
        let d = self.details(n);
        ActJson {
            iri: act.iri.clone(),
            kind: act.kind,
            label: d.label,
            date: act.date.to_string(),
            actors: self.actors_json(&g.acted_by(n)),
            targets: self.actors_json(&g.aimed_at(n)),
            types: g
                .types_of(n)
                .iter()
                .map(|&t| {
                    let t = &g.types[t];
                    TypeJson {
                        iri: t.iri.clone(),
                        label: t.label.clone(),
                        cameo: t.code.clone(),
                        cameo_inherited: t.inherited,
                    }
                })
                .collect(),
            accusation: g.accuses(n),
            claims: act.claims.iter().map(|&c| g.graph[c].iri.clone()).collect(),
            quote: d.quote,
            source: d.source,
            start: d.start,
            end: d.end,
            outlets: d.outlets.map(|(independent, copies)| OutletsJson {
                independent,
                copies,
            }),
        }
    }

    /// Actors in the order of their IRIs, whichever graph numbered them.
    fn actors_json(&self, actors: &[ActorId]) -> Vec<ActorJson> {
        let mut out: Vec<ActorJson> = actors.iter().map(|&a| self.actor_json(a)).collect();
        out.sort();
        out
    }

    /// Links, each once, in the order of what they say.
    fn links_json(&self, links: impl IntoIterator<Item = EdgeIndex>) -> Vec<LinkJson> {
        let mut out: Vec<LinkJson> = links.into_iter().map(|e| self.link_json(e)).collect();
        out.sort();
        out.dedup();
        out
    }

    fn link_json(&self, e: EdgeIndex) -> LinkJson {
        let g = self.graph;
        let (s, o) = g.link_ends(e);
        let r = g.relation(e);
        LinkJson {
            subject: g.graph[s].iri.clone(),
            relation: r.iri.clone(),
            label: r.label.clone(),
            object: g.graph[o].iri.clone(),
            causal: r.causal,
            claimed_by: g.graph[e].claimed_by.map(|c| g.graph[c].iri.clone()),
        }
    }
}

fn to_json(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::other)?;
    writeln!(out)
}

/// The tree, every act in it with its details, and the links it follows, as stated.
fn tree_json(out: &mut impl Write, view: &View<'_>, tree: &Tree) -> io::Result<()> {
    let g = view.graph;
    let links: Vec<EdgeIndex> = tree.nodes.iter().flat_map(|n| n.links.clone()).collect();
    to_json(
        out,
        &TreeJson {
            root: g.graph[tree.root].iri.clone(),
            way: tree.way,
            tree: tree
                .nodes
                .iter()
                .map(|n| TreeNodeJson {
                    act: g.graph[n.act].iri.clone(),
                    depth: n.depth,
                    relations: n
                        .links
                        .iter()
                        .map(|&e| g.relation(e).phrase(tree.way).to_owned())
                        .collect(),
                    mark: n.mark,
                })
                .collect(),
            deeper: tree
                .deeper
                .iter()
                .map(|&n| g.graph[n].iri.clone())
                .collect(),
            acts: tree_acts(tree)
                .into_iter()
                .map(|n| view.act_json(n))
                .collect(),
            links: view.links_json(links),
        },
    )
}

fn chains_json(out: &mut impl Write, view: &View<'_>, chains: &Chains) -> io::Result<()> {
    let g = view.graph;
    let mut acts: Vec<ActId> = chains.chains.iter().flat_map(|c| c.acts.clone()).collect();
    acts.sort_unstable();
    acts.dedup();
    g.sort_by_time(&mut acts);
    let links: Vec<EdgeIndex> = chains
        .chains
        .iter()
        .flat_map(|c| c.links.iter().flatten().copied())
        .collect();
    to_json(
        out,
        &ChainsJson {
            min_length: chains.min_length,
            truncated: chains.truncated,
            chains: chains
                .chains
                .iter()
                .map(|c| ChainJson {
                    length: c.len(),
                    cycle: c.cycle,
                    acts: c.acts.iter().map(|&n| g.graph[n].iri.clone()).collect(),
                    relations: c
                        .links
                        .iter()
                        .map(|l| {
                            l.iter()
                                .map(|&e| g.relation(e).phrase(Way::Forward).to_owned())
                                .collect()
                        })
                        .collect(),
                })
                .collect(),
            acts: acts.into_iter().map(|n| view.act_json(n)).collect(),
            links: view.links_json(links),
        },
    )
}

fn exchange_json(out: &mut impl Write, view: &View<'_>, x: &Exchange) -> io::Result<()> {
    let links: Vec<EdgeIndex> = x.links.iter().flat_map(|l| l.2.clone()).collect();
    to_json(
        out,
        &ExchangeJson {
            a: view.actor_json(x.a),
            b: view.actor_json(x.b),
            acts: x
                .acts
                .iter()
                .map(|&(n, toward)| ExchangeActJson {
                    toward,
                    act: view.act_json(n),
                })
                .collect(),
            links: view.links_json(links),
        },
    )
}

fn mutual_json(out: &mut impl Write, view: &View<'_>, m: &Mutual) -> io::Result<()> {
    let g = view.graph;
    let iris = |acts: &[ActId]| acts.iter().map(|&n| g.graph[n].iri.clone()).collect();
    to_json(
        out,
        &MutualJson {
            level: m.level,
            accusations: m.accusations,
            pairs: m
                .pairs
                .iter()
                .map(|p| PairJson {
                    a: view.actor_json(p.a),
                    b: view.actor_json(p.b),
                    a_to_b: iris(&p.a_to_b),
                    b_to_a: iris(&p.b_to_a),
                })
                .collect(),
            cycles: m
                .cycles
                .iter()
                .map(|c| CycleJson {
                    parties: c.parties.iter().map(|&a| view.actor_json(a)).collect(),
                    acts: c.acts.iter().map(|a| iris(a)).collect(),
                })
                .collect(),
            circles: m
                .circles
                .iter()
                .map(|c| c.iter().map(|&a| view.actor_json(a)).collect())
                .collect(),
            truncated: m.truncated,
            search_stopped: m.search_stopped,
            acts: mutual_acts(m)
                .into_iter()
                .map(|n| view.act_json(n))
                .collect(),
        },
    )
}
