//! One chain from a cold start, as a process that answers one question and ends: open the
//! store, read the part of the response graph the walk needs (`ChainGraph::around`, as
//! `claimgraph chain --from` / `--to` does) or, with `whole`, build the whole graph first (as the
//! command did before), and print the walk as the command does. `benches/cold.sh` times the
//! command itself, and this program's `whole` to compare.
//!
//! Usage: cold_chain STORE-DIR ACT-IRI [from|to] [whole]   (`whole`: build the whole graph, as
//! the command does). Under `cargo bench` with no arguments it says so and ends.

use claimgraph::chain::{ChainGraph, Way};
use claimgraph::render::chain::{ChainAnswer, GraphFormat};
use claimgraph::report;
use claimgraph::store::{DataOptions, Dataset};
use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let [store, act, rest @ ..] = args.as_slice() else {
        eprintln!("usage: cold_chain STORE-DIR ACT-IRI [from|to] [whole] (run by benches/cold.sh)");
        return Ok(());
    };
    let way = if rest.iter().any(|a| a == "to") {
        Way::Backward
    } else {
        Way::Forward
    };
    let whole = rest.iter().any(|a| a == "whole");
    let dataset = Dataset::open(&DataOptions {
        store: Some(store.into()),
        ..Default::default()
    })?;
    let graph = match whole {
        true => ChainGraph::build(&dataset)?,
        false => match ChainGraph::around(&dataset, act, way)? {
            Some(graph) => graph,
            None => ChainGraph::build(&dataset)?,
        },
    };
    let n = graph.act(act).ok_or("no such act")?;
    let answer = ChainAnswer::Tree(graph.tree(n, way));
    let view = report::view(&dataset, &graph, &answer)?;
    let mut out = std::io::stdout().lock();
    report::write_answer(&mut out, &view, &answer, GraphFormat::Text)?;
    out.flush()?;
    Ok(())
}
