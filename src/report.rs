//! The reports both front ends (the command line and the shell) write: chains and mutual
//! accusations (the walk to perform, the data read from the store for it, then the renderer and,
//! for SVG, Graphviz), the list of saved queries, the counts of `stats`; and graph names as
//! users write them.

use crate::chain::{ActId, ChainGraph, Chains, Level, Tree, Way};
use crate::error::{Error, Result};
use crate::render::chain::{self as render, ChainAnswer, GraphFormat, View};
use crate::store::Dataset;
use crate::vocab;
use oxigraph::model::{GraphName, NamedNode};
use std::collections::{HashMap, HashSet};
use std::io::Write;

/// The walk `chain` performs. ACT and ACTOR are names as users write them: an IRI, a prefixed
/// name, or a label or alias.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Walk {
    /// From one act: going forward, everything that answered it, to the end of each chain;
    /// going backward, what it answered, back to the roots. With `max_depth`, only that many
    /// steps, naming the acts that go further.
    Act {
        name: String,
        way: Way,
        max_depth: Option<usize>,
    },
    /// The exchange between two parties.
    Between(String, String),
    /// Every maximal chain of at least `min_length` links.
    All { min_length: usize },
}

/// What `mutual` looks for: accusations between sides or actors, and circles of at most
/// `max_cycle` parties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MutualSearch {
    pub level: Level,
    pub max_cycle: usize,
}

/// Performs a walk over the response graph.
pub fn chain_answer(store: &Dataset, graph: &ChainGraph, walk: &Walk) -> Result<ChainAnswer> {
    Ok(match walk {
        Walk::Between(a, b) => ChainAnswer::Exchange(graph.exchange(a, b)?),
        Walk::All { min_length } => {
            let chains = graph.all_chains(*min_length);
            let trees = chain_trees(graph, &chains);
            ChainAnswer::Chains { chains, trees }
        }
        Walk::Act {
            name,
            way,
            max_depth,
        } => {
            let act = graph.resolve_act(store, name)?;
            if !graph.has_links(act) {
                let act = crate::chain::short(&graph.graph[act].iri);
                return Err(Error::NoLinks { act });
            }
            ChainAnswer::Tree(match max_depth {
                Some(depth) => graph.tree_to_depth(act, *way, *depth),
                None => graph.tree(act, *way),
            })
        }
    })
}

/// The response graph a walk needs. A walk from one act named by its IRI reads only the part
/// reachable from it through the store's indexes, a few dozen acts where the whole graph may
/// hold millions; anything else, or an act that part does not answer for (unknown, unlinked,
/// or reaching too far), gets the whole graph, which also resolves labels and suggests names.
pub fn graph_for(store: &Dataset, walk: &Walk) -> Result<ChainGraph> {
    if let Walk::Act { name, way, .. } = walk
        && let Some(iri) = crate::chain::as_iri(name.trim())
        && let Some(near) = ChainGraph::around(store, &iri, *way)?
        && near.act(&iri).is_some_and(|act| near.has_links(act))
    {
        return Ok(near);
    }
    whole_graph(store)
}

/// The whole response graph; data without any link is an error, not an empty answer.
pub fn whole_graph(store: &Dataset) -> Result<ChainGraph> {
    let graph = ChainGraph::build(store)?;
    if graph.link_count() == 0 {
        return Err(Error::NoResponseLinks);
    }
    Ok(graph)
}

/// Finds who accuses whom in return.
pub fn mutual_answer(graph: &ChainGraph, search: MutualSearch) -> ChainAnswer {
    ChainAnswer::Mutual(graph.mutual(search.level, search.max_cycle))
}

/// Reads from the store what the answer shows beyond the graph: labels, quotes and sources.
pub fn view<'a>(store: &Dataset, graph: &'a ChainGraph, answer: &ChainAnswer) -> Result<View<'a>> {
    let mut details = graph.details(store, answer.needs(graph))?;
    // Outlets are counted only where links across sources exist: one question to the store,
    // rather than one per act shown, on data that has none.
    if crate::corroborate::outlets::any_links(store)? {
        for (&n, d) in details.iter_mut() {
            d.outlets = crate::corroborate::outlets::outlets(store, &graph.graph[n].iri)?
                .filter(|&(_, copies)| copies > 1);
        }
    }
    Ok(View { graph, details })
}

/// Writes what `chain` shows; the shell's `.chain` writes it too.
pub fn write_chain(
    out: &mut impl Write,
    store: &Dataset,
    graph: &ChainGraph,
    walk: &Walk,
    format: GraphFormat,
) -> Result<()> {
    let answer = chain_answer(store, graph, walk)?;
    write_answer(out, &view(store, graph, &answer)?, &answer, format)
}

/// Writes what `mutual` shows; the shell's `.mutual` writes it too.
pub fn write_mutual(
    out: &mut impl Write,
    store: &Dataset,
    graph: &ChainGraph,
    search: MutualSearch,
    format: GraphFormat,
) -> Result<()> {
    let answer = mutual_answer(graph, search);
    write_answer(out, &view(store, graph, &answer)?, &answer, format)
}

/// Writes an answer in `format`, rendered whole first so that a failure writes nothing; SVG is
/// its DOT drawn by Graphviz.
pub fn write_answer(
    out: &mut impl Write,
    view: &View<'_>,
    answer: &ChainAnswer,
    format: GraphFormat,
) -> Result<()> {
    let mut buffer = Vec::new();
    render::write(&mut buffer, view, answer, format).map_err(|e| Error::Internal(e.to_string()))?;
    let io = |e| Error::io("<output>", e);
    if format == GraphFormat::Svg {
        crate::graphviz::svg(out, buffer)?;
    } else if format == GraphFormat::Text {
        // Text is read at a terminal: a label or quote holding escape sequences or bidirectional
        // controls must not drive it, so they are written as escapes (the lines stay lines).
        let text = String::from_utf8_lossy(&buffer);
        let lines: Vec<String> = text.split('\n').map(crate::error::visible).collect();
        out.write_all(lines.join("\n").as_bytes()).map_err(io)?;
    } else {
        out.write_all(&buffer).map_err(io)?;
    }
    out.flush().map_err(io)
}

/// The trees of every maximal chain, grouped by where they start, longest first.
fn chain_trees(graph: &ChainGraph, chains: &Chains) -> Vec<Tree> {
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

/// One line per saved query: name, title, and its variables with example values, each written
/// after `bind` (`--bind ` for `claimgraph queries`, nothing in the shell).
pub fn write_saved(
    out: &mut impl Write,
    all: &[crate::saved::Saved],
    bind: &str,
) -> std::io::Result<()> {
    let width = all.iter().map(|s| s.name.len()).max().unwrap_or(0);
    for s in all {
        let binds: Vec<String> = s
            .binds
            .iter()
            .map(|(v, e)| format!("{bind}{v}={e}"))
            .collect();
        let binds = if binds.is_empty() {
            String::new()
        } else {
            format!("  [{}]", binds.join(" "))
        };
        writeln!(out, "{:<width$}  {}{binds}", s.name, s.title)?;
    }
    Ok(())
}

/// The counts of `stats`, one per line; the shell's `.stats` writes them too.
pub fn write_stats(out: &mut impl Write, counts: &crate::stats::Stats) -> std::io::Result<()> {
    for (name, value) in counts.rows() {
        writeln!(out, "{name:<15} {value:>9}")?;
    }
    Ok(())
}

/// A graph as `--graph` takes it: `default`, `<iri>`, `prefix:name` or a bare IRI.
pub fn graph_name(spec: &str) -> Result<GraphName> {
    if spec == "default" {
        return Ok(GraphName::DefaultGraph);
    }
    let iri = spec
        .strip_prefix('<')
        .and_then(|s| s.strip_suffix('>'))
        .map(str::to_owned)
        .or_else(|| {
            (!spec.contains("://"))
                .then(|| vocab::expand(spec))
                .flatten()
        })
        .unwrap_or_else(|| spec.to_owned());
    NamedNode::new(iri)
        .map(GraphName::from)
        .map_err(|e| Error::Value(format!("--graph {spec}: not an IRI ({e})")))
}
