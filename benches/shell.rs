//! The shell's costs a person waits for: one step of the session on the bundled corpus (a query
//! typed over lines, `.why`, `.chain`), and Tab completion: reading the word list from the data
//! (on the first Tab, and after `.load`) and filtering it, on the corpus and on a generated one.
//! Run with `cargo bench --bench shell`; CLAIMGRAPH_BENCH_SHELL_STATEMENTS sets the generated size.

use claimgraph::generate::{self, Shape};
use claimgraph::repl::{Session, Step, Words, complete};
use claimgraph::store::{DataOptions, Dataset};
use criterion::{Criterion, criterion_group, criterion_main};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::store::Store;
use std::time::{Duration, Instant};

/// The full size under `cargo bench`; a small one when `cargo test` runs this once as a smoke test.
fn statements() -> u64 {
    let full = std::env::args().any(|a| a == "--bench");
    std::env::var("CLAIMGRAPH_BENCH_SHELL_STATEMENTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if full { 100_000 } else { 1_000 })
}

fn generated() -> Store {
    let started = Instant::now();
    let mut nquads = Vec::new();
    let quads = generate::write(&mut nquads, Shape::new(statements())).unwrap();
    let store = Store::new().unwrap();
    let mut loader = store.bulk_loader();
    loader
        .load_from_slice(RdfParser::from_format(RdfFormat::NQuads), &nquads)
        .unwrap();
    loader.commit().unwrap();
    eprintln!(
        "setup: {quads} quads ({} statements) generated and loaded in {:.1} s",
        statements(),
        started.elapsed().as_secs_f64()
    );
    store
}

fn expect_output(step: Step) {
    assert!(matches!(step, Step::Output(_)), "{step:?}");
}

fn bench(c: &mut Criterion) {
    let dataset = Dataset::open(&DataOptions::default()).unwrap();
    let corpus = dataset.store().clone();
    let mut session = Session::new(dataset, true, None);
    session.set_width(Some(100));
    let mut group = c.benchmark_group("shell");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    group.bench_function("corpus: a query typed over three lines", |b| {
        b.iter(|| {
            session.eval("SELECT ?claim ?type WHERE {").unwrap();
            session
                .eval("  stmt:rta-pakistani-side-lacks-intention cg:conveys ?claim . ?claim cg:actType ?type")
                .unwrap();
            expect_output(session.eval("}").unwrap());
        })
    });
    group.bench_function("corpus: .why of a link between two acts", |b| {
        b.iter(|| {
            expect_output(
                session
                    .eval(".why stmt:rta-pakistani-side-lacks-intention stmt:tarar-talks-failed")
                    .unwrap(),
            )
        })
    });
    group.bench_function("corpus: .chain --from (graph built once)", |b| {
        b.iter(|| {
            expect_output(
                session
                    .eval(".chain --from stmt:tarar-talks-failed")
                    .unwrap(),
            )
        })
    });
    group.bench_function("corpus: completion words read", |b| {
        b.iter(|| Words::read(&corpus, None).unwrap())
    });
    let store = generated();
    let words = Words::read(&store, None).unwrap();
    eprintln!(
        "generated: {} prefixed names to complete",
        words.names.len()
    );
    group.bench_function("generated: completion words read (first Tab)", |b| {
        b.iter(|| Words::read(&store, None).unwrap())
    });
    group.bench_function("generated: one Tab after `stmt:s`", |b| {
        b.iter(|| complete(&words, "SELECT * { stmt:s", 17))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
