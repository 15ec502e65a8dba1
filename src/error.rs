//! The one error type of the library: every variant keeps what was wrong and where (file, line,
//! column, query position), and knows its exit code and a hint for the user.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The documented exit codes of the `claimgraph` binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything went well (and `check` found nothing).
    Success = 0,
    /// Bad input or environment: a file, a query, a store, a value given on the command line.
    Input = 1,
    /// The command line itself is wrong (unknown flag, missing argument); clap's own code.
    Usage = 2,
    /// `check` ran and found violations.
    Violations = 3,
    /// A bug in claimgraph: please report it.
    Internal = 4,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: no such file or directory", path.display())]
    NotFound { path: PathBuf },

    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{}: unknown RDF file extension {ext:?}", path.display())]
    UnknownFormat { path: PathBuf, ext: String },

    /// An RDF syntax error; `line` and `column` are 1-based.
    #[error("{origin}:{line}:{column}: {message}")]
    Syntax {
        origin: String,
        line: u64,
        column: u64,
        message: String,
    },

    /// An RDF syntax error from a parser that gives no position (RDF/XML, JSON-LD).
    #[error("{origin}: {message}")]
    SyntaxNoPosition { origin: String, message: String },

    #[error("{origin}:{line}:{column}: not valid UTF-8")]
    NotUtf8 {
        origin: String,
        line: u64,
        column: u64,
    },

    /// A SPARQL syntax error; `line` and `column` are 1-based positions inside the query text.
    #[error("{origin}:{line}:{column}: SPARQL syntax error: {message}")]
    QuerySyntax {
        origin: String,
        line: u64,
        column: u64,
        message: String,
    },

    /// A query nested deeper than the parser and the evaluator can follow safely.
    #[error("{origin}:{line}:{column}: the query is too deep: {what}")]
    TooDeep {
        origin: String,
        line: u64,
        column: u64,
        what: String,
    },

    /// A SPARQL update where a query is expected.
    #[error("{origin}:{line}:{column}: {keyword} is an update, and updates are not allowed here")]
    UpdateRefused {
        origin: String,
        line: u64,
        column: u64,
        keyword: String,
    },

    #[error("query failed: {0}")]
    QueryEvaluation(String),

    #[error("query cancelled: it ran longer than --timeout {seconds} s")]
    Timeout { seconds: f64 },

    /// The user pressed Ctrl-C while the query ran.
    #[error("query cancelled")]
    Cancelled,

    #[error("--bind {spec}: {reason}")]
    Bind { spec: String, reason: String },

    #[error("{}: not a claimgraph store", dir.display())]
    NotAStore { dir: PathBuf },

    #[error("{}: no store here", dir.display())]
    NoStore { dir: PathBuf },

    #[error("the store at {} is in use by another process", dir.display())]
    StoreLocked { dir: PathBuf },

    #[error("--store needs on-disk storage, which this claimgraph was built without")]
    NoRocksDb,

    #[error("store error: {0}")]
    Storage(String),

    /// A name on the command line that names no act or actor; `suggestions` are close names.
    #[error("no {kind} is called {name:?}{}", did_you_mean(.suggestions))]
    UnknownName {
        kind: &'static str,
        name: String,
        suggestions: Vec<String>,
    },

    /// A name that fits several acts or actors: claimgraph lists them and does not guess.
    #[error("{name:?} names {} {kind}: {}", .candidates.len(), .candidates.join(", "))]
    Ambiguous {
        kind: &'static str,
        name: String,
        candidates: Vec<String>,
    },

    /// An act with no response or causal link, in either direction.
    #[error("{act} has no response or causal links: it answers nothing and nothing answers it")]
    NoLinks { act: String },

    /// A dataset with no response or causal links at all.
    #[error(
        "the data has no response or causal links (cg:respondsTo, cg:causallyLinkedTo or their sub-properties)"
    )]
    NoResponseLinks,

    /// `.why` found no graph derived from a source that states the facts asked about.
    #[error("{what}: no fact of it is stated in a graph derived from a source")]
    NotGrounded { what: String },

    /// An external program that an output format needs is not on PATH.
    #[error("{purpose} needs the `{program}` program, which is not on PATH")]
    MissingProgram {
        program: &'static str,
        purpose: &'static str,
    },

    /// An external program ran and failed.
    #[error("`{program}` failed: {message}")]
    ProgramFailed {
        program: &'static str,
        message: String,
    },

    /// An error in a line of a script or a `.read` file, with where that line is.
    #[error("{origin}:{line}: {source}")]
    At {
        origin: String,
        line: u64,
        #[source]
        source: Box<Error>,
    },

    /// `ingest` was given a path where there is no file.
    #[error("{}: no such file", path.display())]
    NoText { path: PathBuf },

    /// `ingest` was given something that is not UTF-8 text.
    #[error("{}: {reason}", path.display())]
    NotText { path: PathBuf, reason: String },

    #[error("{}: the file is empty", path.display())]
    EmptyText { path: PathBuf },

    /// A document id already registered with another text.
    #[error("source:{id} is already registered with another text ({existing})")]
    DuplicateId { id: String, existing: String },

    /// A text already registered under another id.
    #[error("{}: this text is already registered as {existing}", path.display())]
    DuplicateText { path: PathBuf, existing: String },

    /// A value given to an option that it cannot take.
    #[error("{option} {value:?}: {reason}")]
    BadValue {
        option: &'static str,
        value: String,
        reason: String,
    },

    /// A review (accept, reject, review) that cannot be done as asked.
    #[error("{0}")]
    Review(String),

    #[error("no workspace here or above (no .claimgraph folder)")]
    NoWorkspace,

    /// A bound claimgraph keeps so that hostile input cannot exhaust memory, time or the stack;
    /// `what` says which bound and by how much, `hint` what to do instead.
    #[error("{what}")]
    Limit { what: String, hint: &'static str },

    /// A value given on the command line that names nothing or is not what it should be.
    #[error("{0}")]
    Value(String),

    /// An output path whose folder does not exist.
    #[error("{}: no such folder to write into", path.display())]
    NoFolder { path: PathBuf },

    /// A character that an output format cannot carry at all.
    #[error("{format} cannot hold the character {} {where_}: XML 1.0 forbids it", char_name(*.ch))]
    Unrepresentable {
        format: &'static str,
        ch: char,
        where_: String,
        hint: &'static str,
    },

    /// A SPARQL server answered with an error, not at all, or incompletely: one line naming
    /// the server, what went wrong, and (in `hint`) what to change.
    #[error("{url}: {message}")]
    Endpoint {
        url: String,
        message: String,
        hint: Option<&'static str>,
    },

    #[error("{0}")]
    Usage(String),

    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        let path = path.as_ref().to_path_buf();
        if let Some(e) = source
            .get_ref()
            .and_then(|e| e.downcast_ref::<Unwritable>())
        {
            return Error::Unrepresentable {
                format: e.format,
                ch: e.ch,
                where_: e.where_.clone(),
                hint: e.hint,
            };
        }
        if source.kind() == std::io::ErrorKind::NotFound {
            Error::NotFound { path }
        } else {
            Error::Io { path, source }
        }
    }

    /// What the user can do about it, when there is something useful to say.
    pub fn hint(&self) -> Option<&'static str> {
        Some(match self {
            Error::At { source, .. } => return source.hint(),
            Error::NotFound { .. } => "check the path; folders are searched recursively",
            Error::UnknownFormat { .. } => "known extensions: .ttl .trig .nt .nq .rdf .owl .jsonld",
            Error::NotUtf8 { .. } => "RDF files must be UTF-8; convert with iconv",
            Error::Timeout { .. } => "raise --timeout, or narrow the query",
            Error::Bind { .. } => {
                "write NAME=<iri>, NAME=prefix:name, NAME=\"text\", NAME=\"text\"@en or NAME=42"
            }
            Error::NotAStore { .. } => {
                "point --store at an empty or new folder, or at one made by `claimgraph load`"
            }
            Error::NoStore { .. } => "create it with `claimgraph load --store DIR [FILE...]`",
            Error::StoreLocked { .. } => {
                "close the other claimgraph using it, or query a copy of the store"
            }
            Error::NoRocksDb => "rebuild with `cargo build --release --features rocksdb`",
            Error::UnknownName { .. } => {
                "name it by IRI, prefixed name (actor:..., stmt:...), or a label or alias, in any case"
            }
            Error::Ambiguous { .. } => "give the IRI or prefixed name of the one you mean",
            Error::NotGrounded { .. } => {
                "check the name with a query; ontology terms and the curator's notes have no source"
            }
            Error::NoLinks { .. } => "list the acts that have links with `claimgraph chain --all`",
            Error::NoResponseLinks => {
                "load data that links acts (the bundled corpus does: add --with-corpus)"
            }
            Error::MissingProgram { .. } => {
                "install Graphviz (Debian: apt-get install graphviz), or write --format dot and render it elsewhere"
            }
            Error::NoText { .. } => "give the path of the report's text, a UTF-8 .txt file",
            Error::NotText { .. } => {
                "ingest reads plain UTF-8 text: convert it (iconv -t UTF-8), or export it as text first"
            }
            Error::EmptyText { .. } => "give a file that holds the report's text",
            Error::DuplicateId { .. } => {
                "choose another --id; ingesting the same text under the same id again adds only new proposals"
            }
            Error::DuplicateText { .. } => {
                "it is ingested already: `claimgraph review ID` lists its proposals"
            }
            Error::BadValue {
                option: "--key", ..
            } => {
                "a key is written as an id and names one document: choose another, or leave --key out to use the id"
            }
            Error::BadValue { option: "--id", .. } => {
                "an id is lower-case letters and digits joined by hyphens, like wire-talks-2025-10-29"
            }
            Error::BadValue {
                option: "--published",
                ..
            } => "write the date as YYYY-MM-DD, a day of the calendar",
            Error::BadValue { .. } => "see `claimgraph ingest --help`",
            Error::Review(_) => "`claimgraph review ID` lists a document's proposals by name",
            Error::NoWorkspace => {
                "run `claimgraph ingest FILE ...` first, or work inside the folder that holds .claimgraph"
            }
            Error::Endpoint { hint, .. } => return *hint,
            Error::Internal(_) => "this is a bug in claimgraph; please report it",
            Error::TooDeep { .. } => {
                "flatten the query: fewer nested groups, OPTIONALs and parentheses, or VALUES and IN lists instead of chains of UNION and ||"
            }
            Error::UpdateRefused { .. } => {
                "claimgraph only reads its data: add files with --data or `claimgraph load`"
            }
            Error::Limit { hint, .. } | Error::Unrepresentable { hint, .. } => hint,
            Error::NoFolder { .. } => "create the folder first, or check the path",
            _ => return None,
        })
    }

    /// The error as claimgraph prints it, on one line: the message, then the hint if any.
    /// Control and invisible characters from the input are escaped, so a message can neither
    /// drive the terminal nor hide what it quotes.
    pub fn one_line(&self) -> String {
        let line = match self.hint() {
            Some(hint) => format!("claimgraph: error: {self} (hint: {hint})"),
            None => format!("claimgraph: error: {self}"),
        };
        visible(&line)
    }

    /// An error placed within a query read from `origin` (a syntax error, a query too deep,
    /// an update), moved to where that query starts: line `at` of its file. Any other error is
    /// given back as it is.
    pub fn in_query_at(self, origin: &str, at: u64) -> std::result::Result<Error, Error> {
        let shift = |line: u64| line + at.saturating_sub(1);
        match self {
            Error::QuerySyntax {
                origin: o,
                line,
                column,
                message,
            } if o == origin => Ok(Error::QuerySyntax {
                origin: o,
                line: shift(line),
                column,
                message,
            }),
            Error::TooDeep {
                origin: o,
                line,
                column,
                what,
            } if o == origin => Ok(Error::TooDeep {
                origin: o,
                line: shift(line),
                column,
                what,
            }),
            Error::UpdateRefused {
                origin: o,
                line,
                column,
                keyword,
            } if o == origin => Ok(Error::UpdateRefused {
                origin: o,
                line: shift(line),
                column,
                keyword,
            }),
            other => Err(other),
        }
    }

    pub fn exit(&self) -> Exit {
        match self {
            Error::At { source, .. } => source.exit(),
            Error::Usage(_) => Exit::Usage,
            Error::Internal(_) => Exit::Internal,
            _ => Exit::Input,
        }
    }
}

/// A character that [`Error::io`] turns into [`Error::Unrepresentable`]: renderers that write
/// through `std::io` return it inside an `io::Error` when their format cannot carry a character.
#[derive(Debug)]
pub struct Unwritable {
    pub format: &'static str,
    pub ch: char,
    /// Where the character is, in words ("in a literal of <s> <p>").
    pub where_: String,
    pub hint: &'static str,
}

impl std::fmt::Display for Unwritable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} cannot hold {} {}",
            self.format,
            char_name(self.ch),
            self.where_
        )
    }
}

impl std::error::Error for Unwritable {}

/// Whether a character does not show as itself: controls, and the format characters that are
/// invisible or reorder text (zero-width spaces and joiners, bidirectional controls, the BOM).
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{AD}' | '\u{61C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}')
}

/// Text with its invisible characters written as escapes (`\n`, `\u{1b}`), for a terminal.
pub fn visible(text: &str) -> String {
    if !text.chars().any(is_invisible) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if is_invisible(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// `U+0000` for a character, as the Unicode charts name code points.
fn char_name(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// `; did you mean a, b?` when there are close names.
fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", suggestions.join(", "))
    }
}

/// Turns oxigraph's parse errors into ours, naming `origin` (a file path or `<corpus>/...`).
/// oxigraph positions are 0-based; ours are 1-based like every editor's.
pub fn from_parse_error(
    origin: &str,
    bytes: Option<&[u8]>,
    e: oxigraph::io::RdfParseError,
) -> Error {
    use oxigraph::io::RdfParseError;
    match e {
        RdfParseError::Syntax(e) => match e.location() {
            Some(range) if e.to_string().contains("Invalid UTF-8") => Error::NotUtf8 {
                origin: origin.to_owned(),
                line: range.start.line + 1,
                column: range.start.column + 1,
            },
            Some(range) => Error::Syntax {
                origin: origin.to_owned(),
                line: range.start.line + 1,
                column: range.start.column + 1,
                message: syntax_message(&e.to_string()),
            },
            None => Error::SyntaxNoPosition {
                origin: origin.to_owned(),
                message: e.to_string(),
            },
        },
        RdfParseError::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => {
            match bytes.and_then(first_invalid_utf8) {
                Some((line, column)) => Error::NotUtf8 {
                    origin: origin.to_owned(),
                    line,
                    column,
                },
                None => Error::SyntaxNoPosition {
                    origin: origin.to_owned(),
                    message: io.to_string(),
                },
            }
        }
        RdfParseError::Io(io) => Error::Io {
            path: PathBuf::from(origin),
            source: io,
        },
    }
}

/// oxigraph's messages repeat the position ("Parser error at line 3 column 4: ..."); we print our
/// own in `file:line:column` form, so keep only the message.
fn syntax_message(message: &str) -> String {
    match message.split_once(": ") {
        Some((head, rest)) if head.contains(" line ") || head.starts_with("Parser error") => {
            rest.to_owned()
        }
        _ => message.to_owned(),
    }
}

/// Text read from `origin`, or where its first byte that is not UTF-8 stands.
pub fn text_from_utf8(bytes: Vec<u8>, origin: &str) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let (line, column) = first_invalid_utf8(e.as_bytes()).unwrap_or((1, 1));
        Error::NotUtf8 {
            origin: origin.to_owned(),
            line,
            column,
        }
    })
}

/// The 1-based line and column (in characters) of the first byte that is not valid UTF-8.
pub fn first_invalid_utf8(bytes: &[u8]) -> Option<(u64, u64)> {
    let valid = match std::str::from_utf8(bytes) {
        Ok(_) => return None,
        Err(e) => e.valid_up_to(),
    };
    let before = std::str::from_utf8(&bytes[..valid]).ok()?;
    let line = before.matches('\n').count() as u64 + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u64 + 1;
    Some((line, column))
}

/// Turns a SPARQL syntax error into ours. spargebra reports the position only inside its
/// message ("error at 2:7: expected ..."), so read it from there.
pub fn from_query_syntax_error(origin: &str, e: &oxigraph::sparql::SparqlSyntaxError) -> Error {
    let text = e.to_string();
    let parsed = text.split_once("error at ").and_then(|(_, rest)| {
        let (pos, message) = rest.split_once(": ")?;
        let (line, column) = pos.split_once(':')?;
        Some((
            line.parse().ok()?,
            column.parse().ok()?,
            shorten_expected(message),
        ))
    });
    match parsed {
        Some((line, column, message)) => Error::QuerySyntax {
            origin: origin.to_owned(),
            line,
            column,
            message,
        },
        None => Error::QuerySyntax {
            origin: origin.to_owned(),
            line: 1,
            column: 1,
            message: text,
        },
    }
}

/// spargebra lists every character class it would accept; keep the tokens a person can act on,
/// on one line.
fn shorten_expected(message: &str) -> String {
    let one_line = message.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(list) = one_line.strip_prefix("expected one of ") else {
        return one_line;
    };
    let tokens: Vec<&str> = list
        .split(", ")
        .filter(|t| t.starts_with('"') && t.ends_with('"') && t.len() <= 12)
        .collect();
    if tokens.is_empty() {
        "unexpected character".to_owned()
    } else {
        format!("expected one of {}", tokens.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_invalid_byte() {
        assert_eq!(first_invalid_utf8(b"ok"), None);
        assert_eq!(first_invalid_utf8(b"ab\ncd\xffe"), Some((2, 3)));
        let mut curly = "\u{2019}\n\u{201c}x".as_bytes().to_vec();
        curly.push(0xff);
        assert_eq!(first_invalid_utf8(&curly), Some((2, 3)));
    }

    #[test]
    fn query_syntax_errors_carry_their_position() {
        let Err(e) =
            oxigraph::sparql::SparqlEvaluator::new().parse_query("SELECT * WHERE {\n  ?s ?p }")
        else {
            panic!("the query is malformed")
        };
        match from_query_syntax_error("query", &e) {
            Error::QuerySyntax { line, column, .. } => assert_eq!((line, column), (2, 10)),
            other => panic!("unexpected {other:?}"),
        }
    }
}
