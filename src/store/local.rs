//! The local backend: oxigraph's store in this process, in memory or on disk (RocksDB, with the
//! `rocksdb` feature). The only file in the crate that names `oxigraph::store`.

use super::{Backend, Loader, QuadPattern, QuadStream};
use crate::error::{Error, Result};
use crate::query::Answer;
use oxigraph::model::{NamedOrBlankNode, Quad, Term};
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
        let mut prepared = SparqlEvaluator::new()
            .with_cancellation_token(cancel)
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
        match self.execute(query, union, cancel)? {
            QueryResults::Solutions(solutions) => {
                let variables = solutions
                    .variables()
                    .iter()
                    .map(|v| v.as_str().to_owned())
                    .collect();
                let mut rows = Vec::new();
                for solution in solutions {
                    rows.push(solution.map_err(evaluation_error)?.values().to_vec());
                }
                Ok(Answer::Solutions { variables, rows })
            }
            QueryResults::Boolean(b) => Ok(Answer::Boolean(b)),
            QueryResults::Graph(triples) => Ok(Answer::Graph(
                triples
                    .collect::<std::result::Result<_, _>>()
                    .map_err(evaluation_error)?,
            )),
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
