//! `claimgraph chain` and `claimgraph mutual` on the bundled corpus and on small fixtures, driving
//! the real binary. The tracer's agreement with SPARQL is in `chain_agreement.rs`.

mod common;
use common::*;
use std::io::Write;
use std::process::{Command, Stdio};

fn cycle() -> String {
    fixture("cycle").display().to_string()
}

/// Runs Graphviz's `dot -Tsvg` on `input`; the exit code and stderr.
fn graphviz(input: &str) -> (i32, String) {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("Graphviz's `dot` is installed (Debian: apt-get install graphviz)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The line of stdout that mentions `needle`.
#[track_caller]
fn line_with<'a>(run: &'a Run, needle: &str) -> &'a str {
    run.stdout
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?}:\n{}", run.stdout))
}

#[test]
fn the_chain_from_tarar_shows_the_counter_accusations_that_answered_it() {
    let run = run(&["chain", "--from", "stmt:tarar-talks-failed"]);
    run.expect_ok();
    let root = run.stdout.lines().nth(1).unwrap();
    assert!(
        root.starts_with("● 2025-10-29 · Attaullah Tarar · "),
        "{root}"
    );
    assert!(root.contains("accusation 112"), "{root}");
    // Each answer hangs from the root with its relation, date, actor, type and CAMEO code.
    let rta = line_with(&run, "stmt:rta-pakistani-side-lacks-intention");
    assert!(
        rta.starts_with("└── counter-accuses ▸ 2025-10-29 · RTA · counter-accusation (112)"),
        "{rta}"
    );
    let delegation = line_with(&run, "stmt:afghan-delegation-counter-narrative");
    assert!(
        delegation.starts_with("├── counter-accuses ▸ ")
            && delegation.contains("Afghan delegation"),
        "{delegation}"
    );
    // A cut quote and where it is written.
    run.expect_stdout_contains(
        "“Afghanistan-controlled state media (RTA) suggested that while Kabul",
    );
    run.expect_stdout_contains("…”");
    run.expect_stdout_contains("at source:istanbul-talks-collapse-2025-10-29 2445–2619");
    // What the root itself answered, for context.
    run.expect_stdout_contains("it answers (see --to): answers event:istanbul-talks");
    assert!(
        run.stdout.starts_with(
            "What answered stmt:tarar-talks-failed and what followed from it (2 acts):"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn names_may_be_labels_aliases_or_iris_in_any_case() {
    let by_iri = run(&[
        "chain",
        "--from",
        "<https://claimgraph.org/id/statement/tarar-talks-failed>",
    ]);
    by_iri.expect_ok();
    let by_local_name = run(&["chain", "--from", "TARAR-TALKS-FAILED"]);
    by_local_name.expect_ok();
    assert_eq!(by_iri.stdout, by_local_name.stdout);
    let by_label = run(&[
        "chain",
        "--from",
        "tarar announces that the istanbul dialogue failed, blaming kabul",
    ]);
    assert_eq!(by_iri.stdout, by_label.expect_ok().stdout);
}

#[test]
fn to_walks_back_to_the_roots() {
    let run = run(&["chain", "--to", "stmt:rta-pakistani-side-lacks-intention"]);
    run.expect_ok();
    run.expect_stdout_contains(
        "What stmt:rta-pakistani-side-lacks-intention answered, back to the roots (5 acts; root: event:kabul-explosions):",
    );
    let tarar = line_with(&run, "stmt:tarar-talks-failed");
    assert!(
        tarar.starts_with("└── counter-accused by ▸ 2025-10-29"),
        "{tarar}"
    );
    // Through the talks and the fighting to the explosions that triggered it.
    let depth = |iri: &str| {
        let line = run.stdout.lines().find(|l| l.ends_with(iri));
        let line = line.unwrap_or_else(|| panic!("no {iri}"));
        line.chars().position(|c| c == '└' || c == '├').unwrap()
    };
    assert!(depth("event:istanbul-talks") > depth("stmt:tarar-talks-failed"));
    assert!(depth("event:border-fighting") > depth("event:istanbul-talks"));
    assert!(depth("event:kabul-explosions") > depth("event:border-fighting"));
    let explosions = run
        .stdout
        .lines()
        .find(|l| l.ends_with("event:kabul-explosions"));
    assert!(
        explosions.unwrap().contains("── triggered ▸"),
        "{}",
        run.stdout
    );
}

#[test]
fn between_two_parties_works_with_aliases() {
    let run = run(&["chain", "--between", "pakistan", "kabul"]);
    run.expect_ok();
    assert!(
        run.stdout.starts_with(
            "Between Pakistan (actor:pakistan) and Afghan Taliban government (actor:afghan-taliban-government), each with the actors affiliated with it:"
        ),
        "{}",
        run.stdout
    );
    let tarar = line_with(&run, "· stmt:tarar-talks-failed");
    assert!(
        tarar.contains("Pakistan → Afghan Taliban government · Attaullah Tarar"),
        "{tarar}"
    );
    // The RTA's counter-accusation names the act it answers by its number in the list.
    let number = tarar.trim_start().split('.').next().unwrap().to_owned();
    run.expect_stdout_contains(&format!(
        "↳ counter-accuses {number}. stmt:tarar-talks-failed"
    ));
    // In time order: dates never go back.
    let dates: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|l| l.split(" · ").next())
        .filter_map(|d| d.rsplit(' ').next())
        .filter(|d| d.len() == 10 && d.starts_with("20"))
        .collect();
    assert!(dates.len() > 5, "{}", run.stdout);
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    let islamabad = common::run(&["chain", "--between", "Islamabad", "the government in Kabul"]);
    assert_eq!(islamabad.expect_ok().stdout, run.stdout);
}

#[test]
fn mutual_finds_pakistan_and_the_afghan_side() {
    let run = run(&["mutual"]);
    run.expect_ok();
    let pair = line_with(&run, "⇄");
    assert!(
        pair.starts_with("Pakistan (actor:pakistan) ⇄ Afghanistan (actor:afghanistan): "),
        "{pair}"
    );
    // The acts each way, by the actors who made them.
    run.expect_stdout_contains("  Afghanistan → Pakistan:");
    let rta = line_with(&run, "· stmt:rta-pakistani-side-lacks-intention");
    assert!(rta.contains("RTA → Pakistan"), "{rta}");
    let tarar = line_with(&run, "· stmt:tarar-talks-failed");
    assert!(
        tarar.contains("Attaullah Tarar → Afghan Taliban government"),
        "{tarar}"
    );
    let actors = common::run(&["mutual", "--actors"]);
    actors.expect_ok();
    actors.expect_stdout_contains(
        "Afghan Taliban government (actor:afghan-taliban-government) ⇄ Pakistan (actor:pakistan):",
    );
}

#[test]
fn mutual_finds_circles_of_three() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("circle.trig");
    std::fs::write(
        &file,
        r#"@prefix cg: <https://claimgraph.org/ns#> .
           @prefix ex: <http://example.org/> .
           ex:g { ex:a a cg:Claim ; cg:claimant ex:x ; cg:target ex:y ; cg:actType cg:Accusation .
                  ex:b a cg:Claim ; cg:claimant ex:y ; cg:target ex:z ; cg:actType cg:Accusation ;
                       cg:respondsTo ex:a .
                  ex:c a cg:Claim ; cg:claimant ex:z ; cg:target ex:x ; cg:actType cg:Criticism ;
                       cg:respondsTo ex:b . }"#,
    )
    .unwrap();
    let data = file.display().to_string();
    let run = run(&["mutual", "--data", &data, "--actors"]);
    run.expect_ok();
    run.expect_stdout_contains("No two parties accuse each other.");
    run.expect_stdout_contains("  x → y → z → x (acts per step: 1, 1, 1)");
    let dot = common::run(&["mutual", "--data", &data, "--format", "dot"]);
    assert_eq!(graphviz(&dot.expect_ok().stdout).0, 0);
}

#[test]
fn cycles_and_shared_acts_are_marked_never_looped() {
    let data = cycle();
    let run = run(&["chain", "--data", &data, "--from", "stmt:north-accuses"]);
    run.expect_ok();
    let cycle = line_with(&run, "↻ cycle: back to stmt:north-accuses");
    assert!(cycle.contains("responds to ▸"), "{cycle}");
    let shared = line_with(&run, "↑ see above: stmt:mediator-both-answer");
    assert!(shared.starts_with("└── answers ▸"), "{shared}");
    // Each act is written out once.
    assert_eq!(
        run.stdout.matches("“A mediator said").count(),
        1,
        "{}",
        run.stdout
    );
    run.expect_stdout_contains("↻ cycle: the chain comes back to an act already on it");
    let back = common::run(&[
        "chain",
        "--data",
        &data,
        "--to",
        "stmt:mediator-both-answer",
    ]);
    back.expect_ok();
    back.expect_stdout_contains("roots: none, the chain goes round");
}

#[test]
fn an_act_that_answers_nothing_is_not_said_to_go_round() {
    // The explosions in Kabul answer nothing: they start the chain. Before, every walk back
    // without a root was reported as a circle.
    let run = run(&["chain", "--to", "event:kabul-explosions"]);
    run.expect_ok();
    run.expect_stdout_contains("back to the roots (0 acts):");
    run.expect_stdout_contains("(it answers nothing; it is answered by");
    assert!(!run.stdout.contains("goes round"), "{}", run.stdout);
}

#[test]
fn max_depth_shows_the_first_steps_and_names_the_acts_that_go_further() {
    let run = run(&[
        "chain",
        "--from",
        "event:kabul-explosions",
        "--max-depth",
        "2",
    ]);
    run.expect_ok();
    run.expect_stdout_contains(
        "(stopped 2 steps away: 4 acts go further; walk on with claimgraph chain --from ACT: ",
    );
    assert!(
        !run.stdout.contains("event:istanbul-talks ·"),
        "{}",
        run.stdout
    );
    let json = common::run(&[
        "chain",
        "--from",
        "event:kabul-explosions",
        "--max-depth",
        "2",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&json.expect_ok().stdout).unwrap();
    assert_eq!(json["deeper"].as_array().unwrap().len(), 4);
    let whole = common::run(&[
        "chain",
        "--from",
        "event:kabul-explosions",
        "--format",
        "json",
    ]);
    let whole: serde_json::Value = serde_json::from_str(&whole.expect_ok().stdout).unwrap();
    assert!(whole.get("deeper").is_none());
    let zero = common::run(&[
        "chain",
        "--from",
        "event:kabul-explosions",
        "--max-depth",
        "0",
    ]);
    zero.expect_code(2);
    assert!(
        zero.stderr
            .contains("'0' for '--max-depth <N>': give a whole number of steps, 1 or more"),
        "{}",
        zero.stderr
    );
}

#[test]
fn all_lists_every_maximal_chain_longest_first() {
    let run = run(&["chain", "--all", "--format", "json"]);
    run.expect_ok();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let lengths: Vec<u64> = json["chains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["length"].as_u64().unwrap())
        .collect();
    assert!(lengths.len() > 10, "{lengths:?}");
    assert!(lengths.windows(2).all(|w| w[0] >= w[1]), "{lengths:?}");
    assert!(lengths.iter().all(|&l| l >= 2), "{lengths:?}");
    let longest = lengths[0];
    let text = common::run(&["chain", "--all"]);
    text.expect_stdout_contains(&format!(
        "{} maximal chains of 2 links or more, longest first (the longest has {longest})",
        lengths.len()
    ));
    let fewer = common::run(&["chain", "--all", "--min-length", &longest.to_string()]);
    fewer.expect_stdout_contains(&format!(
        "of {longest} links or more, longest first (the longest has {longest})"
    ));
    let cycle = common::run(&["chain", "--data", &cycle(), "--all", "--min-length", "1"]);
    cycle.expect_stdout_contains("3 maximal chains of 1 link or more");
    cycle.expect_stdout_contains("↻ cycle: back to stmt:north-accuses");
}

#[test]
fn json_is_for_programs() {
    let run = run(&[
        "chain",
        "--from",
        "stmt:tarar-talks-failed",
        "--format",
        "json",
    ]);
    run.expect_ok();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        json["root"],
        "https://claimgraph.org/id/statement/tarar-talks-failed"
    );
    assert_eq!(json["way"], "forward");
    let tree = json["tree"].as_array().unwrap();
    assert_eq!(tree.len(), 3);
    assert!(tree[1..].iter().all(|n| n["depth"] == 1
        && n["relations"][0] == "counter-accuses"
        && n["mark"] == "first"));
    let rta = json["acts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["iri"] == "https://claimgraph.org/id/statement/rta-pakistani-side-lacks-intention"
        })
        .expect("RTA's statement is among the acts");
    assert_eq!(rta["actors"][0]["label"], "RTA");
    assert_eq!(rta["start"], 2445);
    assert!(
        rta["quote"]
            .as_str()
            .unwrap()
            .starts_with("Afghanistan-controlled")
    );
    assert_eq!(rta["accusation"], true);
    let link = &json["links"].as_array().unwrap()[0];
    assert_eq!(link["relation"], "https://claimgraph.org/ns#counterAccuses");
    assert_eq!(
        link["object"],
        "https://claimgraph.org/id/statement/tarar-talks-failed"
    );
    for args in [
        &["mutual", "--format", "json"][..],
        &["chain", "--between", "tarar", "rta", "--format", "json"],
    ] {
        let run = common::run(args);
        let json: serde_json::Value = serde_json::from_str(&run.expect_ok().stdout).unwrap();
        assert!(json.is_object(), "{args:?}");
    }
}

#[test]
fn dot_output_is_read_by_graphviz() {
    let cycle = cycle();
    let walks: [&[&str]; 6] = [
        &["chain", "--from", "stmt:tarar-talks-failed"],
        &["chain", "--to", "stmt:rta-pakistani-side-lacks-intention"],
        &["chain", "--between", "pakistan", "kabul"],
        &["chain", "--all"],
        &["mutual"],
        &["chain", "--data", &cycle, "--from", "stmt:north-accuses"],
    ];
    for args in walks {
        let mut args = args.to_vec();
        args.extend(["--format", "dot"]);
        let run = run(&args);
        run.expect_ok();
        assert!(run.stdout.starts_with("digraph "), "{args:?}");
        let (code, stderr) = graphviz(&run.stdout);
        assert_eq!(code, 0, "{args:?}: {stderr}\n{}", run.stdout);
    }
    let run = run(&[
        "chain",
        "--from",
        "stmt:tarar-talks-failed",
        "--format",
        "dot",
    ]);
    // Edges run from the later act to the one it answers, labelled with the relation.
    run.expect_stdout_contains(
        "\"https://claimgraph.org/id/statement/rta-pakistani-side-lacks-intention\" -> \"https://claimgraph.org/id/statement/tarar-talks-failed\" [label=\"counter-accuses\"];",
    );
}

#[test]
fn svg_needs_dot_and_says_so_when_it_is_missing() {
    let run = run(&[
        "chain",
        "--from",
        "stmt:tarar-talks-failed",
        "--format",
        "svg",
    ]);
    run.expect_ok();
    assert!(run.stdout.contains("<svg"), "{}", run.stdout);
    // The same with a PATH that has no `dot`.
    let empty = tempfile::tempdir().unwrap();
    let out = Command::new(bin())
        .args([
            "chain",
            "--from",
            "stmt:tarar-talks-failed",
            "--format",
            "svg",
        ])
        .env("PATH", empty.path())
        .current_dir(empty.path())
        .output()
        .unwrap();
    let missing = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    missing.expect_error(
        1,
        "--format svg needs the `dot` program, which is not on PATH (hint: install Graphviz",
    );
    assert!(missing.stdout.is_empty());
}

#[test]
fn ambiguous_names_list_the_candidates_and_stop() {
    let run = run(&[
        "chain",
        "--data",
        &cycle(),
        "--between",
        "the republic",
        "southland",
    ]);
    run.expect_error(
        1,
        "claimgraph: error: \"the republic\" names 2 actors: actor:northland (Northland), actor:southland (Southland) (hint: give the IRI or prefixed name",
    );
    assert!(run.stdout.is_empty());
    // Without the article, the same two.
    common::run(&["chain", "--data", &cycle(), "--between", "Republic", "x"])
        .expect_error(1, "names 2 actors");
}

#[test]
fn unknown_names_suggest_close_ones() {
    run(&["chain", "--between", "tarrar", "kabul"]).expect_error(
        1,
        "no actor is called \"tarrar\"; did you mean actor:attaullah-tarar (Attaullah Tarar)?",
    );
    run(&["chain", "--from", "stmt:tarar-talks-fail"]).expect_error(
        1,
        "no act is called \"stmt:tarar-talks-fail\"; did you mean stmt:tarar-talks-failed",
    );
    run(&["chain", "--to", "nothing-like-it-at-all"])
        .expect_error(1, "no act is called \"nothing-like-it-at-all\" (hint:");
}

#[test]
fn an_act_without_links_is_an_error() {
    run(&["chain", "--from", "stmt:trump-pledge-to-assist"]).expect_error(
        1,
        "stmt:trump-pledge-to-assist has no response or causal links: it answers nothing and nothing answers it",
    );
}

#[test]
fn data_without_links_is_an_error_not_silence() {
    let mini = fixture("mini").display().to_string();
    // The mini fixture has one link; without it, nothing is left to trace.
    let dir = copy_fixture("mini");
    edit(
        &dir.path().join("mini.trig"),
        "cg:counterAccuses stmt:excuses .",
        ".",
    );
    let data = dir.path().display().to_string();
    for args in [
        &["chain", "--data", &data, "--all"][..],
        &["mutual", "--data", &data],
        &["chain", "--data", &data, "--from", "stmt:intent"],
    ] {
        run(args).expect_error(1, "the data has no response or causal links");
    }
    common::run(&["mutual", "--data", &mini]).expect_ok();
}

#[test]
fn a_walk_one_way_that_finds_nothing_points_the_other_way() {
    let run = run(&["chain", "--from", "stmt:rta-pakistani-side-lacks-intention"]);
    run.expect_ok();
    run.expect_stdout_contains(
        "(nothing answers it; it answers 1 act: claimgraph chain --to stmt:rta-pakistani-side-lacks-intention)",
    );
}

#[test]
fn the_walk_flags_are_exclusive_and_one_is_needed() {
    run(&["chain"]).expect_code(2);
    run(&["chain", "--from", "a", "--to", "b"]).expect_code(2);
    run(&["chain", "--from", "a", "--min-length", "2"]).expect_code(2);
}
