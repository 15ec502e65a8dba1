//! Chains, exchanges and mutual accusations for Graphviz: DOT digraphs, acts coloured by type
//! and links labelled with their relation. Drawing them (SVG) is [`crate::graphviz`]'s job.

use super::{ChainAnswer, View, cut, tree_acts};
use crate::chain::{ActId, ChainGraph, Exchange, Kind, Mutual, Tree, Way, short};
use petgraph::graph::EdgeIndex;
use std::collections::HashSet;
use std::io::{self, Write};

/// Writes an answer as a DOT digraph.
pub(super) fn write(out: &mut impl Write, view: &View<'_>, answer: &ChainAnswer) -> io::Result<()> {
    match answer {
        ChainAnswer::Tree(tree) => {
            let title = format!(
                "{:?} from {}",
                tree.way,
                short(&view.graph.graph[tree.root].iri)
            );
            tree_dot(out, view, tree, &title)
        }
        ChainAnswer::Chains { trees, .. } => chains_dot(out, view, trees, "Every maximal chain"),
        ChainAnswer::Exchange(x) => exchange_dot(out, view, x),
        ChainAnswer::Mutual(m) => mutual_dot(out, view, m),
    }
}

/// A DOT string literal: backslashes, quotes and line breaks escaped.
fn dot_string(text: &str) -> String {
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
fn write_dot(
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
fn tree_dot(out: &mut impl Write, view: &View<'_>, tree: &Tree, title: &str) -> io::Result<()> {
    write_dot(
        out,
        view,
        title,
        &tree_acts(tree),
        &tree_links(tree, view.graph),
    )
}

/// Chains as DOT.
fn chains_dot(
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
fn exchange_dot(out: &mut impl Write, view: &View<'_>, x: &Exchange) -> io::Result<()> {
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
fn mutual_dot(out: &mut impl Write, view: &View<'_>, m: &Mutual) -> io::Result<()> {
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
    // In the order of what the links say, so any graph holding them draws them alike (a walk's
    // part of the graph numbers its acts and links differently from the whole).
    let key = |&(s, o, e): &(ActId, ActId, EdgeIndex)| {
        let claim = graph.graph[e].claimed_by.map(|c| &graph.graph[c].iri);
        (
            &graph.graph[s].iri,
            &graph.graph[o].iri,
            &graph.relation(e).iri,
            claim,
        )
    };
    out.sort_by(|a, b| key(a).cmp(&key(b)));
    out.dedup();
    out
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
}
