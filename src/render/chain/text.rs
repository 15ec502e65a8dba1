//! Chains, exchanges and mutual accusations for people: indented trees, numbered exchanges and
//! lists of accusations, each act with its date, actor, type, quote and source.

use super::{ChainAnswer, View};
use crate::chain::{
    ActId, ChainGraph, Chains, Exchange, Level, Mark, Mutual, Toward, Tree, Way, short,
};
use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};

/// Writes an answer as text.
pub(super) fn write(out: &mut impl Write, view: &View<'_>, answer: &ChainAnswer) -> io::Result<()> {
    match answer {
        ChainAnswer::Tree(tree) => write_tree(out, view, tree),
        ChainAnswer::Chains { chains, trees } => write_chains(out, view, chains, trees),
        ChainAnswer::Exchange(x) => write_exchange(out, view, x),
        ChainAnswer::Mutual(m) => write_mutual(out, view, m),
    }
}

/// Writes a tree, indented, each hop with its relation to its parent, date, actor, type, quote
/// and source; repeats and cycles are marked, never followed.
fn write_tree(out: &mut impl Write, view: &View<'_>, tree: &Tree) -> io::Result<()> {
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
            // Without a root behind it, an act either answers nothing itself (the line after the
            // tree says so) or goes back only round a circle.
            let roots = if !roots.is_empty() {
                format!("; root{}: {}", plural(roots.len()), roots.join(", "))
            } else if shown_total == 0 {
                String::new()
            } else {
                "; roots: none, the chain goes round".to_owned()
            };
            writeln!(
                out,
                "What {} answered, back to the roots ({shown_total} act{}{roots}):",
                view.iri(root),
                plural(shown_total),
            )?
        }
    }
    write_tree_body(out, view, tree, true)?;
    write_deeper(out, view, tree)?;
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

/// Names the acts a walk bounded by --max-depth stopped at, and how to walk on from them.
fn write_deeper(out: &mut impl Write, view: &View<'_>, tree: &Tree) -> io::Result<()> {
    if tree.deeper.is_empty() {
        return Ok(());
    }
    let depth = tree.nodes.iter().map(|n| n.depth).max().unwrap_or(0);
    let flag = match tree.way {
        Way::Forward => "--from",
        Way::Backward => "--to",
    };
    let names: Vec<String> = tree.deeper.iter().take(5).map(|&n| view.iri(n)).collect();
    writeln!(
        out,
        "(stopped {depth} step{} away: {} act{} further; walk on with claimgraph chain {flag} \
         ACT: {}{})",
        plural(depth),
        tree.deeper.len(),
        if tree.deeper.len() == 1 {
            " goes"
        } else {
            "s go"
        },
        names.join(", "),
        if tree.deeper.len() > names.len() {
            ", …"
        } else {
            ""
        }
    )
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
            details.extend(other_way(view, tree, node.act));
        }
        for d in details {
            writeln!(out, "{detail_prefix}{d}")?;
        }
        child_prefix.push(mine);
        parents.push(node.act);
    }
    Ok(())
}

/// The line under a root saying where a walk the other way would go: what the root answers
/// (forward) or what answers it (backward), if anything.
fn other_way(view: &View<'_>, tree: &Tree, root: ActId) -> Option<String> {
    let other = match tree.way {
        Way::Forward => Way::Backward,
        Way::Backward => Way::Forward,
    };
    let steps = view.graph.steps(root, other);
    if steps.is_empty() {
        return None;
    }
    let listed: Vec<String> = steps
        .iter()
        .map(|s| format!("{} {}", view.relations(&s.links, tree.way), view.iri(s.act)))
        .collect();
    Some(format!(
        "{}: {}",
        match tree.way {
            Way::Forward => "it answers (see --to)",
            Way::Backward => "answered by (see --from)",
        },
        listed.join("; ")
    ))
}

/// Writes every maximal chain: one tree per starting act, longest chain first.
fn write_chains(
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
fn write_exchange(out: &mut impl Write, view: &View<'_>, x: &Exchange) -> io::Result<()> {
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
fn write_mutual(out: &mut impl Write, view: &View<'_>, m: &Mutual) -> io::Result<()> {
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
    write_circles(out, view, m)
}

/// The circles of three or more parties each accusing the next, and the larger groups led back
/// to themselves.
fn write_circles(out: &mut impl Write, view: &View<'_>, m: &Mutual) -> io::Result<()> {
    let g = view.graph;
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
    if m.search_stopped {
        writeln!(
            out,
            "The search for circles stopped after {} steps, before it had tried every party: \
             circles may be missing above (the groups below are complete); lower --max-cycle.",
            crate::chain::MAX_CYCLE_WORK
        )?;
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
