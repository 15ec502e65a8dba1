//! Reading RDF inputs into a store, all or nothing: every input goes through one bulk loader that
//! is committed only when all of them parsed, so a syntax error anywhere leaves the store as it was.

mod context;
pub mod guard;
pub mod xml;

use crate::corpus::{Content, Input};
use crate::error::{self, Error, Result};
use crate::provenance;
use crate::store::{Dataset, Loader};
use guard::{Bom, Guard, Refusal, RefusalKind};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use oxigraph::io::{RdfFormat, RdfParseError, RdfParser};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
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

/// The most read from an input that is not a regular file (a pipe, a device), which may never
/// end; a regular file is read whatever its size.
pub const MAX_STREAM_BYTES: u64 = 1 << 30;

/// Loads every input into the dataset in one transaction, then anchors new mentions' quotes.
///
/// The Turtle family and JSON-LD parsers refuse a token (a literal) over 16 MiB when they read
/// a stream, a bound of oxigraph's that claimgraph cannot change; they have none when they
/// parse bytes in memory. So a file that meets it is loaded again from memory: the whole load
/// restarts (it is one transaction), this time with that file read whole.
pub fn load(dataset: &Dataset, inputs: &[Input], progress: bool) -> Result<LoadReport> {
    let mut whole = Vec::new();
    loop {
        match load_once(dataset, inputs, progress, &whole) {
            Err(Failure::Retry(i)) if !whole.contains(&i) => whole.push(i),
            Err(Failure::Retry(i)) => {
                return Err(Error::Internal(format!(
                    "{}: the parser's buffer overflowed on the file read whole",
                    inputs[i].origin
                )));
            }
            Err(Failure::Error(e)) => return Err(e),
            Ok(report) => return Ok(report),
        }
    }
}

/// Why a load attempt stopped.
enum Failure {
    Error(Error),
    /// Input `i` holds a token too long for a streaming parser: read it whole.
    Retry(usize),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Error(e)
    }
}

/// Whether a parse error is the streaming parsers' buffer limit.
fn is_buffer_limit(e: &RdfParseError) -> bool {
    matches!(e, RdfParseError::Io(io) if io.kind() == std::io::ErrorKind::OutOfMemory
        && io.to_string().contains("buffer maximal size"))
}

fn load_once(
    dataset: &Dataset,
    inputs: &[Input],
    progress: bool,
    whole: &[usize],
) -> std::result::Result<LoadReport, Failure> {
    let started = Instant::now();
    let total: u64 = inputs.iter().map(Input::len).sum();
    let bar = Progress::new(progress, total);
    let mut loader = dataset.loader()?;
    let mut quads = 0u64;
    for (i, input) in inputs.iter().enumerate() {
        let parser = RdfParser::from_format(input.format)
            .with_base_iri(&input.base_iri)
            .map_err(|e| Error::Internal(format!("bad base IRI {}: {e}", input.base_iri)))?
            .rename_blank_nodes();
        let mut failed: Option<RdfParseError> = None;
        let mut count = |r: std::result::Result<oxigraph::model::Quad, RdfParseError>| match r {
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
        };
        // The first parse error ends the input; it is kept here and reported once the loader
        // has stopped, and the loader is then dropped without commit, which discards everything.
        let added = match &input.content {
            Content::Bundled(bytes) => add_slice(&mut *loader, parser, bytes, &mut count),
            Content::Text(bytes) => add_slice(&mut *loader, parser, bytes, &mut count),
            Content::File(path) if whole.contains(&i) => {
                let mut bytes = Vec::new();
                guarded(path, input.format)?
                    .read_to_end(&mut bytes)
                    .map_err(|e| input_error(input, RdfParseError::Io(e)))?;
                add_slice(&mut *loader, parser, &bytes, &mut count)
            }
            Content::File(path) => {
                let reader = bar.bar.wrap_read(guarded(path, input.format)?);
                let mut parsed = parser.for_reader(reader).map_while(&mut count);
                loader.add(&mut parsed)
            }
        };
        if let Some(e) = failed {
            bar.bar.finish_and_clear();
            if is_buffer_limit(&e) && matches!(input.content, Content::File(_)) {
                return Err(Failure::Retry(i));
            }
            return Err(input_error(input, e).into());
        }
        if let Err(e) = added {
            bar.bar.finish_and_clear();
            return Err(e.into());
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

/// Parses bytes held in memory into the loader.
fn add_slice(
    loader: &mut (dyn Loader + '_),
    parser: RdfParser,
    bytes: &[u8],
    count: &mut impl FnMut(
        std::result::Result<oxigraph::model::Quad, RdfParseError>,
    ) -> Option<oxigraph::model::Quad>,
) -> Result<()> {
    let mut parsed = parser
        .for_slice(bytes)
        .map(|r| r.map_err(RdfParseError::from))
        .map_while(count);
    loader.add(&mut parsed)
}

/// A file opened for its parser behind a [`Guard`]: UTF-8 checked, a byte order mark made
/// harmless, RDF/XML checked, and a size limit when it is not a regular file.
fn guarded(path: &Path, format: RdfFormat) -> Result<Guard<BufReader<File>>> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let regular = file.metadata().map_err(|e| Error::io(path, e))?.is_file();
    let xml = format == RdfFormat::RdfXml;
    let bom = if xml || matches!(format, RdfFormat::JsonLd { .. }) {
        Bom::Keep
    } else {
        Bom::Space
    };
    let limit = (!regular).then_some(MAX_STREAM_BYTES);
    Ok(Guard::new(BufReader::new(file), bom, limit, xml))
}

/// An input's parse error as claimgraph reports it, with its position where there is one.
fn input_error(input: &Input, e: RdfParseError) -> Error {
    if let RdfParseError::Io(io) = &e {
        if let Some(refusal) = Refusal::find(io) {
            return refused(&input.origin, refusal.clone());
        }
    }
    let error = error::from_parse_error(&input.origin, None, e);
    context::reword(input, error)
}

fn refused(origin: &str, refusal: Refusal) -> Error {
    let (line, column) = (refusal.line, refusal.column);
    match refusal.kind {
        RefusalKind::NotUtf8 => Error::NotUtf8 {
            origin: origin.to_owned(),
            line,
            column,
        },
        RefusalKind::Syntax(message) => Error::Syntax {
            origin: origin.to_owned(),
            line,
            column,
            message,
        },
        RefusalKind::Limit(what, hint) => Error::Limit {
            what: format!("{origin}:{line}:{column}: {what}"),
            hint,
        },
    }
}
