//! The interactive shell's engine: a [`Session`] holds the dataset and the settings, and
//! [`Session::eval`] turns one line of input into a [`Step`]. The front ends only read lines and
//! print what comes back: `editor` at a terminal (rustyline), `script` for piped input and
//! `.read`; so everything a user can do is tested here, in process.

mod complete;
mod connect;
mod dot;
mod editor;
mod input;
mod script;
mod table;

pub use complete::{Completion, Words, complete};
pub use input::{Completeness, assess};
pub use table::COMMANDS;

use crate::chain::ChainGraph;
use crate::error::{Error, Exit, Result};
use crate::query::{self, Answer, QueryOptions};
use crate::render::{self, Format, Style};
use crate::store::{DataOptions, Dataset};
use oxigraph::sparql::CancellationToken;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// How errors name a query typed at the terminal.
const TYPED: &str = "<query>";

/// What one line of input led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Print this (a result, a message); it ends with a newline.
    Output(String),
    /// Nothing to print: a blank line, a comment, a result sent to a file.
    Continue,
    /// A query is open: read another line, with the continuation prompt.
    NeedMore,
    /// `.quit`: leave the shell.
    Quit,
}

/// The query that is running, so that Ctrl-C (a signal handler) can cancel it.
pub type Running = Arc<Mutex<Option<CancellationToken>>>;

/// Where results go.
enum Output {
    Terminal,
    /// `.output FILE`: every result, until `.output` alone.
    File {
        path: PathBuf,
        file: std::fs::File,
    },
    /// `.once FILE`: the next result only, written atomically.
    Once(PathBuf),
}

/// A shell on one dataset, with its settings and the lines of a query being typed.
pub struct Session {
    dataset: Dataset,
    /// Built on the first `.chain`, `.mutual` or `.who`; dropped by `.load`.
    chain: Option<ChainGraph>,
    /// `.mode`; `None` is the default of each kind of answer.
    mode: Option<Format>,
    timer: bool,
    /// `.evidence on`: SELECT answers carry each row's quotes.
    evidence: bool,
    /// Results are for a person at a terminal: tables by default, fitted to `width`.
    terminal: bool,
    width: Option<u16>,
    output: Output,
    /// The lines of a query not yet complete.
    pending: String,
    /// The text of the last query run, to point at its syntax errors.
    last_query: String,
    /// Where lines come from when it is not a person (`<stdin>`, a `.read` file): errors then
    /// name it and the line.
    source: Option<String>,
    /// Lines read so far from the current input, and the line the pending query started on.
    line: u64,
    pending_line: u64,
    /// The folder of saved queries (`None`: the bundled ones).
    queries: Option<PathBuf>,
    running: Running,
    /// How deep `.read` files nest.
    depth: usize,
    /// Set when the data changed, so completions are read again.
    data_changed: bool,
    /// What the session was opened on, for the banner.
    describe: String,
    /// The server options of the command line, which `.connect` reuses.
    endpoint: Option<crate::store::remote::Endpoint>,
}

impl Session {
    /// A session on `dataset`. `terminal` says results are read by a person (tables); `source`
    /// names the input in errors when it is not a person typing.
    pub fn new(dataset: Dataset, terminal: bool, source: Option<String>) -> Session {
        Session {
            dataset,
            chain: None,
            mode: None,
            timer: false,
            evidence: false,
            terminal,
            width: None,
            output: Output::Terminal,
            pending: String::new(),
            last_query: String::new(),
            source,
            line: 0,
            pending_line: 0,
            queries: None,
            running: Running::default(),
            depth: 0,
            data_changed: false,
            describe: "the data".to_owned(),
            endpoint: None,
        }
    }

    /// Names what the session is on, for the banner ("the bundled corpus", a store...).
    pub fn describe_as(&mut self, what: impl Into<String>) {
        self.describe = what.into();
    }

    /// Reads saved queries from `folder` instead of the bundled ones.
    pub fn with_queries(mut self, folder: Option<PathBuf>) -> Session {
        self.queries = folder;
        self
    }

    /// The width to fit tables to (the terminal's, read before each command).
    pub fn set_width(&mut self, width: Option<u16>) {
        // A pseudo-terminal may report no size at all.
        self.width = width.filter(|w| *w >= 20);
    }

    /// Whether a query is open, waiting for more lines.
    pub fn is_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Drops the query being typed (Ctrl-C), returning its text.
    pub fn abandon(&mut self) -> String {
        std::mem::take(&mut self.pending)
    }

    /// The slot holding the running query's cancellation token.
    pub fn running(&self) -> Running {
        self.running.clone()
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// Whether the data changed since the last call (after `.load`).
    pub fn take_data_changed(&mut self) -> bool {
        std::mem::take(&mut self.data_changed)
    }

    /// The saved-query folder, for completions.
    pub fn queries_folder(&self) -> Option<&std::path::Path> {
        self.queries.as_deref()
    }

    /// What the shell prints when it opens at a terminal.
    pub fn banner(&self) -> Result<String> {
        let counts = crate::stats::stats(&self.dataset)?;
        Ok(format!(
            "claimgraph {} on {}: {} actors, {} statements, {} claims, {} events ({} quads in {} graphs).\n\
             Type SPARQL (end it with ; or close its braces) or a dot-command; .help lists them, .quit or Ctrl-D leaves.\n",
            env!("CARGO_PKG_VERSION"),
            self.describe,
            counts.actors,
            counts.statements,
            counts.claims,
            counts.events,
            counts.quads,
            counts.graphs
        ))
    }

    /// Takes one line of input (or several, when an edited multi-line entry comes back from
    /// history) and does what it asks.
    pub fn eval(&mut self, line: &str) -> Result<Step> {
        let first = self.line + 1;
        self.line += 1 + line.matches('\n').count() as u64;
        if !self.pending.is_empty() && table::is_command(line) {
            // A dot-command cannot continue SPARQL: the query before it was left unfinished.
            let at = self.pending_line;
            self.pending.clear();
            if self.source.is_some() {
                return Err(self.locate(
                    Error::Usage(format!(
                        "the query begun on line {at} is not complete when a command starts on line {first}; end it with ;"
                    )),
                    first,
                ));
            }
            let note = "(the unfinished query above was dropped; Up recalls it)\n";
            return Ok(match self.run_dot(line.trim(), first)? {
                Step::Output(text) => Step::Output(format!("{note}{text}")),
                Step::Continue => Step::Output(note.to_owned()),
                other => other,
            });
        }
        if self.pending.is_empty() {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                return Ok(Step::Continue);
            }
            if trimmed.starts_with('.') {
                return self.run_dot(trimmed, first);
            }
            self.pending_line = first;
        }
        self.pending.push_str(line);
        self.pending.push('\n');
        match input::assess(&self.pending) {
            Completeness::Empty => {
                self.pending.clear();
                Ok(Step::Continue)
            }
            Completeness::Incomplete => Ok(Step::NeedMore),
            Completeness::Complete(text) => {
                self.pending.clear();
                let at = self.pending_line;
                let step = self.timed(|s| s.sparql(&text, &[]));
                step.map_err(|e| self.locate(e, at))
            }
        }
    }

    /// Runs a dot-command read on line `at`, timed.
    fn run_dot(&mut self, line: &str, at: u64) -> Result<Step> {
        let step = self.timed(|s| s.dot(line));
        step.map_err(|e| self.locate(e, at))
    }

    /// The input ended: runs what is pending as it stands, so an unfinished query is reported
    /// rather than dropped.
    pub fn finish(&mut self) -> Result<Step> {
        let text = std::mem::take(&mut self.pending);
        if matches!(input::assess(&text), Completeness::Empty) {
            return Ok(Step::Continue);
        }
        let at = self.pending_line;
        let step = self.timed(|s| s.sparql(&text, &[]));
        step.map_err(|e| self.locate(e, at))
    }

    /// Names the line of a script or `.read` file in an error; a query's syntax error gets the
    /// line within the file.
    fn locate(&self, e: Error, at: u64) -> Error {
        let Some(origin) = &self.source else {
            return e;
        };
        match e.in_query_at(origin, at) {
            Ok(e) => e,
            Err(e @ Error::At { .. }) => e,
            Err(e) => Error::At {
                origin: origin.clone(),
                line: at,
                source: Box::new(e),
            },
        }
    }

    /// For a syntax error in the last query typed at the terminal: its line, and a caret under
    /// the column.
    pub fn point_at(&self, e: &Error) -> Option<String> {
        let Error::QuerySyntax {
            origin,
            line,
            column,
            ..
        } = e
        else {
            return None;
        };
        if self.source.is_some() || origin != TYPED {
            return None;
        }
        let text = self
            .last_query
            .lines()
            .nth(usize::try_from(*line).ok()? - 1)?;
        let pad: String = text
            .chars()
            .take(usize::try_from(*column).ok()?.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        Some(format!("  {text}\n  {pad}^\n"))
    }

    /// Runs a command and, with `.timer on`, says how long it took.
    fn timed(&mut self, run: impl FnOnce(&mut Self) -> Result<Step>) -> Result<Step> {
        let started = Instant::now();
        let step = run(self)?;
        if !self.timer || step == Step::Quit || step == Step::NeedMore {
            return Ok(step);
        }
        let time = format!("time: {:.1} ms\n", started.elapsed().as_secs_f64() * 1e3);
        Ok(match step {
            Step::Output(mut text) => {
                text.push_str(&time);
                Step::Output(text)
            }
            _ => Step::Output(time),
        })
    }

    /// Runs a SPARQL query, cancellable with Ctrl-C, and renders its answer in the mode.
    fn sparql(&mut self, text: &str, binds: &[query::Binding]) -> Result<Step> {
        let origin = self.source.clone().unwrap_or_else(|| TYPED.to_owned());
        // Without trailing blanks, an error at the end points at the last line, not past it.
        let text = text.trim_end();
        self.last_query = text.to_owned();
        let token = CancellationToken::new();
        *self.running.lock().expect("the lock is never poisoned") = Some(token.clone());
        let options = QueryOptions {
            binds: binds.to_vec(),
            cancel: Some(token),
            ..QueryOptions::default()
        };
        let answer = query::run(&self.dataset, text, &origin, &options);
        let answer = match answer {
            Ok(answer) if self.evidence => {
                crate::evidence::with_evidence(&self.dataset, answer, text, &origin, &options)
            }
            other => other,
        };
        *self.running.lock().expect("the lock is never poisoned") = None;
        let answer = answer?;
        self.show(&answer)
    }

    /// Renders an answer in the mode and sends it where results go.
    fn show(&mut self, answer: &Answer) -> Result<Step> {
        let mut style = Style {
            format: self.mode,
            terminal: self.terminal,
            width: self.width,
            ..Style::default()
        };
        if style.shows_labels(answer) {
            style.labels = query::labels(&self.dataset, answer.terms());
        }
        let mut bytes = Vec::new();
        render::answer(&mut bytes, answer, &style).map_err(|e| match e {
            // The format flag of the command line is the mode here.
            Error::Usage(m) => Error::Usage(m.replace("--format", ".mode")),
            other => other,
        })?;
        self.deliver(bytes)
    }

    /// Sends a rendered result to the terminal, the `.output` file, or the `.once` file. A
    /// result is rendered whole before it is written, so a failing command writes nothing.
    fn deliver(&mut self, mut bytes: Vec<u8>) -> Result<Step> {
        // Some formats end without a newline (a TSV boolean); answers follow each other here.
        if bytes.last().is_some_and(|b| *b != b'\n') {
            bytes.push(b'\n');
        }
        match &mut self.output {
            Output::Terminal => Ok(Step::Output(String::from_utf8_lossy(&bytes).into_owned())),
            Output::File { path, file } => {
                file.write_all(&bytes)
                    .and_then(|()| file.flush())
                    .map_err(|e| Error::io(&*path, e))?;
                Ok(Step::Continue)
            }
            Output::Once(path) => {
                let path = path.clone();
                self.output = Output::Terminal;
                crate::export::write_atomically(&path, |w| {
                    w.write_all(&bytes).map_err(|e| Error::io(&path, e))
                })?;
                Ok(Step::Continue)
            }
        }
    }

    /// The response graph, built on first use.
    fn chain_graph(&mut self) -> Result<&ChainGraph> {
        if self.chain.is_none() {
            self.chain = Some(ChainGraph::build(&self.dataset)?);
        }
        Ok(self.chain.as_ref().expect("built above"))
    }
}

/// `claimgraph` with no command, and `claimgraph repl`: a shell at a terminal, or a script
/// reader when standard input is not one.
pub fn start(data: &DataOptions, queries: Option<PathBuf>) -> Result<Exit> {
    let stdin = std::io::stdin();
    let interactive = stdin.is_terminal();
    let dataset = Dataset::open(data)?;
    let terminal = std::io::stdout().is_terminal();
    let mut session = Session::new(
        dataset,
        terminal,
        (!interactive).then(|| "<stdin>".to_owned()),
    )
    .with_queries(queries)
    .with_endpoint(data.endpoint.clone());
    session.describe_as(match (&data.store, data.data.as_slice()) {
        _ if data.endpoint.is_some() => {
            let url = data.endpoint.as_ref().map_or("", |e| e.query.as_str());
            format!("the SPARQL server {url}")
        }
        (Some(dir), _) => format!("the store {}", dir.display()),
        (None, []) => "the bundled corpus".to_owned(),
        (None, paths) => {
            let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            let corpus = if data.with_corpus {
                " and the bundled corpus"
            } else {
                ""
            };
            format!("{}{corpus}", names.join(", "))
        }
    });
    if interactive {
        editor::run(session)
    } else {
        script::run(&mut session, stdin.lock(), &mut std::io::stdout().lock())?;
        Ok(Exit::Success)
    }
}

#[cfg(test)]
mod tests;
