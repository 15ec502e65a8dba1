//! The only owner of the oxigraph store: opening it (in memory with the bundled corpus or `--data`,
//! or on disk with `--store DIR`), loading into it, and the counts `stats` reports.

use crate::corpus::{self, Input, Texts};
use crate::error::{Error, Result};
use crate::load::{self, LoadReport};
use oxigraph::store::Store;
use std::path::{Path, PathBuf};

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

/// A store with the knowledge of where its source texts are.
pub struct Dataset {
    store: Store,
    pub texts: Texts,
    /// The folder of an on-disk store; `None` in memory.
    pub dir: Option<PathBuf>,
}

impl Dataset {
    /// Opens what the options describe: an existing on-disk store, read-only, or a new in-memory
    /// store loaded with the bundled corpus and/or `--data`.
    pub fn open(options: &DataOptions) -> Result<Self> {
        match &options.store {
            Some(dir) => {
                if !options.data.is_empty() {
                    return Err(Error::Usage(
                        "--data cannot be combined with --store here; add data to a store with `claimgraph load --store DIR FILE...`".into(),
                    ));
                }
                let store = open_disk(dir, false)?;
                // Texts are looked up beside the store's folder, then in the bundled corpus.
                let texts = Texts {
                    roots: vec![PathBuf::from(".")],
                    bundled: true,
                };
                Ok(Dataset {
                    store,
                    texts,
                    dir: Some(dir.clone()),
                })
            }
            None => {
                let (inputs, texts) = options.inputs()?;
                let dataset = Dataset {
                    store: Store::new()?,
                    texts,
                    dir: None,
                };
                dataset.load(&inputs, options.progress)?;
                Ok(dataset)
            }
        }
    }

    /// Opens (creating it if needed) an on-disk store for writing.
    pub fn open_writable(dir: &Path, texts: Texts) -> Result<Self> {
        Ok(Dataset {
            store: open_disk(dir, true)?,
            texts,
            dir: Some(dir.to_path_buf()),
        })
    }

    /// An empty in-memory dataset.
    pub fn in_memory(texts: Texts) -> Result<Self> {
        Ok(Dataset {
            store: Store::new()?,
            texts,
            dir: None,
        })
    }

    /// Loads the inputs all or nothing, then anchors the quotes of new mentions in their texts.
    pub fn load(&self, inputs: &[Input], progress: bool) -> Result<LoadReport> {
        load::load(&self.store, inputs, &self.texts, progress)
    }

    pub fn store(&self) -> &Store {
        &self.store
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
