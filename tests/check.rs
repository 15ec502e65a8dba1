//! `claimgraph check`: the mini fixture is clean, and each way of breaking it is caught, with the
//! resource named and, for quotes, what was expected and found.

mod common;
use common::*;

fn check(dir: &std::path::Path, extra: &[&str]) -> Run {
    let data = dir.to_str().unwrap();
    let mut args = vec!["--data", data, "check"];
    args.extend_from_slice(extra);
    run(&args)
}

/// Breaks a copy of the mini fixture with one edit and returns what check printed.
fn broken(from: &str, to: &str) -> Run {
    let dir = copy_fixture("mini");
    edit(&dir.path().join("mini.trig"), from, to);
    check(dir.path(), &[])
}

#[test]
fn the_mini_fixture_is_clean() {
    check(&fixture("mini"), &[])
        .expect_ok()
        .expect_stdout_contains("no violations");
}

#[test]
fn invariant_1_a_quote_missing_from_its_source() {
    broken(
        "\"they made cunning excuses\"",
        "\"they made clever excuses\"",
    )
    .expect_code(3)
    .expect_stdout_contains(
        "[1] mention:mini-excuses: quote not found in source:mini: \"they made clever excuses\"",
    );
}

#[test]
fn invariant_1_a_quote_found_twice() {
    broken("\"the other side lacked intent\"", "\"the talks\"")
        .expect_code(3)
        .expect_stdout_contains("[1] mention:mini-intent: quote found 2 times");
}

#[test]
fn invariant_1_a_prefix_tells_repeated_quotes_apart() {
    let dir = copy_fixture("mini");
    edit(
        &dir.path().join("mini.trig"),
        "oa:exact \"the other side lacked intent\"",
        "oa:exact \"the talks\" ; oa:prefix \"after \"",
    );
    check(dir.path(), &[]).expect_ok();
}

#[test]
fn invariant_1_offsets_that_do_not_hold_the_quote() {
    broken(
        "oa:exact \"Talks failed on Wednesday.\" ]",
        "oa:exact \"Talks failed on Wednesday.\" ], [ a oa:TextPositionSelector ; oa:start 1 ; oa:end 27 ]",
    )
    .expect_code(3)
    .expect_stdout_contains("[1] mention:mini-failed: offsets 1..27 hold \"alks failed on Wednesday. \", expected \"Talks failed on Wednesday.\" (at 0..26)");
}

#[test]
fn invariant_1_a_source_whose_hash_does_not_match() {
    let dir = copy_fixture("mini");
    edit(
        &dir.path().join("sources/mini.txt"),
        "Wednesday",
        "Thursday",
    );
    check(dir.path(), &[])
        .expect_code(3)
        .expect_stdout_contains("[1] source:mini: hash mismatch: expected ");
}

#[test]
fn invariant_1_a_missing_source_text() {
    broken("\"sources/mini.txt\"", "\"sources/gone.txt\"")
        .expect_code(3)
        .expect_stdout_contains("[1] source:mini: source text \"sources/gone.txt\" not found");
}

#[test]
fn invariant_2_a_graph_derived_from_nothing() {
    broken(
        "graph:mini-failed prov:wasDerivedFrom mention:mini-failed .",
        "",
    )
    .expect_code(3)
    .expect_stdout_contains("[2] graph:mini-failed: named graph is derived from no mention");
}

#[test]
fn invariant_2_a_fact_in_the_default_graph() {
    broken(
        "source:mini a cg:Source ;",
        "actor:loose a cg:Actor .\nsource:mini a cg:Source ;",
    )
    .expect_code(3)
    .expect_stdout_contains("[2] actor:loose: fact in the default graph (rdf:type cg:Actor)");
}

#[test]
fn invariant_3_a_statement_without_speaker() {
    broken("cg:speaker actor:minister ; cg:conveys", "cg:conveys")
        .expect_code(3)
        .expect_stdout_contains("[3] stmt:excuses: statement has no cg:speaker");
}

#[test]
fn invariant_3_a_claim_without_type() {
    broken("cg:actType cg:Accusation ;", "")
        .expect_code(3)
        .expect_stdout_contains("[3] claim:excuses: claim has no cg:actType");
}

#[test]
fn invariant_3_a_claim_without_claimant() {
    let dir = copy_fixture("mini");
    let trig = dir.path().join("mini.trig");
    edit(&trig, "cg:claimant actor:minister ;", "");
    edit(
        &trig,
        "cg:conveys claim:excuses",
        "cg:actType cg:Accusation",
    );
    check(dir.path(), &[])
        .expect_code(3)
        .expect_stdout_contains("[3] claim:excuses: claim has no cg:claimant");
}

#[test]
fn invariant_3_a_response_to_an_act_that_does_not_exist() {
    broken("cg:counterAccuses stmt:excuses", "cg:counterAccuses stmt:nothing")
        .expect_code(3)
        .expect_stdout_contains("[3] stmt:intent: response link cg:counterAccuses stmt:nothing joins something that is not an act");
}

#[test]
fn invariant_3_an_act_without_provenance() {
    let dir = copy_fixture("mini");
    let trig = dir.path().join("mini.trig");
    edit(
        &trig,
        "graph:mini-failed prov:wasDerivedFrom mention:mini-failed .",
        "",
    );
    check(dir.path(), &[])
        .expect_code(3)
        .expect_stdout_contains("[3] event:talks: act has no provenance");
}

#[test]
fn invariant_4_a_fact_grounded_in_page_furniture() {
    broken(
        "graph:mini-failed prov:wasDerivedFrom mention:mini-failed .",
        "graph:mini-failed prov:wasDerivedFrom mention:mini-failed .\ngraph:mini-more prov:wasDerivedFrom mention:mini-furniture .\ngraph:mini-more { event:more a cg:Event ; rdfs:label \"More\" . }",
    )
    .expect_code(3)
    .expect_stdout_contains("[4] graph:mini-more: graph is derived from a mention marked as page furniture")
    .expect_stdout_contains("[4] graph:mini-more: graph is derived from page furniture: \"Find out more about the talks.\"");
}

#[test]
fn invariant_5_an_actor_without_an_iri() {
    broken(
        "actor:state-media a cg:Actor ;",
        "[] a cg:Actor ; rdfs:label \"Nobody\" .\n    actor:state-media a cg:Actor ;",
    )
    .expect_code(3)
    .expect_stdout_contains("has no IRI: give it a stable, readable one");
}

#[test]
fn coverage_lists_sentences_and_flags_the_missing() {
    check(&fixture("mini"), &["--coverage"])
        .expect_ok()
        .expect_stdout_contains("excluded   137..167   \"Find out more about the talks.\"\n")
        .expect_stdout_contains(
            "3 covered, 1 excluded (furniture, headings), 0 missing; 100.0% of content covered",
        );
    let dir = copy_fixture("mini");
    let trig = dir.path().join("mini.trig");
    // Ground the first sentence's graph in words of the third: the first has nothing left.
    edit(
        &trig,
        "oa:exact \"Talks failed on Wednesday.\"",
        "oa:exact \"State media said\"",
    );
    check(dir.path(), &["--coverage"])
        .expect_code(3)
        .expect_stdout_contains("MISSING      0..26    \"Talks failed on Wednesday.\"")
        .expect_stdout_contains(
            "2 covered, 1 excluded (furniture, headings), 1 missing; 66.7% of content covered",
        );
}

#[test]
fn the_json_report_lists_violations() {
    let dir = copy_fixture("mini");
    edit(
        &dir.path().join("mini.trig"),
        "cg:actType cg:Accusation ;",
        "",
    );
    let run = check(dir.path(), &["--format", "json"]);
    run.expect_code(3);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["violations"][0]["invariant"], 3);
    assert_eq!(report["violations"][0]["subject"], "claim:excuses");
}

/// Seconds `check` takes on a generated corpus of `statements` (the best of two runs).
fn check_seconds(dir: &std::path::Path, statements: u64) -> f64 {
    let file = dir.join(format!("generated-{statements}.nq"));
    let n = statements.to_string();
    run(&["generate", "--statements", &n, "-o", file.to_str().unwrap()]).expect_ok();
    (0..2)
        .map(|_| {
            let started = std::time::Instant::now();
            // Generated data has no source texts, so check finds violations: exit 3.
            check(&file, &[]).expect_code(3);
            started.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

#[test]
fn check_time_grows_linearly_with_the_linked_acts() {
    // Eight times the statements (and links) take at most about eight times as long; a check
    // that asks a question per act of every act takes sixty-four. benches/check.rs measures it
    // at scale.
    let dir = tempfile::tempdir().unwrap();
    let small = check_seconds(dir.path(), 100);
    let large = check_seconds(dir.path(), 800);
    assert!(
        large / small < 16.0,
        "check took {small:.2} s on 100 statements and {large:.2} s on 800"
    );
}

/// Breaks a copy of the fidelity fixture (invariant 7) with the edits, in order.
fn unfaithful(edits: &[(&str, &str)]) -> Run {
    let dir = copy_fixture("fidelity");
    for (from, to) in edits {
        edit(&dir.path().join("fidelity.trig"), from, to);
    }
    check(dir.path(), &[])
}

/// The figure of the hedged sentence, stated in the passage graph instead of the claim's.
const HEDGED_FACT: (&str, &str) = (
    "    stmt:mediators a cg:Statement",
    "    event:talks cg:hasFigure figure:days .\n    figure:days a cg:Figure ; cg:value 4 .\n    stmt:mediators a cg:Statement",
);

#[test]
fn the_fidelity_fixture_is_clean() {
    check(&fixture("fidelity"), &[])
        .expect_ok()
        .expect_stdout_contains("no violations");
}

#[test]
fn invariant_7_a_fact_taken_from_a_hedged_sentence() {
    unfaithful(&[HEDGED_FACT])
        .expect_code(3)
        .expect_stdout_contains("[7] event:talks: stated as fact (cg:hasFigure) in graph:mediators, whose sentence hedges it (\"reportedly\")")
        .expect_stdout_contains("[7] figure:days: stated as fact (cg:value) in graph:mediators");
}

#[test]
fn invariant_7_a_curator_note_naming_the_rule_silences_it_for_its_node_only() {
    let noted = (
        "event:talks a cg:Event ;",
        "event:talks cg:curatorNote \"Narrated outside the hedge (check: hedged-fact).\" .\n    event:talks a cg:Event ;",
    );
    let run = unfaithful(&[HEDGED_FACT, noted]);
    run.expect_code(3)
        .expect_stdout_contains("[7] figure:days: stated as fact");
    assert!(!run.stdout.contains("[7] event:talks"), "{}", run.stdout);
    let other_rule = (
        "event:talks a cg:Event ;",
        "event:talks cg:curatorNote \"Introduced late (check: used-before-introduced).\" .\n    event:talks a cg:Event ;",
    );
    unfaithful(&[HEDGED_FACT, other_rule])
        .expect_code(3)
        .expect_stdout_contains("[7] event:talks: stated as fact");
}

#[test]
fn invariant_7_a_claim_no_statement_conveys() {
    unfaithful(&[(
        "claim:failed a cg:Claim",
        "claim:loose a cg:Claim ; cg:claimant actor:minister ; cg:actType cg:Accusation .\n    claim:failed a cg:Claim",
    )])
    .expect_code(3)
    .expect_stdout_contains("[7] claim:loose: claim is conveyed by no statement");
}

#[test]
fn invariant_7_a_statement_grounded_in_another_speakers_sentence() {
    unfaithful(&[(
        "graph:failed prov:wasDerivedFrom mention:failed .",
        "graph:failed prov:wasDerivedFrom mention:failed, mention:denied .",
    )])
    .expect_code(3)
    .expect_stdout_contains("[7] stmt:failed: grounded in mention:denied, which names actor:afghan-officials and not its speaker actor:minister");
}

#[test]
fn invariant_7_a_thing_used_before_the_passage_that_introduces_it() {
    unfaithful(&[
        ("event:talks a cg:Event ; rdfs:label \"The Istanbul talks\" .", ""),
        (
            "actor:afghan-officials a cg:Actor",
            "event:talks a cg:Event ; rdfs:label \"The Istanbul talks\" .\n    actor:afghan-officials a cg:Actor",
        ),
    ])
    .expect_code(3)
    .expect_stdout_contains("[7] event:talks: used in graph:failed (at 89) before graph:denied introduces it (at 241)");
}
