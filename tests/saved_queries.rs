//! Saved queries: each has a complete header and answers with its golden result
//! (tests/golden/NAME.tsv). Rows are compared in order when the query has ORDER BY, as a sorted
//! multiset otherwise. `CLAIMGRAPH_BLESS=1 cargo test --release --test saved_queries` rewrites
//! the golden files on purpose.

mod common;
use common::*;
use std::path::PathBuf;

fn saved() -> Vec<serde_json::Value> {
    let run = run(&["queries", "--format", "json"]);
    run.expect_ok();
    serde_json::from_str::<Vec<serde_json::Value>>(&run.stdout).unwrap()
}

fn golden(name: &str) -> PathBuf {
    repo().join("tests/golden").join(format!("{name}.tsv"))
}

/// Rows in a stable order: as given with ORDER BY, sorted otherwise (the header stays first).
fn comparable(tsv: &str, ordered: bool) -> String {
    let mut lines: Vec<&str> = tsv.lines().collect();
    if !ordered && lines.len() > 1 {
        lines[1..].sort_unstable();
    }
    lines.iter().map(|l| format!("{l}\n")).collect()
}

#[test]
fn there_are_enough_saved_queries_and_each_has_a_header() {
    let all = saved();
    assert!(all.len() >= 15, "only {} saved queries", all.len());
    for q in &all {
        let name = q["name"].as_str().unwrap();
        for field in ["title", "question", "example"] {
            assert!(
                !q[field].as_str().unwrap().is_empty(),
                "{name} has no `# {field}:` line"
            );
        }
        assert!(
            q["example"].as_str().unwrap().contains(name),
            "{name}'s example does not run it"
        );
    }
}

#[test]
fn saved_queries_give_their_golden_results() {
    let bless = std::env::var_os("CLAIMGRAPH_BLESS").is_some();
    let mut failures = Vec::new();
    for q in saved() {
        let name = q["name"].as_str().unwrap();
        let run = run(&["run", name, "--format", "tsv"]);
        run.expect_ok();
        // A query that needs more than the bundled report says so in its header
        // (`# corpus: no rows ...`); its own tests run it where it has rows.
        let needs_more = q["text"].as_str().unwrap().contains("\n# corpus: no rows");
        assert!(
            needs_more || run.stdout.lines().count() > 1,
            "{name} answers with no rows on the corpus"
        );
        let path = golden(name);
        if bless {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &run.stdout).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("{} is missing; bless it on purpose", path.display()));
        let ordered = q["text"]
            .as_str()
            .unwrap()
            .to_uppercase()
            .contains("ORDER BY");
        let (expected, actual) = (
            comparable(&expected, ordered),
            comparable(&run.stdout, ordered),
        );
        if expected != actual {
            let diff = similar::TextDiff::from_lines(&expected, &actual);
            failures.push(format!(
                "{name}:\n{}",
                diff.unified_diff().header("golden", "actual")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn golden_comparison_catches_a_changed_row() {
    let golden = "?a\tb\n1\n2\n";
    assert_eq!(
        comparable(golden, false),
        comparable("?a\tb\n2\n1\n", false)
    );
    assert_ne!(comparable(golden, true), comparable("?a\tb\n2\n1\n", true));
    assert_ne!(
        comparable(golden, false),
        comparable("?a\tb\n1\n3\n", false)
    );
}

#[test]
fn a_saved_query_takes_bound_variables_and_reports_unknown_names() {
    run(&["run", "no-such-query"]).expect_error(2, "no saved query \"no-such-query\"");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("speakers.rq"),
        "# title: Speakers\nPREFIX cg: <https://claimgraph.org/ns#>\nSELECT ?s ?who WHERE { ?s cg:speaker ?who }",
    )
    .unwrap();
    let folder = dir.path().to_str().unwrap();
    run(&["queries", "--queries", folder])
        .expect_ok()
        .expect_stdout_contains("speakers  Speakers");
    let all = run(&["run", "speakers", "--queries", folder, "--format", "tsv"]);
    let one = run(&[
        "run",
        "speakers",
        "--queries",
        folder,
        "--format",
        "tsv",
        "--bind",
        "who=actor:attaullah-tarar",
    ]);
    assert!(one.expect_ok().stdout.lines().count() < all.expect_ok().stdout.lines().count());
    assert!(
        one.stdout
            .lines()
            .skip(1)
            .all(|l| l.ends_with("<https://claimgraph.org/id/actor/attaullah-tarar>")),
        "{}",
        one.stdout
    );
}

/// The rows of a saved query run with `binds`, as TSV lines without the header.
fn rows(name: &str, binds: &[&str]) -> Vec<String> {
    let mut args = vec!["run", name, "--format", "tsv"];
    for b in binds {
        args.extend(["--bind", b]);
    }
    let run = run(&args);
    run.expect_ok();
    run.stdout.lines().skip(1).map(str::to_owned).collect()
}

#[test]
fn causes_by_side_gives_each_sides_account_of_the_collapse() {
    let rows = rows("causes-by-side", &["outcome=event:istanbul-talks-collapse"]);
    let pakistan = rows
        .iter()
        .filter(|r| r.contains("\"side\"\t<https://claimgraph.org/id/actor/pakistan>"))
        .count();
    assert!(pakistan >= 2, "Pakistan's accounts missing: {rows:#?}");
    assert!(
        rows.iter().any(|r| r.contains("\"author\"")),
        "the author's account is missing: {rows:#?}"
    );
    assert!(
        rows.iter()
            .all(|r| r.contains("/event/istanbul-talks-collapse>")),
        "a row about another outcome: {rows:#?}"
    );
}

#[test]
fn events_of_a_type_keeps_the_type_and_its_narrower_ones() {
    let ceasefires = rows("events-of-a-type", &["type=cg:Ceasefire"]);
    assert!(
        ceasefires
            .iter()
            .any(|r| r.contains("/event/doha-ceasefire>"))
    );
    assert!(
        ceasefires
            .iter()
            .any(|r| r.contains("/event/unilateral-48-hour-ceasefire>"))
    );
    assert!(
        ceasefires.iter().all(|r| r.contains("Ceasefire>")),
        "{ceasefires:#?}"
    );
    let talks = rows("events-of-a-type", &["type=cg:Talks"]);
    assert!(
        talks.iter().any(|r| r.contains("\"range\"")),
        "the talks' dates are a range: {talks:#?}"
    );
}

#[test]
fn speaker_roles_say_when_the_passage_states_the_post() {
    let rows = rows("speaker-roles", &["speaker=actor:attaullah-tarar"]);
    assert!(
        rows.iter()
            .any(|r| r.contains("pakistan-information-minister>") && r.ends_with("true")),
        "{rows:#?}"
    );
    let all = self::rows("speaker-roles", &[]);
    assert!(
        !all.iter().any(|r| r.contains("istanbul-report-author")),
        "the author holds no post and is left out"
    );
}

#[test]
fn third_party_appeals_leave_out_the_two_sides() {
    let rows = rows("third-party-appeals-and-pledges", &[]);
    assert!(
        rows.iter()
            .any(|r| r.contains("/claim/trump-pledge-to-assist>"))
    );
    assert!(
        rows.iter()
            .any(|r| r.contains("/claim/unhcr-appeal-exempt-protection-needs>"))
    );
    assert!(
        !rows.iter().any(|r| r.contains("/claim/pakistan-demands-")),
        "Pakistan is a side, not a third party: {rows:#?}"
    );
}

/// Each quote of an `?evidence` value: (source IRI shortened, start, end, words).
fn evidence_quotes(value: &str) -> Vec<(String, usize, usize, String)> {
    value
        .split(" ‖ ")
        .map(|piece| {
            let (source, rest) = piece.split_once(' ').expect("source, offsets, quote");
            let (offsets, quote) = rest.split_once(' ').expect("offsets, quote");
            let (start, end) = offsets.split_once('–').expect("start–end");
            let quote = quote
                .strip_prefix('“')
                .and_then(|q| q.strip_suffix('”'))
                .unwrap_or_else(|| panic!("quote not in “ ”: {piece}"));
            (
                source.to_owned(),
                start.parse().unwrap(),
                end.parse().unwrap(),
                quote.to_owned(),
            )
        })
        .collect()
}

#[test]
fn every_saved_querys_evidence_quotes_stand_in_their_source_at_their_offsets() {
    let text: Vec<char> =
        std::fs::read_to_string(repo().join("data/sources/istanbul-talks-collapse-2025-10-29.txt"))
            .unwrap()
            .chars()
            .collect();
    let (mut rows, mut with_evidence, mut quotes) = (0, 0, 0);
    for q in saved() {
        let name = q["name"].as_str().unwrap();
        let run = run(&["run", name, "--evidence", "--format", "json"]);
        run.expect_ok();
        let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert!(
            json["head"]["vars"]
                .as_array()
                .unwrap()
                .iter()
                .any(|v| v == "evidence"),
            "{name} has no ?evidence column"
        );
        for binding in json["results"]["bindings"].as_array().unwrap() {
            rows += 1;
            let Some(value) = binding["evidence"]["value"].as_str() else {
                continue;
            };
            with_evidence += 1;
            for (source, start, end, quote) in evidence_quotes(value) {
                assert_eq!(
                    source, "source:istanbul-talks-collapse-2025-10-29",
                    "{name}"
                );
                let found: String = text[start..end].iter().collect();
                assert_eq!(found, quote, "{name}: offsets {start}–{end}");
                quotes += 1;
            }
        }
    }
    // Rows about sources and mentions themselves stand in no named graph.
    assert!(
        with_evidence * 100 >= rows * 95,
        "only {with_evidence} of {rows} rows have evidence"
    );
    assert!(quotes >= rows, "{quotes} quotes for {rows} rows");
}

#[test]
fn evidence_of_a_row_is_the_graph_that_joins_its_terms() {
    let run = run(&[
        "query",
        "SELECT ?s WHERE { ?s cg:speaker actor:attaullah-tarar }",
        "--evidence",
        "--format",
        "tsv",
    ]);
    run.expect_ok();
    let row = run.stdout.lines().nth(1).unwrap();
    assert!(row.contains("tarar-talks-failed"), "{row}");
    assert!(
        row.contains("“Pakistan’s Information Minister, Attaullah Tarar, announced"),
        "{row}"
    );
}

/// The quotes of every row's `?evidence` of a query run with `args`, as one set.
fn evidence_of(args: &[&str]) -> std::collections::BTreeSet<String> {
    let mut args = args.to_vec();
    args.extend(["--evidence", "--format", "json"]);
    let run = run(&args);
    run.expect_ok();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    json["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b["evidence"]["value"].as_str())
        .flat_map(|v| v.split(" ‖ ").map(str::to_owned).collect::<Vec<_>>())
        .collect()
}

#[test]
fn an_aggregate_rows_evidence_is_that_of_the_rows_it_counts() {
    // Counts have no IRI of their own to join: each row gathers the evidence of its members.
    let counted = evidence_of(&[
        "query",
        "SELECT ?speaker (COUNT(?s) AS ?n) WHERE { ?s cg:speaker ?speaker
           FILTER (?speaker = actor:khawaja-asif) } GROUP BY ?speaker",
    ]);
    let members = evidence_of(&[
        "query",
        "SELECT ?s ?speaker WHERE { ?s cg:speaker ?speaker FILTER (?speaker = actor:khawaja-asif) }",
    ]);
    assert!(members.len() >= 2, "{members:#?}");
    assert_eq!(counted, members);
    // With a binding, and a group key the row shows: the denials are those of the denial claims.
    let denials = evidence_of(&[
        "run",
        "author-analysis-vs-attributed",
        "--bind",
        "type=cg:Denial",
    ]);
    let claims = evidence_of(&[
        "query",
        "SELECT ?claim ?type WHERE { ?claim a cg:Claim ; cg:actType ?type FILTER (?type = cg:Denial) }",
    ]);
    assert!(claims.len() >= 3, "{claims:#?}");
    assert_eq!(denials, claims);
}

#[test]
fn every_row_of_the_counts_by_act_type_has_evidence() {
    let run = run(&[
        "run",
        "author-analysis-vs-attributed",
        "--evidence",
        "--format",
        "json",
    ]);
    run.expect_ok();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let rows = json["results"]["bindings"].as_array().unwrap();
    assert!(rows.len() >= 10);
    for row in rows {
        assert!(
            row["evidence"]["value"]
                .as_str()
                .is_some_and(|v| !v.is_empty()),
            "no evidence: {row}"
        );
    }
}
