//! The bad-input suite: hostile or broken input of every kind (RDF, SPARQL, options, files, the
//! shell, chains) given to the real binary. Each case asserts the exit code, the first line of
//! what it prints (the error, or the answer), that it neither crashed nor hung, and that nothing
//! was lost: every file of its folder is as it was, except the ones the case writes.
//!
//! `BAD_INPUT_ONLY=name,name` runs some cases, `BAD_INPUT_SKIP=name,name` leaves some out (to
//! run the suite against an older build with `CLAIMGRAPH_TEST_BIN`; see tests/common).

mod common;

#[path = "bad_input/cases.rs"]
mod cases;
#[path = "bad_input/harness.rs"]
mod harness;

#[test]
fn hostile_input_never_crashes_hangs_or_destroys_anything() {
    let cases = cases::all();
    assert!(cases.len() >= 60, "the suite has {} cases", cases.len());
    eprintln!("bad input: {} cases", cases.len());
    let failures = harness::run_all(cases);
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
