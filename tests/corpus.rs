//! The bundled corpus: it passes `check` with full coverage, and the facts read from the report
//! (tests/corpus-facts/*.rq, ASK queries) hold, while those that must not hold
//! (tests/corpus-facts/negative/*.rq) do not. `CLAIMGRAPH_FACTS_DATA=PATH[:PATH...]` asks the
//! facts of other data instead (say, the corpus as it was before a fix, with its ontology), to
//! see which facts a fix made hold: the two fact tests then list every fact that fails there.

mod common;
use common::*;
use std::path::PathBuf;

fn asks(folder: &str) -> Vec<PathBuf> {
    let dir = repo().join("tests/corpus-facts").join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    files.sort();
    files
}

/// The data the facts are asked of: the bundled corpus, or CLAIMGRAPH_FACTS_DATA.
fn facts_data() -> Vec<String> {
    std::env::var("CLAIMGRAPH_FACTS_DATA")
        .map(|paths| {
            paths
                .split(':')
                .filter(|p| !p.is_empty())
                .flat_map(|p| ["--data".to_owned(), p.to_owned()])
                .collect()
        })
        .unwrap_or_default()
}

fn ask(data: &[&str], file: &std::path::Path) -> bool {
    let mut args = data.to_vec();
    args.extend_from_slice(&["query", "-f", file.to_str().unwrap(), "--format", "json"]);
    let run = run(&args);
    run.expect_ok();
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    value["boolean"]
        .as_bool()
        .unwrap_or_else(|| panic!("{} is not an ASK query", file.display()))
}

#[test]
fn the_corpus_passes_check_with_full_coverage() {
    let run = run(&["check", "--coverage"]);
    run.expect_ok()
        .expect_stdout_contains("0 missing; 100.0% of content covered");
    assert!(!run.stdout.contains("MISSING"));
}

#[test]
fn facts_read_from_the_report_hold() {
    let files = asks("");
    assert!(files.len() >= 25, "only {} facts", files.len());
    let data = facts_data();
    let data: Vec<&str> = data.iter().map(String::as_str).collect();
    let failing: Vec<String> = files
        .iter()
        .filter(|f| !ask(&data, f))
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        failing.is_empty(),
        "these facts do not hold on the data asked:\n{}",
        failing.join("\n")
    );
}

#[test]
fn facts_are_not_true_of_any_data() {
    // On an empty dataset, only facts that say something never happens may hold.
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.ttl");
    std::fs::write(&empty, "").unwrap();
    for file in asks("") {
        let text = std::fs::read_to_string(&file).unwrap();
        if ask(&["--data", empty.to_str().unwrap()], &file) {
            assert!(
                text.contains("NOT EXISTS"),
                "{} holds on an empty dataset",
                file.display()
            );
        }
    }
}

#[test]
fn what_must_not_be_so_is_not() {
    let files = asks("negative");
    assert!(files.len() >= 3, "only {} negative facts", files.len());
    let data = facts_data();
    let data: Vec<&str> = data.iter().map(String::as_str).collect();
    let holding: Vec<String> = files
        .iter()
        .filter(|f| ask(&data, f))
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        holding.is_empty(),
        "these must not hold, and hold on the data asked:\n{}",
        holding.join("\n")
    );
}

#[test]
fn each_fact_says_what_it_checks() {
    for file in asks("").into_iter().chain(asks("negative")) {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.starts_with("# "),
            "{} does not open with a `# ` comment",
            file.display()
        );
    }
}
