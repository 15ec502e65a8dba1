//! Dates that are ranges, in the shell's `.timeline` and `.who` and in `chain --between`: acts
//! in order of what is known of their dates, never a reply before what it answers, a range
//! printed as a range, and the acts dated only by the report's publication held back unless
//! asked for.

mod common;
use common::*;

/// What the shell prints for `lines`, typed after `.mode tsv`.
fn shell(lines: &str) -> String {
    let input = format!(".mode tsv\n{lines}\n");
    let run = run_in(&std::env::temp_dir(), &[], Some(input.as_bytes()));
    run.expect_ok();
    run.stdout
}

/// The acts (IRIs) of a TSV timeline, in the order shown.
fn acts(tsv: &str) -> Vec<String> {
    tsv.lines()
        .filter(|l| l.starts_with('"'))
        .filter_map(|l| l.split('\t').nth(3))
        .map(|a| a.trim_matches(|c| c == '<' || c == '>').to_owned())
        .collect()
}

/// Every (reply, answered) pair of response links, a claim standing for the statement
/// conveying it, as the timeline shows acts.
fn response_links() -> Vec<(String, String)> {
    let run = run(&[
        "query",
        "SELECT DISTINCT ?a ?b WHERE { ?x ?p ?y . ?p rdfs:subPropertyOf+ cg:respondsTo .
           OPTIONAL { ?sx cg:conveys ?x } OPTIONAL { ?sy cg:conveys ?y }
           BIND (COALESCE(?sx, ?x) AS ?a) BIND (COALESCE(?sy, ?y) AS ?b) FILTER (?a != ?b) }",
        "--format",
        "tsv",
    ]);
    run.expect_ok();
    let links: Vec<(String, String)> = run
        .stdout
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| {
            (
                a.trim_matches(['<', '>']).to_owned(),
                b.trim_matches(['<', '>']).to_owned(),
            )
        })
        .collect();
    assert!(links.len() >= 20, "only {} response links", links.len());
    links
}

#[test]
fn the_timeline_never_puts_a_reply_before_what_it_answers() {
    let shown = acts(&shell(".timeline --all"));
    let at = |iri: &str| shown.iter().position(|a| a == iri);
    let mut checked = 0;
    for (reply, answered) in response_links() {
        if let (Some(r), Some(a)) = (at(&reply), at(&answered)) {
            assert!(
                a < r,
                "{reply} (row {r}) shown before {answered} (row {a}), which it answers"
            );
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} links checked");
}

#[test]
fn a_range_is_printed_as_a_range_with_its_precision() {
    let text = shell(".timeline");
    let talks = text
        .lines()
        .find(|l| l.contains("/event/istanbul-talks>"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        talks.starts_with("\"2025-10-19…2025-10-29\"\t\"range\"\t\"event\""),
        "{talks}"
    );
    let fighting = text
        .lines()
        .find(|l| l.contains("/event/border-fighting>"))
        .unwrap();
    assert!(
        fighting.starts_with("\"by 2025-10-19\"\t\"by\""),
        "{fighting}"
    );
    // Known only to be over by October 19, the fighting comes before the ceasefire of that day.
    let shown = acts(&text);
    let at = |end: &str| shown.iter().position(|a| a.ends_with(end)).unwrap();
    assert!(at("/event/border-fighting") < at("/event/doha-ceasefire"));
    assert!(at("/event/doha-ceasefire") < at("/event/istanbul-talks"));
}

#[test]
fn acts_dated_only_by_the_publication_are_held_back_unless_asked_for() {
    let default = shell(".timeline");
    let all = shell(".timeline --all");
    let (few, many) = (acts(&default), acts(&all));
    assert!(
        !few.iter().any(|a| a.contains("/statement/author-")),
        "the author's analysis drowns the timeline: {default}"
    );
    assert!(many.iter().any(|a| a.contains("/statement/author-")));
    let hidden = many.len() - few.len();
    assert!(hidden > 0);
    assert!(
        default.contains(&format!(
            "({hidden} acts dated only by the report's publication left out"
        )),
        "{default}"
    );
    assert!(few.iter().any(|a| a.ends_with("/event/doha-ceasefire")));
}

#[test]
fn who_shows_what_an_actor_did_and_what_was_aimed_at_it() {
    let text = shell(".who tarar");
    let row = |act: &str| {
        text.lines()
            .find(|l| l.contains(act))
            .unwrap_or_else(|| panic!("{act} missing: {text}"))
    };
    assert!(row("/statement/tarar-talks-failed>").ends_with("\"by\""));
    assert!(row("/statement/afghan-delegation-counter-narrative>").ends_with("\"about\""));
}

#[test]
fn chain_between_numbers_what_an_act_answers_before_it() {
    let run = run(&["chain", "--between", "pakistan", "afghanistan"]);
    run.expect_ok();
    let mut current = 0;
    let mut checked = 0;
    for line in run.stdout.lines() {
        let trimmed = line.trim_start();
        if let Some((n, _)) = trimmed.split_once(". ") {
            if let Ok(n) = n.parse::<usize>() {
                // Act lines are numbered at the margin (right-aligned); links are indented.
                if line.len() - trimmed.len() < 3 {
                    current = n;
                }
            }
        }
        if let Some(rest) = trimmed.strip_prefix("↳ ") {
            let earlier: usize = rest
                .split_whitespace()
                .find_map(|w| w.strip_suffix('.').and_then(|n| n.parse().ok()))
                .unwrap_or_else(|| panic!("no act number in {line:?}"));
            // A statement whose own claims answer each other links to itself.
            assert!(
                earlier <= current,
                "act {current} is shown before act {earlier}, which it answers: {line}"
            );
            checked += 1;
        }
    }
    assert!(
        checked >= 10,
        "only {checked} links checked:\n{}",
        run.stdout
    );
}
