//! The command-line options of `ingest`, `review`, `accept` and `reject` (clap derive only: the
//! doc comments are the help text), kept beside the code they drive; `cli.rs` names them, and
//! the shell's `.review`, `.accept` and `.reject` parse them too.

use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// The report's text: a UTF-8 text file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The document's id: lower-case letters and digits joined by hyphens (source:ID).
    #[arg(long)]
    pub id: String,

    /// A short name for the document's mentions and graphs (mention:KEY/s012) and its unnamed
    /// author (actor:KEY-report-author), as an id is written [default: the id].
    #[arg(long)]
    pub key: Option<String>,

    /// The report's title.
    #[arg(long)]
    pub title: String,

    /// The publication date, YYYY-MM-DD: weekdays and "last week" are read against it, and no
    /// statement it reports is later.
    #[arg(long, value_name = "DATE")]
    pub published: String,

    /// Who published it: an actor, reused when its label or an alias matches one.
    #[arg(long, value_name = "NAME")]
    pub publisher: String,

    /// Where it was published.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// The language of the text.
    #[arg(long, value_name = "LANG", default_value = "en")]
    pub lang: String,

    /// Its author, when named: an actor, reused when a label or alias matches.
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The document's id (its source:ID); with none, the workspace's documents are listed.
    #[arg(value_name = "ID")]
    pub id: Option<String>,

    /// Output format: a table for people, tab-separated values for programs.
    #[arg(long, value_enum, default_value_t = ReviewFormat::Table)]
    pub format: ReviewFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    Table,
    Tsv,
    Json,
}

#[derive(Debug, Args)]
pub struct DecideArgs {
    /// The document's id.
    #[arg(value_name = "ID")]
    pub id: String,

    /// The proposals, by name (s012, as `review` shows them); with none, `accept` takes all.
    #[arg(value_name = "PROPOSAL")]
    pub proposals: Vec<String>,

    /// Who reviews [default: $USER].
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}
