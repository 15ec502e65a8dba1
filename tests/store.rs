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

/// Loads the mini fixture into a new store at `store`: the data a killed load must not lose.
fn store_with_mini(store: &std::path::Path) -> u64 {
    let mini = fixture("mini");
    let store_text = store.to_str().unwrap();
    run(&[
        "load",
        "--store",
        store_text,
        "--quiet",
        mini.to_str().unwrap(),
    ])
    .expect_ok();
    stats_json(store_text)["quads"].as_u64().unwrap()
}

/// Starts `claimgraph load --store STORE FILE` and kills it with SIGKILL after `after`;
/// returns whether it was still running when killed.
fn kill_load(store: &std::path::Path, file: &std::path::Path, after: std::time::Duration) -> bool {
    let mut child = std::process::Command::new(bin())
        .args(["load", "--store", store.to_str().unwrap(), "--quiet"])
        .arg(file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(after);
    let running = child.try_wait().unwrap().is_none();
    child.kill().unwrap(); // SIGKILL: no destructor, no flush, no commit runs after it
    child.wait().unwrap();
    running
}

#[test]
fn a_load_killed_at_any_point_leaves_none_or_all_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.nq");
    let big_text = big.to_str().unwrap();
    run(&["generate", "--statements", "50000", "-o", big_text]).expect_ok();
    // A load to the end, timed, gives the two states a killed load may leave.
    let whole = dir.path().join("whole");
    let none = store_with_mini(&whole);
    let started = std::time::Instant::now();
    run(&[
        "load",
        "--store",
        whole.to_str().unwrap(),
        "--quiet",
        big_text,
    ])
    .expect_ok();
    let took = started.elapsed();
    let all = stats_json(whole.to_str().unwrap())["quads"]
        .as_u64()
        .unwrap();
    assert!(all > none);
    let mut outcomes = Vec::new();
    for percent in [20, 50, 80, 95] {
        let store = dir.path().join(format!("killed-{percent}"));
        let store_text = store.to_str().unwrap();
        store_with_mini(&store);
        let running = kill_load(&store, &big, took * percent / 100);
        // The store opens (the killed process's lock is gone with it) and holds either the
        // data it had or that and the whole load, never a part.
        let quads = stats_json(store_text)["quads"].as_u64().unwrap();
        assert!(
            quads == none || quads == all,
            "killed at {percent}% of the load, the store holds {quads} quads: neither {none} nor {all}"
        );
        run(&["--store", store_text, "check", "--format", "json"]);
        if quads == none {
            // What a killed load left behind does not stand in the way of the next one.
            run(&["load", "--store", store_text, "--quiet", big_text]).expect_ok();
            assert_eq!(stats_json(store_text)["quads"].as_u64(), Some(all));
        }
        outcomes.push((percent, running, quads == all));
    }
    eprintln!("(kill point %, still running, all of the load): {outcomes:?}");
    let landed = outcomes.iter().filter(|(_, running, _)| *running).count();
    assert!(landed >= 2, "only {landed} kills landed while the load ran");
}
