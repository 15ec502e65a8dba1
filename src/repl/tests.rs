//! The shell's step function, driven in process on the bundled corpus: every dot-command, input
//! over several lines, errors that leave the session usable, and cancellation.

use super::*;
use crate::store::DataOptions;
use std::time::Duration;

fn session() -> Session {
    let dataset = Dataset::open(&DataOptions::default()).unwrap();
    Session::new(dataset, true, None)
}

fn session_in(mode: &str) -> Session {
    let mut s = session();
    s.eval(&format!(".mode {mode}")).unwrap();
    s
}

fn script_session(origin: &str) -> Session {
    let dataset = Dataset::open(&DataOptions::default()).unwrap();
    Session::new(dataset, false, Some(origin.to_owned()))
}

/// Feeds lines and returns what the last one printed.
fn output(s: &mut Session, lines: &[&str]) -> String {
    let mut last = Step::Continue;
    for line in lines {
        last = s.eval(line).unwrap_or_else(|e| panic!("{line:?}: {e}"));
    }
    match last {
        Step::Output(text) => text,
        other => panic!("{lines:?} gave {other:?}"),
    }
}

fn error(s: &mut Session, line: &str) -> Error {
    match s.eval(line) {
        Err(e) => e,
        Ok(step) => panic!("{line:?} gave {step:?}, not an error"),
    }
}

#[test]
fn a_query_typed_over_lines_runs_when_its_braces_close() {
    let mut s = session();
    assert_eq!(s.eval("SELECT ?person WHERE {").unwrap(), Step::NeedMore);
    assert!(s.is_pending());
    assert_eq!(s.eval("  ?person a cg:Person").unwrap(), Step::NeedMore);
    let text = output(&mut s, &["} ORDER BY ?person"]);
    assert!(
        text.contains("actor:attaullah-tarar (Attaullah Tarar)"),
        "{text}"
    );
    assert!(text.contains("(4 rows)"), "{text}");
    assert!(!s.is_pending());
}

#[test]
fn a_semicolon_runs_a_query_whose_end_could_go_on() {
    let mut s = session();
    assert_eq!(
        s.eval("SELECT (COUNT(*) AS ?n) WHERE { ?s a cg:Person }")
            .unwrap(),
        Step::Output(output(
            &mut session(),
            &["SELECT (COUNT(*) AS ?n) WHERE { ?s a cg:Person };"]
        ))
    );
    assert_eq!(
        s.eval("CONSTRUCT { ?s a cg:Person }").unwrap(),
        Step::NeedMore
    );
    let text = output(&mut s, &["WHERE { ?s a cg:Person }"]);
    assert!(text.contains("actor:khawaja-asif a cg:Person"), "{text}");
}

#[test]
fn a_syntax_error_names_line_and_column_and_the_session_goes_on() {
    let mut s = session();
    assert_eq!(s.eval("SELECT * WHERE {").unwrap(), Step::NeedMore);
    let e = error(&mut s, "  ?s ?p ?o . FILTER(?o = ) };");
    let Error::QuerySyntax {
        ref origin,
        line,
        column,
        ..
    } = e
    else {
        panic!("{e}")
    };
    assert_eq!((origin.as_str(), line), ("<query>", 2));
    assert!(column > 20, "{e}");
    let caret = s.point_at(&e).unwrap();
    assert!(caret.contains("FILTER(?o = ) }\n"), "{caret}");
    assert!(caret.ends_with("^\n"), "{caret}");
    assert!(!s.is_pending());
    assert!(output(&mut s, &["ASK { ?s ?p ?o }"]).contains("true"));
}

#[test]
fn errors_in_scripts_name_the_line_of_the_script() {
    let mut s = script_session("run.sparql");
    s.eval("# a comment").unwrap();
    s.eval("").unwrap();
    s.eval("SELECT * WHERE {").unwrap();
    let e = error(&mut s, "?s ?p ?o . FILTER(?o = ) };");
    assert!(e.to_string().starts_with("run.sparql:4:"), "{e}");
    let e = error(&mut s, ".mode nonsense");
    assert!(
        e.to_string().starts_with("run.sparql:5: .mode nonsense"),
        "{e}"
    );
    assert_eq!(e.exit(), Exit::Usage);
}

#[test]
fn the_end_of_a_script_runs_an_unfinished_query_so_its_error_shows() {
    let mut s = script_session("<stdin>");
    assert_eq!(s.eval("ASK { ?s ?p }").unwrap(), Step::NeedMore);
    let e = s.finish().unwrap_err();
    assert!(e.to_string().starts_with("<stdin>:1:"), "{e}");
    assert_eq!(s.finish().unwrap(), Step::Continue);
}

#[test]
fn a_command_typed_inside_an_unfinished_query_drops_it_with_a_note() {
    let mut s = session();
    s.eval("clear").unwrap();
    assert!(s.is_pending());
    let text = output(&mut s, &[".timer"]);
    assert!(
        text.starts_with("(the unfinished query above was dropped"),
        "{text}"
    );
    assert!(text.ends_with("timer: off\n"), "{text}");
    assert!(!s.is_pending());
    // A SPARQL line that begins with a dot is still SPARQL.
    s.eval("SELECT * WHERE { ?s a cg:Person").unwrap();
    assert_eq!(s.eval(". ?s rdfs:label ?l").unwrap(), Step::NeedMore);
    // In a script it is an error that names both lines.
    let mut s = script_session("x.sparql");
    s.eval("SELECT *").unwrap();
    let e = error(&mut s, ".mode csv");
    assert!(
        e.to_string()
            .starts_with("x.sparql:2: the query begun on line 1 is not complete"),
        "{e}"
    );
}

#[test]
fn abandoning_input_drops_the_open_query() {
    let mut s = session();
    s.eval("SELECT * WHERE {").unwrap();
    assert_eq!(s.abandon(), "SELECT * WHERE {\n");
    assert!(!s.is_pending());
    assert!(output(&mut s, &[".timer"]).contains("off"));
}

#[test]
fn help_lists_every_command_and_explains_one() {
    let mut s = session();
    let text = output(&mut s, &[".help"]);
    for c in COMMANDS {
        assert!(text.contains(c.name), "{} missing from .help", c.name);
        assert!(!c.summary.is_empty());
    }
    assert!(output(&mut s, &[".help chain"]).contains("--between"));
    assert!(output(&mut s, &[".help .why"]).contains("⟦"));
    assert!(output(&mut s, &[".chain --help"]).contains("--min-length"));
    let e = error(&mut s, ".help nonsense");
    assert!(e.to_string().contains("no such command"), "{e}");
}

#[test]
fn an_unknown_command_suggests_close_ones() {
    let e = error(&mut session(), ".tim on");
    assert!(e.to_string().contains(".timeline, .timer"), "{e}");
}

#[test]
fn mode_changes_how_answers_are_written() {
    let mut s = session();
    let q = "SELECT ?p WHERE { ?p a cg:Person } ORDER BY ?p";
    assert!(output(&mut s, &[".mode"]).contains("table"));
    s.eval(".mode csv").unwrap();
    let csv = output(&mut s, &[q]);
    assert!(
        csv.starts_with("p\r\nhttps://claimgraph.org/id/actor/"),
        "{csv}"
    );
    s.eval(".mode json").unwrap();
    let json: serde_json::Value = serde_json::from_str(&output(&mut s, &[q])).unwrap();
    assert_eq!(json["results"]["bindings"].as_array().unwrap().len(), 4);
    let e = error(&mut s, ".mode yaml");
    assert!(e.to_string().contains("choose one of table, csv"), "{e}");
    // A graph format for a SELECT names the shell's command, not a flag.
    s.eval(".mode turtle").unwrap();
    let e = error(&mut s, q);
    assert!(
        e.to_string().starts_with(".mode turtle is for graphs"),
        "{e}"
    );
}

#[test]
fn timer_reports_the_time_of_each_command() {
    let mut s = session();
    s.eval(".timer on").unwrap();
    let text = output(&mut s, &["ASK { ?s ?p ?o }"]);
    assert!(text.starts_with("true\ntime: "), "{text}");
    assert!(text.ends_with(" ms\n"), "{text}");
    s.eval(".timer off").unwrap();
    assert_eq!(output(&mut s, &["ASK { ?s ?p ?o }"]), "true\n");
    assert!(
        error(&mut s, ".timer maybe")
            .to_string()
            .contains(".timer on")
    );
}

#[test]
fn chain_and_mutual_write_what_the_command_line_writes() {
    let mut s = session();
    let text = output(&mut s, &[".chain --from stmt:tarar-talks-failed"]);
    let dataset = Dataset::open(&DataOptions::default()).unwrap();
    let graph = crate::chain::ChainGraph::build(&dataset).unwrap();
    let mut expected = Vec::new();
    let args = crate::args::ChainArgs {
        from: Some("stmt:tarar-talks-failed".into()),
        to: None,
        between: None,
        all: false,
        min_length: None,
        max_depth: None,
        format: crate::render::chain::GraphFormat::Text,
    };
    let walk = crate::report::Walk::try_from(&args).unwrap();
    crate::report::write_chain(&mut expected, &dataset, &graph, &walk, args.format).unwrap();
    assert_eq!(text, String::from_utf8(expected).unwrap());
    assert!(
        text.contains("stmt:rta-pakistani-side-lacks-intention"),
        "{text}"
    );
    let text = output(&mut s, &[".mutual"]);
    assert!(text.contains("actor:pakistan"), "{text}");
    let e = error(&mut s, ".chain --sideways x");
    assert!(
        e.to_string().starts_with(".chain: unexpected argument"),
        "{e}"
    );
    let e = error(&mut s, ".chain --from nobody-at-all");
    assert!(matches!(e, Error::UnknownName { .. }), "{e}");
}

#[test]
fn why_shows_each_quote_inside_its_sentence() {
    let mut s = session();
    let text = output(
        &mut s,
        &[".why stmt:rta-pakistani-side-lacks-intention stmt:tarar-talks-failed"],
    );
    assert!(
        text.contains("cg:counterAccuses stmt:tarar-talks-failed"),
        "{text}"
    );
    assert!(
        text.contains("graph:istanbul\\/rta-counter-accusation"),
        "{text}"
    );
    assert!(
        text.contains("⟦Afghanistan-controlled state media (RTA) suggested"),
        "{text}"
    );
    assert!(
        text.contains("at source:istanbul-talks-collapse-2025-10-29 2445–2619"),
        "{text}"
    );
    // A short quote is marked inside the longer sentence around it.
    let text = output(&mut s, &[".why claim:afghan-side-evasions"]);
    assert!(
        text.contains("resorting to “⟦accusations, evasions, and cunning excuses⟧,” claiming"),
        "{text}"
    );
    let text = output(
        &mut s,
        &[".why ? cg:counterAccuses stmt:tarar-talks-failed"],
    );
    assert!(text.contains("stated in 2 graphs"), "{text}");
    let e = error(&mut s, ".why cg:Statement");
    assert!(matches!(e, Error::NotGrounded { .. }), "{e}");
    let e = error(&mut s, ".why tarar");
    assert!(e.to_string().contains("not an IRI"), "{e}");
}

#[test]
fn who_and_timeline_list_acts_in_time_order() {
    let mut s = session();
    s.eval(".mode tsv").unwrap();
    let text = output(&mut s, &[".who Khawaja Asif"]);
    assert!(text.contains("statement/asif-open-war-warning"), "{text}");
    assert!(!text.contains("tarar-talks-failed"), "{text}");
    let text = output(&mut s, &[".timeline 2025-10-25 2025-10-27"]);
    assert_eq!(text.lines().count(), 2, "{text}");
    // The order itself is tested in tests/time_order.rs; here, that ranges are shown as such
    // and the acts dated only by the publication are counted, not listed.
    let all = output(&mut s, &[".timeline"]);
    assert!(
        all.contains("\"2025-10-19…2025-10-29\"\t\"range\""),
        "{all}"
    );
    assert!(
        all.contains("acts dated only by the report's publication left out"),
        "{all}"
    );
    assert!(!all.contains("author-"), "{all}");
    let e = error(&mut s, ".timeline 2025-13-01");
    assert!(e.to_string().contains("YYYY-MM-DD"), "{e}");
    let e = error(&mut s, ".who");
    assert!(e.to_string().contains("takes an actor"), "{e}");
}

#[test]
fn saved_queries_run_with_bound_terms() {
    let mut s = session();
    assert!(output(&mut s, &[".saved"]).contains("acts-in-time-order"));
    s.eval(".mode tsv").unwrap();
    let text = output(
        &mut s,
        &[".run statements-by-actor actor=actor:khawaja-asif"],
    );
    assert!(
        text.lines().skip(1).all(|l| l.contains("khawaja-asif")),
        "{text}"
    );
    assert!(text.lines().count() > 1, "{text}");
    let e = error(&mut s, ".run statements-by-actor nobody=1");
    assert!(e.to_string().contains("no variable ?nobody"), "{e}");
    let e = error(&mut s, ".run no-such-query");
    assert!(e.to_string().contains("no-such-query"), "{e}");
}

#[test]
fn prefixes_graphs_and_stats_describe_the_data() {
    let mut s = session();
    assert!(output(&mut s, &[".prefixes"]).contains("PREFIX cg: <https://claimgraph.org/ns#>\n"));
    s.eval(".mode tsv").unwrap();
    let graphs = output(&mut s, &[".graphs"]);
    assert_eq!(graphs.lines().count(), 1 + 104, "{graphs}");
    assert!(output(&mut s, &[".stats"]).contains("statements"));
}

#[test]
fn load_adds_data_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.ttl");
    std::fs::write(&good, "<http://example.org/a> a <http://example.org/B> .\n").unwrap();
    let bad = dir.path().join("bad.ttl");
    std::fs::write(
        &bad,
        "<http://example.org/c> a <http://example.org/D> .\n<oops\n",
    )
    .unwrap();
    let mut s = session();
    let ask = "ASK { ?x a <http://example.org/D> }";
    let e = error(
        &mut s,
        &format!(".load {} {}", good.display(), bad.display()),
    );
    assert!(e.to_string().contains("bad.ttl:2:"), "{e}");
    assert_eq!(output(&mut s, &[ask]), "false\n");
    assert_eq!(
        output(&mut s, &["ASK { ?x a <http://example.org/B> }"]),
        "false\n"
    );
    let text = output(&mut s, &[&format!(".load {}", good.display())]);
    assert!(text.starts_with("loaded 1 quads from 1 file"), "{text}");
    assert!(s.take_data_changed());
    assert_eq!(
        output(&mut s, &["ASK { ?x a <http://example.org/B> }"]),
        "true\n"
    );
}

#[test]
fn export_output_and_once_write_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session();
    let ttl = dir.path().join("persons.ttl");
    let text = output(
        &mut s,
        &[&format!(
            ".export turtle {} --graph graph:istanbul\\/tarar-announcement",
            ttl.display()
        )],
    );
    assert!(text.starts_with("wrote "), "{text}");
    assert!(
        std::fs::read_to_string(&ttl)
            .unwrap()
            .contains("tarar-talks-failed")
    );
    let e = error(&mut s, &format!(".export yaml {}", ttl.display()));
    assert!(e.to_string().contains("invalid value 'yaml'"), "{e}");

    let out = dir.path().join("answers.tsv");
    s.eval(".mode tsv").unwrap();
    s.eval(&format!(".output {}", out.display())).unwrap();
    assert_eq!(s.eval("ASK { ?s ?p ?o }").unwrap(), Step::Continue);
    assert_eq!(s.eval("ASK { ?s a cg:Nothing }").unwrap(), Step::Continue);
    s.eval(".output").unwrap();
    let written = std::fs::read_to_string(&out).unwrap();
    let expected = format!(
        "{}{}",
        output(&mut session_in("tsv"), &["ASK { ?s ?p ?o }"]),
        output(&mut session_in("tsv"), &["ASK { ?s a cg:Nothing }"])
    );
    assert_eq!(written, expected);
    assert!(matches!(
        s.eval("ASK { ?s ?p ?o }").unwrap(),
        Step::Output(_)
    ));

    let once = dir.path().join("once.csv");
    s.eval(&format!(".once {}", once.display())).unwrap();
    assert_eq!(s.eval(".prefixes").unwrap(), Step::Continue);
    assert!(
        std::fs::read_to_string(&once)
            .unwrap()
            .contains("PREFIX cg:")
    );
    assert!(matches!(s.eval(".prefixes").unwrap(), Step::Output(_)));
}

#[test]
fn a_failing_once_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let once = dir.path().join("never.txt");
    let mut s = session();
    s.eval(&format!(".once {}", once.display())).unwrap();
    error(&mut s, "SELECT * WHERE { ?s ?p ?o . FILTER(?o = ) };");
    assert!(!once.exists());
}

#[test]
fn read_runs_a_file_and_stops_at_its_first_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("steps.sparql");
    std::fs::write(
        &file,
        "ASK { ?s a cg:Person }\n.mode csv\nSELECT * WHERE {\n  ?s ?p\n};\nASK { ?s ?p ?o }\n",
    )
    .unwrap();
    let mut s = session();
    let e = error(&mut s, &format!(".read {}", file.display()));
    let shown = e.to_string();
    assert!(
        shown.starts_with(&format!("{}:5:", file.display())),
        "{shown}"
    );
    // What ran before the error stays done; the session reads from the terminal again.
    assert!(output(&mut s, &[".mode"]).contains("csv"));
    assert!(!s.is_pending());
    let e = error(&mut s, ".read /no/such/file");
    assert!(matches!(e, Error::NotFound { .. }), "{e}");
}

#[test]
fn quit_in_a_read_file_ends_the_file_not_the_shell() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("short.sparql");
    std::fs::write(&file, "ASK { ?s ?p ?o }\n.quit\nASK { ?s a cg:Nothing }\n").unwrap();
    let mut s = session();
    assert_eq!(
        output(&mut s, &[&format!(".read {}", file.display())]),
        "true\n"
    );
    assert_eq!(output(&mut s, &["ASK { ?s a cg:Nothing }"]), "false\n");
}

#[test]
fn read_does_not_follow_a_file_that_reads_itself_forever() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("loop.sparql");
    std::fs::write(&file, format!(".read {}\n", file.display())).unwrap();
    let e = error(&mut session(), &format!(".read {}", file.display()));
    assert!(e.to_string().contains("more than 16 deep"), "{e}");
}

#[test]
fn quit_and_exit_leave() {
    let mut s = session();
    assert_eq!(s.eval(".quit").unwrap(), Step::Quit);
    assert_eq!(s.eval(".exit").unwrap(), Step::Quit);
}

#[test]
fn a_running_query_is_cancelled_through_its_slot() {
    let mut s = session();
    let running = s.running();
    let canceller = std::thread::spawn(move || {
        for _ in 0..500 {
            if let Some(token) = running.lock().unwrap().as_ref() {
                token.cancel();
                return true;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        false
    });
    let values: String = "abcdefghi"
        .chars()
        .map(|v| format!("VALUES ?{v} {{ 1 2 3 4 5 6 7 8 9 10 }} "))
        .collect();
    let e = error(
        &mut s,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ {values} }}"),
    );
    assert!(canceller.join().unwrap());
    assert!(matches!(e, Error::Cancelled), "{e}");
    assert!(s.running().lock().unwrap().is_none());
    assert!(output(&mut s, &["ASK { ?s ?p ?o }"]).contains("true"));
}

#[test]
fn evidence_on_gives_every_select_its_quotes() {
    let mut s = session();
    s.eval(".mode tsv").unwrap();
    let query = "SELECT ?s WHERE { ?s cg:speaker actor:khawaja-asif }";
    let without = output(&mut s, &[query]);
    assert!(!without.contains("?evidence"), "{without}");
    s.eval(".evidence on").unwrap();
    let with = output(&mut s, &[query]);
    assert!(with.starts_with("?s\t?evidence"), "{with}");
    assert!(
        with.contains("source:istanbul-talks-collapse-2025-10-29 "),
        "{with}"
    );
    assert_eq!(output(&mut s, &[".evidence"]), "evidence: on\n");
    s.eval(".evidence off").unwrap();
    assert_eq!(output(&mut s, &[query]), without);
    let e = error(&mut s, ".evidence maybe");
    assert!(e.to_string().contains(".evidence on"), "{e}");
}
