//! The command line, as clap derive types only: the doc comments are the help text. The options
//! the shell shares (`chain`, `mutual`, export formats) are in [`crate::args`].

use crate::args::{ChainArgs, ExportFormat, MutualArgs};
use crate::render::Format;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// A knowledge graph of who said what, about whom, when, and in reply to what, in news about
/// conflicts; every fact points at the exact words of its source.
///
/// With no command, claimgraph opens an interactive shell. With no options, commands work on the
/// bundled corpus (the ontology and the encoded report on the Istanbul talks of October 2025),
/// loaded in memory: no set-up is needed.
#[derive(Debug, Parser)]
#[command(
    name = "claimgraph",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(
    after_help = "Exit codes: 0 success, 1 bad input (file, query, store, value), 2 bad usage, 3 check found violations, 4 internal error."
)]
pub struct Cli {
    #[command(flatten)]
    pub data: DataArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

pub use crate::data_args::DataArgs;
use crate::ingest::args::{DecideArgs, IngestArgs, ReviewArgs};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the interactive shell (what `claimgraph` alone does): SPARQL over several lines,
    /// dot-commands (.help lists them), history, Tab completion. With standard input not a
    /// terminal, run its lines as a script and stop at the first error.
    Repl(ReplArgs),

    /// Summarise the data: counts, coverage of the sources, whether `check` passes, and the
    /// saved queries.
    Overview,

    /// Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE).
    ///
    /// The default graph is the union of all named graphs, so plain patterns see every fact and
    /// `GRAPH ?g { ... }` tells where each fact is written; --no-union turns this off. The prefixes
    /// rdf rdfs xsd owl skos prov oa schema dcterms sem sh cg and the resource prefixes (actor stmt
    /// claim event figure place position source mention graph) are predeclared.
    Query(QueryArgs),

    /// List the saved queries (queries/*.rq) with their titles and bindable variables.
    Queries(QueriesArgs),

    /// Run a saved query by name, with the options of `query`.
    Run(RunArgs),

    /// Dump the dataset, or one graph, as RDF.
    Export(ExportArgs),

    /// Check the invariants of the data model; exit 3 when any is violated.
    ///
    /// 1 every quote stands in its source at its offsets, and the source's hash matches;
    /// 2 every fact is in a named graph derived from a mention, the default graph holds no facts;
    /// 3 statements and claims have a speaker or claimant, a type and provenance, and response
    /// links point at acts that exist; 4 page furniture grounds no fact; 5 resources have readable IRIs;
    /// 6 no graph proposed by `ingest` waits for review (check reads the workspace's drafts too);
    /// 7 the data says no more than its text: no fact from a hedged sentence, every claim
    /// conveyed, statements grounded in their own speaker's sentences, things introduced where
    /// first used (a cg:curatorNote on the node naming the rule silences it).
    /// 8 no link marked different joins resources that accepted same-links join (`corroborate`).
    Check(CheckArgs),

    /// Count sources, mentions, graphs, triples, actors, statements, claims, events, figures and links.
    Stats(StatsArgs),

    /// Bulk-load RDF files into an on-disk store, all or nothing.
    Load(LoadArgs),

    /// Write a generated, corpus-shaped N-Quads dataset, for benchmarks.
    Generate(GenerateArgs),

    /// Trace chains of accusation and counter-accusation: what answered an act, what it answered,
    /// the exchange between two parties, or every chain.
    ///
    /// A step follows a response link (cg:respondsTo and its sub-properties: counter-accuses,
    /// denies, rejects, retaliates against, supports, justifies, answers, prompted by) or a causal
    /// link (cg:causallyLinkedTo: triggered, led to, enabled, contributed to), forward to later
    /// acts and effects or back to earlier acts and causes; a statement stands for the claims it
    /// conveys. ACT and ACTOR may be an IRI, a prefixed name (stmt:..., actor:...), or a label or
    /// alias in any case ("tarar", "Kabul"); a name that fits several is refused with the list.
    Chain(ChainArgs),

    /// Turn a new report into a grounded draft: the text is copied into the workspace and
    /// registered as a source; headings and page furniture are excluded; every content sentence
    /// gets a mention and a proposed graph (attributed statements where the text reports speech
    /// or a position, the author's analysis elsewhere), marked proposed until reviewed.
    ///
    /// The workspace is the nearest folder from here upwards that holds .claimgraph/ (or
    /// CLAIMGRAPH_WORKSPACE); the first ingest creates one here. Ingesting the same text under
    /// the same id again proposes only what is new.
    Ingest(IngestArgs),

    /// Show a document of the workspace sentence by sentence: its text, what was proposed, with
    /// which cue and confidence, and each proposal's review status.
    Review(ReviewArgs),

    /// Accept proposals (all of a document's, or those named): their graphs join the data,
    /// marked accepted, with who accepted them and when.
    Accept(DecideArgs),

    /// Reject proposals: they leave the drafts and are remembered in .claimgraph/rejected/, so
    /// that ingest does not propose them again.
    Reject(DecideArgs),

    /// Load the data (the bundled corpus or --data) into a SPARQL server, graph by graph, and
    /// check the server's counts afterwards.
    ///
    /// Each graph replaces the graph of the same name on the server, so pushing again never
    /// duplicates. It uses the Graph Store Protocol where the server has it (--graph-store;
    /// Oxigraph server's /store), SPARQL Update in batches elsewhere (Virtuoso: GRANT
    /// SPARQL_UPDATE TO "SPARQL" first). The default graph goes to the server's default graph, or
    /// on servers without one (Virtuoso) to <urn:x-claimgraph:default-graph>, which
    /// --endpoint reads as the default graph.
    Push(PushArgs),

    /// Find things by name or by the words of a quote: case and accents ignored, small typos
    /// forgiven, best first. Each row gives the score, where it matched (label, alias or quote),
    /// the thing, and the text that matched.
    Search(SearchArgs),

    /// Propose links between acts of different sources that report the same act, or the same
    /// utterance in other words, and between sources that are copies of one story; written as a
    /// TriG draft (every link proposed, nothing merged) with each link's confidence and evidence.
    ///
    /// The score is a sum of fixed weights: speaker (same or affiliated), date windows (the same
    /// day, overlapping, or a few days apart: a disagreement), shared three-word sequences and key
    /// terms of the quotes, act or event type, and for events participants, place and round.
    /// Incompatible speakers, dates more than 3 days apart, other places or rounds rule a pair out.
    Corroborate(crate::corroborate::command::CorroborateArgs),

    /// Find parties that accuse each other, and circles of recrimination.
    ///
    /// An act accuses when its type is an accusation or a criticism (cg:Accusation, cg:Criticism
    /// or a narrower concept, or a CAMEO code beginning 111 or 112) or when it counter-accuses;
    /// the accuser is its claimant or speaker, the accused its targets. Actors count for their
    /// sides (where cg:affiliatedWith leads) unless --actors is given.
    Mutual(MutualArgs),

    /// Write every act as event data, one record per act and dyad, as GDELT, ICEWS and
    /// POLECAT users read it: date or date bounds, source and target actors with their sides and
    /// countries, CAMEO code, PLOVER type and mode, quad class, Goldstein intensity, attribution
    /// and hedging, the document and the quote that grounds the act with its offsets.
    Events(crate::events::args::EventsArgs),

    /// Draw the escalation timeline between two parties, or the network of who accuses whom
    /// (SVG; the network also as GraphML).
    Plot(crate::events::args::PlotArgs),

    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),

    /// Print the manual page (roff), or write one per command into a folder.
    Man(ManArgs),

    /// Serve the data over HTTP: the SPARQL 1.1 Protocol at /query, the Graph Store Protocol at
    /// /store, claimgraph's answers as JSON under /api/, and a web page at / to follow chains
    /// to the words of their sources.
    ///
    /// Safe by default: it listens on loopback only, reads only, and sends no CORS headers.
    /// Updates (/update, Graph Store writes) need --allow-update and a bearer token read from a
    /// file or an environment variable, never given on the command line.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address and port to listen on; another address than loopback opens the server to
    /// the network.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:7878")]
    pub bind: std::net::SocketAddr,

    /// Accept SPARQL updates and Graph Store writes from clients that send the token.
    #[arg(long)]
    pub allow_update: bool,

    /// Read the update token from the first line of FILE.
    #[arg(long, value_name = "FILE", conflicts_with = "token_env")]
    pub token_file: Option<PathBuf>,

    /// Read the update token from the environment variable VAR.
    #[arg(long, value_name = "VAR")]
    pub token_env: Option<String>,

    /// Stop a query that runs longer than this many seconds and answer with an error.
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,

    /// Answer a query with more rows (or triples) than N with an error naming the limit,
    /// never with a shortened answer.
    #[arg(long, value_name = "N")]
    pub max_rows: Option<usize>,

    /// Let web pages from ORIGIN (or `*` for any) call the server: sends CORS headers.
    #[arg(long, value_name = "ORIGIN")]
    pub cors: Option<String>,

    /// Serve at most N connections at once; more wait.
    #[arg(long, value_name = "N", default_value_t = 64)]
    pub max_connections: usize,

    /// Refuse request bodies larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = crate::serve::DEFAULT_BODY_LIMIT)]
    pub max_body: usize,
}

#[derive(Debug, Args)]
pub struct PushArgs {
    /// At most this many triples in one SPARQL Update request (at most 1000 on Virtuoso, whose
    /// SPARQL compiler runs out of memory on larger ones).
    #[arg(long, value_name = "N", default_value_t = 5000)]
    pub batch: usize,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// How many statements (each with a claim, a mention and a grounded graph; about 70% answer
    /// an earlier statement).
    #[arg(long, default_value_t = 10_000)]
    pub statements: u64,

    /// Let the claim of each answering statement answer the claim of the statement it answers
    /// too (denies, rejects or counter-accuses it), as the corpus links claims.
    #[arg(long)]
    pub claim_responses: bool,

    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The query text, or `-` to read it from standard input.
    #[arg(
        value_name = "QUERY",
        conflicts_with = "file",
        required_unless_present = "file"
    )]
    pub query: Option<String>,

    /// Read the query from a file.
    #[arg(short, long, value_name = "FILE.rq")]
    pub file: Option<PathBuf>,

    #[command(flatten)]
    pub eval: EvalArgs,
}

/// How to evaluate a query and write its answer; shared by `query` and `run`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Output format [default: table on a terminal, tsv otherwise; turtle for graphs].
    #[arg(long, value_parser = formats())]
    pub format: Option<Format>,

    /// Bind a variable before evaluation: NAME=<iri>, NAME=prefix:name, NAME="text"@en,
    /// NAME=42, or NAME=text (a plain string). Values are RDF terms, never query text.
    #[arg(long, value_name = "NAME=VALUE")]
    pub bind: Vec<String>,

    /// Cancel the query after this many seconds.
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,

    /// Let the default graph be the store's own default graph, not the union of all graphs.
    #[arg(long)]
    pub no_union: bool,

    /// Add an ?evidence column to a SELECT's rows: the quotes (source, code point offsets,
    /// words) of the graphs that state each row's facts, separated by " ‖ ".
    #[arg(long)]
    pub evidence: bool,
}

/// The formats of `query` and `run`, each with its help.
fn formats() -> impl clap::builder::TypedValueParser<Value = Format> {
    crate::args::values(&Format::ALL, Format::name, Format::summary)
}

#[derive(Debug, Args)]
pub struct ReplArgs {
    /// Read saved queries (.saved, .run) from this folder instead of the bundled queries/.
    #[arg(long, value_name = "DIR")]
    pub queries: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct QueriesArgs {
    /// Read saved queries from this folder instead of the bundled queries/.
    #[arg(long, value_name = "DIR")]
    pub queries: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The saved query's name (its file name without .rq); `claimgraph queries` lists them.
    #[arg(value_name = "NAME")]
    pub name: String,

    /// Read saved queries from this folder instead of the bundled queries/.
    #[arg(long, value_name = "DIR")]
    pub queries: Option<PathBuf>,

    #[command(flatten)]
    pub eval: EvalArgs,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Nquads)]
    pub format: ExportFormat,

    /// Export one graph: its IRI (or prefixed name), or `default` for the default graph.
    #[arg(long, value_name = "IRI")]
    pub graph: Option<String>,

    /// Byte-identical output across runs and machines: RDFC-1.0 blank node labels, sorted quads.
    #[arg(long)]
    pub canonical: bool,

    /// Write to FILE (atomically: a failed export leaves no file) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for: a name, part of one, or words of a quote.
    #[arg(required = true, num_args = 1..)]
    pub text: Vec<String>,

    /// Show at most this many things.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,

    /// Output format [default: table on a terminal, tsv otherwise].
    #[arg(long, value_parser = formats())]
    pub format: Option<Format>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Also list every sentence of each source with what is grounded in it; sentences with
    /// nothing grounded (other than page furniture and headings) count as violations.
    #[arg(long)]
    pub coverage: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct LoadArgs {
    /// RDF files or folders to load; with none, the bundled corpus is loaded.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}

#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell to write a completion script for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Clone, Args)]
pub struct ManArgs {
    /// Write claimgraph.1 and one page per command (claimgraph-query.1, ...) into DIR instead of
    /// writing claimgraph.1 to standard output.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}
