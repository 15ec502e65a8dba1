//! The options both front ends parse with clap, so that `claimgraph chain` and the shell's
//! `.chain` take the same ones with the same help: `chain`, `mutual` and the RDF export formats;
//! and what each asks of the library ([`Walk`], [`MutualSearch`], [`Format`]).

use crate::chain::{Level, Way};
use crate::error::{Error, Result};
use crate::render::Format;
use crate::render::chain::GraphFormat;
use crate::report::{MutualSearch, Walk};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{ArgGroup, Args, ValueEnum};
use std::str::FromStr;

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("walk").required(true).args(["from", "to", "between", "all"])))]
pub struct ChainArgs {
    /// Everything that answered ACT, and what answered that, to the end of each chain.
    #[arg(long, value_name = "ACT")]
    pub from: Option<String>,

    /// What ACT answered, and what that answered, back to the roots.
    #[arg(long, value_name = "ACT")]
    pub to: Option<String>,

    /// The exchange between two parties, each with the actors affiliated with it: the acts of
    /// each aimed at the other and the links among them, in time order.
    #[arg(long, num_args = 2, value_names = ["ACTOR", "ACTOR"])]
    pub between: Option<Vec<String>>,

    /// Every maximal chain, longest first, grouped by the act it starts from.
    #[arg(long)]
    pub all: bool,

    /// With --all: only chains of at least N links [default: 2].
    #[arg(long, value_name = "N", conflicts_with_all = ["from", "to", "between"])]
    pub min_length: Option<usize>,

    /// With --from or --to: only N steps from the act, naming the acts whose further steps are
    /// left out (a chain thousands of acts long is read a screen at a time) [default: 100 for
    /// text, no bound for the other formats].
    #[arg(long, value_name = "N", conflicts_with_all = ["between", "all"], value_parser = steps)]
    pub max_depth: Option<usize>,

    /// Output format: an indented tree for people, JSON for programs, Graphviz DOT, or SVG drawn
    /// by Graphviz's `dot`.
    #[arg(long, value_parser = graph_formats(), default_value = "text")]
    pub format: GraphFormat,
}

#[derive(Debug, Args)]
pub struct MutualArgs {
    /// Compare actors themselves, not their sides.
    #[arg(long)]
    pub actors: bool,

    /// The longest circle of recrimination to look for, in parties.
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub max_cycle: usize,

    /// Output format: text for people, JSON for programs, Graphviz DOT, or SVG drawn by `dot`.
    #[arg(long, value_parser = graph_formats(), default_value = "text")]
    pub format: GraphFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Nquads,
    Trig,
    Turtle,
    Ntriples,
    Jsonld,
    Rdfxml,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Format {
        match f {
            ExportFormat::Nquads => Format::Nquads,
            ExportFormat::Trig => Format::Trig,
            ExportFormat::Turtle => Format::Turtle,
            ExportFormat::Ntriples => Format::Ntriples,
            ExportFormat::Jsonld => Format::Jsonld,
            ExportFormat::Rdfxml => Format::Rdfxml,
        }
    }
}

impl TryFrom<&ChainArgs> for Walk {
    type Error = Error;

    /// The walk the options ask for; clap lets exactly one of them through.
    fn try_from(args: &ChainArgs) -> Result<Walk> {
        Ok(if let Some(names) = &args.between {
            Walk::Between(names[0].clone(), names[1].clone())
        } else if args.all {
            Walk::All {
                min_length: args.min_length.unwrap_or(2),
            }
        } else {
            let (name, way) = match (&args.from, &args.to) {
                (Some(name), _) => (name, Way::Forward),
                (None, Some(name)) => (name, Way::Backward),
                _ => return Err(Error::Usage("give --from, --to, --between or --all".into())),
            };
            Walk::Act {
                name: name.clone(),
                way,
                max_depth: args
                    .max_depth
                    .or((args.format == GraphFormat::Text).then_some(TEXT_DEPTH)),
            }
        })
    }
}

impl From<&MutualArgs> for MutualSearch {
    fn from(args: &MutualArgs) -> MutualSearch {
        MutualSearch {
            level: if args.actors {
                Level::Actors
            } else {
                Level::Sides
            },
            max_cycle: args.max_cycle,
        }
    }
}

/// How many steps a text tree shows unless --max-depth says: it is indented once per step, so a
/// chain thousands of acts long would print lines thousands of characters wide (hundreds of
/// megabytes in all). The other formats grow with the chain, not with its square.
pub const TEXT_DEPTH: usize = 100;

/// A number of steps: 1 or more.
fn steps(text: &str) -> std::result::Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err("give a whole number of steps, 1 or more".into()),
    }
}

/// The formats of `chain` and `mutual`, each with its help.
fn graph_formats() -> impl TypedValueParser<Value = GraphFormat> {
    values(&GraphFormat::ALL, GraphFormat::name, GraphFormat::summary)
}

/// Parses one of a library type's values by name, as `#[arg(value_enum)]` would: `--help` lists
/// each name with its summary, and a wrong name is refused with the list. The library's types
/// stay free of clap; this is where their names meet it.
pub fn values<T>(
    all: &[T],
    name: fn(T) -> &'static str,
    summary: fn(T) -> &'static str,
) -> impl TypedValueParser<Value = T>
where
    T: FromStr<Err = String> + Copy + Send + Sync + 'static,
{
    PossibleValuesParser::new(
        all.iter()
            .map(|&v| PossibleValue::new(name(v)).help(summary(v))),
    )
    .try_map(|name| name.parse::<T>())
}
