//! The command line as a user meets it: query formats, bound variables, time limits, the union
//! default graph, and one-line errors with file:line:column for every kind of bad input.

mod common;
use common::*;
use std::path::Path;

fn mini() -> String {
    fixture("mini").to_str().unwrap().to_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_owned()
}

const SPEAKERS: &str = "SELECT ?s ?who WHERE { ?s cg:speaker ?who } ORDER BY ?s";

#[test]
fn select_as_tsv_csv_json_and_xml() {
    let tsv = run(&["--data", &mini(), "query", SPEAKERS, "--format", "tsv"]);
    assert_same_text(
        "?s\t?who\n<https://claimgraph.org/id/statement/excuses>\t<https://claimgraph.org/id/actor/minister>\n<https://claimgraph.org/id/statement/intent>\t<https://claimgraph.org/id/actor/state-media>\n",
        &tsv.expect_ok().stdout,
    );
    let csv = run(&["--data", &mini(), "query", SPEAKERS, "--format", "csv"]);
    assert!(
        csv.expect_ok()
            .stdout
            .starts_with("s,who\r\nhttps://claimgraph.org/id/statement/excuses,"),
        "{}",
        csv.stdout
    );
    let json = run(&["--data", &mini(), "query", SPEAKERS, "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json.expect_ok().stdout).unwrap();
    assert_eq!(value["head"]["vars"], serde_json::json!(["s", "who"]));
    assert_eq!(value["results"]["bindings"].as_array().unwrap().len(), 2);
    run(&["--data", &mini(), "query", SPEAKERS, "--format", "xml"])
        .expect_ok()
        .expect_stdout_contains("<variable name=\"who\"/>");
}

#[test]
fn tables_shorten_iris_and_show_labels() {
    run(&["--data", &mini(), "query", SPEAKERS, "--format", "table"])
        .expect_ok()
        .expect_stdout_contains("stmt:excuses (The minister blames excuses)")
        .expect_stdout_contains("actor:state-media (State media)")
        .expect_stdout_contains("(2 rows)");
}

#[test]
fn ask_and_construct() {
    run(&[
        "--data",
        &mini(),
        "query",
        "ASK { actor:minister a cg:Actor }",
        "--format",
        "json",
    ])
    .expect_ok()
    .expect_stdout_contains("\"boolean\":true");
    run(&[
        "--data",
        &mini(),
        "query",
        "CONSTRUCT { ?s cg:speaker ?o } WHERE { ?s cg:speaker ?o }",
    ])
    .expect_ok()
    .expect_stdout_contains("stmt:excuses cg:speaker actor:minister");
    run(&[
        "--data",
        &mini(),
        "query",
        "CONSTRUCT WHERE { ?s cg:speaker ?o }",
        "--format",
        "ntriples",
    ])
    .expect_ok()
    .expect_stdout_contains(
        "<https://claimgraph.org/id/statement/excuses> <https://claimgraph.org/ns#speaker>",
    );
    run(&[
        "--data",
        &mini(),
        "query",
        "CONSTRUCT WHERE { ?s cg:speaker ?o }",
        "--format",
        "csv",
    ])
    .expect_error(2, "CONSTRUCT and DESCRIBE answer with turtle");
    run(&["--data", &mini(), "query", SPEAKERS, "--format", "turtle"])
        .expect_error(2, "SELECT and ASK answer with table");
}

#[test]
fn the_default_graph_is_the_union_unless_asked_otherwise() {
    let q = "SELECT (COUNT(*) AS ?n) WHERE { ?s cg:speaker ?o }";
    run(&["--data", &mini(), "query", q, "--format", "tsv"])
        .expect_ok()
        .expect_stdout_contains("\n2\n");
    run(&[
        "--data",
        &mini(),
        "query",
        q,
        "--format",
        "tsv",
        "--no-union",
    ])
    .expect_ok()
    .expect_stdout_contains("\n0\n");
    let graphs = "SELECT ?g WHERE { GRAPH ?g { stmt:excuses cg:speaker ?o } }";
    run(&["--data", &mini(), "query", graphs, "--format", "tsv"])
        .expect_ok()
        .expect_stdout_contains("<https://claimgraph.org/id/graph/mini-excuses>");
}

#[test]
fn a_query_may_declare_its_own_prefixes() {
    let q = "PREFIX cg: <http://example.org/other#> SELECT ?s ?o WHERE { ?s cg:speaker ?o }";
    run(&["--data", &mini(), "query", q, "--format", "tsv"]).expect_ok();
    assert_eq!(
        run(&["--data", &mini(), "query", q, "--format", "tsv"]).stdout,
        "?s\t?o\n"
    );
}

#[test]
fn bound_variables_are_terms_not_text() {
    run(&[
        "--data",
        &mini(),
        "query",
        SPEAKERS,
        "--format",
        "tsv",
        "--bind",
        "who=actor:minister",
    ])
    .expect_ok()
    .expect_stdout_contains("statement/excuses")
    .stdout
    .contains("state-media")
    .then(|| panic!("the binding did not restrict the answer"));
    let hostile = "who=\"} } DELETE WHERE { ?s ?p ?o } #\"";
    let run = run(&[
        "--data",
        &mini(),
        "query",
        SPEAKERS,
        "--format",
        "tsv",
        "--bind",
        hostile,
    ]);
    assert_eq!(run.expect_ok().stdout, "?s\t?who\n");
    let run2 = common::run(&["--data", &mini(), "query", SPEAKERS, "--bind", "nothere=1"]);
    run2.expect_error(1, "the query has no variable ?nothere");
    common::run(&["--data", &mini(), "query", SPEAKERS, "--bind", "who"])
        .expect_error(1, "expected NAME=VALUE");
}

#[test]
fn bound_variables_need_not_be_projected() {
    let q = "SELECT ?s WHERE { ?s cg:speaker ?who }";
    let one = run(&[
        "--data",
        &mini(),
        "query",
        q,
        "--format",
        "tsv",
        "--bind",
        "who=actor:minister",
    ]);
    assert_eq!(
        one.expect_ok().stdout,
        "?s\n<https://claimgraph.org/id/statement/excuses>\n"
    );
    let count = "SELECT (COUNT(?s) AS ?n) WHERE { ?s cg:speaker ?who }";
    let counted = run(&[
        "--data",
        &mini(),
        "query",
        count,
        "--format",
        "csv",
        "--bind",
        "who=actor:state-media",
    ]);
    assert_eq!(counted.expect_ok().stdout, "n\r\n1\r\n");
    let later = "SELECT ?len WHERE { BIND(STRLEN(?name) AS ?len) }";
    let bound = run(&[
        "--data",
        &mini(),
        "query",
        later,
        "--format",
        "csv",
        "--bind",
        "name=Kabul",
    ]);
    assert_eq!(bound.expect_ok().stdout, "len\r\n5\r\n");
}

#[test]
fn a_slow_query_is_cancelled_at_its_timeout() {
    let ten = "VALUES ?x { 0 1 2 3 4 5 6 7 8 9 }";
    let slow = format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ {} }}",
        ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
            .map(|v| ten.replace("?x", &format!("?{v}")))
            .join(" ")
    );
    run(&["--data", &mini(), "query", &slow, "--timeout", "0.2"])
        .expect_error(1, "query cancelled: it ran longer than --timeout 0.2 s");
    run(&["--data", &mini(), "query", SPEAKERS, "--timeout=0"])
        .expect_error(2, "--timeout 0: give a positive number");
}

#[test]
fn queries_come_from_files_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "q.rq", SPEAKERS.as_bytes());
    run(&["--data", &mini(), "query", "-f", &file, "--format", "tsv"])
        .expect_ok()
        .expect_stdout_contains("actor/minister");
    let piped = run_in(
        dir.path(),
        &["--data", &mini(), "query", "-", "--format", "tsv"],
        Some(SPEAKERS.as_bytes()),
    );
    piped.expect_ok().expect_stdout_contains("actor/minister");
}

#[test]
fn sparql_syntax_errors_give_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "bad.rq", b"SELECT ?s\nWHERE {\n  ?s ?p \n}\n");
    run(&["--data", &mini(), "query", "-f", &file])
        .expect_error(1, &format!("{file}:4:2: SPARQL syntax error"));
    run(&["--data", &mini(), "query", "SELECT * WHERE { ?s ?p ?o"])
        .expect_error(1, "<query>:1:26: SPARQL syntax error: expected one of");
    let latin1 = write(
        dir.path(),
        "latin1.rq",
        b"SELECT * WHERE { ?s ?p \"caf\xe9\" }",
    );
    run(&["--data", &mini(), "query", "-f", &latin1])
        .expect_error(1, &format!("{latin1}:1:28: not valid UTF-8"));
}

#[test]
fn rdf_syntax_errors_give_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let ttl = write(
        dir.path(),
        "bad.ttl",
        b"@prefix ex: <http://x.org/> .\nex:a ex:b ex:c .\nex:d ex:e \"open .\n",
    );
    run(&["--data", &ttl, "stats"]).expect_error(1, &format!("{ttl}:3:11: "));
    let trig = write(
        dir.path(),
        "bad.trig",
        b"@prefix ex: <http://x.org/> .\nex:g {\n  ex:a ex:b ex:c\n",
    );
    run(&["--data", &trig, "stats"]).expect_error(1, &format!("{trig}:4:1: "));
    let undeclared = write(
        dir.path(),
        "undeclared.ttl",
        b"\n  nope:a <http://x.org/b> 1 .\n",
    );
    run(&["--data", &undeclared, "stats"]).expect_error(
        1,
        &format!("{undeclared}:2:3: The prefix nope: has not been declared"),
    );
}

#[test]
fn non_utf8_input_is_reported_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let nt = write(dir.path(), "latin1.nt", b"<http://x.org/a> <http://x.org/b> \"ok\" .\n<http://x.org/a> <http://x.org/b> \"caf\xe9\" .\n");
    run(&["--data", &nt, "stats"]).expect_error(1, &format!("{nt}:2:"));
    run(&["--data", &nt, "stats"])
        .expect_error(1, "not valid UTF-8 (hint: RDF files must be UTF-8");
}

#[test]
fn missing_files_and_unknown_extensions() {
    run(&["--data", "/no/such/file.ttl", "stats"])
        .expect_error(1, "/no/such/file.ttl: no such file or directory");
    let dir = tempfile::tempdir().unwrap();
    let csv = write(dir.path(), "table.csv", b"a,b\n");
    run(&["--data", &csv, "stats"]).expect_error(
        1,
        "unknown RDF file extension \"csv\" (hint: known extensions:",
    );
    run(&["query", "-f", "/no/such/query.rq"])
        .expect_error(1, "/no/such/query.rq: no such file or directory");
}

#[test]
fn folders_are_searched_for_rdf_files() {
    // The mini fixture folder holds a .trig file and a sources/ folder of text: only RDF is read.
    let stats = run(&["--data", &mini(), "stats", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stats.expect_ok().stdout).unwrap();
    assert_eq!(v["statements"], 2);
    assert_eq!(v["claims"], 1);
    assert_eq!(v["events"], 1);
    assert_eq!(v["actors"], 3);
    assert_eq!(v["mentions"], 4);
    assert_eq!(v["graphs"], 3);
    assert_eq!(v["response_links"], 1);
}

#[test]
fn usage_errors_exit_2() {
    run(&["query"]).expect_code(2);
    run(&["nonsense"]).expect_code(2);
    run(&["load", "x.ttl"]).expect_error(2, "load needs --store DIR");
}

#[cfg(not(feature = "rocksdb"))]
#[test]
fn on_disk_stores_need_the_rocksdb_feature() {
    let dir = tempfile::tempdir().unwrap();
    run(&["--store", dir.path().to_str().unwrap(), "stats"]).expect_error(1, "--features rocksdb");
}

#[test]
fn the_bundled_corpus_answers_from_any_directory() {
    let dir = tempfile::tempdir().unwrap();
    let stats = run_in(dir.path(), &["stats", "--format", "json"], None);
    let v: serde_json::Value = serde_json::from_str(&stats.expect_ok().stdout).unwrap();
    assert_eq!(v["sources"], 1);
    assert!(v["triples"].as_u64().unwrap() > 0);
}

/// The oxigraph release claimgraph is built on matches a triple once per graph it stands in when
/// the default graph is the union (oxigraph issue 1919, fixed upstream after 0.5.13), where SPARQL
/// merges graphs into a set. The README and the saved queries use DISTINCT for that reason. This
/// test fails once an upgrade brings the fix: then drop the caveat from README.md and
/// queries/README.md, and make this test assert one row.
#[test]
fn union_duplicates_of_the_current_oxigraph_release() {
    let dir = tempfile::tempdir().unwrap();
    let trig = write(dir.path(), "twice.trig", b"<http://x.org/g1> { <http://x.org/s> <http://x.org/p> 1 }\n<http://x.org/g2> { <http://x.org/s> <http://x.org/p> 1 }\n");
    let plain = run(&[
        "--data",
        &trig,
        "query",
        "SELECT ?o WHERE { ?s ?p ?o }",
        "--format",
        "tsv",
    ]);
    assert_eq!(plain.expect_ok().stdout, "?o\n1\n1\n");
    let distinct = run(&[
        "--data",
        &trig,
        "query",
        "SELECT DISTINCT ?o WHERE { ?s ?p ?o }",
        "--format",
        "tsv",
    ]);
    assert_eq!(distinct.expect_ok().stdout, "?o\n1\n");
    let stats = run(&["--data", &trig, "stats", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stats.expect_ok().stdout).unwrap();
    assert_eq!(
        (v["quads"].as_u64(), v["triples"].as_u64()),
        (Some(2), Some(1))
    );
}

#[test]
fn overview_shows_what_the_corpus_holds_and_whether_it_checks() {
    let run = run(&["overview"]);
    run.expect_ok()
        .expect_stdout_contains("check: every invariant holds")
        .expect_stdout_contains("0 missing (100.0% of content)")
        .expect_stdout_contains("  author-analysis-vs-attributed ");
    // The names are padded to the longest one, which grows as queries are added.
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("  author-analysis-vs-attributed ")
                && l.trim_end()
                    .ends_with("The author's analysis versus attributed claims, by act type")),
        "{}",
        run.stdout
    );
    let dir = copy_fixture("mini");
    edit(
        &dir.path().join("mini.trig"),
        "cg:actType cg:Accusation ;",
        "",
    );
    let broken = common::run(&["--data", dir.path().to_str().unwrap(), "overview"]);
    broken
        .expect_code(3)
        .expect_stdout_contains("check: 2 violations; run `claimgraph check` to list them");
}

#[test]
fn piped_input_runs_as_a_script_without_prompts() {
    let script = "# persons, then a count\nSELECT ?p WHERE {\n  ?p a cg:Person\n} ORDER BY ?p\n.mode csv\nSELECT (COUNT(*) AS ?n) WHERE { ?s a cg:Statement };\n";
    let run = run_in(&repo(), &[], Some(script.as_bytes()));
    run.expect_ok();
    assert_eq!(
        run.stdout,
        "?p\n<https://claimgraph.org/id/actor/attaullah-tarar>\n<https://claimgraph.org/id/actor/donald-trump>\n<https://claimgraph.org/id/actor/khawaja-asif>\n<https://claimgraph.org/id/actor/rahmatullah-mujib>\nn\r\n92\r\n"
    );
    assert!(!run.stdout.contains("claimgraph>"));
    assert_eq!(run.stderr, "");
}

#[test]
fn a_script_stops_at_its_first_error_with_the_line_and_a_code() {
    let script = "ASK { ?s ?p ?o }\n.mdoe csv\nASK { ?s a cg:Nothing }\n";
    let run = run_in(&repo(), &["repl"], Some(script.as_bytes()));
    run.expect_error(
        2,
        "claimgraph: error: <stdin>:2: unknown command .mdoe; did you mean .mode?",
    );
    assert_eq!(
        run.stdout, "true\n",
        "the line after the error must not run"
    );
    let script = "ASK { ?s ?p ?o }\n\nSELECT * WHERE {\n  ?s ?p ?o . FILTER(?o = )\n}\n";
    run_in(&repo(), &[], Some(script.as_bytes())).expect_error(1, "claimgraph: error: <stdin>:5:");
    let run = run_in(&repo(), &[], Some(b"SELECT * WHERE { ?s ?p ?o"));
    run.expect_error(1, "<stdin>:1:");
}

#[test]
fn a_script_that_is_not_utf8_is_one_error_with_its_line() {
    let run = run_in(
        &repo(),
        &[],
        Some(b"ASK { ?s ?p ?o }\nASK { ?s ?p \"\xff\" }\n"),
    );
    run.expect_error(1, "<stdin>:2:14: not valid UTF-8");
    assert_eq!(run.stdout, "true\n");
}
