//! `.why` shows every fact a graph states, those whose object is a blank node (a status report)
//! included, with what the graph says of that blank node.

mod common;
use common::*;

#[test]
fn a_status_report_shows_what_it_says() {
    let run = run_in(
        &repo(),
        &[],
        Some(b".why claim:unhcr-appeal-exempt-protection-needs\n"),
    );
    run.expect_ok();
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains("cg:hasStatus"))
        .unwrap_or_else(|| panic!("no cg:hasStatus fact:\n{}", run.stdout));
    for part in [
        "a cg:StatusReport",
        "cg:status cg:Unanswered",
        "cg:statusNote \"goes unanswered\"",
        "cg:asOf \"2025-10-29\"",
    ] {
        assert!(line.contains(part), "{part:?} missing from {line:?}");
    }
    assert!(!line.contains("_:"), "a blank node label leaked: {line:?}");
}

#[test]
fn a_triple_pattern_reaches_blank_node_objects() {
    let run = run_in(&repo(), &[], Some(b".why ? cg:hasStatus ?\n"));
    run.expect_ok();
    assert!(
        run.stdout.contains("cg:statusNote \"goes unanswered\""),
        "{}",
        run.stdout
    );
}
