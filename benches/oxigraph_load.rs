//! oxigraph's own bulk loader as a program of its own, so benches/measure.sh can compare the
//! peak memory of `claimgraph` loading a file with oxigraph's loading the same file, and
//! benches/load-beside-virtuoso.sh can try the loader's settings on an on-disk store.
//! Usage: oxigraph_load FILE [STORE-DIR] (a store on disk needs the rocksdb feature);
//! CLAIMGRAPH_LOAD_THREADS sets the loader's threads, CLAIMGRAPH_LOAD_PARALLEL=1 parses the file
//! on several threads (oxigraph splits N-Quads files when it has four threads or more). With no
//! argument (as `cargo bench` runs it) it does nothing.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::store::Store;

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| !a.starts_with("--"));
    let Some(file) = args.next() else {
        return;
    };
    let store = match args.next() {
        #[cfg(feature = "rocksdb")]
        Some(dir) => Store::open(dir).unwrap(),
        #[cfg(not(feature = "rocksdb"))]
        Some(_) => panic!("a store on disk needs the rocksdb feature"),
        None => Store::new().unwrap(),
    };
    let mut loader = store.bulk_loader();
    if let Ok(threads) = std::env::var("CLAIMGRAPH_LOAD_THREADS") {
        loader = loader.with_num_threads(threads.parse().unwrap());
    }
    let parser = RdfParser::from_format(RdfFormat::NQuads);
    if std::env::var("CLAIMGRAPH_LOAD_PARALLEL").is_ok_and(|v| v == "1") {
        loader.parallel_load_from_file(parser, &file).unwrap();
    } else {
        let reader = std::io::BufReader::new(std::fs::File::open(&file).unwrap());
        loader.load_from_reader(parser, reader).unwrap();
    }
    loader.commit().unwrap();
    println!("{}", store.len().unwrap());
}
