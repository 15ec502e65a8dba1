//! Chains, exchanges and mutual accusations: the one [`ChainAnswer`] type, the [`View`] of the
//! graph a renderer reads, and [`write`], which picks the format once. Each format has its file:
//! `text` for people (indented trees and lists), `json` for programs, `dot` for Graphviz (drawn
//! as SVG by [`crate::graphviz`], never here). Renderers receive data, never a store, and write
//! to `impl Write`.

mod dot;
mod json;
mod text;

use crate::chain::{ActId, ChainGraph, Chains, Details, Exchange, Mutual, Tree, Way, short};
use petgraph::graph::EdgeIndex;
use std::collections::{HashMap, HashSet};
use std::io::{self, Write};

/// How `chain` and `mutual` write their answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    Text,
    Json,
    Dot,
    Svg,
}

impl GraphFormat {
    /// Every format, in the order help lists them.
    pub const ALL: [GraphFormat; 4] = [
        GraphFormat::Text,
        GraphFormat::Json,
        GraphFormat::Dot,
        GraphFormat::Svg,
    ];

    /// The name users write (`--format`).
    pub fn name(self) -> &'static str {
        match self {
            GraphFormat::Text => "text",
            GraphFormat::Json => "json",
            GraphFormat::Dot => "dot",
            GraphFormat::Svg => "svg",
        }
    }

    /// What the format is, as help lists it.
    pub fn summary(self) -> &'static str {
        match self {
            GraphFormat::Text => "Indented trees and lists, for people",
            GraphFormat::Json => "JSON, for programs",
            GraphFormat::Dot => "Graphviz DOT",
            GraphFormat::Svg => "SVG, drawn by Graphviz's `dot`, which must be on PATH",
        }
    }
}

/// A format by its name, in any case.
impl std::str::FromStr for GraphFormat {
    type Err = String;

    fn from_str(name: &str) -> std::result::Result<GraphFormat, String> {
        GraphFormat::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
            .ok_or_else(|| format!("unknown format {name:?}"))
    }
}

/// What `chain` and `mutual` found, ready to be written in any format.
pub enum ChainAnswer {
    /// What answered an act and what followed (forward), or what it answered (backward).
    Tree(Tree),
    /// Every maximal chain, with one tree per act they start from, longest chain first.
    Chains { chains: Chains, trees: Vec<Tree> },
    /// The exchange between two parties.
    Exchange(Exchange),
    /// Who accuses whom in return.
    Mutual(Mutual),
}

impl ChainAnswer {
    /// Every act whose details (label, quote, source) the answer shows, for the caller to read
    /// into the [`View`].
    pub fn needs(&self, graph: &ChainGraph) -> Vec<ActId> {
        match self {
            ChainAnswer::Tree(tree) => tree_needs(tree, graph),
            ChainAnswer::Chains { trees, .. } => {
                trees.iter().flat_map(|t| tree_needs(t, graph)).collect()
            }
            ChainAnswer::Exchange(x) => x.acts.iter().map(|(n, _)| *n).collect(),
            ChainAnswer::Mutual(m) => mutual_acts(m),
        }
    }
}

/// Writes an answer in `format`. SVG is drawn from DOT by the caller ([`crate::graphviz`]): for
/// it, as for DOT, this writes the DOT text.
pub fn write(
    out: &mut impl Write,
    view: &View<'_>,
    answer: &ChainAnswer,
    format: GraphFormat,
) -> io::Result<()> {
    match format {
        GraphFormat::Text => text::write(out, view, answer),
        GraphFormat::Json => json::write(out, view, answer),
        GraphFormat::Dot | GraphFormat::Svg => dot::write(out, view, answer),
    }
}

/// Quotes longer than this many characters are cut, with a marker.
const QUOTE_CHARS: usize = 100;

/// The graph and what was read from the store about the acts to be shown: all a renderer reads.
pub struct View<'a> {
    pub graph: &'a ChainGraph,
    pub details: HashMap<ActId, Details>,
}

impl View<'_> {
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
        if let Some((outlets, copies)) = d.outlets {
            lines.push(crate::corroborate::outlets::words(outlets, copies));
        }
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
fn tree_needs(tree: &Tree, graph: &ChainGraph) -> Vec<ActId> {
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

/// The acts a mutual report names.
fn mutual_acts(m: &Mutual) -> Vec<ActId> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_cut_with_a_marker() {
        assert_eq!(cut("short  text", 20), "short text");
        let long = "word ".repeat(40);
        let c = cut(&long, 20);
        assert!(c.ends_with('…'), "{c}");
        assert!(c.chars().count() <= 20, "{c}");
    }

    /// A search for circles stopped on its work bound says so, in text and in JSON; a complete
    /// one says nothing.
    #[test]
    fn a_stopped_search_for_circles_is_reported() {
        use crate::report::{MutualSearch, mutual_answer, view, whole_graph};
        let dataset = crate::store::Dataset::open(&crate::store::DataOptions::default()).unwrap();
        let graph = whole_graph(&dataset).unwrap();
        let search = MutualSearch {
            level: crate::chain::Level::Sides,
            max_cycle: 4,
        };
        for stopped in [false, true] {
            let mut answer = mutual_answer(&graph, search);
            if let ChainAnswer::Mutual(m) = &mut answer {
                m.search_stopped = stopped;
            }
            let view = view(&dataset, &graph, &answer).unwrap();
            let (mut text, mut json) = (Vec::new(), Vec::new());
            write(&mut text, &view, &answer, GraphFormat::Text).unwrap();
            write(&mut json, &view, &answer, GraphFormat::Json).unwrap();
            let text = String::from_utf8(text).unwrap();
            let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
            assert_eq!(text.contains("circles may be missing"), stopped, "{text}");
            assert_eq!(json.get("search_stopped").is_some(), stopped);
        }
    }
}
