//! The SHACL shapes (ontology/shapes.ttl) validate the exported corpus in pySHACL, and reject it
//! once a required property is taken out. Needs CLAIMGRAPH_PYTHON: a Python with pyshacl and
//! rdflib (`bash .ci/test` sets one up).

mod common;
use common::*;

#[test]
fn the_corpus_conforms_to_the_shapes_and_breaking_it_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("corpus.nq");
    run(&["export", "-o", dump.to_str().unwrap()]).expect_ok();
    let (conforms, report) = validate_shapes(&dump);
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
    let (conforms, report) = validate_shapes(&broken_dump);
    assert!(!conforms, "pySHACL accepted statements without speakers");
    assert!(report.contains("speaker"), "{report}");
}
