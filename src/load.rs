//! Reading RDF inputs into a store, all or nothing: every input goes through one bulk loader that
//! is committed only when all of them parsed, so a syntax error anywhere leaves the store as it was.

use crate::corpus::{Content, Input};
use crate::error::{self, Error, Result};
use crate::provenance;
use crate::store::Dataset;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use oxigraph::io::{RdfParseError, RdfParser};
use std::fs::File;
use std::io::{BufReader, Read};
use std::time::{Duration, Instant};

/// What a load did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct LoadReport {
    pub files: usize,
    /// Quads read from the inputs (before duplicates are merged by the store).
    pub quads: u64,
    /// Mentions whose offsets were computed from their quotes.
    pub anchored: usize,
    pub seconds: f64,
}

/// A progress bar over the bytes read, that appears only for loads lasting over half a second.
struct Progress {
    bar: ProgressBar,
    started: Instant,
    enabled: bool,
}

impl Progress {
    fn new(enabled: bool, total_bytes: u64) -> Self {
        let bar = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template(
                "loading {msg} {wide_bar} {binary_bytes}/{binary_total_bytes} [{elapsed_precise}, {eta} left]",
            )
            .expect("the template is valid"),
        );
        Progress {
            bar,
            started: Instant::now(),
            enabled: enabled && std::io::IsTerminal::is_terminal(&std::io::stderr()),
        }
    }

    /// Called every few thousand quads: shows the bar once the load has taken a moment.
    fn quads(&self, origin: &str, quads: u64) {
        if !self.enabled {
            return;
        }
        if self.bar.is_hidden() && self.started.elapsed() > Duration::from_millis(500) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        self.bar.set_message(format!("{origin}: {quads} quads"));
    }
}

/// Loads every input into the dataset in one transaction, then anchors new mentions' quotes.
pub fn load(dataset: &Dataset, inputs: &[Input], progress: bool) -> Result<LoadReport> {
    let started = Instant::now();
    let total: u64 = inputs.iter().map(Input::len).sum();
    let bar = Progress::new(progress, total);
    let mut loader = dataset.loader()?;
    let mut quads = 0u64;
    for input in inputs {
        let parser = RdfParser::from_format(input.format)
            .with_base_iri(&input.base_iri)
            .map_err(|e| Error::Internal(format!("bad base IRI {}: {e}", input.base_iri)))?
            .rename_blank_nodes();
        let reader: Box<dyn Read> = match &input.content {
            Content::Bundled(bytes) => Box::new(bar.bar.wrap_read(*bytes)),
            Content::Text(bytes) => {
                Box::new(bar.bar.wrap_read(std::io::Cursor::new(bytes.clone())))
            }
            Content::File(path) => Box::new(bar.bar.wrap_read(BufReader::new(
                File::open(path).map_err(|e| Error::io(path, e))?,
            ))),
        };
        // The first parse error ends the input; it is kept here and reported once the loader
        // has stopped, and the loader is then dropped without commit, which discards everything.
        let mut failed: Option<RdfParseError> = None;
        let mut parsed = parser.for_reader(reader).map_while(|r| match r {
            Ok(quad) => {
                quads += 1;
                if quads.is_multiple_of(16_384) {
                    bar.quads(&input.origin, quads);
                }
                Some(quad)
            }
            Err(e) => {
                failed = Some(e);
                None
            }
        });
        let added = loader.add(&mut parsed);
        drop(parsed);
        if let Some(e) = failed {
            bar.bar.finish_and_clear();
            let bytes = match &input.content {
                Content::Bundled(b) => Some(b.to_vec()),
                Content::Text(b) => Some(b.to_vec()),
                Content::File(p) => std::fs::read(p).ok(),
            };
            return Err(error::from_parse_error(&input.origin, bytes.as_deref(), e));
        }
        if let Err(e) = added {
            bar.bar.finish_and_clear();
            return Err(e);
        }
    }
    loader.commit()?;
    bar.bar.finish_and_clear();
    let anchored = provenance::anchor_mentions(dataset)?;
    Ok(LoadReport {
        files: inputs.len(),
        quads,
        anchored,
        seconds: started.elapsed().as_secs_f64(),
    })
}
