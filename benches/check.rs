//! How `check` grows with the data: on generated corpora of 1x, 10x and 100x statements
//! (1,000, 10,000 and 100,000 by default, about 70% of them answering an earlier one, each with
//! its claim, mention and grounded graph), each loaded once in memory. Linear time shows as the
//! same time per statement at every size; the summary line printed at the end gives it.
//! Run with `cargo bench --bench check`; CLAIMGRAPH_BENCH_CHECK_STATEMENTS sets the 1x size.

use claimgraph::generate::Shape;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::time::{Duration, Instant};

mod support;

/// The 1x size; tiny when `cargo test` runs the benchmark once as a smoke test, where 100x of
/// the usual smoke size would take minutes in a debug build.
fn base() -> u64 {
    if std::env::args().any(|a| a == "--bench") {
        support::statements("CLAIMGRAPH_BENCH_CHECK_STATEMENTS", 1_000)
    } else {
        20
    }
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    let mut per_statement = Vec::new();
    for factor in [1, 10, 100] {
        let statements = base() * factor;
        let store = support::generated(Shape {
            claim_responses: true,
            ..Shape::new(statements)
        });
        let started = Instant::now();
        let report = claimgraph::check::check(&store, false).unwrap();
        let seconds = started.elapsed().as_secs_f64();
        eprintln!(
            "check {factor}x ({statements} statements, {} acts): {seconds:.3} s, {:.1} µs per statement",
            report.acts,
            seconds * 1e6 / statements as f64
        );
        per_statement.push((factor, seconds * 1e6 / statements as f64));
        group.bench_with_input(BenchmarkId::from_parameter(statements), &store, |b, s| {
            b.iter(|| claimgraph::check::check(s, false).unwrap())
        });
    }
    group.finish();
    let line: Vec<String> = per_statement
        .iter()
        .map(|(f, us)| format!("{f}x {us:.1} µs"))
        .collect();
    eprintln!(
        "check, time per statement (first runs): {}",
        line.join(", ")
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
