//! claimgraph: a knowledge graph and SPARQL query engine for news about conflicts, where every
//! fact points at the exact words of its source.
//!
//! # Layout
//! - [`cli`]: the command line (clap derive only); [`commands`]: what each command does with it.
//! - [`args`]: the options the command line and the shell both parse (`chain`, `mutual`, export
//!   formats), and the library requests they convert to.
//! - [`corpus`]: the bundled ontology, data, texts and saved queries, and inputs found on disk.
//! - [`store`]: the storage seam: the `Backend` interface every read and write goes through, and
//!   the `Dataset` commands work on; `store/local.rs` is oxigraph's store behind it (memory, or
//!   on disk with `rocksdb`), the only code that names it; `store/remote/` is a SPARQL server
//!   behind it (`--endpoint`). [`load`]: all-or-nothing loading; [`data_args`]: the data and
//!   endpoint options; [`push`]: loading a server.
//! - [`provenance`]: quotes, offsets, hashes and sentences of source texts.
//! - [`query`]: user queries (prefixes, union default graph, bound variables, timeouts) and the
//!   engine's own.
//! - [`saved`]: saved queries (queries/*.rq) and their headers.
//! - [`check`]: the invariants of the data model and the coverage report; [`stats`]: counts.
//! - [`dates`]: dates that are ranges, and their order; [`chronology`]: acts in time order.
//! - [`chain`]: the response graph (petgraph) of acts and their response and causal links, and
//!   the walks over it: chains forward and back, exchanges, every chain, mutual accusation.
//!   - `chain/mod.rs`: the module doc (links, accusations, sides) and the re-exports;
//!   - `model.rs`: the types, and what the graph tells of one act or link;
//!   - `terms.rs`: the IRIs it names, and the ontology's link properties with their words;
//!   - `read.rs`: every read of the store;
//!   - `build.rs`: the graph built from those reads, step by step;
//!   - `around.rs`: the part of the graph one walk needs, read from its first act outward;
//!   - `walk.rs`: closures, roots, trees and every maximal chain;
//!   - `exchange.rs`: what two parties aimed at each other;
//!   - `mutual.rs`: sides, and who accuses whom in return;
//!   - `names.rs`: what users call acts and actors, and how IRIs are shown;
//!   - `details.rs`: labels and quotes of the acts shown;
//!   - `fixture.rs`: the small graphs of its unit tests.
//! - [`export`]: RDF dumps, canonical or not, written atomically; [`generate`]: synthetic data
//!   for benchmarks.
//! - [`render`]: tables, SPARQL results formats and RDF formats, all written to `impl Write`;
//!   `render::chain` writes chain answers as text, JSON or DOT, one file per format; event
//!   records, pictures (SVG) and GraphML have files of their own.
//! - [`report`]: the reports both front ends write: chains and mutual accusations (the walk, the
//!   details read from the store, the renderer), saved queries, counts; graph names.
//! - [`graphviz`]: finds Graphviz's `dot` and draws DOT as SVG; the one program claimgraph runs.
//! - [`events`]: acts as event records (CAMEO, PLOVER, Goldstein, quad class) for conflict
//!   researchers' tools, and the timeline and network pictures built from them.
//! - [`ingest`]: a new report into a grounded draft (segments, cues, speakers, dates), the
//!   user's workspace, review (accept, reject) and the scorecard against a hand encoding.
//! - [`why`]: provenance on demand: the graphs and quotes behind a resource, a link or a triple;
//!   [`evidence`]: the quotes behind each row of a SELECT answer (`--evidence`).
//! - [`search`]: finding things by name or by the words of a quote (case, accents, small typos).
//! - [`corroborate`]: links between acts of different sources that report the same act or
//!   utterance, proposed with their evidence; report families (copies of one story) counted once.
//! - [`repl`]: the interactive shell: a session and its step function, dot-commands, completion,
//!   and the terminal (rustyline) and script front ends.
//! - [`serve`]: `claimgraph serve`: the SPARQL 1.1 Protocol, the Graph Store Protocol, the
//!   JSON answers of `/api/` and the web page, safe by default (loopback, read-only).
//! - [`vocab`]: namespaces, core terms and the predeclared prefixes; [`error`]: the error type.
//!
//! # Data flow
//! ```text
//! ontology/*.ttl, data/**/*.trig (bundled) or --data PATH ──> load ──> Dataset ──> Backend
//!                                                           │           (local: memory | --store DIR;
//!                                                           │            remote: --endpoint URL)
//!                                                           └─> provenance: offsets of quotes
//! Dataset ──> query | check | stats | export ──> rows, labels ──> render ──> any Write
//! Dataset ──> events (records) ──> render::events (CSV, TSV, JSON Lines), render::plot (SVG),
//!                                   render::graphml ──> any Write
//! Dataset ──> chain (ChainGraph) ──> report ──> render::chain (text, JSON, DOT) ──> any Write
//!                                              └─> DOT ──> graphviz (SVG) ──> any Write
//! line typed or piped ──> repl::Session::eval ──> the same query, chain, why, export paths ──> Step
//! ```

pub mod args;
pub mod chain;
pub mod check;
pub mod chronology;
pub mod cli;
pub mod commands;
pub mod corpus;
pub mod corroborate;
pub mod data_args;
pub mod dates;
pub mod error;
pub mod events;
pub mod evidence;
pub mod export;
pub mod generate;
pub mod graphviz;
pub mod ingest;
pub mod load;
pub mod provenance;
pub mod push;
pub mod query;
pub mod render;
pub mod repl;
pub mod report;
pub mod saved;
pub mod search;
pub mod serve;
pub mod stats;
pub mod store;
pub mod vocab;
pub mod why;

pub use error::{Error, Exit, Result};
