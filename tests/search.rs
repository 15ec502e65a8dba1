//! `claimgraph search` and the shell's `.search`: names and quotes found in any case, without
//! accents, with small typos, best first.

mod common;
use common::*;

/// The entities (IRIs, shortened to what follows /id/) of a search, in the order given.
fn found(args: &[&str]) -> Vec<String> {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.extend(["--format", "tsv"]);
    let run = run(&all);
    run.expect_ok();
    run.stdout
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').nth(2))
        .map(|e| {
            e.trim_matches(['<', '>'])
                .trim_start_matches("https://claimgraph.org/id/")
                .to_owned()
        })
        .collect()
}

#[test]
fn case_accents_and_small_typos_find_the_same_thing_first() {
    for query in ["Kabul", "KABUL", "kábul", "kabol"] {
        assert_eq!(found(&[query])[0], "place/kabul", "searching {query:?}");
    }
    assert_eq!(found(&["tarrar"])[0], "actor/attaullah-tarar");
    assert_eq!(found(&["Attaullah", "Tarar"])[0], "actor/attaullah-tarar");
    assert_eq!(found(&["pakistani", "side"])[0], "actor/pakistan");
}

#[test]
fn a_whole_name_ranks_above_texts_that_contain_it() {
    let hits = found(&["doha"]);
    assert_eq!(hits[0], "place/doha");
    assert_eq!(hits[1], "event/doha-ceasefire");
    let run = run(&["search", "doha", "--format", "tsv"]);
    let scores: Vec<u32> = run
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap().parse().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn words_of_a_quote_find_the_acts_grounded_in_it() {
    let hits = found(&["cunning", "excuses"]);
    assert!(
        hits.iter().any(|h| h == "claim/afghan-side-evasions"),
        "{hits:?}"
    );
}

#[test]
fn nothing_found_is_an_empty_answer_and_no_text_is_a_usage_error() {
    assert!(found(&["zzzzqqqq"]).is_empty());
    run(&["search"]).expect_code(2);
    assert_eq!(found(&["doha", "--limit", "2"]).len(), 2);
}

#[test]
fn the_shell_searches_too() {
    let run = run_in(
        &std::env::temp_dir(),
        &[],
        Some(b".mode tsv\n.search Tarrar\n"),
    );
    run.expect_ok();
    let first = run.stdout.lines().nth(1).unwrap_or_default();
    assert!(first.contains("/actor/attaullah-tarar>"), "{}", run.stdout);
}
