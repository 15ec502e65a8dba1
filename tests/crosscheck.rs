//! Independent verification (tests/crosscheck.py): every saved query gives the same rows in rdflib
//! over claimgraph's N-Quads export, and every export format parses in rdflib and raptor's
//! `rapper` with the same number of triples or quads. Needs CLAIMGRAPH_PYTHON (a Python with
//! rdflib) and `rapper` on PATH; `bash .ci/test` provides both.

mod common;
use common::*;

#[test]
fn rdflib_and_raptor_agree_with_claimgraph() {
    let (code, report) = run_python(&[
        repo().join("tests/crosscheck.py").display().to_string(),
        bin().to_owned(),
    ]);
    let last = report
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    assert_eq!(code, Some(0), "the engines disagree:\n{report}");
    assert!(
        last.ends_with(" failed") && last.contains(" passed, 0 failed"),
        "unexpected summary {last:?}:\n{report}"
    );
    let passed: usize = last
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(passed >= 40, "only {passed} checks ran:\n{report}");
}
