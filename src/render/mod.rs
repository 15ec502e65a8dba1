//! Output: every renderer writes to `impl Write` and never prints, so tests render into a `Vec<u8>`.
//! One file per family: `table` for people, `results` for SPARQL results formats, `rdf` for graphs,
//! `chain` for response chains and mutual accusations (text trees, JSON, DOT, SVG), `why` for
//! provenance with the quoted words marked in their sentences; `events` for event records (CSV,
//! TSV, JSON Lines), `plot` for the timeline and network pictures (SVG), `graphml` for the network.

pub mod chain;
pub mod events;
pub mod graphml;
pub mod plot;
pub mod rdf;
pub mod results;
pub mod table;
pub mod why;

use crate::error::{Error, Result};
use crate::query::Answer;
use std::collections::HashMap;
use std::io::Write;

/// Every output format of `query`; which ones apply depends on the kind of query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
    Turtle,
    Ntriples,
    Nquads,
    Trig,
    Jsonld,
    Rdfxml,
}

impl Format {
    /// Every format, in the order help lists them.
    pub const ALL: [Format; 11] = [
        Format::Table,
        Format::Csv,
        Format::Tsv,
        Format::Json,
        Format::Xml,
        Format::Turtle,
        Format::Ntriples,
        Format::Nquads,
        Format::Trig,
        Format::Jsonld,
        Format::Rdfxml,
    ];

    /// The name users write (`--format`, `.mode`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Json => "json",
            Format::Xml => "xml",
            Format::Turtle => "turtle",
            Format::Ntriples => "ntriples",
            Format::Nquads => "nquads",
            Format::Trig => "trig",
            Format::Jsonld => "jsonld",
            Format::Rdfxml => "rdfxml",
        }
    }

    /// What the format is and which answers it writes, as help lists it.
    pub fn summary(self) -> &'static str {
        match self {
            Format::Table => {
                "Aligned columns for people, IRIs shortened and labelled (SELECT, ASK)"
            }
            Format::Csv => "SPARQL 1.1 CSV results (SELECT, ASK)",
            Format::Tsv => "SPARQL 1.1 TSV results (SELECT, ASK)",
            Format::Json => "SPARQL 1.1 JSON results (SELECT, ASK)",
            Format::Xml => "SPARQL 1.1 XML results (SELECT, ASK)",
            Format::Turtle => "Turtle (CONSTRUCT, DESCRIBE)",
            Format::Ntriples => "N-Triples (CONSTRUCT, DESCRIBE)",
            Format::Nquads => "N-Quads (CONSTRUCT, DESCRIBE; export)",
            Format::Trig => "TriG (CONSTRUCT, DESCRIBE; export)",
            Format::Jsonld => "JSON-LD, expanded (CONSTRUCT, DESCRIBE; export)",
            Format::Rdfxml => "RDF/XML (CONSTRUCT, DESCRIBE; export)",
        }
    }

    fn is_for_solutions(self) -> bool {
        matches!(
            self,
            Format::Table | Format::Csv | Format::Tsv | Format::Json | Format::Xml
        )
    }
}

/// A format by its name, in any case.
impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(name: &str) -> std::result::Result<Format, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
            .ok_or_else(|| format!("unknown format {name:?}"))
    }
}

/// How to render an answer: the chosen format (or the default for its kind) and, for tables,
/// the width to fit and the labels to show beside IRIs.
#[derive(Default)]
pub struct Style {
    pub format: Option<Format>,
    /// Whether output goes to a terminal: tables by default, fitted to `width`.
    pub terminal: bool,
    pub width: Option<u16>,
    /// Labels by IRI, read by the caller when [`Style::shows_labels`] says they are shown.
    pub labels: HashMap<String, String>,
}

impl Style {
    /// Whether `answer` is rendered as a table, the one format that shows labels.
    pub fn shows_labels(&self, answer: &Answer) -> bool {
        matches!(answer, Answer::Solutions { .. }) && self.solutions_format() == Format::Table
    }

    fn solutions_format(&self) -> Format {
        self.format.unwrap_or(if self.terminal {
            Format::Table
        } else {
            Format::Tsv
        })
    }
}

/// Writes a query's answer in the chosen format.
pub fn answer(out: &mut impl Write, answer: &Answer, style: &Style) -> Result<()> {
    let io = |e: std::io::Error| Error::io("<output>", e);
    match answer {
        Answer::Solutions { .. } | Answer::Boolean(_) => {
            let format = style.solutions_format();
            if !format.is_for_solutions() {
                return Err(Error::Usage(format!(
                    "--format {} is for graphs; SELECT and ASK answer with table, csv, tsv, json or xml",
                    format.name()
                )));
            }
            if format == Format::Table {
                table::write(out, answer, style).map_err(io)
            } else {
                results::write(out, answer, format).map_err(io)
            }
        }
        Answer::Graph(triples) => {
            let format = style.format.unwrap_or(Format::Turtle);
            let rdf_format = rdf::rdf_format(format).ok_or_else(|| {
                Error::Usage(format!(
                    "--format {} is for SELECT and ASK; CONSTRUCT and DESCRIBE answer with turtle, ntriples, nquads, trig, jsonld or rdfxml",
                    format.name()
                ))
            })?;
            rdf::write_triples(out, triples, rdf_format).map_err(io)
        }
    }
}
