//! `claimgraph export`: every format round-trips to an isomorphic dataset, `--canonical` is
//! byte-identical across runs, and a failed export leaves no file.

mod common;
use common::*;

fn mini() -> String {
    fixture("mini").to_str().unwrap().to_owned()
}

/// The canonical N-Quads of what `args` selects from the data in `data`.
fn canonical(data: &str, graph: Option<&str>) -> String {
    let mut args = vec!["--data", data, "export", "--canonical"];
    if let Some(g) = graph {
        args.extend_from_slice(&["--graph", g, "--format", "ntriples"]);
    }
    let run = run(&args);
    run.expect_ok();
    run.stdout
}

#[test]
fn dataset_formats_round_trip() {
    let expected = canonical(&mini(), None);
    assert!(
        expected.contains("_:c14n"),
        "the fixture has blank nodes to relabel"
    );
    for (format, ext) in [("nquads", "nq"), ("trig", "trig"), ("jsonld", "jsonld")] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(format!("dump.{ext}"));
        run(&[
            "--data",
            &mini(),
            "export",
            "--format",
            format,
            "-o",
            file.to_str().unwrap(),
        ])
        .expect_ok();
        let again = canonical(file.to_str().unwrap(), None);
        assert_same_text(&expected, &again);
    }
}

#[test]
fn graph_formats_round_trip_one_graph() {
    let graph = "graph:mini-excuses";
    let expected = canonical(&mini(), Some(graph));
    assert!(expected.contains("actor/minister"));
    for (format, ext) in [("turtle", "ttl"), ("ntriples", "nt"), ("rdfxml", "rdf")] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(format!("dump.{ext}"));
        run(&[
            "--data",
            &mini(),
            "export",
            "--graph",
            graph,
            "--format",
            format,
            "-o",
            file.to_str().unwrap(),
        ])
        .expect_ok();
        let again = canonical(file.to_str().unwrap(), Some("default"));
        assert_same_text(&expected, &again);
    }
}

#[test]
fn canonical_dumps_are_identical_across_runs() {
    let a = canonical(&mini(), None);
    let b = canonical(&mini(), None);
    assert_same_text(&a, &b);
    let mut sorted: Vec<&str> = a.lines().collect();
    sorted.sort();
    assert_eq!(
        sorted,
        a.lines().collect::<Vec<_>>(),
        "canonical N-Quads are sorted"
    );
}

#[test]
fn a_single_graph_format_needs_a_graph() {
    run(&["--data", &mini(), "export", "--format", "turtle"])
        .expect_error(2, "pick one with --graph");
}

#[test]
fn an_unknown_graph_is_an_error() {
    // A value that names nothing is bad input (1), not bad usage (2).
    run(&["--data", &mini(), "export", "--graph", "graph:nope"])
        .expect_error(1, "there is no graph");
}

#[test]
fn a_failed_export_leaves_no_file_and_keeps_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.ttl");
    std::fs::write(&file, "old contents").unwrap();
    run(&[
        "--data",
        &mini(),
        "export",
        "--format",
        "turtle",
        "-o",
        file.to_str().unwrap(),
    ])
    .expect_code(2);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "old contents");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file is left behind"
    );
}

#[test]
fn an_export_into_a_missing_folder_is_an_error() {
    run(&[
        "--data",
        &mini(),
        "export",
        "-o",
        "/nonexistent/folder/out.nq",
    ])
    .expect_error(1, "/nonexistent/folder");
}
