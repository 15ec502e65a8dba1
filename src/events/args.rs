//! The command-line options of `events` (clap derive only: the doc comments are the help text),
//! kept beside the code they drive; `cli.rs` names them.

use crate::render::events::EventFormat;
use clap::Args;
use std::path::PathBuf;

/// Which records to keep: every option given must hold. Names are IRIs, prefixed names, or
/// labels or aliases in any case ("Tarar", "Kabul").
#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    /// Keep records dated on or after this day (YYYY-MM-DD); a record is placed on its day, else
    /// on its earliest bound, else its latest, as `.timeline` places acts. Undated records go.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,

    /// Keep records dated on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,

    /// Keep records whose source or target is this actor (repeatable: any of them).
    #[arg(long, value_name = "ACTOR")]
    pub actor: Vec<String>,

    /// Keep records whose source or target counts for this actor's side (where
    /// cg:affiliatedWith leads; repeatable).
    #[arg(long, value_name = "ACTOR")]
    pub side: Vec<String>,

    /// Keep records whose CAMEO code starts with this prefix (11: disapprove, 112: accuse, 0871;
    /// repeatable). Quote codes with leading zeros in shells that would mangle them.
    #[arg(long, value_name = "PREFIX")]
    pub code: Vec<String>,

    /// Keep records grounded in this document (a cg:Source: IRI or source:name; repeatable).
    #[arg(long, value_name = "SOURCE")]
    pub document: Vec<String>,
}

#[derive(Debug, Clone, Args)]
pub struct EventsArgs {
    /// File format: CSV or TSV with a header row, or JSON Lines.
    #[arg(long, value_enum, default_value_t = EventFormat::Csv)]
    pub format: EventFormat,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// Write to FILE (atomically: a failed write leaves no file) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}
