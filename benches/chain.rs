//! Chain tracing at scale: on a generated corpus of 1,000,000 acts (500,000 statements and the
//! 500,000 claims they convey) with about 700,000 response links, loaded once in memory: building
//! the response graph, tracing one chain each way, finding every mutual accusation, and reading
//! the links through the storage seam's two reads, a streamed SPARQL SELECT and the quads of a
//! pattern (why the graph is built from the former).
//! Run with `cargo bench --bench chain`; CLAIMGRAPH_BENCH_CHAIN_STATEMENTS sets the size.

use claimgraph::chain::{ChainGraph, Level, Way};
use claimgraph::generate::Shape;
use claimgraph::store::{Dataset, QuadPattern};
use criterion::{Criterion, criterion_group, criterion_main};
use oxigraph::model::NamedNode;
use std::time::{Duration, Instant};

mod support;

fn statements() -> u64 {
    support::statements("CLAIMGRAPH_BENCH_CHAIN_STATEMENTS", 500_000)
}

/// The generated corpus in an in-memory store: built once, it takes most of the run's time.
fn store() -> Dataset {
    support::generated(Shape {
        claim_responses: true,
        ..Shape::new(statements())
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

fn bench(c: &mut Criterion) {
    let store = store();
    let started = Instant::now();
    let graph = ChainGraph::build(&store).unwrap();
    eprintln!(
        "graph: {} acts, {} links, {} actors; first build {:.2} s",
        graph.graph.node_count(),
        graph.link_count(),
        graph.actors.len(),
        started.elapsed().as_secs_f64()
    );
    // The first statement from three quarters of the way through that both answers earlier
    // ones and is answered: a chain in the middle of the exchange.
    let act = (statements() * 3 / 4..statements())
        .filter_map(|n| {
            graph.act(&format!(
                "https://claimgraph.org/id/statement/generated-{n}"
            ))
        })
        .find(|&a| {
            !graph.steps(a, Way::Forward).is_empty() && !graph.steps(a, Way::Backward).is_empty()
        })
        .expect("a statement that answers and is answered");
    eprintln!(
        "traced act: {}, {} acts after it, {} before it",
        graph.graph[act].iri,
        graph.forward(act).len(),
        graph.backward(act).len()
    );
    let m = graph.mutual(Level::Sides, 4);
    eprintln!(
        "mutual: {} accusations, {} pairs, {} cycles listed, {} circles",
        m.accusations,
        m.pairs.len(),
        m.cycles.len(),
        m.circles.len()
    );

    let mut group = c.benchmark_group("chain");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("trace one chain forward (tree)", |b| {
        b.iter(|| graph.tree(act, Way::Forward))
    });
    group.bench_function("trace one chain back to the roots (tree)", |b| {
        b.iter(|| graph.tree(act, Way::Backward))
    });
    group.bench_function("mutual accusations", |b| {
        b.iter(|| graph.mutual(Level::Sides, 4))
    });
    group.finish();

    let mut group = c.benchmark_group("chain build");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(1));
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("build the graph from the store", |b| {
        b.iter(|| ChainGraph::build(&store).unwrap())
    });
    group.bench_function("read the links: SPARQL SELECT", |b| {
        b.iter(|| links_by_sparql(&store))
    });
    group.bench_function("read the links: quads of a pattern", |b| {
        b.iter(|| links_by_quads(&store))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
