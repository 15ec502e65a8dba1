//! Event records and pictures: the records parse in Python's csv and pandas with README's types
//! and agree with SPARQL in rdflib (tests/events_check.py); filters keep what they say; every
//! CAMEO-coded concept has its quad class, Goldstein score and PLOVER type as data; the GraphML
//! loads in NetworkX; the README's timeline is current; completions and the man page come out.
//! The Python checks need CLAIMGRAPH_PYTHON (with pandas, rdflib and networkx: `.ci/setup`).

mod common;
use common::*;
use std::collections::BTreeSet;

fn jsonl(args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["events", "--format", "jsonl"];
    all.extend_from_slice(args);
    let r = run(&all);
    r.expect_ok();
    r.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn field<'a>(record: &'a serde_json::Value, name: &str) -> &'a str {
    record[name].as_str().unwrap_or_default()
}

#[test]
fn python_readers_agree_with_the_records_and_catch_a_broken_file() {
    let check = repo().join("tests/events_check.py").display().to_string();
    let (code, report) = run_python(&[check.clone(), bin().to_owned()]);
    assert_eq!(code, Some(0), "{report}");
    assert!(report.contains("agree with SPARQL"), "{report}");

    // A Goldstein score that is not a number, and a row a column short: both must be caught.
    let csv = run(&["events", "--format", "csv"]).stdout;
    let mut lines: Vec<String> = csv.lines().map(str::to_owned).collect();
    let goldstein = lines[0].split(',').position(|c| c == "goldstein").unwrap();
    let mut cells: Vec<String> = lines[5].split(',').map(str::to_owned).collect();
    cells[goldstein] = "high".into();
    lines[5] = cells.join(",");
    lines[6] = lines[6].rsplit_once(',').unwrap().0.to_owned();
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.csv");
    std::fs::write(&broken, lines.join("\n") + "\n").unwrap();
    let (code, report) = run_python(&[
        check,
        bin().to_owned(),
        "--csv".into(),
        broken.display().to_string(),
    ]);
    assert_eq!(code, Some(1), "the broken file passed:\n{report}");
    assert!(report.contains("'high' is not a float"), "{report}");
    assert!(report.contains("fields"), "{report}");
}

#[test]
fn every_record_has_its_coding_and_its_quote() {
    let all = jsonl(&[]);
    assert!(all.len() > 100, "{} records", all.len());
    let ids: Vec<i64> = all
        .iter()
        .map(|r| r["record_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, (1..=all.len() as i64).collect::<Vec<_>>());
    for r in &all {
        assert!(!field(r, "quote").is_empty(), "no quote: {r}");
        if !field(r, "cameo_code").is_empty() {
            assert!(
                r["goldstein"].is_number() && r["quad_class"].is_number(),
                "{r}"
            );
        }
    }
    // Tarar's accusation, as the report gives it.
    let tarar = all
        .iter()
        .find(|r| field(r, "act_id") == "claim:afghan-side-evasions")
        .unwrap();
    for (name, value) in [
        ("statement_id", "stmt:tarar-talks-failed"),
        ("event_date", "2025-10-29"),
        ("source_actor", "actor:attaullah-tarar"),
        ("source_side", "actor:pakistan"),
        ("source_country", "Pakistan"),
        ("target_actor", "actor:afghan-taliban-government"),
        ("target_side", "actor:afghanistan"),
        ("cameo_code", "112"),
        ("plover_type", "ACCUSE"),
        ("plover_mode", "disapprove"),
        ("attribution", "attributed"),
        ("attribution_modes", "DirectQuote;Paraphrase"),
    ] {
        assert_eq!(field(tarar, name), value, "{name}");
    }
    assert_eq!(tarar["quad_class"], 3);
    assert_eq!(tarar["goldstein"], -2.0);
    assert!(field(tarar, "quote").starts_with("Tarar accused the Afghan Taliban side"));
}

#[test]
fn filters_keep_what_they_say() {
    let all = jsonl(&[]);
    let accusations = jsonl(&["--code", "112"]);
    assert!(!accusations.is_empty());
    assert!(
        accusations
            .iter()
            .all(|r| field(r, "cameo_code").starts_with("112"))
    );
    let expected = all
        .iter()
        .filter(|r| field(r, "cameo_code").starts_with("112"))
        .count();
    assert_eq!(accusations.len(), expected);

    let pakistan = jsonl(&["--side", "Islamabad"]);
    assert!(pakistan.iter().all(|r| {
        field(r, "source_side") == "actor:pakistan" || field(r, "target_side") == "actor:pakistan"
    }));
    assert!(
        pakistan
            .iter()
            .any(|r| field(r, "source_actor") == "actor:attaullah-tarar")
    );

    let tarar = jsonl(&[
        "--actor",
        "tarar",
        "--from",
        "2025-10-29",
        "--to",
        "2025-10-29",
    ]);
    let acts: BTreeSet<&str> = tarar.iter().map(|r| field(r, "act_id")).collect();
    assert_eq!(acts.len(), 4, "{acts:?}");

    let early = jsonl(&["--to", "2025-10-19"]);
    assert!(early.iter().all(|r| {
        let when = [
            field(r, "event_date"),
            field(r, "date_earliest"),
            field(r, "date_latest"),
        ]
        .into_iter()
        .find(|d| !d.is_empty())
        .unwrap();
        when <= "2025-10-19"
    }));
    let doc = jsonl(&["--document", "source:istanbul-talks-collapse-2025-10-29"]);
    assert_eq!(doc.len(), all.len());
    assert!(jsonl(&["--document", "source:other"]).is_empty());

    run(&["events", "--actor", "nobody-at-all"]).expect_error(1, "no actor is called");
    run(&["events", "--from", "29/10/2025"]).expect_error(2, "not a date");
    run(&["events", "--code", "1x"]).expect_error(2, "CAMEO code prefix");
}

#[test]
fn the_shell_writes_records_too() {
    let r = run_in(&repo(), &[], Some(b".events --format tsv --code 0871\n"));
    r.expect_ok();
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines[0].starts_with("record_id\tact_id"), "{}", r.stdout);
    assert!(
        lines[1..].iter().all(|l| l.contains("\t0871\t")),
        "{}",
        r.stdout
    );
    assert!(lines.len() >= 3, "{}", r.stdout);
}

/// Coded concepts that lack what event-data tools need; on the corpus, none.
const INCOMPLETE: &str = "SELECT DISTINCT ?concept ?missing WHERE {
  ?concept skos:notation ?code .
  VALUES ?missing { \"goldstein\" \"quad class\" \"PLOVER type\" }
  FILTER ((?missing = \"goldstein\" && NOT EXISTS { ?concept cg:goldstein ?g })
       || (?missing = \"quad class\" && NOT EXISTS { ?concept cg:quadClass/cg:quadClassNumber ?q })
       || (?missing = \"PLOVER type\" && !STRSTARTS(?code, \"01\") && !STRSTARTS(?code, \"02\")
           && NOT EXISTS { ?concept cg:ploverEventType ?p }))
} ORDER BY ?concept ?missing";

#[test]
fn every_coded_concept_carries_its_event_data() {
    let r = run(&["query", INCOMPLETE, "--format", "tsv"]);
    r.expect_ok();
    assert_eq!(
        r.stdout.trim(),
        "?concept\t?missing",
        "coded concepts lack event data"
    );

    // A curator adds a code and forgets its line in event-data.ttl: the same query finds it.
    let dir = tempfile::tempdir().unwrap();
    let added = dir.path().join("added.ttl");
    std::fs::write(
        &added,
        "@prefix cg: <https://claimgraph.org/ns#> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\
         cg:Arrest skos:notation \"173\" .\n",
    )
    .unwrap();
    let r = run(&[
        "--data",
        added.to_str().unwrap(),
        "--with-corpus",
        "query",
        INCOMPLETE,
        "--format",
        "tsv",
    ]);
    r.expect_ok();
    assert_eq!(r.stdout.lines().count(), 4, "{}", r.stdout);
    assert!(r.stdout.contains("goldstein") && r.stdout.contains("PLOVER type"));
}

#[test]
fn the_graphml_loads_in_networkx_with_the_records_counts() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("network.graphml");
    run(&[
        "plot",
        "network",
        "--format",
        "graphml",
        "-o",
        file.to_str().unwrap(),
    ])
    .expect_ok();
    // The weights must add up to the accusing, denying, threatening, appealing and demanding
    // acts among the records with a source and a target.
    let relevant: BTreeSet<(String, String, String, String, String)> = jsonl(&[])
        .iter()
        .filter(|r| {
            let code = field(r, "cameo_code");
            ["11", "016", "13", "02", "10"]
                .iter()
                .any(|p| code.starts_with(p))
                && !field(r, "source_actor").is_empty()
                && !field(r, "target_actor").is_empty()
                && field(r, "source_actor") != field(r, "target_actor")
        })
        .map(|r| {
            let relation = match field(r, "cameo_code") {
                c if c.starts_with("11") => "accuses",
                c if c.starts_with("016") => "denies",
                c if c.starts_with("13") => "threatens",
                c if c.starts_with("02") => "appeals",
                _ => "demands",
            };
            (
                field(r, "source_actor").to_owned(),
                field(r, "target_actor").to_owned(),
                relation.to_owned(),
                field(r, "act_id").to_owned(),
                field(r, "statement_id").to_owned(),
            )
        })
        .collect();
    let script = "import sys, networkx as nx\n\
                  g = nx.read_graphml(sys.argv[1])\n\
                  assert g.is_directed(), 'not directed'\n\
                  w = sum(d['weight'] for _, _, d in g.edges(data=True))\n\
                  sides = {d['side'] for _, d in g.nodes(data=True)}\n\
                  print(g.number_of_nodes(), g.number_of_edges(), w, len(sides))\n\
                  print(g.nodes['actor:attaullah-tarar']['label'])\n";
    let (code, report) = run_python(&["-c".into(), script.into(), file.display().to_string()]);
    assert_eq!(
        code,
        Some(0),
        "NetworkX could not read the GraphML:\n{report}"
    );
    let mut lines = report.lines();
    let numbers: Vec<usize> = lines
        .next()
        .unwrap()
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(numbers[2], relevant.len(), "{report}");
    assert!(
        numbers[0] >= 10 && numbers[1] >= 10 && numbers[3] >= 3,
        "{report}"
    );
    assert_eq!(lines.next(), Some("Attaullah Tarar"));

    // A file cut short is refused, so the check above can fail.
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, &text[..text.len() / 2]).unwrap();
    let (code, _) = run_python(&["-c".into(), script.into(), file.display().to_string()]);
    assert_ne!(code, Some(0));
}

#[test]
fn the_network_svg_names_the_actors_and_sides() {
    let r = run(&["plot", "network", "--relation", "denies"]);
    r.expect_ok();
    assert!(r.stdout.starts_with("<svg") && r.stdout.trim_end().ends_with("</svg>"));
    for name in [
        "Afghan Taliban government",
        "Pakistan",
        "denial (CAMEO 016)",
    ] {
        assert!(r.stdout.contains(name), "{name} is not in the picture");
    }
    let sides = run(&["plot", "network", "--sides"]);
    sides.expect_ok();
    assert!(!sides.stdout.contains("Attaullah Tarar"));
}

#[test]
fn the_readme_timeline_is_current() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("timeline.svg");
    run(&[
        "plot",
        "timeline",
        "--between",
        "Pakistan",
        "Kabul",
        "-o",
        file.to_str().unwrap(),
    ])
    .expect_ok();
    let drawn = std::fs::read_to_string(&file).unwrap();
    assert!(
        drawn.contains("Pakistan → Afghanistan") && drawn.contains("claim:afghan-side-evasions")
    );
    let committed = repo().join("docs/timeline.svg");
    if std::env::var_os("CLAIMGRAPH_BLESS").is_some() {
        std::fs::write(&committed, &drawn).unwrap();
    }
    assert!(
        std::fs::read_to_string(&committed).is_ok_and(|c| c == drawn),
        "docs/timeline.svg is stale: run CLAIMGRAPH_BLESS=1 cargo test --test events"
    );
    run(&["plot", "timeline", "--between", "Tarar", "Islamabad"]).expect_error(2, "both stand for");
}

#[test]
fn no_color_turns_colour_off_and_quiet_keeps_standard_error_empty() {
    let usage_error = |no_color: bool| {
        let mut cmd = std::process::Command::new(bin());
        cmd.arg("--no-such-flag").env("CLICOLOR_FORCE", "1");
        if no_color {
            cmd.env("NO_COLOR", "1");
        } else {
            cmd.env_remove("NO_COLOR");
        }
        String::from_utf8(cmd.output().unwrap().stderr).unwrap()
    };
    // Forced colour shows escapes, so the check below can fail; NO_COLOR wins over it.
    assert!(usage_error(false).contains('\u{1b}'));
    let plain = usage_error(true);
    assert!(!plain.contains('\u{1b}'), "{plain:?}");
    assert!(plain.contains("--no-such-flag"));
    let r = run(&["--quiet", "events", "--code", "0871"]);
    r.expect_ok();
    assert!(r.stderr.is_empty() && r.stdout.lines().count() > 1);
    run(&["events", "-q", "--code", "0871"]).expect_ok();
}

#[test]
fn completions_and_man_pages_come_from_the_command_line() {
    for shell in ["bash", "zsh", "fish"] {
        let r = run(&["completions", shell]);
        r.expect_ok();
        assert!(
            r.stdout.contains("claimgraph") && r.stdout.contains("events"),
            "{shell}"
        );
    }
    let man = run(&["man"]);
    man.expect_ok();
    assert!(
        man.stdout.starts_with(".ie") || man.stdout.contains(".TH claimgraph"),
        "{}",
        &man.stdout[..200.min(man.stdout.len())]
    );
    let dir = tempfile::tempdir().unwrap();
    run(&["man", "--dir", dir.path().to_str().unwrap()]).expect_ok();
    for page in [
        "claimgraph.1",
        "claimgraph-events.1",
        "claimgraph-plot-timeline.1",
    ] {
        assert!(dir.path().join(page).exists(), "{page} missing");
    }
}
