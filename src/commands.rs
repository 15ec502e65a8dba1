//! What each command does: turns the parsed command line into library calls and writes their
//! results to standard output. Errors go back to main.rs, which prints them once.

use crate::args::{ChainArgs, MutualArgs};
use crate::check::{self, Status};
use crate::cli::{
    CheckArgs, Cli, Command, CompletionsArgs, DataArgs, EvalArgs, ExportArgs, GenerateArgs,
    LoadArgs, ManArgs, QueriesArgs, QueryArgs, ReportFormat, StatsArgs,
};
use crate::corpus::Texts;
use crate::error::{Error, Exit, Result};
use crate::export::{self, Selection};
use crate::query::{self, Binding, QueryOptions};
use crate::render::{self, Style, rdf};
use crate::report::{self, MutualSearch, Walk};
use crate::stats;
use crate::store::{DataOptions, Dataset};
use std::io::{IsTerminal, Write};

pub fn run(cli: Cli) -> Result<Exit> {
    let drafts = cli.data.drafts || matches!(cli.command, Some(Command::Check(_)));
    let data = crate::ingest::workspace::data_options(data_options(&cli.data)?, drafts);
    let result = match cli.command {
        None => crate::repl::start(&data, None),
        Some(Command::Repl(args)) => crate::repl::start(&data, args.queries),
        Some(Command::Overview) => overview(&data),
        Some(Command::Query(args)) => {
            let (text, origin) = query_text(&args)?;
            evaluate(&data, &text, &origin, &args.eval)
        }
        Some(Command::Queries(args)) => queries(args),
        Some(Command::Run(args)) => {
            let saved = crate::saved::find(args.queries.as_deref(), &args.name)?;
            evaluate(&data, &saved.text, &saved.origin, &args.eval)
        }
        Some(Command::Export(args)) => export(&data, args),
        Some(Command::Check(args)) => check(&data, args),
        Some(Command::Stats(args)) => stats(&data, args),
        Some(Command::Load(args)) => load(&cli.data, args),
        Some(Command::Generate(args)) => generate(args),
        Some(Command::Chain(args)) => chain(&data, args),
        Some(Command::Mutual(args)) => mutual(&data, args),
        Some(Command::Events(args)) => crate::events::command::events(&data, &args),
        Some(Command::Plot(args)) => crate::events::command::plot(&data, &args),
        Some(Command::Completions(args)) => completions(&args),
        Some(Command::Man(args)) => man(&args),
        Some(Command::Ingest(args)) => crate::ingest::run::ingest(args),
        Some(Command::Review(args)) => crate::ingest::run::review(args),
        Some(Command::Accept(args)) => crate::ingest::run::decide(args, true),
        Some(Command::Reject(args)) => crate::ingest::run::decide(args, false),
        Some(Command::Push(args)) => crate::push::command(&data, args.batch),
        Some(Command::Search(args)) => search(&data, &args),
        Some(Command::Corroborate(args)) => crate::corroborate::command::run(&data, &args),
        Some(Command::Serve(args)) => serve(&data, &args),
    };
    match result {
        // A reader that stops early (`| head`) is not an error.
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            Ok(Exit::Success)
        }
        other => other,
    }
}

fn data_options(args: &DataArgs) -> Result<DataOptions> {
    Ok(DataOptions {
        data: args.data.clone(),
        with_corpus: args.with_corpus,
        store: args.store.clone(),
        progress: !args.quiet,
        endpoint: crate::data_args::endpoint(args)?,
        texts: args.texts.clone(),
    })
}

fn stdout_error(e: std::io::Error) -> Error {
    Error::io("<stdout>", e)
}

/// `overview`: what the dataset holds, whether it passes `check`, and what to ask next.
fn overview(data: &DataOptions) -> Result<Exit> {
    let dataset = Dataset::open(data)?;
    let counts = stats::stats(&dataset)?;
    let report = check::check(&dataset, true)?;
    let mut out = std::io::stdout().lock();
    let mut say = |line: String| writeln!(out, "{line}").map_err(stdout_error);
    let line: Vec<String> = counts
        .rows()
        .iter()
        .map(|(k, v)| format!("{v} {k}"))
        .collect();
    say(format!("dataset: {}", line.join(", ")))?;
    for source in report.coverage.iter().flatten() {
        say(format!(
            "coverage: {}: {} sentences, {} covered, {} excluded, {} missing ({:.1}% of content)",
            source.source,
            source.sentences.len(),
            source.covered,
            source.excluded,
            source.missing,
            source.percent()
        ))?;
    }
    say(if report.violations.is_empty() {
        "check: every invariant holds".to_owned()
    } else {
        format!(
            "check: {} violations; run `claimgraph check` to list them",
            report.violations.len()
        )
    })?;
    let saved = crate::saved::all(None)?;
    if !saved.is_empty() {
        say(format!(
            "saved queries ({}; run one with `claimgraph run NAME`):",
            saved.len()
        ))?;
        let width = saved.iter().map(|s| s.name.len()).max().unwrap_or(0);
        for s in &saved {
            say(format!("  {:<width$}  {}", s.name, s.title))?;
        }
    }
    say(
        "more: claimgraph (the shell), claimgraph query 'SELECT ...', claimgraph --help".to_owned(),
    )?;
    Ok(if report.is_clean() {
        Exit::Success
    } else {
        Exit::Violations
    })
}

/// Reads a query from the argument, `-` (stdin) or a file; returns its text and how errors name it.
fn query_text(args: &QueryArgs) -> Result<(String, String)> {
    let (bytes, origin) = match (&args.query, &args.file) {
        (_, Some(path)) => (
            crate::corpus::read_limited(path, crate::corpus::MAX_QUERY_BYTES, "query")?,
            path.display().to_string(),
        ),
        (Some(q), None) if q == "-" => {
            let limit = crate::corpus::MAX_QUERY_BYTES;
            let stdin = std::io::stdin();
            let bytes = crate::corpus::read_stream_limited(stdin, "<stdin>", limit, "query")?;
            (bytes, "<stdin>".to_owned())
        }
        (Some(q), None) => (q.clone().into_bytes(), "<query>".to_owned()),
        (None, None) => {
            return Err(Error::Usage(
                "give a query, -f FILE, or - for standard input".into(),
            ));
        }
    };
    let text = crate::error::text_from_utf8(bytes, &origin)?;
    Ok((text, origin))
}

/// Runs a query and writes its answer.
fn evaluate(data: &DataOptions, text: &str, origin: &str, args: &EvalArgs) -> Result<Exit> {
    let binds = args
        .bind
        .iter()
        .map(|b| b.parse::<Binding>())
        .collect::<Result<Vec<_>>>()?;
    let timeout = args.timeout.map(query::timeout).transpose()?;
    let dataset = Dataset::open(data)?;
    let options = QueryOptions {
        union: !args.no_union,
        timeout,
        binds,
        ..QueryOptions::default()
    };
    let mut answer = query::run(&dataset, text, origin, &options)?;
    if args.evidence {
        answer = crate::evidence::with_evidence(&dataset, answer, text, origin, &options)?;
    }
    print_answer(&dataset, &answer, args.format)
}

/// Writes an answer to standard output in `format`, with labels where the format shows them.
fn print_answer(
    dataset: &Dataset,
    answer: &query::Answer,
    format: Option<render::Format>,
) -> Result<Exit> {
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let mut style = Style {
        format,
        terminal,
        width: terminal
            .then(|| terminal_size::terminal_size().map(|(w, _)| w.0))
            .flatten(),
        ..Style::default()
    };
    if style.shows_labels(answer) {
        style.labels = query::labels(dataset, answer.terms());
    }
    let mut out = std::io::BufWriter::new(stdout.lock());
    render::answer(&mut out, answer, &style)?;
    out.flush().map_err(stdout_error)?;
    Ok(Exit::Success)
}

fn search(data: &DataOptions, args: &crate::cli::SearchArgs) -> Result<Exit> {
    let dataset = Dataset::open(data)?;
    let index = crate::search::Index::read(&dataset)?;
    let hits = index.search(&args.text.join(" "), args.limit);
    print_answer(&dataset, &crate::search::answer(&hits), args.format)
}

fn export(data: &DataOptions, args: ExportArgs) -> Result<Exit> {
    let selection = match &args.graph {
        Some(spec) => Selection::Graph(report::graph_name(spec)?),
        None => Selection::All,
    };
    let format = rdf::rdf_format(args.format.into()).expect("every export format is an RDF format");
    let dataset = Dataset::open(data)?;
    match &args.output {
        Some(path) => export::write_atomically(path, |w| {
            export::export(&dataset, &selection, format, args.canonical, w)
        })?,
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            export::export(&dataset, &selection, format, args.canonical, &mut out)?;
            out.flush().map_err(stdout_error)?;
        }
    }
    Ok(Exit::Success)
}

fn check(data: &DataOptions, args: CheckArgs) -> Result<Exit> {
    let dataset = Dataset::open(data)?;
    let report = check::check(&dataset, args.coverage)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report)
                .map_err(|e| Error::Internal(e.to_string()))?;
            writeln!(out).map_err(stdout_error)?;
        }
        ReportFormat::Text => write_check_report(&mut out, &report).map_err(stdout_error)?,
    }
    out.flush().map_err(stdout_error)?;
    Ok(if report.is_clean() {
        Exit::Success
    } else {
        Exit::Violations
    })
}

fn write_check_report(out: &mut impl Write, report: &check::Report) -> std::io::Result<()> {
    for source in report.coverage.iter().flatten() {
        writeln!(out, "coverage of {} ({}):", source.source, source.origin)?;
        for s in &source.sentences {
            let status = match s.status {
                Status::Covered => "covered ",
                Status::Excluded => "excluded",
                Status::Missing => "MISSING ",
            };
            let mut text: String = s.sentence.text.chars().take(70).collect();
            if s.sentence.text.chars().count() > 70 {
                text.push('…');
            }
            let graphs: String = s.graphs.iter().map(|g| format!(" {g}")).collect();
            writeln!(
                out,
                "  {status} {:>5}..{:<5} {text:?}{graphs}",
                s.sentence.start, s.sentence.end
            )?;
        }
        writeln!(
            out,
            "  {} sentences: {} covered, {} excluded (furniture, headings), {} missing; {:.1}% of content covered",
            source.sentences.len(),
            source.covered,
            source.excluded,
            source.missing,
            source.percent()
        )?;
    }
    for v in &report.violations {
        writeln!(out, "[{}] {}: {}", v.invariant, v.subject, v.message)?;
    }
    let missing: usize = report.coverage.iter().flatten().map(|s| s.missing).sum();
    if report.is_clean() {
        writeln!(
            out,
            "ok: {} mentions, {} graphs, {} acts checked; no violations",
            report.mentions, report.graphs, report.acts
        )
    } else {
        writeln!(
            out,
            "{} violation{}{}",
            report.violations.len(),
            if report.violations.len() == 1 {
                ""
            } else {
                "s"
            },
            if missing > 0 {
                format!(", {missing} sentences with nothing grounded in them")
            } else {
                String::new()
            }
        )
    }
}

fn stats(data: &DataOptions, args: StatsArgs) -> Result<Exit> {
    let dataset = Dataset::open(data)?;
    let counts = stats::stats(&dataset)?;
    let mut out = std::io::stdout().lock();
    match args.format {
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &counts)
                .map_err(|e| Error::Internal(e.to_string()))?;
            writeln!(out).map_err(stdout_error)?;
        }
        ReportFormat::Text => report::write_stats(&mut out, &counts).map_err(stdout_error)?,
    }
    Ok(Exit::Success)
}

fn load(args: &DataArgs, load: LoadArgs) -> Result<Exit> {
    let Some(dir) = &args.store else {
        return Err(Error::Usage(
            "load needs --store DIR: the on-disk store to load into".into(),
        ));
    };
    if !args.data.is_empty() {
        return Err(Error::Usage(
            "load takes its files as arguments, not --data".into(),
        ));
    }
    let options = DataOptions {
        data: load.files.clone(),
        with_corpus: args.with_corpus,
        store: None,
        progress: !args.quiet,
        ..DataOptions::default()
    };
    let (inputs, texts) = options.inputs()?;
    // Parse errors are found before the store is touched only if the store opens; open it first
    // so a locked or foreign folder is reported before any work.
    let dataset = Dataset::open_writable(
        dir,
        Texts {
            roots: texts.roots.clone(),
            bundled: texts.bundled,
        },
    )?;
    let report = dataset.load(&inputs, !args.quiet)?;
    if args.quiet {
        return Ok(Exit::Success);
    }
    eprintln!(
        "loaded {} quads from {} file{} into {} in {:.2} s ({} quotes anchored)",
        report.quads,
        report.files,
        if report.files == 1 { "" } else { "s" },
        dir.display(),
        report.seconds,
        report.anchored
    );
    Ok(Exit::Success)
}

fn generate(args: GenerateArgs) -> Result<Exit> {
    let shape = crate::generate::Shape {
        claim_responses: args.claim_responses,
        ..crate::generate::Shape::new(args.statements)
    };
    let write = |w: &mut dyn Write| -> Result<()> {
        crate::generate::write(&mut std::io::BufWriter::new(w), shape)
            .map(drop)
            .map_err(stdout_error)
    };
    match &args.output {
        Some(path) => export::write_atomically(path, write)?,
        None => write(&mut std::io::stdout().lock())?,
    }
    Ok(Exit::Success)
}

fn queries(args: QueriesArgs) -> Result<Exit> {
    let all = crate::saved::all(args.queries.as_deref())?;
    let mut out = std::io::stdout().lock();
    match args.format {
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &all)
                .map_err(|e| Error::Internal(e.to_string()))?;
            writeln!(out).map_err(stdout_error)?;
        }
        ReportFormat::Text => {
            report::write_saved(&mut out, &all, "--bind ").map_err(stdout_error)?
        }
    }
    Ok(Exit::Success)
}

/// Answers one walk from a process that ends after it: only the part of the response graph the
/// walk needs is read when that is possible (see [`report::graph_for`]).
fn chain(data: &DataOptions, args: ChainArgs) -> Result<Exit> {
    let walk = Walk::try_from(&args)?;
    let dataset = Dataset::open(data)?;
    let graph = report::graph_for(&dataset, &walk)?;
    let mut out = std::io::stdout().lock();
    report::write_chain(&mut out, &dataset, &graph, &walk, args.format)?;
    Ok(Exit::Success)
}

fn mutual(data: &DataOptions, args: MutualArgs) -> Result<Exit> {
    let dataset = Dataset::open(data)?;
    let graph = report::whole_graph(&dataset)?;
    let mut out = std::io::stdout().lock();
    report::write_mutual(
        &mut out,
        &dataset,
        &graph,
        MutualSearch::from(&args),
        args.format,
    )?;
    Ok(Exit::Success)
}

/// `claimgraph completions SHELL`: the completion script, from the clap definitions.
fn completions(args: &CompletionsArgs) -> Result<Exit> {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut cmd, "claimgraph", &mut out);
    out.flush().map_err(|e| Error::io("<stdout>", e))?;
    Ok(Exit::Success)
}

/// `claimgraph man`: the manual page, from the clap definitions; with `--dir`, one per command.
fn man(args: &ManArgs) -> Result<Exit> {
    use clap::CommandFactory;
    let cmd = Cli::command();
    match &args.dir {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            clap_mangen::generate_to(cmd, dir).map_err(|e| Error::io(dir, e))?;
        }
        None => {
            let mut out = std::io::stdout().lock();
            clap_mangen::Man::new(cmd)
                .render(&mut out)
                .map_err(|e| Error::io("<stdout>", e))?;
        }
    }
    Ok(Exit::Success)
}

/// `claimgraph serve`: the policy from the options, the data, then the server until stopped.
fn serve(data: &DataOptions, args: &crate::cli::ServeArgs) -> Result<Exit> {
    use crate::serve::{Config, Policy, safety::Token};
    let token = match (&args.token_file, &args.token_env) {
        (Some(path), _) => Some(Token::from_file(path)?),
        (None, Some(name)) => Some(Token::from_env(name)?),
        (None, None) => None,
    };
    let policy = Policy {
        allow_update: args.allow_update,
        token,
        timeout: args.timeout.map(query::timeout).transpose()?,
        max_rows: args.max_rows,
        cors: args.cors.clone(),
        body_limit: args.max_body,
    };
    policy.check()?;
    if args.max_connections == 0 {
        return Err(Error::Usage("--max-connections must be at least 1".into()));
    }
    let dataset = match (&data.store, args.allow_update) {
        (Some(dir), true) => Dataset::open_writable(
            dir,
            Texts {
                roots: vec![".".into()],
                bundled: true,
            },
        )?,
        _ => Dataset::open(data)?,
    };
    let config = Config {
        bind: args.bind,
        policy,
        max_connections: args.max_connections,
    };
    crate::serve::run(dataset, config)?;
    Ok(Exit::Success)
}
