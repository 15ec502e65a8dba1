//! What the benchmarks share: the size to generate, and a generated corpus loaded in memory.

use claimgraph::corpus::Input;
use claimgraph::generate::{self, Shape};
use claimgraph::store::Dataset;
use oxigraph::io::RdfFormat;
use std::time::Instant;

/// How many statements to generate: `full` under `cargo bench`, a small number when `cargo test`
/// runs a benchmark once as a smoke test (criterion passes `--bench` only to real runs); the
/// environment variable `var` overrides both.
pub fn statements(var: &str, full: u64) -> u64 {
    let real_run = std::env::args().any(|a| a == "--bench");
    std::env::var(var)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if real_run { full } else { 2_000 })
}

/// A generated corpus of `shape` in an in-memory dataset; says how long that took.
pub fn generated(shape: Shape) -> Dataset {
    let started = Instant::now();
    let mut nquads = Vec::new();
    let quads = generate::write(&mut nquads, shape).unwrap();
    let store = Dataset::in_memory(Default::default()).unwrap();
    let text = String::from_utf8(nquads).unwrap();
    let input = Input::text(
        "<generated>",
        RdfFormat::NQuads,
        "http://example.org/",
        &text,
    );
    store.load(&[input], false).unwrap();
    eprintln!(
        "setup: {quads} quads ({} statements) generated and loaded in {:.1} s",
        shape.statements,
        started.elapsed().as_secs_f64()
    );
    store
}
