//! Load throughput: claimgraph's loader (one all-or-nothing bulk load, quad counting, quote
//! anchoring) against oxigraph's own bulk loader on the same generated N-Quads, in memory.
//! Run with `cargo bench --bench load`; CLAIMGRAPH_BENCH_STATEMENTS sets the size.

use claimgraph::corpus::{Content, Input};
use claimgraph::store::Dataset;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::store::Store;

/// The size to generate: the full one under `cargo bench`; a small one when `cargo test` runs the
/// benchmark once as a smoke test (criterion passes `--bench` only to real runs).
fn statements() -> u64 {
    let full = std::env::args().any(|a| a == "--bench");
    std::env::var("CLAIMGRAPH_BENCH_STATEMENTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if full { 20_000 } else { 500 })
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("generated.nq");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
    let quads =
        claimgraph::generate::write(&mut out, claimgraph::generate::Shape::new(statements()))
            .unwrap();
    drop(out);
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.throughput(Throughput::Elements(quads));
    group.bench_function("claimgraph", |b| {
        b.iter(|| {
            let dataset = Dataset::in_memory(Default::default()).unwrap();
            let input = Input {
                origin: file.display().to_string(),
                format: RdfFormat::NQuads,
                base_iri: claimgraph::corpus::file_url(&file),
                content: Content::File(file.clone()),
            };
            dataset.load(&[input], false).unwrap();
            dataset
        })
    });
    group.bench_function("oxigraph bulk loader", |b| {
        b.iter(|| {
            let store = Store::new().unwrap();
            let mut loader = store.bulk_loader();
            let reader = std::io::BufReader::new(std::fs::File::open(&file).unwrap());
            loader
                .load_from_reader(RdfParser::from_format(RdfFormat::NQuads), reader)
                .unwrap();
            loader.commit().unwrap();
            store
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
