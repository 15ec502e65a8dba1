//! Chain tracing as the archive grows: on generated corpora of 100,000 and 1,000,000 acts (half
//! statements, half the claims they convey, with about 0.7 response links per act), loaded in
//! memory, each step a user waits for: building the response graph, tracing one chain each way
//! on the built graph and from the store alone (the part of the graph one walk needs, as a
//! process that answers one chain reads it), every mutual accusation, and every maximal chain
//! (`--all`); with the memory the built graph takes. Then the hostile shapes at 1x, 10x and 100x:
//! a chain 1,000 to 100,000 acts deep, and a circle of 13 parties searched for circles of
//! recrimination of up to 10, 100 and 1,000 parties.
//!
//! Run with `cargo bench --bench chain`. CLAIMGRAPH_BENCH_CHAIN_STATEMENTS lists the sizes in
//! statements, comma-separated (default `50000,500000`; `5000000` adds 10,000,000 acts, which
//! needs about 20 GB of memory); the link reads are compared at the largest size.

use claimgraph::chain::{ChainGraph, Level, Way};
use claimgraph::corpus::Input;
use claimgraph::generate::Shape;
use claimgraph::store::{Dataset, QuadPattern};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;
use std::time::{Duration, Instant};

#[allow(dead_code)]
mod support;

/// The sizes, in statements (each conveys one claim: twice as many acts).
fn sizes() -> Vec<u64> {
    let real_run = std::env::args().any(|a| a == "--bench");
    match std::env::var("CLAIMGRAPH_BENCH_CHAIN_STATEMENTS") {
        Ok(list) => list
            .split(',')
            .filter_map(|s| s.trim().replace('_', "").parse().ok())
            .collect(),
        Err(_) if real_run => vec![50_000, 500_000],
        Err(_) => vec![2_000],
    }
}

/// The generated corpus in an in-memory store: built once per size, it takes most of the run.
fn store(statements: u64) -> Dataset {
    support::generated(Shape {
        claim_responses: true,
        ..Shape::new(statements)
    })
}

/// The response links of the generated corpus (its four link properties).
const LINKS: [&str; 4] = ["respondsTo", "counterAccuses", "denies", "rejects"];

/// The links' subjects and objects as strings, one SELECT per property projecting only them,
/// as the graph builder reads them.
fn links_by_sparql(store: &Dataset) -> usize {
    let mut n = 0;
    for p in LINKS {
        let query = claimgraph::query::parse(&format!(
            "SELECT ?s ?o WHERE {{ ?s <https://claimgraph.org/ns#{p}> ?o }}"
        ))
        .unwrap();
        store
            .select_each(query, true, &mut |values| {
                let pair = (
                    values[0].as_ref().unwrap().to_string(),
                    values[1].as_ref().unwrap().to_string(),
                );
                n += usize::from(!pair.0.is_empty());
                Ok(())
            })
            .unwrap();
    }
    n
}

/// The same with the quads of a pattern, which decodes the predicate and the graph too.
fn links_by_quads(store: &Dataset) -> usize {
    let mut n = 0;
    for p in LINKS {
        let iri = NamedNode::new(format!("https://claimgraph.org/ns#{p}")).unwrap();
        for q in store.quads(&QuadPattern::predicate(iri)).unwrap() {
            let q = q.unwrap();
            let pair = (q.subject.to_string(), q.object.to_string());
            n += usize::from(!pair.0.is_empty());
        }
    }
    n
}

/// The resident memory of this process, in MiB (Linux; 0 elsewhere).
fn resident_mib() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0.0);
    pages * 4096.0 / (1024.0 * 1024.0)
}

/// The first statement from three quarters of the way through that both answers earlier ones
/// and is answered: a chain in the middle of the exchange.
fn middle_act(graph: &ChainGraph, statements: u64) -> petgraph::graph::NodeIndex {
    (statements * 3 / 4..statements)
        .filter_map(|n| {
            graph.act(&format!(
                "https://claimgraph.org/id/statement/generated-{n}"
            ))
        })
        .find(|&a| {
            !graph.steps(a, Way::Forward).is_empty() && !graph.steps(a, Way::Backward).is_empty()
        })
        .expect("a statement that answers and is answered")
}

fn at_scale(c: &mut Criterion) {
    let sizes = sizes();
    for (i, &statements) in sizes.iter().enumerate() {
        let store = store(statements);
        let acts = statements * 2;
        let before = resident_mib();
        let started = Instant::now();
        let graph = ChainGraph::build(&store).unwrap();
        let took = started.elapsed().as_secs_f64();
        let memory = resident_mib() - before;
        eprintln!(
            "{acts} acts: graph of {} acts, {} links, {} actors; first build {took:.2} s; \
             resident memory grew {memory:.0} MiB ({:.0} MiB per million acts)",
            graph.graph.node_count(),
            graph.link_count(),
            graph.actors.len(),
            memory * 1e6 / graph.graph.node_count() as f64
        );
        let act = middle_act(&graph, statements);
        let iri = graph.graph[act].iri.clone();
        eprintln!(
            "{acts} acts: traced act {iri}, {} acts after it, {} before it",
            graph.forward(act).len(),
            graph.backward(act).len()
        );
        let m = graph.mutual(Level::Sides, 4);
        eprintln!(
            "{acts} acts: mutual: {} accusations, {} pairs, {} cycles listed, {} circles",
            m.accusations,
            m.pairs.len(),
            m.cycles.len(),
            m.circles.len()
        );
        let all = graph.all_chains(2);
        eprintln!(
            "{acts} acts: --all: {} chains{}",
            all.chains.len(),
            if all.truncated { " (the cap)" } else { "" }
        );

        let mut group = c.benchmark_group("chain");
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(3));
        group.bench_function(BenchmarkId::new("one chain forward (tree)", acts), |b| {
            b.iter(|| graph.tree(act, Way::Forward))
        });
        group.bench_function(
            BenchmarkId::new("one chain back to the roots (tree)", acts),
            |b| b.iter(|| graph.tree(act, Way::Backward)),
        );
        group.bench_function(
            BenchmarkId::new("one chain forward from the store alone (around)", acts),
            |b| {
                b.iter(|| {
                    ChainGraph::around(&store, &iri, Way::Forward)
                        .unwrap()
                        .unwrap()
                })
            },
        );
        group.bench_function(
            BenchmarkId::new("one chain back from the store alone (around)", acts),
            |b| {
                b.iter(|| {
                    ChainGraph::around(&store, &iri, Way::Backward)
                        .unwrap()
                        .unwrap()
                })
            },
        );
        group.bench_function(BenchmarkId::new("mutual accusations", acts), |b| {
            b.iter(|| graph.mutual(Level::Sides, 4))
        });
        group.bench_function(BenchmarkId::new("every maximal chain (--all)", acts), |b| {
            b.iter(|| graph.all_chains(2))
        });
        group.finish();

        let mut group = c.benchmark_group("chain build");
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(1));
        group.measurement_time(Duration::from_secs(if acts > 200_000 { 30 } else { 5 }));
        group.bench_function(
            BenchmarkId::new("build the graph from the store", acts),
            |b| b.iter(|| ChainGraph::build(&store).unwrap()),
        );
        if i + 1 == sizes.len() {
            group.bench_function(
                BenchmarkId::new("read the links: SPARQL SELECT", acts),
                |b| b.iter(|| links_by_sparql(&store)),
            );
            group.bench_function(
                BenchmarkId::new("read the links: quads of a pattern", acts),
                |b| b.iter(|| links_by_quads(&store)),
            );
        }
        group.finish();
    }
}

/// A store holding `trig` (with the usual prefixes), and its graph.
fn graph_of(trig: &str) -> (Dataset, ChainGraph) {
    let store = Dataset::in_memory(Default::default()).unwrap();
    let text = format!(
        "@prefix cg: <https://claimgraph.org/ns#> . @prefix ex: <http://example.org/> .\n{trig}"
    );
    let input = Input::text("<bench>", RdfFormat::TriG, "http://example.org/", &text);
    store.load(&[input], false).unwrap();
    let graph = ChainGraph::build(&store).unwrap();
    (store, graph)
}

/// A chain `n` statements deep, each answering the one before.
fn deep(n: usize) -> String {
    let mut trig = String::from("ex:g {\n");
    for i in 1..n {
        trig.push_str(&format!("ex:s{i} cg:respondsTo ex:s{} .\n", i - 1));
    }
    trig.push('}');
    trig
}

/// Thirteen parties: the first accuses all, every other accuses every other, and only the last
/// accuses the first back: paths through the middle multiply before any circle closes.
fn thirteen() -> String {
    let mut trig = String::from("ex:g {\n");
    let mut k = 0;
    let mut accuse = |x: usize, y: usize| {
        k += 1;
        format!(
            "ex:k{k} a cg:Claim ; cg:actType cg:Accusation ; cg:claimant ex:p{x:02} ; cg:target ex:p{y:02} .\n"
        )
    };
    for y in 1..13 {
        trig.push_str(&accuse(0, y));
    }
    for x in 1..13 {
        for y in (1..13).filter(|&y| y != x) {
            trig.push_str(&accuse(x, y));
        }
    }
    trig.push_str(&accuse(12, 0));
    trig.push('}');
    trig
}

fn hostile(c: &mut Criterion) {
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(200));
    group.measurement_time(Duration::from_secs(2));
    for depth in [1_000, 10_000, 100_000] {
        let (store, graph) = graph_of(&deep(depth));
        let first = graph.act("http://example.org/s0").unwrap();
        group.bench_function(BenchmarkId::new("deep chain: tree forward", depth), |b| {
            b.iter(|| graph.tree(first, Way::Forward))
        });
        group.bench_function(
            BenchmarkId::new("deep chain: tree forward to depth 100", depth),
            |b| b.iter(|| graph.tree_to_depth(first, Way::Forward, 100)),
        );
        group.bench_function(
            BenchmarkId::new("deep chain: forward from the store alone (around)", depth),
            |b| {
                b.iter(|| {
                    ChainGraph::around(&store, "http://example.org/s0", Way::Forward)
                        .unwrap()
                        .unwrap()
                })
            },
        );
    }
    let (_, graph) = graph_of(&thirteen());
    for max_cycle in [10, 100, 1_000] {
        group.bench_function(
            BenchmarkId::new("mutual --actors, 13 parties: --max-cycle", max_cycle),
            |b| b.iter(|| graph.mutual(Level::Actors, max_cycle)),
        );
    }
    group.finish();
}

criterion_group!(benches, hostile, at_scale);
criterion_main!(benches);
