//! `claimgraph ingest`, `review`, `accept` and `reject` on the real binary: one-line errors that
//! write nothing, drafts kept out of answers, `check` refusing what is not reviewed, reviews
//! recorded, re-runs that neither duplicate nor clobber, and the curated test documents of
//! tests/fixtures/reports passing `check` and the SHACL shapes.

mod common;
use common::*;
use std::path::{Path, PathBuf};

fn texts() -> PathBuf {
    fixture("reports/texts")
}

/// A fresh workspace folder holding the constructed test texts.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["wire-talks-fail.txt", "kabul-view.txt"] {
        std::fs::copy(texts().join(name), dir.path().join(name)).unwrap();
    }
    dir
}

fn ingest_args<'a>(file: &'a str, id: &'a str) -> Vec<&'a str> {
    vec![
        "ingest",
        file,
        "--id",
        id,
        "--title",
        "A test report",
        "--published",
        "2025-10-29",
        "--publisher",
        "Constructed Wire Service",
    ]
}

fn ingest(dir: &Path, file: &str, id: &str) -> Run {
    run_in(dir, &ingest_args(file, id), None)
}

fn cg(dir: &Path, args: &[&str]) -> Run {
    run_in(dir, args, None)
}

/// Every file under a folder, for "nothing was written".
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn bad_inputs_are_one_line_errors_with_a_hint_and_write_nothing() {
    let dir = folder();
    std::fs::write(dir.path().join("empty.txt"), "\n  \n").unwrap();
    std::fs::write(dir.path().join("latin1.txt"), b"Caf\xe9 talks failed.\n").unwrap();
    let before = files(dir.path());
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (
            ingest_args("missing.txt", "x"),
            1,
            "missing.txt: no such file (hint:",
        ),
        (
            ingest_args("latin1.txt", "x"),
            1,
            "not valid UTF-8 (line 1, column 4) (hint:",
        ),
        (
            ingest_args("empty.txt", "x"),
            1,
            "empty.txt: the file is empty (hint:",
        ),
        (
            ingest_args("wire-talks-fail.txt", "Bad Id"),
            1,
            "--id \"Bad Id\": not an id (hint:",
        ),
        (ingest_args("wire-talks-fail.txt", "bad-date"), 1, ""),
    ];
    for (mut args, code, needle) in cases {
        if needle.is_empty() {
            let at = args.iter().position(|a| *a == "2025-10-29").unwrap();
            args[at] = "2025-02-30";
            cg(dir.path(), &args).expect_error(
                code,
                "--published \"2025-02-30\": not a date (hint: write the date as YYYY-MM-DD",
            );
        } else {
            cg(dir.path(), &args).expect_error(code, needle);
        }
    }
    let mut unknown = ingest_args("wire-talks-fail.txt", "x");
    unknown.push("--colour");
    let r = cg(dir.path(), &unknown);
    r.expect_code(2);
    assert!(
        r.stderr.contains("unexpected argument '--colour'"),
        "{}",
        r.stderr
    );
    assert_eq!(files(dir.path()), before, "a refused ingest writes nothing");
}

#[test]
fn a_duplicate_id_or_text_is_refused() {
    let dir = folder();
    ingest(dir.path(), "wire-talks-fail.txt", "wire").expect_ok();
    let before = files(dir.path());
    ingest(dir.path(), "kabul-view.txt", "wire").expect_error(1, "source:wire is already registered with another text (.claimgraph/data/wire.trig) (hint: choose another --id");
    ingest(dir.path(), "wire-talks-fail.txt", "wire-again").expect_error(
        1,
        "wire-talks-fail.txt: this text is already registered as source:wire (hint:",
    );
    let bundled = repo().join("data/sources/istanbul-talks-collapse-2025-10-29.txt");
    ingest(dir.path(), bundled.to_str().unwrap(), "istanbul-copy").expect_error(
        1,
        "already registered as source:istanbul-talks-collapse-2025-10-29",
    );
    assert_eq!(files(dir.path()), before);
}

#[test]
fn a_key_names_one_documents_mentions_graphs_and_author() {
    let dir = folder();
    let d = dir.path();
    let mut args = ingest_args("wire-talks-fail.txt", "wire-talks-fail");
    args.extend(["--key", "wire"]);
    cg(d, &args).expect_ok();
    let record = std::fs::read_to_string(d.join(".claimgraph/data/wire-talks-fail.trig")).unwrap();
    assert!(
        record.contains("mention:wire\\/heading-1 a cg:Heading ;"),
        "{record}"
    );
    assert!(
        record.contains("actor:wire-report-author a cg:Author ;"),
        "{record}"
    );
    let drafts =
        std::fs::read_to_string(d.join(".claimgraph/drafts/wire-talks-fail.trig")).unwrap();
    assert!(drafts.contains("graph:wire\\/s003 {"), "{drafts}");
    let before = files(d);
    let mut other = ingest_args("kabul-view.txt", "kabul-view");
    other.extend(["--key", "wire"]);
    cg(d, &other).expect_error(
        1,
        "--key \"wire\": another document's names use it already (mention:wire\\/",
    );
    other.truncate(other.len() - 1);
    other.push("Wire");
    cg(d, &other).expect_error(
        1,
        "--key \"Wire\": not an id (hint: a key is written as an id",
    );
    // Again under the same id, the key must be the one the document was ingested with.
    ingest(d, "wire-talks-fail.txt", "wire-talks-fail")
        .expect_error(1, "source:wire-talks-fail was ingested with --key wire");
    assert_eq!(files(d), before, "a refused ingest writes nothing");
    cg(d, &args)
        .expect_ok()
        .expect_stdout_contains("registered with this text already");
}

#[test]
fn drafts_stay_out_of_answers_until_accepted_and_check_refuses_them() {
    let dir = folder();
    let r = ingest(dir.path(), "wire-talks-fail.txt", "wire");
    r.expect_ok()
        .expect_stdout_contains("new workspace: .claimgraph");
    r.expect_stdout_contains(
        "ingested source:wire: 10 sentences, 1 headings and 1 pieces of furniture excluded",
    );
    let copied = std::fs::read(dir.path().join(".claimgraph/data/sources/wire.txt")).unwrap();
    assert_eq!(
        copied,
        std::fs::read(dir.path().join("wire-talks-fail.txt")).unwrap(),
        "copied byte for byte"
    );
    // Found from a folder below, as cargo finds Cargo.toml.
    let below = dir.path().join("notes/today");
    std::fs::create_dir_all(&below).unwrap();
    let ask = "ASK { GRAPH ?g { ?s a cg:Statement } ?g cg:reviewStatus cg:Proposed }";
    cg(&below, &["query", ask])
        .expect_ok()
        .expect_stdout_contains("false");
    cg(&below, &["query", "ASK { source:wire a cg:Source }"])
        .expect_ok()
        .expect_stdout_contains("true");
    cg(&below, &["--drafts", "query", ask])
        .expect_ok()
        .expect_stdout_contains("true");
    let check = cg(&below, &["check"]);
    check.expect_code(3).expect_stdout_contains("[6] graph:wire\\/s003: graph is proposed by ingest, not reviewed: accept or reject it (claimgraph review wire)");
    // The bundled corpus alone is unchanged elsewhere.
    run(&["check"]).expect_ok();
}

#[test]
fn a_proposed_statement_without_a_speaker_fails_check() {
    let dir = folder();
    ingest(dir.path(), "wire-talks-fail.txt", "wire").expect_ok();
    let drafts = dir.path().join(".claimgraph/drafts/wire.trig");
    edit(&drafts, "        cg:speaker actor:rta ;\n", "");
    cg(dir.path(), &["check"])
        .expect_code(3)
        .expect_stdout_contains("[3] stmt:wire-s008-rta: statement has no cg:speaker");
}

#[test]
fn accepting_and_rejecting_record_the_review_and_a_rerun_keeps_it() {
    let dir = folder();
    let d = dir.path();
    ingest(d, "wire-talks-fail.txt", "wire").expect_ok();
    let review = cg(d, &["review", "wire", "--format", "tsv"]);
    review.expect_ok().expect_stdout_contains(
        "s003\t253\t427\tproposed\t0.8\tAttaullah Tarar: Accusation (112), Announcement (010)",
    );
    review.expect_stdout_contains("s004\t");
    review.expect_stdout_contains("proposed (with s003)");
    cg(d, &["reject", "wire", "s012", "--by", "A. Curator"])
        .expect_ok()
        .expect_stdout_contains("rejected 1 proposal of wire as \"A. Curator\": s012");
    cg(d, &["accept", "wire", "s003", "s008", "--by", "A. Curator"])
        .expect_ok()
        .expect_stdout_contains(
            "accepted 2 proposals of wire as \"A. Curator\": s003 s008\n5 waiting for review",
        );
    let who = cg(
        d,
        &[
            "query",
            "SELECT ?g ?by WHERE { ?g cg:reviewStatus cg:Accepted ; cg:reviewedBy ?by ; cg:reviewedAt ?at } ORDER BY ?g",
            "--format",
            "csv",
        ],
    );
    who.expect_ok()
        .expect_stdout_contains("https://claimgraph.org/id/graph/wire/s003,A. Curator");
    who.expect_stdout_contains("https://claimgraph.org/id/graph/wire/s008,A. Curator");
    cg(
        d,
        &[
            "query",
            "ASK { stmt:wire-s003-attaullah-tarar cg:speaker actor:attaullah-tarar }",
        ],
    )
    .expect_ok()
    .expect_stdout_contains("true");
    cg(
        d,
        &[
            "--drafts",
            "query",
            "ASK { GRAPH ?g { ?s ?p ?o } ?g cg:reviewStatus cg:Rejected }",
        ],
    )
    .expect_ok()
    .expect_stdout_contains("false");
    // Again with the same text: nothing is proposed twice, nothing curated is touched.
    let before: Vec<(PathBuf, Vec<u8>)> = files(d)
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    ingest(d, "wire-talks-fail.txt", "wire").expect_ok().expect_stdout_contains("registered with this text already: 0 new proposals (10 sentences proposed, accepted or rejected before)");
    let after: Vec<(PathBuf, Vec<u8>)> = files(d)
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    assert!(before == after, "a re-run with nothing new writes nothing");
    // A proposal the curator deleted by hand (not rejected) is proposed again, once.
    let drafts = d.join(".claimgraph/drafts/wire.trig");
    let text = std::fs::read_to_string(&drafts).unwrap();
    let (head, rest) = text.split_at(text.find("#> s011").unwrap());
    let next = rest[3..].find("#> ").map_or(rest.len(), |i| i + 3);
    std::fs::write(&drafts, format!("{head}{}", &rest[next..])).unwrap();
    ingest(d, "wire-talks-fail.txt", "wire")
        .expect_ok()
        .expect_stdout_contains(": 1 new proposals");
    let again = std::fs::read_to_string(&drafts).unwrap();
    assert_eq!(again.matches("#> s011").count(), 1);
    assert_eq!(
        again.matches("#> s012").count(),
        0,
        "a rejected proposal is not proposed again"
    );
}

#[test]
fn a_review_that_would_break_the_data_is_refused() {
    let dir = folder();
    let d = dir.path();
    ingest(d, "wire-talks-fail.txt", "wire").expect_ok();
    let drafts = d.join(".claimgraph/drafts/wire.trig");
    edit(&drafts, "graph:wire\\/s008 {", "graph:wire\\/s008 {{");
    let record = std::fs::read(d.join(".claimgraph/data/wire.trig")).unwrap();
    let r = cg(d, &["accept", "wire"]);
    r.expect_code(1);
    assert!(
        r.stderr.contains(".claimgraph/data/wire.trig:"),
        "{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read(d.join(".claimgraph/data/wire.trig")).unwrap(),
        record
    );
    edit(&drafts, "graph:wire\\/s008 {{", "graph:wire\\/s008 {");
    edit(
        &drafts,
        "graph:wire\\/s010 cg:reviewStatus cg:Proposed ;",
        "graph:wire\\/s010 cg:confidence 0.1 ;",
    );
    cg(d, &["accept", "wire", "s010"]).expect_error(
        1,
        "proposal s010 no longer says `cg:reviewStatus cg:Proposed ;`",
    );
    cg(d, &["accept", "wire", "s099"]).expect_error(
        1,
        "wire has no proposal s099 waiting for review (waiting: s003",
    );
    cg(d, &["reject", "nope", "s003"]).expect_error(1, "no document nope in the workspace");
}

#[test]
fn check_refuses_a_rejected_graph_in_the_data_and_review_facts_on_other_subjects() {
    let dir = folder();
    let d = dir.path();
    ingest(d, "wire-talks-fail.txt", "wire").expect_ok();
    cg(d, &["reject", "wire", "s012"]).expect_ok();
    let rejected = std::fs::read_to_string(d.join(".claimgraph/rejected/wire.trig")).unwrap();
    std::fs::write(d.join(".claimgraph/data/smuggled.trig"), &rejected).unwrap();
    cg(d, &["check"]).expect_code(3).expect_stdout_contains(
        "[6] graph:wire\\/s012: graph was rejected in review, yet it is loaded with the data",
    );
    std::fs::remove_file(d.join(".claimgraph/data/smuggled.trig")).unwrap();
    cg(d, &["accept", "wire", "s003", "--by", "A. Curator"]).expect_ok();
    edit(
        &d.join(".claimgraph/data/wire.trig"),
        "    cg:reviewedBy \"A. Curator\" ;\n",
        "",
    );
    cg(d, &["check"]).expect_code(3).expect_stdout_contains(
        "[6] graph:wire\\/s003: accepted graph records no reviewer (cg:reviewedBy)",
    );
    let record = d.join(".claimgraph/data/wire.trig");
    let mut text = std::fs::read_to_string(&record).unwrap();
    text.push_str("\nactor:attaullah-tarar cg:reviewStatus cg:Accepted .\n");
    std::fs::write(&record, text).unwrap();
    cg(d, &["check"]).expect_code(3).expect_stdout_contains(
        "[2] actor:attaullah-tarar: fact in the default graph (cg:reviewStatus cg:Accepted)",
    );
}

#[test]
fn the_curated_test_documents_pass_check_with_full_coverage() {
    let dir = fixture("reports");
    let r = cg(&dir, &["check", "--coverage"]);
    r.expect_ok();
    r.expect_stdout_contains("coverage of source:wire-talks-fail");
    r.expect_stdout_contains("coverage of source:kabul-view");
    r.expect_stdout_contains("coverage of source:refugees-after-istanbul-2025-10-29");
    assert!(!r.stdout.contains("MISSING"), "{}", r.stdout);
    // The third document's curation joins the bundled report's world: its UNHCR appeal, left
    // unanswered, is about the repatriation drive the bundled report introduces.
    let q = "ASK { claim:refugees-after-istanbul-2025-10-29-s009-unhcr-1 cg:target actor:pakistan ; cg:about event:afghan-repatriation-drive ; cg:hasStatus/cg:status cg:Unanswered }";
    cg(&dir, &["query", q])
        .expect_ok()
        .expect_stdout_contains("true");
    cg(&dir, &["review", "wire-talks-fail", "--format", "tsv"])
        .expect_ok()
        .expect_stdout_contains("\taccepted\t");
    // Answers join the new documents to the bundled ones.
    let q = "SELECT ?reply WHERE { ?reply cg:counterAccuses stmt:wire-talks-fail-s003-attaullah-tarar } ORDER BY ?reply";
    cg(&dir, &["query", q, "--format", "csv"])
        .expect_ok()
        .expect_stdout_contains("kabul-view-s003-afghan-state-media");
}

#[test]
fn the_curated_test_documents_conform_to_the_shapes() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("reports.nq");
    cg(
        &fixture("reports"),
        &["export", "-o", dump.to_str().unwrap()],
    )
    .expect_ok();
    let (conforms, report) = validate_shapes(&dump);
    assert!(conforms, "the test documents do not conform:\n{report}");
}

#[test]
fn the_shell_reviews_accepts_and_rejects_and_queries_what_it_accepted() {
    let dir = folder();
    let d = dir.path();
    ingest(d, "wire-talks-fail.txt", "wire").expect_ok();
    let script = ".review wire\n.reject wire s012 --by Shell\n.accept wire s003 --by Shell\nASK { stmt:wire-s003-attaullah-tarar cg:speaker actor:attaullah-tarar }\n";
    let r = run_in(d, &[], Some(script.as_bytes()));
    r.expect_ok();
    r.expect_stdout_contains(
        "s003\t253\t427\tproposed\t0.8\tAttaullah Tarar: Accusation (112), Announcement (010)",
    );
    r.expect_stdout_contains("rejected 1 of wire as \"Shell\": s012; 7 waiting for review");
    r.expect_stdout_contains(
        "accepted 1 of wire as \"Shell\": s003; 6 waiting for review\nloaded ",
    );
    assert!(r.stdout.trim_end().ends_with("true"), "{}", r.stdout);
    run_in(d, &[], Some(b".accept\n")).expect_error(2, ".accept takes a document's id");
}

#[test]
fn a_publisher_or_author_already_known_is_reused() {
    let dir = folder();
    let d = dir.path();
    let mut args = ingest_args("kabul-view.txt", "kabul");
    let at = args
        .iter()
        .position(|a| *a == "Constructed Wire Service")
        .unwrap();
    args[at] = "Afghanistan-controlled state media";
    args.extend(["--author", "Tarar", "--url", "https://example.org/kabul"]);
    cg(d, &args)
        .expect_ok()
        .expect_stdout_contains("ingested source:kabul");
    let record = std::fs::read_to_string(d.join(".claimgraph/data/kabul.trig")).unwrap();
    assert!(
        record.contains("    dcterms:publisher actor:rta ;"),
        "{record}"
    );
    assert!(
        record.contains("    dcterms:creator actor:attaullah-tarar ."),
        "{record}"
    );
    assert!(
        record.contains("    schema:url \"https://example.org/kabul\" ;"),
        "{record}"
    );
    assert!(
        record.contains("prov:wasAssociatedWith <https://claimgraph.org/id/agent/claimgraph-"),
        "{record}"
    );
    assert!(
        record.contains("cg:ruleSet \"claimgraph-ingest-rules/4\""),
        "{record}"
    );
}
