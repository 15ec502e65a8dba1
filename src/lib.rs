//! claimgraph: a knowledge graph and SPARQL query engine for news about conflicts, where every
//! fact points at the exact words of its source.
//!
//! # Layout
//! - [`cli`]: the command line (clap derive only); [`commands`]: what each command does with it.
//! - [`corpus`]: the bundled ontology, data, texts and saved queries, and inputs found on disk.
//! - [`store`]: the storage seam: the `Backend` interface every read and write goes through, and
//!   the `Dataset` commands work on; `store/local.rs` is oxigraph's store behind it (memory, or
//!   on disk with `rocksdb`), the only code that names it; `store/remote/` is a SPARQL server
//!   behind it (`--endpoint`). [`load`]: all-or-nothing loading; [`push`]: the endpoint options,
//!   and loading a server.
//! - [`provenance`]: quotes, offsets, hashes and sentences of source texts.
//! - [`query`]: user queries (prefixes, union default graph, bound variables, timeouts) and the
//!   engine's own.
//! - [`saved`]: saved queries (queries/*.rq) and their headers.
//! - [`check`]: the invariants of the data model and the coverage report; [`stats`]: counts.
//! - [`chain`]: the response graph (petgraph) of acts and their response and causal links, and
//!   the walks over it: chains forward and back, exchanges, every chain, mutual accusation.
//! - [`export`]: RDF dumps, canonical or not, written atomically; [`generate`]: synthetic data
//!   for benchmarks.
//! - [`render`]: tables, SPARQL results formats and RDF formats, all written to `impl Write`.
//! - [`why`]: provenance on demand: the graphs and quotes behind a resource, a link or a triple.
//! - [`repl`]: the interactive shell: a session and its step function, dot-commands, completion,
//!   and the terminal (rustyline) and script front ends.
//! - [`vocab`]: namespaces, core terms and the predeclared prefixes; [`error`]: the error type.
//!
//! # Data flow
//! ```text
//! ontology/*.ttl, data/**/*.trig (bundled) or --data PATH ──> load ──> Dataset ──> Backend
//!                                                           │           (local: memory | --store DIR;
//!                                                           │            remote: --endpoint URL)
//!                                                           └─> provenance: offsets of quotes
//! Dataset ──> query | check | stats | export ──> rows, labels ──> render ──> any Write
//! Dataset ──> chain (ChainGraph) ──> render::chain (text tree, JSON, DOT, SVG) ──> any Write
//! line typed or piped ──> repl::Session::eval ──> the same query, chain, why, export paths ──> Step
//! ```

pub mod chain;
pub mod check;
pub mod cli;
pub mod commands;
pub mod corpus;
pub mod error;
pub mod export;
pub mod generate;
pub mod load;
pub mod provenance;
pub mod push;
pub mod query;
pub mod render;
pub mod repl;
pub mod saved;
pub mod stats;
pub mod store;
pub mod vocab;
pub mod why;

pub use error::{Error, Exit, Result};
