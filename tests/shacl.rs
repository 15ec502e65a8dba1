//! The SHACL shapes (ontology/shapes.ttl) validate the exported corpus in pySHACL, and reject it
//! once a required property is taken out. Needs CLAIMGRAPH_PYTHON: a Python with pyshacl and
//! rdflib (`bash .ci/test` sets one up).

mod common;
use common::*;

/// Validates a dump; returns whether it conforms and pySHACL's report.
fn validate(dump: &std::path::Path) -> (bool, String) {
    let ontology = repo().join("ontology");
    let mut args = vec![
        repo().join("tests/shacl_validate.py").display().to_string(),
        dump.display().to_string(),
        ontology.join("shapes.ttl").display().to_string(),
    ];
    let mut ttl: Vec<String> = std::fs::read_dir(&ontology)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ttl") && !p.ends_with("shapes.ttl"))
        .map(|p| p.display().to_string())
        .collect();
    ttl.sort();
    args.extend(ttl);
    let (code, report) = run_python(&args);
    match code {
        Some(0) => (true, report),
        Some(1) => (false, report),
        _ => panic!("pySHACL failed to run:\n{report}"),
    }
}

#[test]
fn the_corpus_conforms_to_the_shapes_and_breaking_it_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("corpus.nq");
    run(&["export", "-o", dump.to_str().unwrap()]).expect_ok();
    let (conforms, report) = validate(&dump);
    assert!(conforms, "the corpus does not conform:\n{report}");

    // Take every speaker away: the statement shape must object.
    let text = std::fs::read_to_string(&dump).unwrap();
    let broken: String = text
        .lines()
        .filter(|l| !l.contains("<https://claimgraph.org/ns#speaker>"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(broken.len() < text.len());
    let broken_dump = dir.path().join("broken.nq");
    std::fs::write(&broken_dump, broken).unwrap();
    let (conforms, report) = validate(&broken_dump);
    assert!(!conforms, "pySHACL accepted statements without speakers");
    assert!(report.contains("speaker"), "{report}");
}
