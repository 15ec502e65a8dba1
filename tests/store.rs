//! On-disk stores (`--features rocksdb`): loads persist and are all or nothing, and a folder
//! that is not a store, a missing store, or a store in use are each one clear error.
#![cfg(feature = "rocksdb")]

mod common;
use common::*;

fn stats_json(store: &str) -> serde_json::Value {
    let run = run(&["--store", store, "stats", "--format", "json"]);
    run.expect_ok();
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn the_corpus_loads_into_a_store_and_is_there_for_the_next_process() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let store = store.to_str().unwrap();
    run(&["load", "--store", store, "--quiet"]).expect_ok();
    let on_disk = stats_json(store);
    let in_memory: serde_json::Value =
        serde_json::from_str(&run(&["stats", "--format", "json"]).stdout).unwrap();
    assert_eq!(on_disk, in_memory);
    assert!(on_disk["statements"].as_u64().unwrap() > 0);
    run(&["--store", store, "check"]).expect_ok();
}

#[test]
fn a_failed_load_leaves_the_store_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let store = store.to_str().unwrap();
    let mini = fixture("mini");
    run(&["load", "--store", store, "--quiet", mini.to_str().unwrap()]).expect_ok();
    let before = stats_json(store);
    let good = dir.path().join("good.nq");
    run(&[
        "generate",
        "--statements",
        "500",
        "-o",
        good.to_str().unwrap(),
    ])
    .expect_ok();
    let bad = dir.path().join("z-bad.ttl");
    std::fs::write(
        &bad,
        "@prefix ex: <http://x.org/> .\nex:a ex:b ex:c .\nex:a ex:b\n",
    )
    .unwrap();
    run(&[
        "load",
        "--store",
        store,
        "--quiet",
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
    ])
    .expect_error(1, &format!("{}:4:1: ", bad.display()));
    assert_eq!(
        stats_json(store),
        before,
        "nothing of good.nq may be stored"
    );
    run(&["load", "--store", store, "--quiet", good.to_str().unwrap()]).expect_ok();
    assert!(
        stats_json(store)["statements"].as_u64().unwrap() > before["statements"].as_u64().unwrap()
    );
}

#[test]
fn a_folder_that_is_not_a_store_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let path = dir.path().to_str().unwrap();
    run(&["load", "--store", path, "--quiet"]).expect_error(1, "not a claimgraph store");
    run(&["--store", path, "stats"]).expect_error(1, "not a claimgraph store");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing was written there"
    );
    let file = dir.path().join("notes.txt");
    run(&["--store", file.to_str().unwrap(), "stats"]).expect_error(1, "not a claimgraph store");
}

#[test]
fn querying_a_store_that_does_not_exist_says_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothing");
    run(&["--store", missing.to_str().unwrap(), "stats"])
        .expect_error(1, "no store here (hint: create it with `claimgraph load");
    assert!(!missing.exists());
}

#[test]
fn a_store_in_use_by_another_process_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    run(&["load", "--store", store.to_str().unwrap(), "--quiet"]).expect_ok();
    // This test process holds the store open for writing, as another claimgraph would.
    let held = oxigraph::store::Store::open(&store).unwrap();
    run(&["load", "--store", store.to_str().unwrap(), "--quiet"])
        .expect_error(1, "is in use by another process");
    drop(held);
    run(&["load", "--store", store.to_str().unwrap(), "--quiet"]).expect_ok();
}

#[test]
fn data_goes_into_a_store_with_load_not_data() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    run(&[
        "--store",
        store.to_str().unwrap(),
        "--data",
        "x.ttl",
        "stats",
    ])
    .expect_error(2, "--data cannot be combined with --store");
}

#[test]
fn the_shell_reads_a_store_and_refuses_to_load_into_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let store = store.to_str().unwrap();
    run(&["load", "--store", store, "--quiet"]).expect_ok();
    let script = "ASK { stmt:tarar-talks-failed cg:speaker actor:attaullah-tarar }\n";
    let run = run_in(dir.path(), &["--store", store], Some(script.as_bytes()));
    run.expect_ok();
    assert_eq!(run.stdout, "true\n");
    let before = stats_json(store);
    let ttl = dir.path().join("more.ttl");
    std::fs::write(
        &ttl,
        "<http://x.org/a> <http://x.org/b> <http://x.org/c> .\n",
    )
    .unwrap();
    let script = format!(".load {}\n", ttl.display());
    run_in(dir.path(), &["--store", store], Some(script.as_bytes()))
        .expect_error(2, "<stdin>:1: the store");
    assert_eq!(stats_json(store), before);
}
