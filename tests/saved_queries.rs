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
