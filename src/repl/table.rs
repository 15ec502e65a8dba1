//! The table of the shell's dot-commands, in the manner of the sqlite3 and DuckDB shells: what
//! `.help` lists and explains, what Tab completion offers, and the options of the commands that
//! take those of the command line. What each command does is in `dot.rs`.

use crate::args::{ChainArgs, ExportFormat, MutualArgs};
use crate::error::{Error, Result};
use clap::{CommandFactory, Parser};
use std::path::PathBuf;

/// One dot-command: its name, what it takes, a one-line summary and the longer help.
pub struct DotCommand {
    pub name: &'static str,
    pub args: &'static str,
    pub summary: &'static str,
    pub help: &'static str,
}

/// Every dot-command, in the order `.help` lists them.
pub const COMMANDS: &[DotCommand] = &[
    DotCommand {
        name: ".help",
        args: "[COMMAND]",
        summary: "List the commands, or explain one",
        help: "With a command name (.chain or chain), its options and examples.",
    },
    DotCommand {
        name: ".mode",
        args: "[FORMAT]",
        summary: "Set how answers are written; alone, show the current mode",
        help: "table (aligned, IRIs shortened and labelled; the default at a terminal), csv, tsv \
               (the default otherwise), json, xml for SELECT and ASK; turtle (the default for \
               graphs), ntriples, nquads, trig, jsonld, rdfxml for CONSTRUCT and DESCRIBE.",
    },
    DotCommand {
        name: ".chain",
        args: "--from ACT | --to ACT | --between A B | --all",
        summary: "Trace chains of accusation and response (as `claimgraph chain`)",
        help: "",
    },
    DotCommand {
        name: ".mutual",
        args: "[--actors] [--max-cycle N]",
        summary: "Parties that accuse each other (as `claimgraph mutual`)",
        help: "",
    },
    DotCommand {
        name: ".events",
        args: "[--format csv|tsv|jsonl] [--from D] [--to D] [--actor A] [--code P] [-o FILE]",
        summary: "Acts as event data records (as `claimgraph events`)",
        help: "",
    },
    DotCommand {
        name: ".why",
        args: "IRI | ACT ACT | S P O",
        summary: "Prove it: the quotes behind a resource, a link between two acts, or a triple",
        help: "Shows each named graph that states the facts, and every quote it is derived from \
               inside its sentence, the quoted words between ⟦ and ⟧, with the source and the \
               offsets (Unicode code points). With one IRI: the facts about it. With two acts: \
               the response or causal links between them, either way, also when the link is \
               stated between the claims they convey. With three terms: that triple; write ? for \
               any. Terms are <iri>, prefix:name, \"text\" or a number.\n\
               Examples: .why stmt:tarar-talks-failed\n\
               \x20         .why stmt:rta-pakistani-side-lacks-intention stmt:tarar-talks-failed\n\
               \x20         .why ? cg:target actor:pakistan",
    },
    DotCommand {
        name: ".who",
        args: "ACTOR",
        summary: "What an actor said and did, and what was said about or done to it, in time order",
        help: "ACTOR is an IRI, a prefixed name, or a label or alias in any case (Tarar, Kabul, \
               \"Pakistani side\"); a name that fits several actors is refused with the list. \
               ?role is \"by\" for what the actor said, claimed or took part in, \"about\" for \
               what was aimed at it. Dates are shown as known: a day, a range (2025-10-19…\
               2025-10-26), \"by\" a latest day or \"from\" an earliest; acts are ordered by \
               the first known day, and never before what they answer.",
    },
    DotCommand {
        name: ".timeline",
        args: "[--all] [FROM] [TO]",
        summary: "What was said and done between two dates (YYYY-MM-DD), in time order",
        help: "Statements, claims and events whose first known day falls in the period, both \
               ends included; without dates, everything. Dates are shown as known (a day, a \
               range, \"by\" or \"from\" a day), and an act never comes before what it \
               answers. Acts dated only by the report's publication (the author's analysis, \
               and what is known only to precede the report) are left out and counted; --all \
               shows them.",
    },
    DotCommand {
        name: ".search",
        args: "TEXT",
        summary: "Find things by name or by words of a quote: any case, accents, small typos",
        help: "Ranks labels, aliases and quotes by how well they match (100 the whole name, 80 \
               its beginning, 60 all its words, 50 words begun, 30 or less with typos; quotes \
               20 less), one row per thing, best first, at most 20. A quote stands for the acts \
               typed in the graphs grounded in it. Tab completes actors' names.\n\
               Examples: .search tarrar\n\
               \x20         .search precision strikes",
    },
    DotCommand {
        name: ".saved",
        args: "",
        summary: "List the saved queries and the variables each lets you bind",
        help: "",
    },
    DotCommand {
        name: ".run",
        args: "NAME [VAR=VALUE...]",
        summary: "Run a saved query, with variables bound to RDF terms",
        help: "VALUE is <iri>, prefix:name, \"text\", \"text\"@en, \"2025-10-29\"^^xsd:date, a \
               number, or bare text (a plain string); it is bound as a term, never pasted into \
               the query. Example: .run statements-by-actor actor=actor:khawaja-asif",
    },
    DotCommand {
        name: ".prefixes",
        args: "",
        summary: "The prefixes every query may use without declaring them",
        help: "",
    },
    DotCommand {
        name: ".graphs",
        args: "",
        summary: "The named graphs, with their triple counts and sources",
        help: "",
    },
    DotCommand {
        name: ".stats",
        args: "",
        summary: "Count quads, graphs, actors, statements, claims, events, links",
        help: "",
    },
    DotCommand {
        name: ".review",
        args: "ID",
        summary: "A document ingested into the workspace, sentence by sentence, with its proposals",
        help: "Each sentence with its status (heading, furniture, proposed, accepted, rejected), \
               what was proposed (speaker, act type, CAMEO code), the cue and the confidence; a \
               table at a terminal, TSV otherwise. `claimgraph review` lists the documents.",
    },
    DotCommand {
        name: ".accept",
        args: "ID [PROPOSAL...] [--by NAME]",
        summary: "Accept a document's proposals (all, or those named) and load them",
        help: "As `claimgraph accept`: the graphs join the workspace's data, marked accepted with \
               who and when (--by, or $USER), and are loaded into this session.",
    },
    DotCommand {
        name: ".reject",
        args: "ID PROPOSAL... [--by NAME]",
        summary: "Reject proposals: kept out of the data, not proposed again",
        help: "As `claimgraph reject`.",
    },
    DotCommand {
        name: ".load",
        args: "FILE...",
        summary: "Add RDF files or folders to the data in memory, all or nothing",
        help: "The format comes from the extension (.ttl .trig .nt .nq .rdf .owl .jsonld). A \
               syntax error in any file leaves the data as it was. A store opened with --store \
               is read-only here: use `claimgraph load --store DIR FILE...`.",
    },
    DotCommand {
        name: ".export",
        args: "FORMAT FILE [--graph IRI] [--canonical]",
        summary: "Write the data (or one graph) to a file, atomically",
        help: "",
    },
    DotCommand {
        name: ".output",
        args: "[FILE]",
        summary: "Send answers to FILE (replacing it) until .output alone",
        help: "",
    },
    DotCommand {
        name: ".once",
        args: "FILE",
        summary: "Send the next answer only to FILE, written atomically",
        help: "",
    },
    DotCommand {
        name: ".read",
        args: "FILE",
        summary: "Run the queries and commands of a file; stop at its first error",
        help: "",
    },
    DotCommand {
        name: ".connect",
        args: "[URL]",
        summary: "Work on a SPARQL server from now on; alone, say what the shell is on",
        help: "URL is the server's query endpoint (Oxigraph server: http://HOST:7878/query, \
               Virtuoso: http://HOST:8890/sparql), read with the headers and time limit of the \
               command line. Load a server with `claimgraph push --endpoint URL`.",
    },
    DotCommand {
        name: ".timer",
        args: "on|off",
        summary: "Print how long each command took",
        help: "",
    },
    DotCommand {
        name: ".evidence",
        args: "on|off",
        summary: "Give every SELECT answer an ?evidence column: the quotes behind each row",
        help: "With evidence on, each row of a SELECT (typed, .run or .graphs) gets the quotes \
               of the graphs that state its facts: those with a triple joining two of the row's \
               terms, else those that type its IRIs. Each quote is written as source, code \
               point offsets and words; quotes are separated by \" ‖ \".",
    },
    DotCommand {
        name: ".quit",
        args: "",
        summary: "Leave the shell (also .exit, or Ctrl-D)",
        help: "",
    },
];

/// `.chain`'s options are those of `claimgraph chain`.
#[derive(Debug, Parser)]
#[command(name = ".chain", no_binary_name = true, disable_version_flag = true)]
pub(super) struct ChainLine {
    #[command(flatten)]
    pub(super) args: ChainArgs,
}

/// `.mutual`'s options are those of `claimgraph mutual`.
#[derive(Debug, Parser)]
#[command(name = ".mutual", no_binary_name = true, disable_version_flag = true)]
pub(super) struct MutualLine {
    #[command(flatten)]
    pub(super) args: MutualArgs,
}

/// `.events`' options are those of `claimgraph events`.
#[derive(Debug, Parser)]
#[command(name = ".events", no_binary_name = true, disable_version_flag = true)]
pub(super) struct EventsLine {
    #[command(flatten)]
    pub(super) args: crate::events::args::EventsArgs,
}

/// Write the data, or one graph, to a file, atomically: a failed export leaves no file.
#[derive(Debug, Parser)]
#[command(name = ".export", no_binary_name = true, disable_version_flag = true)]
pub(super) struct ExportLine {
    /// The RDF format.
    #[arg(value_enum)]
    pub(super) format: ExportFormat,
    /// The file to write.
    pub(super) file: PathBuf,
    /// Export one graph: its IRI or prefixed name, or `default` for the default graph.
    #[arg(long, value_name = "IRI")]
    pub(super) graph: Option<String>,
    /// Byte-identical output across runs: RDFC-1.0 blank node labels, sorted quads.
    #[arg(long)]
    pub(super) canonical: bool,
}

/// The clap help of the commands that take options; `None` for the others.
fn clap_help(name: &str) -> Option<String> {
    let mut command = match name {
        ".chain" => ChainLine::command(),
        ".mutual" => MutualLine::command(),
        ".events" => EventsLine::command(),
        ".export" => ExportLine::command(),
        _ => return None,
    };
    Some(command.render_long_help().to_string())
}

/// Whether a line is a dot-command: a known command's name, then a blank or the end. (A line of
/// SPARQL never looks like this: `.` then a bare word is not SPARQL.)
pub fn is_command(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with('.') && find(line.split_whitespace().next().unwrap_or_default()).is_some()
}

/// The command a name stands for, with or without its dot; `.exit` is `.quit`.
pub fn find(name: &str) -> Option<&'static DotCommand> {
    let name = name.trim_start_matches('.');
    let name = if name == "exit" { "quit" } else { name };
    COMMANDS.iter().find(|c| &c.name[1..] == name)
}

/// An unknown dot-command, with up to three near names: prefixes of what was typed first, then
/// names a small edit away.
pub(super) fn unknown(name: &str) -> Error {
    let typed = name.trim_start_matches('.');
    let mut near: Vec<(usize, &str)> = COMMANDS
        .iter()
        .filter_map(|c| {
            let d = if typed.len() >= 2 && c.name[1..].starts_with(typed) {
                Some(0)
            } else {
                crate::chain::closeness(typed, &c.name[1..])
            };
            d.map(|d| (d, c.name))
        })
        .collect();
    near.sort_unstable();
    let near: Vec<&str> = near.into_iter().map(|(_, n)| n).take(3).collect();
    let hint = if near.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", near.join(", "))
    };
    Error::Usage(format!(
        "unknown command {name}{hint} (.help lists the commands)"
    ))
}

/// `.help` and `.help COMMAND`, wrapped to `width` columns.
pub(super) fn help(args: &str, width: usize) -> Result<String> {
    if args.is_empty() {
        // Longer usages stand on a line of their own, above their summary.
        const USAGE_WIDTH: usize = 26;
        let mut text = textwrap::fill(
            "Type a SPARQL query over one or more lines: it runs when its braces close and it \
             parses, or at a ; outside braces. Prefixes such as cg: actor: stmt: are predeclared \
             (.prefixes). Ctrl-C abandons the input or cancels a running query; Ctrl-R searches \
             history; Tab completes.",
            width,
        );
        text.push_str("\n\n");
        let indent = " ".repeat(USAGE_WIDTH + 2);
        let options =
            || textwrap::Options::new(width.max(USAGE_WIDTH + 30)).subsequent_indent(&indent);
        for c in COMMANDS {
            let usage = format!("{} {}", c.name, c.args);
            let line = if usage.len() > USAGE_WIDTH {
                format!(
                    "{usage}\n{}",
                    textwrap::fill(&format!("{indent}{}", c.summary), options())
                )
            } else {
                textwrap::fill(&format!("{usage:<USAGE_WIDTH$}  {}", c.summary), options())
            };
            text.push_str(&line);
            text.push('\n');
        }
        return Ok(text);
    }
    let command = find(args)
        .ok_or_else(|| Error::Usage(format!(".help {args}: no such command (.help lists them)")))?;
    if let Some(help) = clap_help(command.name) {
        return Ok(help);
    }
    let mut text = format!("{} {}\n  {}\n", command.name, command.args, command.summary);
    for paragraph in command.help.split('\n').filter(|p| !p.is_empty()) {
        text.push('\n');
        text.push_str(&textwrap::fill(paragraph, width));
    }
    if !command.help.is_empty() {
        text.push('\n');
    }
    Ok(text)
}
