//! The command-line options of `events` and `plot` (clap derive only: the
//! doc comments are the help text), kept beside the code they drive; `cli.rs` names them.

use super::timeline::Measure;
use crate::render::events::EventFormat;
use clap::{Args, Subcommand, ValueEnum};
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

#[derive(Debug, Clone, Args)]
pub struct PlotArgs {
    #[command(subcommand)]
    pub picture: Picture,
}

#[derive(Debug, Clone, Subcommand)]
pub enum Picture {
    /// The escalation timeline between two parties: the acts of each toward the other over time,
    /// numbered, placed by Goldstein intensity (or quad class), with a key naming each act.
    Timeline(TimelineArgs),

    /// The network of who accuses, denies, threatens, appeals to and makes demands of whom:
    /// actors (coloured by side) as nodes, directed edges weighted by the number of acts.
    Network(NetworkArgs),
}

#[derive(Debug, Clone, Args)]
pub struct TimelineArgs {
    /// The two parties: actors, each standing for its side unless --actors is given.
    #[arg(long, num_args = 2, value_names = ["ACTOR", "ACTOR"], required = true)]
    pub between: Vec<String>,

    /// Compare the two actors themselves, not their sides.
    #[arg(long)]
    pub actors: bool,

    /// What the vertical axis shows.
    #[arg(long, value_enum, default_value_t = Measure::Goldstein)]
    pub by: Measure,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// Write the SVG to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct NetworkArgs {
    /// SVG to look at, or GraphML for Gephi, Cytoscape, yEd or NetworkX.
    #[arg(long, value_enum, default_value_t = NetworkFormat::Svg)]
    pub format: NetworkFormat,

    /// Draw sides (where cg:affiliatedWith leads) instead of actors.
    #[arg(long)]
    pub sides: bool,

    /// Only these relations (repeatable): accuses, denies, threatens, appeals, demands.
    #[arg(long, value_name = "RELATION", value_parser = ["accuses", "denies", "threatens", "appeals", "demands"])]
    pub relation: Vec<String>,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NetworkFormat {
    Svg,
    Graphml,
}
