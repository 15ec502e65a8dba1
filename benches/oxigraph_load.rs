//! oxigraph's own bulk loader as a program of its own, so benches/measure.sh can compare the
//! peak memory of `claimgraph` loading a file with oxigraph's loading the same file. With no
//! argument (as `cargo bench` runs it) it does nothing.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::store::Store;

fn main() {
    let Some(file) = std::env::args().nth(1).filter(|a| !a.starts_with("--")) else {
        return;
    };
    let store = Store::new().unwrap();
    let mut loader = store.bulk_loader();
    let reader = std::io::BufReader::new(std::fs::File::open(&file).unwrap());
    loader
        .load_from_reader(RdfParser::from_format(RdfFormat::NQuads), reader)
        .unwrap();
    loader.commit().unwrap();
    println!("{}", store.len().unwrap());
}
