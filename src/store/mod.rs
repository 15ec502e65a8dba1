//! The storage seam: the one interface ([`Backend`]) through which the crate reads and writes
//! RDF, and the [`Dataset`] every command works on (a backend and where its source texts are).
//! The local oxigraph store lives behind it in [`local`]; nothing else names oxigraph's store.
//!
//! The interface is what a SPARQL server can also offer (SELECT / ASK / CONSTRUCT with the
//! union-default-graph choice and cancellation, the quads matching a pattern, the graph names,
//! counts, loading and inserting), so a remote backend can stand behind the same calls.

mod local;
pub mod remote;

use crate::corpus::{self, Input, Texts};
use crate::error::{Error, Result};
use crate::load::{self, LoadReport};
use crate::query::{Answer, Part};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::CancellationToken;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where the data is kept and how it is read. Implementations must be cheap to share between
/// threads: a timed query runs on a thread of its own, and the shell reads completion words on
/// another.
pub trait Backend: Send + Sync {
    /// Evaluates a parsed query and reads its answer to the end. With `union`, the default graph
    /// is the union of the named graphs unless the query names its own dataset (FROM). Returns
    /// [`Error::Cancelled`] once `cancel` is cancelled.
    fn evaluate(
        &self,
        query: spargebra::Query,
        union: bool,
        cancel: CancellationToken,
    ) -> Result<Answer>;

    /// Evaluates a parsed SELECT and hands each row to `each` as it is read, without keeping
    /// the answer: for the engine's bulk reads of millions of rows (building the chain graph).
    fn select_each(
        &self,
        query: spargebra::Query,
        union: bool,
        each: &mut dyn FnMut(&[Option<Term>]) -> Result<()>,
    ) -> Result<()>;

    /// Evaluates a parsed query and hands its answer to `each` part by part as it is read (see
    /// [`Part`]), without keeping it. Backends that cannot stream read the answer whole first.
    fn evaluate_each(
        &self,
        query: spargebra::Query,
        union: bool,
        cancel: CancellationToken,
        each: &mut dyn FnMut(Part<'_>) -> Result<()>,
    ) -> Result<()> {
        self.evaluate(query, union, cancel)?.each(each)
    }

    /// The quads matching a pattern (`None` matches anything), in no particular order.
    fn quads(&self, pattern: &QuadPattern) -> Result<QuadStream<'_>>;

    /// The names of the named graphs.
    fn graph_names(&self) -> Result<Vec<NamedOrBlankNode>>;

    /// The number of quads.
    fn len(&self) -> Result<usize>;

    fn is_empty(&self) -> Result<bool> {
        Ok(self.len()? == 0)
    }

    /// A loader whose quads become visible all at once on `commit`, or not at all.
    fn loader(&self) -> Result<Box<dyn Loader + '_>>;

    /// Adds quads at once (small additions, such as the offsets computed for quotes).
    fn insert(&self, quads: &[Quad]) -> Result<()>;

    /// Runs a parsed SPARQL update all or nothing; its WHERE clauses read the store's own
    /// default graph unless the update names a dataset (USING). Backends that only read refuse.
    fn update(&self, update: spargebra::Update) -> Result<()> {
        drop(update);
        Err(Error::Usage(
            "this data is read-only: updates need a local store".into(),
        ))
    }
}

/// What an evaluation thread unwinds with when its query is stopped from outside between two
/// reads of the store (see `local.rs`); [`stopped`] turns it back into an error.
pub(crate) struct Stopped;

/// The error for a query thread that unwound: [`Error::Cancelled`] when it was stopped on
/// purpose, an internal error (a bug) for any other panic.
pub fn stopped(payload: Box<dyn std::any::Any + Send>) -> Error {
    if payload.is::<Stopped>() {
        return Error::Cancelled;
    }
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    Error::Internal(format!("the query evaluation failed: {message}"))
}

/// Quads read from a backend, one at a time.
pub type QuadStream<'a> = Box<dyn Iterator<Item = Result<Quad>> + 'a>;

/// Which quads to read: each `None` matches anything.
#[derive(Debug, Clone, Default)]
pub struct QuadPattern {
    pub subject: Option<NamedOrBlankNode>,
    pub predicate: Option<NamedNode>,
    pub object: Option<Term>,
    pub graph: Option<GraphName>,
}

impl QuadPattern {
    /// Every quad of one graph.
    pub fn graph(graph: GraphName) -> Self {
        QuadPattern {
            graph: Some(graph),
            ..Default::default()
        }
    }

    /// Every quad with this predicate, in any graph.
    pub fn predicate(predicate: NamedNode) -> Self {
        QuadPattern {
            predicate: Some(predicate),
            ..Default::default()
        }
    }
}

/// An all-or-nothing load in progress: dropped without `commit`, it leaves the data as it was.
pub trait Loader {
    fn add(&mut self, quads: &mut dyn Iterator<Item = Quad>) -> Result<()>;
    fn commit(self: Box<Self>) -> Result<()>;
}

/// Which data a command works on, as the common command-line options describe it.
#[derive(Debug, Clone, Default)]
pub struct DataOptions {
    /// RDF files or folders to load instead of the bundled corpus.
    pub data: Vec<PathBuf>,
    /// Load the bundled corpus too when `data` is given.
    pub with_corpus: bool,
    /// An on-disk store to open instead of loading anything.
    pub store: Option<PathBuf>,
    /// Show a progress bar on loads that take more than a moment.
    pub progress: bool,
    /// A SPARQL server to read instead of loading anything.
    pub endpoint: Option<remote::Endpoint>,
    /// Folders where the texts of sources are found (a server holds none).
    pub texts: Vec<PathBuf>,
}

impl DataOptions {
    /// The bundled corpus is loaded unless other data replaces it.
    pub fn uses_corpus(&self) -> bool {
        self.data.is_empty() || self.with_corpus
    }

    /// The inputs to load and where their source texts live.
    pub fn inputs(&self) -> Result<(Vec<Input>, Texts)> {
        let (mut inputs, roots) = corpus::inputs_from_paths(&self.data)?;
        if self.uses_corpus() {
            let mut all = corpus::bundled_inputs();
            all.append(&mut inputs);
            inputs = all;
        }
        let texts = Texts {
            roots,
            bundled: self.uses_corpus(),
        };
        Ok((inputs, texts))
    }
}

/// The data a command works on: a backend, and where the texts of its sources are found.
/// Cloning is cheap and shares the same data.
#[derive(Clone)]
pub struct Dataset {
    backend: Arc<dyn Backend>,
    pub texts: Texts,
    /// The folder of an on-disk store; `None` otherwise.
    pub dir: Option<PathBuf>,
    /// The server, for a dataset read through `--endpoint`.
    remote: Option<Arc<remote::Remote>>,
    /// Once cancelled, every read fails with [`Error::Cancelled`]: how work other than a query
    /// (a chain, `why`, a graph dump) is stopped at a server's time limit.
    cancel: Option<CancellationToken>,
}

impl Dataset {
    /// Opens what the options describe: an existing on-disk store, read-only, or a new in-memory
    /// store loaded with the bundled corpus and/or `--data`.
    pub fn open(options: &DataOptions) -> Result<Self> {
        if let Some(endpoint) = &options.endpoint {
            if !options.data.is_empty() || options.store.is_some() {
                return Err(Error::Usage(
                    "--endpoint reads a server: it cannot be combined with --data or --store (load a server with `claimgraph push --endpoint URL --data PATH`)".into(),
                ));
            }
            return Dataset::open_endpoint(endpoint, options.texts.clone());
        }
        match &options.store {
            Some(dir) => {
                if !options.data.is_empty() {
                    return Err(Error::Usage(
                        "--data cannot be combined with --store here; add data to a store with `claimgraph load --store DIR FILE...`".into(),
                    ));
                }
                // Texts are looked up beside the store's folder, then in the bundled corpus.
                let texts = Texts {
                    roots: vec![PathBuf::from(".")],
                    bundled: true,
                };
                Ok(Dataset {
                    backend: Arc::new(local::Local::on_disk(dir, false)?),
                    texts,
                    dir: Some(dir.clone()),
                    remote: None,
                    cancel: None,
                })
            }
            None => {
                let (inputs, texts) = options.inputs()?;
                let dataset = Dataset::in_memory(texts)?;
                dataset.load(&inputs, options.progress)?;
                Ok(dataset)
            }
        }
    }

    /// Connects to a SPARQL server. Source texts are looked up in `texts`, then in the bundled
    /// corpus (each is checked against its hash, so a text of another source never passes).
    pub fn open_endpoint(endpoint: &remote::Endpoint, texts: Vec<PathBuf>) -> Result<Self> {
        let remote = Arc::new(remote::Remote::open(endpoint)?);
        Ok(Dataset {
            backend: remote.clone(),
            texts: Texts {
                roots: texts,
                bundled: true,
            },
            dir: None,
            remote: Some(remote),
            cancel: None,
        })
    }

    /// The server behind this dataset, when it is read through `--endpoint`.
    pub fn remote(&self) -> Option<&remote::Remote> {
        self.remote.as_deref()
    }

    /// Opens (creating it if needed) an on-disk store for writing.
    pub fn open_writable(dir: &Path, texts: Texts) -> Result<Self> {
        Ok(Dataset {
            backend: Arc::new(local::Local::on_disk(dir, true)?),
            texts,
            dir: Some(dir.to_path_buf()),
            remote: None,
            cancel: None,
        })
    }

    /// An empty in-memory dataset.
    pub fn in_memory(texts: Texts) -> Result<Self> {
        Ok(Dataset {
            backend: Arc::new(local::Local::in_memory()?),
            texts,
            dir: None,
            remote: None,
            cancel: None,
        })
    }

    /// Loads the inputs all or nothing, then anchors the quotes of new mentions in their texts.
    pub fn load(&self, inputs: &[Input], progress: bool) -> Result<LoadReport> {
        load::load(self, inputs, progress)
    }

    /// This dataset, made to stop reading once `token` is cancelled: queries stop at their next
    /// read of the store, and quad streams, row callbacks, counts and graph lists fail with
    /// [`Error::Cancelled`]. See [`crate::query::watch::watched`].
    pub fn cancellable(&self, token: CancellationToken) -> Dataset {
        Dataset {
            cancel: Some(token),
            ..self.clone()
        }
    }

    /// The token a [`Dataset::cancellable`] dataset stops on.
    pub fn cancel_token(&self) -> Option<&CancellationToken> {
        self.cancel.as_ref()
    }

    /// An error once this dataset's token is cancelled.
    fn go_on(&self) -> Result<()> {
        match &self.cancel {
            Some(token) if token.is_cancelled() => Err(Error::Cancelled),
            _ => Ok(()),
        }
    }

    /// Evaluates a parsed query; see [`Backend::evaluate`]. Users' queries go through
    /// [`crate::query::run`], which adds bindings, time limits and cancellation. A cancellable
    /// dataset's own token replaces `cancel` (query::run passes that same token).
    pub fn evaluate(
        &self,
        query: spargebra::Query,
        union: bool,
        cancel: CancellationToken,
    ) -> Result<Answer> {
        self.go_on()?;
        let cancel = self.cancel.clone().unwrap_or(cancel);
        self.backend.evaluate(query, union, cancel)
    }

    /// Evaluates a parsed query part by part; see [`Backend::evaluate_each`]. A cancellable
    /// dataset's own token replaces `cancel`, and every part is refused once it is cancelled.
    pub fn evaluate_each(
        &self,
        query: spargebra::Query,
        union: bool,
        cancel: CancellationToken,
        each: &mut dyn FnMut(Part<'_>) -> Result<()>,
    ) -> Result<()> {
        self.go_on()?;
        let cancel = self.cancel.clone().unwrap_or(cancel);
        self.backend
            .evaluate_each(query, union, cancel, &mut |part| {
                self.go_on()?;
                each(part)
            })
    }

    /// Evaluates a parsed SELECT row by row; see [`Backend::select_each`].
    pub fn select_each(
        &self,
        query: spargebra::Query,
        union: bool,
        each: &mut dyn FnMut(&[Option<Term>]) -> Result<()>,
    ) -> Result<()> {
        self.go_on()?;
        self.backend.select_each(query, union, &mut |row| {
            self.go_on()?;
            each(row)
        })
    }

    /// The quads matching a pattern.
    pub fn quads(&self, pattern: &QuadPattern) -> Result<QuadStream<'_>> {
        self.go_on()?;
        let stream = self.backend.quads(pattern)?;
        match self.cancel.clone() {
            None => Ok(stream),
            Some(token) => Ok(Box::new(stream.map(move |quad| {
                if token.is_cancelled() {
                    Err(Error::Cancelled)
                } else {
                    quad
                }
            }))),
        }
    }

    /// The names of the named graphs.
    pub fn graph_names(&self) -> Result<Vec<NamedOrBlankNode>> {
        self.go_on()?;
        self.backend.graph_names()
    }

    /// The number of quads (a triple stated in two graphs counts twice).
    pub fn len(&self) -> Result<usize> {
        self.go_on()?;
        self.backend.len()
    }

    pub fn is_empty(&self) -> Result<bool> {
        self.go_on()?;
        self.backend.is_empty()
    }

    /// Starts an all-or-nothing load.
    pub fn loader(&self) -> Result<Box<dyn Loader + '_>> {
        self.backend.loader()
    }

    /// Adds a few quads at once.
    pub fn insert(&self, quads: &[Quad]) -> Result<()> {
        self.backend.insert(quads)
    }

    /// Runs a parsed SPARQL update; see [`Backend::update`]. Only `serve --allow-update` calls
    /// it: every other front end only reads.
    pub fn update(&self, update: spargebra::Update) -> Result<()> {
        self.backend.update(update)
    }
}
