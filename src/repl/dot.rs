//! What each of the shell's dot-commands does; the table of them (names, help, options) is in
//! `table.rs`.

use super::table::{ChainLine, EventsLine, ExportLine, MutualLine, find, help, unknown};
use super::{Output, Session, Step};
use crate::chain::ChainGraph;
use crate::chronology;
use crate::error::{Error, Result};
use crate::export::{self, Selection};
use crate::query::{self, Binding};
use crate::render::Format;
use crate::report::{self, MutualSearch, Walk};
use crate::why::{self, Target};
use clap::Parser;
use oxigraph::model::{NamedNode, Term};
use std::path::PathBuf;

/// Parses a command's words with clap, as the command line does. `--help` is an answer (`Ok`
/// of the outer result), a usage error an error naming the command.
fn parse_words<T: Parser>(name: &str, words: &[String]) -> Result<std::result::Result<T, Step>> {
    match T::try_parse_from(words) {
        Ok(parsed) => Ok(Ok(parsed)),
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelp => {
            Ok(Err(Step::Output(e.render().to_string())))
        }
        Err(e) => {
            let text = e.to_string();
            let first = text.lines().next().unwrap_or_default();
            Err(Error::Usage(format!(
                "{name}: {} (.help {name} lists the options)",
                first.trim_start_matches("error: ")
            )))
        }
    }
}

/// Splits a command's arguments as a shell would, quotes included.
fn words(args: &str) -> Result<Vec<String>> {
    shlex::split(args).ok_or_else(|| Error::Usage(format!("unbalanced quotes in {args:?}")))
}

impl Session {
    /// Runs a dot-command line: one arm per command, in the order of [`COMMANDS`], so that the
    /// dispatch reads as the table it mirrors.
    pub(super) fn dot(&mut self, line: &str) -> Result<Step> {
        let (name, args) = line
            .split_once(char::is_whitespace)
            .map_or((line, ""), |(n, a)| (n, a.trim()));
        let Some(command) = find(name) else {
            return Err(unknown(name));
        };
        match command.name {
            ".help" => Ok(Step::Output(help(
                args,
                self.width.map_or(100, usize::from),
            )?)),
            ".mode" => self.mode(args),
            ".chain" => self.chain(args),
            ".mutual" => self.mutual(args),
            ".events" => self.events(args),
            ".why" => self.why(args),
            ".who" => self.who(args),
            ".timeline" => self.timeline(args),
            ".search" => self.search(args),
            ".saved" => self.saved_list(),
            ".run" => self.run_saved(args),
            ".prefixes" => self.prefixes(),
            ".graphs" => self.sparql(GRAPHS, &[]),
            ".stats" => self.stats(),
            ".review" => self.review(args),
            ".accept" => self.decide(args, true),
            ".reject" => self.decide(args, false),
            ".load" => self.load(args),
            ".export" => self.export(args),
            ".output" => self.output(args),
            ".once" => self.once(args),
            ".read" => self.read(args),
            ".connect" => self.connect(args),
            ".timer" => self.timer(args),
            ".evidence" => self.evidence(args),
            ".quit" => Ok(Step::Quit),
            other => Err(Error::Internal(format!("{other} is listed but not run"))),
        }
    }

    fn saved_list(&mut self) -> Result<Step> {
        let all = crate::saved::all(self.queries.as_deref())?;
        let mut out = Vec::new();
        report::write_saved(&mut out, &all, "").map_err(|e| Error::io("<output>", e))?;
        self.deliver(out)
    }

    fn prefixes(&mut self) -> Result<Step> {
        let text: String = crate::vocab::PREFIXES
            .iter()
            .map(|(p, ns)| format!("PREFIX {p}: <{ns}>\n"))
            .collect();
        self.deliver(text.into_bytes())
    }

    fn stats(&mut self) -> Result<Step> {
        let counts = crate::stats::stats(&self.dataset)?;
        let mut out = Vec::new();
        report::write_stats(&mut out, &counts).map_err(|e| Error::io("<output>", e))?;
        self.deliver(out)
    }

    fn review(&mut self, args: &str) -> Result<Step> {
        let table = self.terminal && matches!(self.mode, None | Some(Format::Table));
        let width = self.width.unwrap_or(100);
        let text = crate::ingest::run::shell_review(&words(args)?, table, width)?;
        self.deliver(text.into_bytes())
    }

    /// `.accept` / `.reject`: an accepted draft is loaded at once, as `.load` would.
    fn decide(&mut self, args: &str, accept: bool) -> Result<Step> {
        let (text, load) = crate::ingest::run::shell_decide(&words(args)?, accept)?;
        let Some(file) = load else {
            return Ok(Step::Output(text));
        };
        let name = file.to_string_lossy();
        let quoted = shlex::try_quote(&name).map_err(|e| Error::Usage(e.to_string()))?;
        let more = match self.load(&quoted)? {
            Step::Output(s) => s,
            _ => String::new(),
        };
        Ok(Step::Output(format!("{text}{more}")))
    }

    fn once(&mut self, args: &str) -> Result<Step> {
        let [file] = words(args)?
            .try_into()
            .map_err(|_| Error::Usage(".once takes one FILE: the next answer goes there".into()))?;
        self.output = Output::Once(PathBuf::from(file));
        Ok(Step::Continue)
    }

    fn evidence(&mut self, args: &str) -> Result<Step> {
        match args {
            "on" => self.evidence = true,
            "off" => self.evidence = false,
            "" => {
                let state = if self.evidence { "on" } else { "off" };
                return Ok(Step::Output(format!("evidence: {state}\n")));
            }
            other => {
                return Err(Error::Usage(format!(
                    ".evidence {other}: write .evidence on or .evidence off"
                )));
            }
        }
        Ok(Step::Continue)
    }

    fn timer(&mut self, args: &str) -> Result<Step> {
        match args {
            "on" => self.timer = true,
            "off" => self.timer = false,
            "" => {
                let state = if self.timer { "on" } else { "off" };
                return Ok(Step::Output(format!("timer: {state}\n")));
            }
            other => {
                return Err(Error::Usage(format!(
                    ".timer {other}: write .timer on or .timer off"
                )));
            }
        }
        Ok(Step::Continue)
    }

    fn mode(&mut self, args: &str) -> Result<Step> {
        if args.is_empty() {
            let name = self.mode.map_or(
                if self.terminal {
                    "table (the default at a terminal; turtle for graphs)"
                } else {
                    "tsv (the default when not at a terminal; turtle for graphs)"
                },
                Format::name,
            );
            return Ok(Step::Output(format!("mode: {name}\n")));
        }
        let format = args.parse::<Format>().map_err(|_| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            Error::Usage(format!(
                ".mode {args}: unknown mode; choose one of {}",
                names.join(", ")
            ))
        })?;
        self.mode = Some(format);
        Ok(Step::Continue)
    }

    fn chain(&mut self, args: &str) -> Result<Step> {
        match parse_words::<ChainLine>(".chain", &words(args)?)? {
            Ok(line) => self.with_links(|out, store, graph| {
                let walk = Walk::try_from(&line.args)?;
                report::write_chain(out, store, graph, &walk, line.args.format)
            }),
            Err(help) => Ok(help),
        }
    }

    fn mutual(&mut self, args: &str) -> Result<Step> {
        match parse_words::<MutualLine>(".mutual", &words(args)?)? {
            Ok(line) => self.with_links(|out, store, graph| {
                let search = MutualSearch::from(&line.args);
                report::write_mutual(out, store, graph, search, line.args.format)
            }),
            Err(help) => Ok(help),
        }
    }

    /// `.events`: the records, shown or written to the file of `-o`.
    fn events(&mut self, args: &str) -> Result<Step> {
        let line: EventsLine = match parse_words(".events", &words(args)?)? {
            Ok(line) => line,
            Err(help) => return Ok(help),
        };
        let dataset = &self.dataset;
        let write = |w: &mut dyn std::io::Write| {
            crate::events::command::write_events(dataset, &line.args, w)
        };
        match &line.args.output {
            Some(file) => {
                export::write_atomically(file, write)?;
                Ok(Step::Output(format!("wrote {}\n", file.display())))
            }
            None => {
                let mut out = Vec::new();
                write(&mut out)?;
                self.deliver(out)
            }
        }
    }

    /// Writes with the response graph, which must have links, and delivers what was written.
    fn with_links(
        &mut self,
        write: impl FnOnce(&mut Vec<u8>, &crate::store::Dataset, &ChainGraph) -> Result<()>,
    ) -> Result<Step> {
        let dataset = self.dataset.clone();
        let graph = self.chain_graph()?;
        if graph.link_count() == 0 {
            return Err(Error::NoResponseLinks);
        }
        let mut out = Vec::new();
        write(&mut out, &dataset, graph)?;
        self.deliver(out)
    }

    fn why(&mut self, args: &str) -> Result<Step> {
        let words = words(args)?;
        let target = match words.as_slice() {
            [r] => Target::Resource(named(r)?),
            [a, b] => Target::Link(named(a)?, named(b)?),
            [s, p, o] => Target::Triple(pattern_term(s)?, pattern_term(p)?, pattern_term(o)?),
            _ => {
                return Err(Error::Usage(
                    ".why takes an IRI, two acts, or a triple S P O (? for any); .help .why explains"
                        .into(),
                ));
            }
        };
        let grounds = why::why(&self.dataset, &target)?;
        let labels = crate::query::labels(&self.dataset, crate::render::why::terms(&grounds));
        let mut out = Vec::new();
        crate::render::why::write(&mut out, &target, &grounds, &labels)
            .map_err(|e| Error::io("<output>", e))?;
        // An act other sources report too: how many independent outlets (corroborate's links).
        if let Target::Resource(act) | Target::Link(act, _) = &target {
            if let Some(line) = crate::corroborate::outlets::line(&self.dataset, act.as_str())? {
                out.extend_from_slice(
                    format!("\n{} {line}\n", crate::chain::short(act.as_str())).as_bytes(),
                );
            }
        }
        self.deliver(out)
    }

    fn who(&mut self, args: &str) -> Result<Step> {
        let name = args.trim().trim_matches(|c| c == '"' || c == '\'');
        if name.is_empty() {
            return Err(Error::Usage(
                ".who takes an actor: an IRI, a prefixed name, or a label or alias".into(),
            ));
        }
        let (actor, iri) = {
            let graph = self.chain_graph()?;
            let actor = graph.resolve_actor(name)?;
            (actor, graph.actors[actor].iri.clone())
        };
        // Acts other sources report too, counted by corroborate's accepted links; shown under a
        // table only, where a line of text breaks no format.
        let table =
            matches!(self.mode, Some(Format::Table)) || (self.terminal && self.mode.is_none());
        let notes: String = if !table {
            String::new()
        } else {
            crate::corroborate::outlets::of_actor(&self.dataset, &iri)?
                .into_iter()
                .map(|(act, n, m)| {
                    let words = crate::corroborate::outlets::words(n, m);
                    format!("{} {words}\n", crate::chain::short(&act))
                })
                .collect()
        };
        let filter = chronology::Filter {
            actor: Some(actor),
            all: true,
            ..Default::default()
        };
        match self.show_chronology(&filter, true)? {
            Step::Output(mut text) if !notes.is_empty() => {
                text.push_str(&notes);
                Ok(Step::Output(text))
            }
            step => Ok(step),
        }
    }

    fn search(&mut self, args: &str) -> Result<Step> {
        let text = args.trim().trim_matches(|c| c == '"' || c == '\'');
        if text.is_empty() {
            return Err(Error::Usage(
                ".search takes what to look for: a name, part of one, or words of a quote".into(),
            ));
        }
        let index = crate::search::Index::read(&self.dataset)?;
        let hits = index.search(text, 20);
        self.show(&crate::search::answer(&hits))
    }

    /// Shows acts in time order ([`chronology`]), saying how many were left out.
    fn show_chronology(&mut self, filter: &chronology::Filter, with_role: bool) -> Result<Step> {
        self.chain_graph()?;
        let graph = self.chain.as_ref().expect("built above");
        let found = chronology::chronology(&self.dataset, graph, filter)?;
        let answer = chronology::answer(graph, &found, with_role);
        let step = self.show(&answer)?;
        Ok(match step {
            Step::Output(mut text) if found.hidden > 0 => {
                text.push_str(&format!(
                    "({} acts dated only by the report's publication left out: the author's analysis and acts known only to precede the report; .timeline --all shows them)\n",
                    found.hidden
                ));
                Step::Output(text)
            }
            other => other,
        })
    }

    fn timeline(&mut self, args: &str) -> Result<Step> {
        let mut words = words(args)?;
        let all = words.iter().any(|w| w == "--all");
        words.retain(|w| w != "--all");
        if words.len() > 2 {
            return Err(Error::Usage(
                ".timeline takes at most two dates: FROM and TO (YYYY-MM-DD), and --all".into(),
            ));
        }
        let mut days = Vec::new();
        for value in &words {
            days.push(crate::chain::parse_day(date(value)?.value()));
        }
        let filter = chronology::Filter {
            from: days.first().copied().flatten(),
            to: days.get(1).copied().flatten(),
            all,
            ..Default::default()
        };
        self.show_chronology(&filter, false)
    }

    fn run_saved(&mut self, args: &str) -> Result<Step> {
        let words = words(args)?;
        let Some((name, rest)) = words.split_first() else {
            return Err(Error::Usage(
                ".run takes a saved query's name; .saved lists them".into(),
            ));
        };
        let saved = crate::saved::find(self.queries.as_deref(), name)?;
        let binds = rest
            .iter()
            .map(|b| b.parse::<Binding>())
            .collect::<Result<Vec<_>>>()?;
        // Errors point into the saved query's file, not the line typed.
        let source = self.source.replace(saved.origin.clone());
        let step = self.sparql(&saved.text, &binds);
        self.source = source;
        step
    }

    fn load(&mut self, args: &str) -> Result<Step> {
        let paths: Vec<PathBuf> = words(args)?.into_iter().map(PathBuf::from).collect();
        if paths.is_empty() {
            return Err(Error::Usage(
                ".load takes one or more files or folders".into(),
            ));
        }
        if let Some(dir) = &self.dataset.dir {
            return Err(Error::Usage(format!(
                "the store {} is open read-only in the shell; add files with `claimgraph load --store {} FILE...`",
                dir.display(),
                dir.display()
            )));
        }
        let (inputs, roots) = crate::corpus::inputs_from_paths(&paths)?;
        for root in roots {
            if !self.dataset.texts.roots.contains(&root) {
                self.dataset.texts.roots.push(root);
            }
        }
        let report = self.dataset.load(&inputs, self.terminal)?;
        self.chain = None;
        self.data_changed = true;
        Ok(Step::Output(format!(
            "loaded {} quads from {} file{} ({} quotes anchored)\n",
            report.quads,
            report.files,
            if report.files == 1 { "" } else { "s" },
            report.anchored
        )))
    }

    fn export(&mut self, args: &str) -> Result<Step> {
        let line: ExportLine = match parse_words(".export", &words(args)?)? {
            Ok(line) => line,
            Err(help) => return Ok(help),
        };
        let selection = match &line.graph {
            Some(spec) => Selection::Graph(report::graph_name(spec)?),
            None => Selection::All,
        };
        let format = crate::render::rdf::rdf_format(line.format.into())
            .expect("every export format is an RDF format");
        let dataset = &self.dataset;
        export::write_atomically(&line.file, |w| {
            export::export(dataset, &selection, format, line.canonical, w)
        })?;
        Ok(Step::Output(format!("wrote {}\n", line.file.display())))
    }

    fn output(&mut self, args: &str) -> Result<Step> {
        let words = words(args)?;
        match words.as_slice() {
            [] => {
                self.output = Output::Terminal;
                Ok(Step::Continue)
            }
            [file] => {
                let path = PathBuf::from(file);
                let file = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
                self.output = Output::File { path, file };
                Ok(Step::Continue)
            }
            _ => Err(Error::Usage(
                ".output takes one FILE, or nothing to write to the terminal again".into(),
            )),
        }
    }

    /// Runs a file's lines as if typed, stopping at the first error (which names the file and
    /// line); what they print is returned together.
    fn read(&mut self, args: &str) -> Result<Step> {
        const MAX_DEPTH: usize = 16;
        let [file] = words(args)?
            .try_into()
            .map_err(|_| Error::Usage(".read takes one FILE".into()))?;
        if self.depth >= MAX_DEPTH {
            return Err(Error::Usage(format!(
                ".read {file}: files read each other more than {MAX_DEPTH} deep"
            )));
        }
        let bytes =
            crate::corpus::read_limited(file.as_ref(), crate::corpus::MAX_TEXT_BYTES, "script")?;
        let text = crate::error::text_from_utf8(bytes, &file)?;
        let saved = (
            self.source.replace(file),
            std::mem::take(&mut self.line),
            std::mem::take(&mut self.pending),
            self.pending_line,
        );
        self.depth += 1;
        let result = super::script::run_text(self, &text);
        self.depth -= 1;
        (self.source, self.line, self.pending, self.pending_line) = saved;
        result
    }
}

/// The engine's query for `.graphs`.
const GRAPHS: &str = "SELECT ?graph ?triples (SAMPLE(?s) AS ?source) WHERE {
  { SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?x ?y ?z } } GROUP BY ?graph }
  OPTIONAL { ?graph prov:wasDerivedFrom/oa:hasSource ?s }
} GROUP BY ?graph ?triples ORDER BY ?graph";

/// An IRI as a user writes it: `<iri>`, `prefix:name`, or a bare `http(s)://` IRI.
fn named(word: &str) -> Result<NamedNode> {
    let word = word.trim();
    crate::chain::as_iri(word)
        .and_then(|iri| NamedNode::new(iri).ok())
        .ok_or_else(|| {
            Error::Usage(format!(
                "{word}: not an IRI or a prefixed name with a known prefix (.prefixes lists them)"
            ))
        })
}

/// A term of a `.why` triple: `?` for any, `a` for rdf:type.
fn pattern_term(word: &str) -> Result<Option<Term>> {
    match word {
        "?" | "_" => Ok(None),
        "a" => Ok(Some(
            NamedNode::new_unchecked(format!("{}type", crate::vocab::RDF)).into(),
        )),
        w if w.starts_with('"') || w.parse::<f64>().is_ok() => query::parse_term(w)
            .map(Some)
            .map_err(|e| Error::Usage(format!("{w}: {e}"))),
        w => named(w).map(|n| Some(n.into())),
    }
}

/// A day as `.timeline` takes it: YYYY-MM-DD, as an xsd:date.
fn date(word: &str) -> Result<oxigraph::model::Literal> {
    let bad = || {
        Error::Usage(format!(
            ".timeline {word}: not a date; write YYYY-MM-DD, as 2025-10-19"
        ))
    };
    let parts: Vec<&str> = word.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(bad());
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return Err(bad());
    }
    let (m, d): (u32, u32) = (m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(bad());
    }
    Ok(oxigraph::model::Literal::new_typed_literal(
        word,
        oxigraph::model::vocab::xsd::DATE,
    ))
}
