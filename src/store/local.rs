//! The local backend: oxigraph's store in this process, in memory or on disk (RocksDB, with the
//! `rocksdb` feature). The only file in the crate that names `oxigraph::store`.

use super::{Backend, Loader, QuadPattern, QuadStream, Stopped};
use crate::error::{Error, Result};
use crate::query::{Answer, Part};
use oxigraph::model::{NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator};
use oxigraph::store::{BulkLoader, StorageError, Store};
use std::path::Path;

impl From<StorageError> for Error {
    fn from(e: StorageError) -> Self {
        Error::Storage(e.to_string())
    }
}

/// oxigraph's store, cheap to clone (clones share the same data).
#[derive(Clone)]
pub struct Local {
    store: Store,
}

impl Local {
    pub fn in_memory() -> Result<Local> {
        Ok(Local {
            store: Store::new()?,
        })
    }

    /// Opens an on-disk store; `writable` creates it if needed, otherwise it must exist.
    pub fn on_disk(dir: &Path, writable: bool) -> Result<Local> {
        Ok(Local {
            store: open_disk(dir, writable)?,
        })
    }
}

impl Local {
    fn execute(
        &self,
        query: spargebra::Query,
        union: bool,
        cancel: CancellationToken,
    ) -> Result<QueryResults<'static>> {
        let mut query = query;
        add_probes(&mut query);
        let token = cancel.clone();
        let mut prepared = SparqlEvaluator::new()
            .with_cancellation_token(cancel)
            .with_custom_function(NamedNode::new_unchecked(PROBE), move |_| {
                if token.is_cancelled() {
                    // Unwinds the evaluation thread without the panic hook's message;
                    // `super::stopped` reads it as a cancellation.
                    std::panic::resume_unwind(Box::new(Stopped));
                }
                None
            })
            .for_query(query);
        // A query with its own FROM / FROM NAMED keeps the dataset it asked for.
        if union && prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        prepared
            .on_store(&self.store)
            .execute()
            .map_err(evaluation_error)
    }
}

/// The function of the probes, and the variable they set (to nothing).
const PROBE: &str = "urn:claimgraph:probe";
const PROBE_VARIABLE: &str = "claimgraph_probe_k7x2";

/// oxigraph checks its cancellation token only when it reads the store, so a query that only
/// computes (a product of VALUES tables counted or sorted) would run on after Ctrl-C or its time
/// limit. A probe, `BIND(<urn:claimgraph:probe>() AS ?v)`, is evaluated once per row and unwinds
/// the evaluation once the token is cancelled; probes go where rows are consumed without being
/// returned: under the WHERE pattern and under every grouping. Joins are left alone so the
/// optimizer still reorders them.
fn add_probes(query: &mut spargebra::Query) {
    use spargebra::Query;
    let pattern = match query {
        Query::Select { pattern, .. }
        | Query::Construct { pattern, .. }
        | Query::Describe { pattern, .. }
        | Query::Ask { pattern, .. } => pattern,
    };
    probe_groups(pattern);
    let root = below_modifiers(pattern);
    probe(root);
}

fn probe(pattern: &mut spargebra::algebra::GraphPattern) {
    use spargebra::algebra::{Expression, Function, GraphPattern};
    let inner = std::mem::replace(
        pattern,
        GraphPattern::Bgp {
            patterns: Vec::new(),
        },
    );
    *pattern = GraphPattern::Extend {
        inner: Box::new(inner),
        variable: oxigraph::sparql::Variable::new_unchecked(PROBE_VARIABLE),
        expression: Expression::FunctionCall(
            Function::Custom(NamedNode::new_unchecked(PROBE)),
            Vec::new(),
        ),
    };
}

/// The pattern under a query's solution modifiers (projection, order, distinct, slice).
fn below_modifiers(
    pattern: &mut spargebra::algebra::GraphPattern,
) -> &mut spargebra::algebra::GraphPattern {
    use spargebra::algebra::GraphPattern as P;
    match pattern {
        P::Slice { inner, .. }
        | P::Distinct { inner }
        | P::Reduced { inner }
        | P::Project { inner, .. }
        | P::OrderBy { inner, .. } => below_modifiers(inner),
        other => other,
    }
}

/// Puts a probe under every grouping, subqueries' included. Recursion is bounded by the depth
/// check every user query passes first (`query::limits`).
fn probe_groups(pattern: &mut spargebra::algebra::GraphPattern) {
    if let spargebra::algebra::GraphPattern::Group { inner, .. } = pattern {
        probe_groups(inner);
        probe(inner);
        return;
    }
    for inner in crate::query::algebra::sub_patterns_mut(pattern) {
        probe_groups(inner);
    }
}

fn evaluation_error(e: QueryEvaluationError) -> Error {
    match e {
        QueryEvaluationError::Cancelled => Error::Cancelled,
        other => Error::QueryEvaluation(other.to_string()),
    }
}

impl Backend for Local {
    fn evaluate(
        &self,
        query: spargebra::Query,
        union: bool,
        cancel: CancellationToken,
    ) -> Result<Answer> {
        Answer::gather(|each| self.evaluate_each(query, union, cancel, each))
    }

    fn evaluate_each(
        &self,
        query: spargebra::Query,
        union: bool,
        cancel: CancellationToken,
        each: &mut dyn FnMut(Part<'_>) -> Result<()>,
    ) -> Result<()> {
        match self.execute(query, union, cancel)? {
            QueryResults::Solutions(solutions) => {
                let variables: Vec<String> = solutions
                    .variables()
                    .iter()
                    .map(|v| v.as_str().to_owned())
                    .collect();
                each(Part::Solutions(&variables))?;
                for solution in solutions {
                    each(Part::Row(solution.map_err(evaluation_error)?.values()))?;
                }
                Ok(())
            }
            QueryResults::Boolean(b) => each(Part::Boolean(b)),
            QueryResults::Graph(triples) => {
                each(Part::Graph)?;
                for triple in triples {
                    each(Part::Triple(&triple.map_err(evaluation_error)?))?;
                }
                Ok(())
            }
        }
    }

    fn select_each(
        &self,
        query: spargebra::Query,
        union: bool,
        each: &mut dyn FnMut(&[Option<Term>]) -> Result<()>,
    ) -> Result<()> {
        let QueryResults::Solutions(solutions) =
            self.execute(query, union, CancellationToken::new())?
        else {
            return Err(Error::Internal("a bulk read is not a SELECT".into()));
        };
        for solution in solutions {
            each(solution.map_err(evaluation_error)?.values())?;
        }
        Ok(())
    }

    fn quads(&self, pattern: &QuadPattern) -> Result<QuadStream<'_>> {
        let quads = self.store.quads_for_pattern(
            pattern.subject.as_ref().map(Into::into),
            pattern.predicate.as_ref().map(Into::into),
            pattern.object.as_ref().map(Into::into),
            pattern.graph.as_ref().map(Into::into),
        );
        Ok(Box::new(quads.map(|q| q.map_err(Error::from))))
    }

    fn graph_names(&self) -> Result<Vec<NamedOrBlankNode>> {
        Ok(self
            .store
            .named_graphs()
            .collect::<std::result::Result<_, _>>()?)
    }

    fn len(&self) -> Result<usize> {
        Ok(self.store.len()?)
    }

    fn loader(&self) -> Result<Box<dyn Loader + '_>> {
        Ok(Box::new(LocalLoader(self.store.bulk_loader())))
    }

    fn insert(&self, quads: &[Quad]) -> Result<()> {
        Ok(self.store.extend(quads.iter().cloned())?)
    }

    fn update(&self, update: spargebra::Update) -> Result<()> {
        // oxigraph runs the operations in one transaction: a failure leaves the store as it was.
        SparqlEvaluator::new()
            .for_update(update)
            .on_store(&self.store)
            .execute()
            .map_err(|e| Error::QueryEvaluation(e.to_string()))
    }
}

/// oxigraph's bulk loader: nothing is visible until `commit`, and dropping it discards all.
struct LocalLoader<'a>(BulkLoader<'a>);

impl Loader for LocalLoader<'_> {
    fn add(&mut self, quads: &mut dyn Iterator<Item = Quad>) -> Result<()> {
        Ok(self.0.load_quads(quads)?)
    }

    fn commit(self: Box<Self>) -> Result<()> {
        Ok(self.0.commit()?)
    }
}

#[cfg(feature = "rocksdb")]
fn open_disk(dir: &Path, writable: bool) -> Result<Store> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(Error::NotAStore {
                dir: dir.to_path_buf(),
            });
        }
        let empty = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .next()
            .is_none();
        // A RocksDB folder always has CURRENT; anything else with files in it is someone else's.
        if !empty && !dir.join("CURRENT").is_file() {
            return Err(Error::NotAStore {
                dir: dir.to_path_buf(),
            });
        }
        if empty && !writable {
            return Err(Error::NoStore {
                dir: dir.to_path_buf(),
            });
        }
    } else if !writable {
        return Err(Error::NoStore {
            dir: dir.to_path_buf(),
        });
    }
    let opened = if writable {
        Store::open(dir)
    } else {
        Store::open_read_only(dir)
    };
    opened.map_err(|e| {
        let message = e.to_string();
        if message.contains("LOCK") {
            Error::StoreLocked {
                dir: dir.to_path_buf(),
            }
        } else {
            Error::Storage(format!("{}: {message}", dir.display()))
        }
    })
}

#[cfg(not(feature = "rocksdb"))]
fn open_disk(_dir: &Path, _writable: bool) -> Result<Store> {
    Err(Error::NoRocksDb)
}
