//! Chains, exchanges and mutual accusations, for people (indented trees and lists), for programs
//! (JSON) and for Graphviz (DOT, drawn as SVG by [`crate::graphviz`]). Every renderer writes to
//! `impl Write` and runs no program.

use crate::chain::{
    ActId, ChainGraph, Chains, Details, Exchange, Kind, Level, Mark, Mutual, Toward, Tree, Way,
    short,
};
use crate::error::{Error, Result};
use petgraph::graph::EdgeIndex;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::{self, Write};

/// How `chain` and `mutual` write their answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// Indented trees and lists, for people.
    Text,
    /// JSON, for programs.
    Json,
    /// Graphviz DOT.
    Dot,
    /// SVG, drawn by Graphviz's `dot`, which must be on PATH.
    Svg,
}

/// Writes an answer in `format`, with the writer for each family; SVG is the DOT drawn by `dot`.
pub fn write(
    out: &mut impl Write,
    format: GraphFormat,
    text: impl FnOnce(&mut Vec<u8>) -> io::Result<()>,
    json: impl FnOnce(&mut Vec<u8>) -> io::Result<()>,
    dot: impl FnOnce(&mut Vec<u8>) -> io::Result<()>,
) -> Result<()> {
    let mut buffer = Vec::new();
    match format {
        GraphFormat::Text => text(&mut buffer),
        GraphFormat::Json => json(&mut buffer),
        GraphFormat::Dot | GraphFormat::Svg => dot(&mut buffer),
    }
    .map_err(|e| Error::Internal(e.to_string()))?;
    let io = |e| Error::io("<output>", e);
    if format == GraphFormat::Svg {
        crate::graphviz::svg(out, buffer)?;
    } else {
        out.write_all(&buffer).map_err(io)?;
    }
    out.flush().map_err(io)
}

/// Quotes longer than this many characters are cut, with a marker.
const QUOTE_CHARS: usize = 100;

/// The graph and what was read from the store about the acts to be shown.
pub struct View<'a> {
    pub graph: &'a ChainGraph,
    pub details: HashMap<ActId, Details>,
}

impl<'a> View<'a> {
    /// Reads from the store what is shown of `acts` beyond the graph.
    pub fn read(
        graph: &'a ChainGraph,
        store: &oxigraph::store::Store,
        acts: impl IntoIterator<Item = ActId>,
    ) -> Result<View<'a>> {
        Ok(View {
            graph,
            details: graph.details(store, acts)?,
        })
    }

    fn details(&self, n: ActId) -> Details {
        self.details.get(&n).cloned().unwrap_or_default()
    }

    fn iri(&self, n: ActId) -> String {
        short(&self.graph.graph[n].iri)
    }

    /// "Attaullah Tarar", "Pakistan, Afghan Taliban government", or "no actor named".
    fn actors(&self, n: ActId) -> String {
        let names: Vec<&str> = self.graph.graph[n]
            .actors
            .iter()
            .map(|&a| self.graph.actors[a].label.as_str())
            .collect();
        if names.is_empty() {
            "no actor named".to_owned()
        } else {
            names.join(", ")
        }
    }

    /// "announcement (010), accusation 112": an inherited code in parentheses, as in the
    /// ontology's tables.
    fn types(&self, n: ActId) -> String {
        let types = self.graph.types_of(n);
        if types.is_empty() {
            return self.graph.graph[n].kind.name().to_owned();
        }
        types
            .iter()
            .map(|&t| {
                let t = &self.graph.types[t];
                match (&t.code, t.inherited) {
                    (Some(code), false) => format!("{} {code}", t.label),
                    (Some(code), true) => format!("{} ({code})", t.label),
                    (None, _) => t.label.clone(),
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Date, actor, type and IRI of an act, on one line.
    fn headline(&self, n: ActId) -> String {
        format!(
            "{} · {} · {} · {}",
            self.graph.graph[n].date,
            self.actors(n),
            self.types(n),
            self.iri(n)
        )
    }

    /// The quote, cut, and where it is written: the lines under a headline.
    fn provenance(&self, n: ActId) -> Vec<String> {
        let d = self.details(n);
        let mut lines = Vec::new();
        if let Some(q) = &d.quote {
            lines.push(format!("“{}”", cut(q, QUOTE_CHARS)));
        }
        lines.push(match (&d.source, d.start, d.end) {
            (Some(s), Some(a), Some(b)) => format!("at {} {a}–{b}", short(s)),
            (Some(s), _, _) => format!("at {} (offsets not computed)", short(s)),
            _ => "no provenance found".to_owned(),
        });
        lines
    }

    /// The relation phrases of a step, in the walk's direction, without repeats.
    fn relations(&self, links: &[EdgeIndex], way: Way) -> String {
        let mut out: Vec<&str> = Vec::new();
        for &e in links {
            let p = self.graph.relation(e).phrase(way);
            if !out.contains(&p) {
                out.push(p);
            }
        }
        out.join(", ")
    }

    /// Lines saying which claims carry a step that joins other acts than the two shown, and
    /// which claim states a link that is not a fact.
    fn link_notes(&self, links: &[EdgeIndex], shown: [ActId; 2]) -> Vec<String> {
        let mut notes = Vec::new();
        for &e in links {
            let (s, o) = self.graph.link_ends(e);
            let relation = self.graph.relation(e);
            if !shown.contains(&s) || !shown.contains(&o) {
                notes.push(format!(
                    "via {} {} {}",
                    self.iri(s),
                    relation.label,
                    self.iri(o)
                ));
            }
            if let Some(c) = self.graph.graph[e].claimed_by {
                notes.push(format!(
                    "the link is claimed by {}, not stated as fact",
                    self.iri(c)
                ));
            }
        }
        notes
    }

    fn label(&self, n: ActId) -> Option<String> {
        self.details(n).label
    }
}

/// `text` on one line, at most `max` characters, with `…` where it is cut.
fn cut(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let mut out: String = one_line.chars().take(max - 1).collect();
    out = out.trim_end().to_owned();
    out.push('…');
    out
}

/// The acts a tree shows and the links between them, as (subject, object, link) in the data's
/// direction: a response from the later act, a cause to its effect.
fn tree_links(tree: &Tree, graph: &ChainGraph) -> Vec<(ActId, ActId, EdgeIndex)> {
    let mut parents: Vec<ActId> = Vec::new();
    let mut out = Vec::new();
    for node in &tree.nodes {
        parents.truncate(node.depth);
        if let Some(&parent) = parents.last() {
            for &e in &node.links {
                let later_first = graph.relation(e).causal == (tree.way == Way::Backward);
                out.push(if later_first {
                    (node.act, parent, e)
                } else {
                    (parent, node.act, e)
                });
            }
        }
        parents.push(node.act);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The acts of a tree, each once, in the order shown.
fn tree_acts(tree: &Tree) -> Vec<ActId> {
    let mut seen = HashSet::new();
    tree.nodes
        .iter()
        .map(|n| n.act)
        .filter(|n| seen.insert(*n))
        .collect()
}

/// Every act whose details a tree needs: those shown and the claims its links pass through.
pub fn tree_needs(tree: &Tree, graph: &ChainGraph) -> Vec<ActId> {
    let mut out = tree_acts(tree);
    for node in &tree.nodes {
        for &e in &node.links {
            let (s, o) = graph.link_ends(e);
            out.extend([s, o]);
            out.extend(graph.graph[e].claimed_by);
        }
    }
    out
}

/// Writes a tree, indented, each hop with its relation to its parent, date, actor, type, quote
/// and source; repeats and cycles are marked, never followed.
pub fn write_tree(out: &mut impl Write, view: &View<'_>, tree: &Tree) -> io::Result<()> {
    let g = view.graph;
    let root = tree.root;
    let total = match tree.way {
        Way::Forward => g.forward(root),
        Way::Backward => g.backward(root),
    };
    let shown_total = total.iter().filter(|&&n| g.shown(n) && n != root).count();
    match tree.way {
        Way::Forward => writeln!(
            out,
            "What answered {} and what followed from it ({shown_total} act{}):",
            view.iri(root),
            plural(shown_total)
        )?,
        Way::Backward => {
            let roots: Vec<String> = g.roots(root).iter().map(|&r| view.iri(r)).collect();
            writeln!(
                out,
                "What {} answered, back to the roots ({shown_total} act{}; root{}: {}):",
                view.iri(root),
                plural(shown_total),
                plural(roots.len()),
                if roots.is_empty() {
                    "none, the chain goes round".to_owned()
                } else {
                    roots.join(", ")
                }
            )?
        }
    }
    write_tree_body(out, view, tree, true)?;
    if shown_total == 0 {
        let other = match tree.way {
            Way::Forward => g.steps(root, Way::Backward).len(),
            Way::Backward => g.steps(root, Way::Forward).len(),
        };
        let (what, flag) = match tree.way {
            Way::Forward => ("nothing answers it; it answers", "--to"),
            Way::Backward => ("it answers nothing; it is answered by", "--from"),
        };
        writeln!(
            out,
            "({what} {other} act{}: claimgraph chain {flag} {})",
            plural(other),
            view.iri(root)
        )?;
    }
    legend(out, std::slice::from_ref(tree))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Explains the marks used, if any.
fn legend(out: &mut impl Write, trees: &[Tree]) -> io::Result<()> {
    let marks: BTreeSet<&str> = trees
        .iter()
        .flat_map(|t| &t.nodes)
        .filter_map(|n| match n.mark {
            Mark::First => None,
            Mark::SeeAbove => Some("↑ see above: shown once, higher up, with what follows from it"),
            Mark::Cycle => Some("↻ cycle: the chain comes back to an act already on it"),
        })
        .collect();
    for m in marks {
        writeln!(out, "{m}")?;
    }
    Ok(())
}

/// The tree itself. With `context`, the root says what it answers (forward) or what answers it
/// (backward), so that a walk one way shows where the other way would go.
fn write_tree_body(
    out: &mut impl Write,
    view: &View<'_>,
    tree: &Tree,
    context: bool,
) -> io::Result<()> {
    let g = view.graph;
    let nodes = &tree.nodes;
    // Whether each node is the last child of its parent.
    let last: Vec<bool> = (0..nodes.len())
        .map(|i| {
            nodes[i + 1..]
                .iter()
                .find(|m| m.depth <= nodes[i].depth)
                .is_none_or(|m| m.depth < nodes[i].depth)
        })
        .collect();
    let mut child_prefix: Vec<String> = Vec::new();
    let mut parents: Vec<ActId> = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        child_prefix.truncate(node.depth);
        parents.truncate(node.depth);
        let above = child_prefix.last().cloned().unwrap_or_default();
        let has_children = nodes.get(i + 1).is_some_and(|m| m.depth > node.depth);
        let (line, mine) = if node.depth == 0 {
            (format!("● {}", view.headline(node.act)), String::new())
        } else {
            let (connector, mine) = if last[i] {
                ("└── ", "    ")
            } else {
                ("├── ", "│   ")
            };
            let relation = view.relations(&node.links, tree.way);
            let what = match node.mark {
                Mark::First => view.headline(node.act),
                Mark::SeeAbove => format!(
                    "↑ see above: {} · {}",
                    view.iri(node.act),
                    g.graph[node.act].date
                ),
                Mark::Cycle => format!("↻ cycle: back to {}", view.iri(node.act)),
            };
            (
                format!("{above}{connector}{relation} ▸ {what}"),
                format!("{above}{mine}"),
            )
        };
        writeln!(out, "{line}")?;
        let detail_prefix = format!("{mine}{}", if has_children { "│ " } else { "  " });
        let mut details = Vec::new();
        if let Some(&parent) = parents.last() {
            details.extend(view.link_notes(&node.links, [parent, node.act]));
        }
        if node.mark == Mark::First {
            details.extend(view.provenance(node.act));
        }
        if context && node.depth == 0 {
            let other = match tree.way {
                Way::Forward => Way::Backward,
                Way::Backward => Way::Forward,
            };
            let steps = g.steps(node.act, other);
            if !steps.is_empty() {
                let listed: Vec<String> = steps
                    .iter()
                    .map(|s| format!("{} {}", view.relations(&s.links, tree.way), view.iri(s.act)))
                    .collect();
                details.push(format!(
                    "{}: {}",
                    match tree.way {
                        Way::Forward => "it answers (see --to)",
                        Way::Backward => "answered by (see --from)",
                    },
                    listed.join("; ")
                ));
            }
        }
        for d in details {
            writeln!(out, "{detail_prefix}{d}")?;
        }
        child_prefix.push(mine);
        parents.push(node.act);
    }
    Ok(())
}

/// The trees of every maximal chain, grouped by where they start, longest first.
pub fn chain_trees(graph: &ChainGraph, chains: &Chains) -> Vec<Tree> {
    let mut order: Vec<ActId> = Vec::new();
    let mut allowed: HashMap<ActId, HashSet<(ActId, ActId)>> = HashMap::new();
    for c in &chains.chains {
        let start = c.acts[0];
        if !order.contains(&start) {
            order.push(start);
        }
        let set = allowed.entry(start).or_default();
        for w in c.acts.windows(2) {
            set.insert((w[0], w[1]));
        }
    }
    order
        .into_iter()
        .map(|start| graph.tree_within(start, Way::Forward, allowed.get(&start)))
        .collect()
}

/// Writes every maximal chain: one tree per starting act, longest chain first.
pub fn write_chains(
    out: &mut impl Write,
    view: &View<'_>,
    chains: &Chains,
    trees: &[Tree],
) -> io::Result<()> {
    let n = chains.chains.len();
    if n == 0 {
        return writeln!(
            out,
            "No chain has {} link{} or more; try a smaller --min-length.",
            chains.min_length,
            plural(chains.min_length)
        );
    }
    writeln!(
        out,
        "{n} maximal chain{} of {} link{} or more, longest first (the longest has {}){}:",
        plural(n),
        chains.min_length,
        plural(chains.min_length),
        chains.chains[0].len(),
        if chains.truncated {
            format!("; stopped after {}", crate::chain::MAX_CHAINS)
        } else {
            String::new()
        }
    )?;
    for tree in trees {
        let mine: Vec<usize> = chains
            .chains
            .iter()
            .filter(|c| c.acts[0] == tree.root)
            .map(|c| c.len())
            .collect();
        writeln!(out)?;
        writeln!(
            out,
            "From {}: {} chain{}, {} link{}:",
            view.iri(tree.root),
            mine.len(),
            plural(mine.len()),
            match (mine.iter().min(), mine.iter().max()) {
                (Some(a), Some(b)) if a != b => format!("{a} to {b}"),
                (_, Some(b)) => b.to_string(),
                _ => "0".to_owned(),
            },
            plural(mine.iter().max().copied().unwrap_or(0))
        )?;
        write_tree_body(out, view, tree, false)?;
    }
    legend(out, trees)
}

/// "Pakistan (actor:pakistan)".
fn party(graph: &ChainGraph, a: usize) -> String {
    format!(
        "{} ({})",
        graph.actors[a].label,
        short(&graph.actors[a].iri)
    )
}

/// Writes the exchange between two parties: each act numbered, in time order, with its
/// direction and the earlier acts of the exchange it answers.
pub fn write_exchange(out: &mut impl Write, view: &View<'_>, x: &Exchange) -> io::Result<()> {
    let g = view.graph;
    let (a, b) = (&g.actors[x.a].label, &g.actors[x.b].label);
    writeln!(
        out,
        "Between {} and {}, each with the actors affiliated with it: {} act{}, {} link{} among them, in time order{}",
        party(g, x.a),
        party(g, x.b),
        x.acts.len(),
        plural(x.acts.len()),
        x.links.len(),
        plural(x.links.len()),
        if x.acts.is_empty() { "." } else { ":" }
    )?;
    if x.acts.is_empty() {
        return writeln!(
            out,
            "(neither acts toward the other: no claim, statement or event of one targets the other)"
        );
    }
    let number: HashMap<ActId, usize> = x
        .acts
        .iter()
        .enumerate()
        .map(|(i, (n, _))| (*n, i + 1))
        .collect();
    let width = x.acts.len().to_string().len();
    for (i, (n, toward)) in x.acts.iter().enumerate() {
        let arrow = match toward {
            Toward::AtoB => format!("{a} → {b}"),
            Toward::BtoA => format!("{b} → {a}"),
            Toward::Both => format!("{a} ⇄ {b}"),
        };
        writeln!(
            out,
            "{:>width$}. {} · {arrow} · {}",
            i + 1,
            g.graph[*n].date,
            view.headline(*n)
                .split_once(" · ")
                .map_or(String::new(), |(_, rest)| rest.to_owned())
        )?;
        let pad = " ".repeat(width + 2);
        for line in view.provenance(*n) {
            writeln!(out, "{pad}{line}")?;
        }
        for (later, earlier, links) in &x.links {
            if later == n {
                writeln!(
                    out,
                    "{pad}↳ {} {}. {}",
                    view.relations(links, Way::Forward),
                    number[earlier],
                    view.iri(*earlier)
                )?;
                for note in view.link_notes(links, [*later, *earlier]) {
                    writeln!(out, "{pad}  {note}")?;
                }
            }
        }
    }
    Ok(())
}

/// Writes who accuses whom in return.
pub fn write_mutual(out: &mut impl Write, view: &View<'_>, m: &Mutual) -> io::Result<()> {
    let g = view.graph;
    writeln!(
        out,
        "{}; {} act{} accuse someone (accusation, criticism or counter-accusation: CAMEO 111, 112).",
        match m.level {
            Level::Sides =>
                "Mutual accusation between sides (each actor counts for where cg:affiliatedWith leads; --actors compares actors themselves)",
            Level::Actors =>
                "Mutual accusation between actors (--actors; without it, actors count for their sides)",
        },
        m.accusations,
        plural(m.accusations)
    )?;
    if m.pairs.is_empty() {
        writeln!(out, "No two parties accuse each other.")?;
    }
    for p in &m.pairs {
        writeln!(out)?;
        writeln!(
            out,
            "{} ⇄ {}: {} act{} one way, {} the other",
            party(g, p.a),
            party(g, p.b),
            p.a_to_b.len(),
            plural(p.a_to_b.len()),
            p.b_to_a.len()
        )?;
        for (from, to, acts) in [(p.a, p.b, &p.a_to_b), (p.b, p.a, &p.b_to_a)] {
            writeln!(out, "  {} → {}:", g.actors[from].label, g.actors[to].label)?;
            for &n in acts {
                write_accusation(out, view, n, "    ")?;
            }
        }
    }
    writeln!(out)?;
    if m.cycles.is_empty() {
        writeln!(
            out,
            "No circle of three or more parties each accusing the next."
        )?;
    } else {
        writeln!(
            out,
            "Circles of recrimination (each party accuses the next, the last the first){}:",
            if m.truncated {
                format!("; the first {}", crate::chain::MAX_CYCLES)
            } else {
                String::new()
            }
        )?;
        for c in &m.cycles {
            let names: Vec<&str> = c
                .parties
                .iter()
                .chain(c.parties.first())
                .map(|&a| g.actors[a].label.as_str())
                .collect();
            let counts: Vec<String> = c.acts.iter().map(|a| a.len().to_string()).collect();
            writeln!(
                out,
                "  {} (acts per step: {})",
                names.join(" → "),
                counts.join(", ")
            )?;
        }
    }
    for circle in &m.circles {
        let names: Vec<&str> = circle
            .iter()
            .take(12)
            .map(|&a| g.actors[a].label.as_str())
            .collect();
        writeln!(
            out,
            "Each of these {} parties is led back to itself through accusations: {}{}",
            circle.len(),
            names.join(", "),
            if circle.len() > 12 { ", …" } else { "" }
        )?;
    }
    Ok(())
}

/// One accusation: date, who accuses whom, type, IRI, quote and source.
fn write_accusation(out: &mut impl Write, view: &View<'_>, n: ActId, pad: &str) -> io::Result<()> {
    let g = view.graph;
    let targets: Vec<&str> = g
        .aimed_at(n)
        .iter()
        .map(|&a| g.actors[a].label.as_str())
        .collect();
    let actors: Vec<&str> = g
        .acted_by(n)
        .iter()
        .map(|&a| g.actors[a].label.as_str())
        .collect();
    writeln!(
        out,
        "{pad}{} · {} → {} · {} · {}",
        g.graph[n].date,
        actors.join(", "),
        targets.join(", "),
        view.types(n),
        view.iri(n)
    )?;
    for line in view.provenance(n) {
        writeln!(out, "{pad}  {line}")?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// JSON

#[derive(Serialize)]
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
}

#[derive(Serialize)]
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
            actors: g.acted_by(n).iter().map(|&a| self.actor_json(a)).collect(),
            targets: g.aimed_at(n).iter().map(|&a| self.actor_json(a)).collect(),
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
        }
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
pub fn tree_json(out: &mut impl Write, view: &View<'_>, tree: &Tree) -> io::Result<()> {
    let g = view.graph;
    let mut links: Vec<EdgeIndex> = tree.nodes.iter().flat_map(|n| n.links.clone()).collect();
    links.sort_unstable();
    links.dedup();
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
            acts: tree_acts(tree)
                .into_iter()
                .map(|n| view.act_json(n))
                .collect(),
            links: links.into_iter().map(|e| view.link_json(e)).collect(),
        },
    )
}

pub fn chains_json(out: &mut impl Write, view: &View<'_>, chains: &Chains) -> io::Result<()> {
    let g = view.graph;
    let mut acts: Vec<ActId> = chains.chains.iter().flat_map(|c| c.acts.clone()).collect();
    acts.sort_unstable();
    acts.dedup();
    g.sort_by_time(&mut acts);
    let mut links: Vec<EdgeIndex> = chains
        .chains
        .iter()
        .flat_map(|c| c.links.iter().flatten().copied())
        .collect();
    links.sort_unstable();
    links.dedup();
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
            links: links.into_iter().map(|e| view.link_json(e)).collect(),
        },
    )
}

pub fn exchange_json(out: &mut impl Write, view: &View<'_>, x: &Exchange) -> io::Result<()> {
    let mut links: Vec<EdgeIndex> = x.links.iter().flat_map(|l| l.2.clone()).collect();
    links.sort_unstable();
    links.dedup();
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
            links: links.into_iter().map(|e| view.link_json(e)).collect(),
        },
    )
}

pub fn mutual_json(out: &mut impl Write, view: &View<'_>, m: &Mutual) -> io::Result<()> {
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
            acts: mutual_acts(m)
                .into_iter()
                .map(|n| view.act_json(n))
                .collect(),
        },
    )
}

/// The acts a mutual report names.
pub fn mutual_acts(m: &Mutual) -> Vec<ActId> {
    let mut acts: Vec<ActId> = m
        .pairs
        .iter()
        .flat_map(|p| p.a_to_b.iter().chain(&p.b_to_a).copied())
        .chain(
            m.cycles
                .iter()
                .flat_map(|c| c.acts.iter().flatten().copied()),
        )
        .collect();
    acts.sort_unstable();
    acts.dedup();
    acts
}

// ---------------------------------------------------------------------------------------------
// Graphviz

/// A DOT string literal: backslashes, quotes and line breaks escaped.
pub fn dot_string(text: &str) -> String {
    format!("\"{}\"", dot_escape(text))
}

/// The inside of a DOT string literal.
fn dot_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// The fill colour of an act, by its type of act: accusations red, denials blue, rejections
/// purple, threats orange, demands yellow, cooperation green, uses of force brown, the rest grey.
fn colour(view: &View<'_>, n: ActId) -> &'static str {
    let g = view.graph;
    if g.accuses(n) {
        return "#fb8072";
    }
    let codes: Vec<&str> = g
        .types_of(n)
        .iter()
        .filter_map(|&t| g.types[t].code.as_deref())
        .collect();
    let has = |prefix: &str| codes.iter().any(|c| c.starts_with(prefix));
    if has("016") {
        "#80b1d3"
    } else if has("12") {
        "#bebada"
    } else if has("13") {
        "#fdb462"
    } else if has("10") {
        "#ffffb3"
    } else if has("02") || has("03") || has("04") || has("05") || has("08") {
        "#b3de69"
    } else if has("19") || has("18") || has("17") {
        "#d8b365"
    } else {
        "#eeeeee"
    }
}

/// Writes acts and the links among them as a Graphviz digraph: nodes coloured by type of act
/// (events as boxes), edges drawn in the data's direction (a response from the later act, a cause
/// to its effect) and labelled with their relation, causal links blue, links only claimed dashed.
pub fn write_dot(
    out: &mut impl Write,
    view: &View<'_>,
    title: &str,
    acts: &[ActId],
    links: &[(ActId, ActId, EdgeIndex)],
) -> io::Result<()> {
    let g = view.graph;
    writeln!(out, "digraph chain {{")?;
    writeln!(out, "  label={};", dot_string(title))?;
    writeln!(out, "  labelloc=t;")?;
    writeln!(out, "  rankdir=BT;")?;
    writeln!(
        out,
        "  node [style=filled, fontname=\"Helvetica\", fontsize=10];"
    )?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=9];")?;
    let mut seen = HashSet::new();
    for &n in acts {
        if !seen.insert(n) {
            continue;
        }
        let act = &g.graph[n];
        let mut lines = vec![view.iri(n), format!("{} · {}", act.date, view.actors(n))];
        lines.push(view.types(n));
        if let Some(label) = view.label(n) {
            lines.push(cut(&label, 60));
        }
        // Each line escaped, then joined with DOT's own line break.
        let label = lines
            .iter()
            .map(|l| dot_escape(l))
            .collect::<Vec<_>>()
            .join("\\n");
        writeln!(
            out,
            "  {} [label=\"{label}\", shape={}, fillcolor={}, tooltip={}];",
            dot_string(&act.iri),
            if act.kind == Kind::Event {
                "box"
            } else {
                "ellipse"
            },
            dot_string(colour(view, n)),
            dot_string(&act.iri)
        )?;
    }
    let mut drawn = HashSet::new();
    for &(s, o, e) in links {
        let r = g.relation(e);
        if !drawn.insert((s, o, g.graph[e].relation)) {
            continue;
        }
        let mut attrs = vec![format!("label={}", dot_string(&r.label))];
        // Time runs down the page: every edge is written from the later act to the earlier one,
        // so a causal link (cause to effect) is written effect -> cause and drawn backwards.
        let (tail, head) = if r.causal {
            attrs.push("dir=back".to_owned());
            attrs.push("color=\"#1f78b4\"".to_owned());
            attrs.push("fontcolor=\"#1f78b4\"".to_owned());
            (o, s)
        } else {
            (s, o)
        };
        if g.graph[e].claimed_by.is_some() {
            attrs.push("style=dashed".to_owned());
        }
        writeln!(
            out,
            "  {} -> {} [{}];",
            dot_string(&g.graph[tail].iri),
            dot_string(&g.graph[head].iri),
            attrs.join(", ")
        )?;
    }
    writeln!(out, "}}")
}

/// A tree as DOT.
pub fn tree_dot(out: &mut impl Write, view: &View<'_>, tree: &Tree, title: &str) -> io::Result<()> {
    write_dot(
        out,
        view,
        title,
        &tree_acts(tree),
        &tree_links(tree, view.graph),
    )
}

/// Chains as DOT.
pub fn chains_dot(
    out: &mut impl Write,
    view: &View<'_>,
    trees: &[Tree],
    title: &str,
) -> io::Result<()> {
    let acts: Vec<ActId> = trees.iter().flat_map(tree_acts).collect();
    let links: Vec<(ActId, ActId, EdgeIndex)> = trees
        .iter()
        .flat_map(|t| tree_links(t, view.graph))
        .collect();
    write_dot(out, view, title, &acts, &links)
}

/// An exchange as DOT.
pub fn exchange_dot(out: &mut impl Write, view: &View<'_>, x: &Exchange) -> io::Result<()> {
    let g = view.graph;
    let acts: Vec<ActId> = x.acts.iter().map(|(n, _)| *n).collect();
    let mut links = Vec::new();
    for (later, earlier, es) in &x.links {
        for &e in es {
            links.push(if g.relation(e).causal {
                (*earlier, *later, e)
            } else {
                (*later, *earlier, e)
            });
        }
    }
    let title = format!(
        "Between {} and {}",
        g.actors[x.a].label, g.actors[x.b].label
    );
    write_dot(out, view, &title, &acts, &links)
}

/// Who accuses whom, as DOT: parties as nodes, an edge per direction labelled with its number of
/// acts; the edges of mutual pairs red, of circles orange.
pub fn mutual_dot(out: &mut impl Write, view: &View<'_>, m: &Mutual) -> io::Result<()> {
    let g = view.graph;
    writeln!(out, "digraph mutual {{")?;
    writeln!(
        out,
        "  label={};",
        dot_string("Mutual accusation (edge labels: number of acts)")
    )?;
    writeln!(out, "  labelloc=t;")?;
    writeln!(
        out,
        "  node [shape=box, style=filled, fillcolor=\"#eeeeee\", fontname=\"Helvetica\", fontsize=10];"
    )?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=9];")?;
    let mut edges: Vec<(usize, usize, usize, &str)> = Vec::new();
    for p in &m.pairs {
        edges.push((p.a, p.b, p.a_to_b.len(), "#e31a1c"));
        edges.push((p.b, p.a, p.b_to_a.len(), "#e31a1c"));
    }
    for c in &m.cycles {
        for (i, acts) in c.acts.iter().enumerate() {
            let (x, y) = (c.parties[i], c.parties[(i + 1) % c.parties.len()]);
            if !edges.iter().any(|e| e.0 == x && e.1 == y) {
                edges.push((x, y, acts.len(), "#ff7f00"));
            }
        }
    }
    let mut parties: Vec<usize> = edges.iter().flat_map(|e| [e.0, e.1]).collect();
    parties.sort_unstable();
    parties.dedup();
    for a in parties {
        let actor = &g.actors[a];
        writeln!(
            out,
            "  {} [label={}];",
            dot_string(&actor.iri),
            dot_string(&format!("{}\n{}", actor.label, short(&actor.iri)))
        )?;
    }
    for (x, y, n, colour) in edges {
        writeln!(
            out,
            "  {} -> {} [label={}, color={}];",
            dot_string(&g.actors[x].iri),
            dot_string(&g.actors[y].iri),
            dot_string(&format!("accuses ({n})")),
            dot_string(colour)
        )?;
    }
    writeln!(out, "}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_strings_escape_quotes_backslashes_and_newlines() {
        assert_eq!(dot_string("a\"b"), "\"a\\\"b\"");
        assert_eq!(dot_string("graph:x\\/y"), "\"graph:x\\\\/y\"");
        assert_eq!(dot_string("one\ntwo"), "\"one\\ntwo\"");
    }

    #[test]
    fn quotes_are_cut_with_a_marker() {
        assert_eq!(cut("short  text", 20), "short text");
        let long = "word ".repeat(40);
        let c = cut(&long, 20);
        assert!(c.ends_with('…'), "{c}");
        assert!(c.chars().count() <= 20, "{c}");
    }
}
