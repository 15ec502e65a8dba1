//! The shell's costs a person waits for: one step of the session on the bundled corpus (a query
//! typed over lines, `.why`, `.chain`), and Tab completion: reading the word list from the data
//! (on the first Tab, and after `.load`) and filtering it, on the corpus and on a generated one.
//! Run with `cargo bench --bench shell`; CLAIMGRAPH_BENCH_SHELL_STATEMENTS sets the generated size.

use claimgraph::repl::{Session, Step, Words, complete};
use claimgraph::store::{DataOptions, Dataset};
use criterion::{Criterion, criterion_group, criterion_main};
use std::time::Duration;

mod support;

fn generated() -> Dataset {
    let statements = support::statements("CLAIMGRAPH_BENCH_SHELL_STATEMENTS", 100_000);
    support::generated(claimgraph::generate::Shape::new(statements))
}

fn expect_output(step: Step) {
    assert!(matches!(step, Step::Output(_)), "{step:?}");
}

fn bench(c: &mut Criterion) {
    let dataset = Dataset::open(&DataOptions::default()).unwrap();
    let corpus = dataset.clone();
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
