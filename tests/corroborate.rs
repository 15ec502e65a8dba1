//! Corroboration across sources on the constructed reports of tests/fixtures/corroboration/
//! (a wire story and its reprint, another outlet's words for the same statements with one date
//! changed, a trade account, an earlier warning, and the Doha round as a near miss): the links
//! it proposes, the near miss it must not link, the independence counts and disagreements the
//! saved queries give once the links are accepted, the errors, `check`'s contradiction rule,
//! and by proptest that scoring is symmetric, never links two acts of one source, and that the
//! proposal does not depend on the order of its input.

mod common;
use claimgraph::corroborate::score::{self, Context, Prepared};
use claimgraph::corroborate::{Act, ActKind, Quote, Window, pairs, propose};
use common::*;
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::Path;

fn cg(dir: &Path, args: &[&str]) -> Run {
    run_in(dir, args, None)
}

/// The `#> NAME · KIND · CONFIDENCE` lines of a draft, as (name, kind).
fn proposals(draft: &str) -> BTreeSet<(String, String)> {
    draft
        .lines()
        .filter_map(|l| l.strip_prefix("#> "))
        .map(|l| {
            let parts: Vec<&str> = l.split(" · ").collect();
            (parts[0].to_owned(), parts[1].to_owned())
        })
        .collect()
}

const SAME: &str = "same act";
const OTHER_WORDS: &str = "same utterance in other words";

/// What corroboration must find on the fixtures at the default confidence, and nothing else.
const EXPECTED: &[(&str, &str)] = &[
    ("daily-reprint--wire-istanbul", "same story"),
    // Tarar's announcement: the bundled report, the wire story, its reprint, and the Kabul
    // outlet's other words ("charges, dodges and crafty pretexts") with another day.
    (
        "tarar-talks-failed--wire-istanbul-s003-attaullah-tarar",
        OTHER_WORDS,
    ),
    (
        "daily-reprint-s003-attaullah-tarar--tarar-talks-failed",
        OTHER_WORDS,
    ),
    (
        "daily-reprint-s003-attaullah-tarar--wire-istanbul-s003-attaullah-tarar",
        SAME,
    ),
    (
        "kabul-account-s004-attaullah-tarar--tarar-talks-failed",
        OTHER_WORDS,
    ),
    (
        "kabul-account-s004-attaullah-tarar--wire-istanbul-s003-attaullah-tarar",
        OTHER_WORDS,
    ),
    (
        "daily-reprint-s003-attaullah-tarar--kabul-account-s004-attaullah-tarar",
        OTHER_WORDS,
    ),
    // RTA's and the Afghan delegation's counter-accusations, in other words.
    (
        "kabul-account-s003-rta--rta-pakistani-side-lacks-intention",
        OTHER_WORDS,
    ),
    (
        "afghan-delegation-counter-narrative--border-trade-s004-afghan-delegation",
        OTHER_WORDS,
    ),
    (
        "afghan-delegation-rejects-framing--kabul-account-s005-afghan-delegation",
        OTHER_WORDS,
    ),
    (
        "border-trade-s005-pakistani-officials--pakistan-asserts-afghan-stubbornness",
        OTHER_WORDS,
    ),
    // Asif's warning in three outlets.
    (
        "asif-open-war-warning--frontier-warning-s003-khawaja-asif",
        OTHER_WORDS,
    ),
    (
        "asif-open-war-warning--kabul-account-s006-khawaja-asif",
        OTHER_WORDS,
    ),
    (
        "frontier-warning-s003-khawaja-asif--kabul-account-s006-khawaja-asif",
        OTHER_WORDS,
    ),
    // Pakistan's demand for assurances; the frontier account words it loosely, and the best
    // match in the bundled report is the "logical and legitimate demands" statement.
    (
        "frontier-warning-s004-pakistan--islamabad-demands-legitimate",
        OTHER_WORDS,
    ),
    (
        "security-sources-deadlock--wire-istanbul-s006-pakistani-security-sources",
        OTHER_WORDS,
    ),
    // Events: the Istanbul session and the Doha ceasefire.
    ("istanbul-talks--wire-istanbul-istanbul-session", SAME),
    ("daily-reprint-istanbul-session--istanbul-talks", SAME),
    (
        "daily-reprint-istanbul-session--wire-istanbul-istanbul-session",
        SAME,
    ),
    ("doha-ceasefire--doha-round-ceasefire", SAME),
];

#[test]
fn corroborate_finds_the_intended_links_and_not_the_near_miss() {
    let dir = copy_fixture("corroboration");
    let r = cg(dir.path(), &["corroborate"]);
    r.expect_ok();
    let found = proposals(&r.stdout);
    let expected: BTreeSet<(String, String)> = EXPECTED
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(found, expected, "{}", r.stdout);
    // The first round of talks in Doha has the same parties and mediators as the Istanbul
    // session, but another place, day and round: never the same event.
    assert!(!r.stdout.contains("doha-round-talks"), "{}", r.stdout);
    // The same date disagreement is stated with both days.
    r.expect_stdout_contains(
        "#   date: 2025-10-28 / 2025-10-29, 1 day apart (+0.00, disagreement)",
    );
    // The wire copy and its reprint are one outlet.
    r.expect_stdout_contains("# reported by 3 independent outlets (4 copies): stmt:daily-reprint-s003-attaullah-tarar, stmt:kabul-account-s004-attaullah-tarar, stmt:tarar-talks-failed, stmt:wire-istanbul-s003-attaullah-tarar");
    // Deterministic, byte for byte.
    assert_same_text(&r.stdout, &cg(dir.path(), &["corroborate"]).stdout);
}

#[test]
fn source_and_confidence_narrow_the_proposal() {
    let dir = copy_fixture("corroboration");
    let all = proposals(&cg(dir.path(), &["corroborate"]).stdout);
    let r = cg(dir.path(), &["corroborate", "--source", "frontier-warning"]);
    r.expect_ok();
    let some = proposals(&r.stdout);
    assert!(!some.is_empty() && some.is_subset(&all), "{some:?}");
    assert!(
        some.iter().all(|(n, _)| n.contains("frontier-warning")),
        "{some:?}"
    );
    let strict = proposals(&cg(dir.path(), &["corroborate", "--min-confidence", "0.9"]).stdout);
    assert!(
        strict.len() < all.len() && strict.is_subset(&all),
        "{strict:?}"
    );
}

#[test]
fn bad_requests_are_one_line_errors() {
    let dir = copy_fixture("corroboration");
    cg(dir.path(), &["corroborate", "--source", "no-such-report"])
        .expect_error(1, "--source no-such-report: no such source in the data");
    cg(dir.path(), &["corroborate", "--min-confidence", "1.5"])
        .expect_error(1, "--min-confidence 1.5: a confidence is between 0 and 1");
    // Outside a workspace the bundled report is the only source.
    let empty = tempfile::tempdir().unwrap();
    cg(empty.path(), &["corroborate"]).expect_error(
        1,
        "corroboration compares sources, and the data holds 1 (source:istanbul-talks-collapse-2025-10-29)",
    );
    cg(
        empty.path(),
        &[
            "corroborate",
            "--draft",
            "--data",
            dir.path().to_str().unwrap(),
        ],
    )
    .expect_error(1, "no workspace here or above");
    let out = dir.path().join("missing/links.trig");
    cg(dir.path(), &["corroborate", "-o", out.to_str().unwrap()]).expect_code(1);
    assert!(!out.exists());
}

/// Compares `actual` with tests/golden/corroboration/NAME, or writes it there when
/// CLAIMGRAPH_BLESS is set.
fn expect_golden(name: &str, actual: &str) {
    let path = repo().join("tests/golden/corroboration").join(name);
    if std::env::var_os("CLAIMGRAPH_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing; bless it on purpose", path.display()));
    assert_same_text(&expected, actual);
}

/// The fixture with every proposal accepted in review.
fn accepted() -> tempfile::TempDir {
    let dir = copy_fixture("corroboration");
    let d = dir.path();
    cg(d, &["corroborate", "--draft"])
        .expect_ok()
        .expect_stdout_contains("proposed 19 links between acts and 1 between copies of one story");
    // Waiting proposals fail check, as ingest's do.
    cg(d, &["check"])
        .expect_code(3)
        .expect_stdout_contains("link is proposed by corroborate, not reviewed");
    cg(d, &["accept", "corroboration", "--by", "A. Curator"]).expect_ok();
    cg(d, &["check"]).expect_ok();
    dir
}

#[test]
fn accepted_links_answer_the_independence_queries_and_why() {
    let dir = accepted();
    let d = dir.path();
    // Nothing left to propose, and re-running proposes nothing again.
    cg(d, &["corroborate", "--draft"])
        .expect_ok()
        .expect_stdout_contains("nothing new to propose");
    assert!(!d.join(".claimgraph/drafts/corroboration.trig").exists());
    cg(d, &["corroborate"]).expect_ok().expect_stdout_contains(
        "proposed by `claimgraph corroborate`: 0 between acts, 0 between copies",
    );
    let outlets = cg(
        d,
        &[
            "run",
            "reported-by-outlets",
            "--bind",
            "act=stmt:tarar-talks-failed",
            "--format",
            "csv",
        ],
    );
    outlets.expect_ok();
    // CSV lines end in CRLF (RFC 4180).
    assert_same_text(
        "act,outlets,copies\nhttps://claimgraph.org/id/statement/tarar-talks-failed,3,4\n",
        &outlets.stdout.replace("\r\n", "\n"),
    );
    let doha = cg(
        d,
        &[
            "run",
            "reported-by-outlets",
            "--bind",
            "act=event:doha-round-talks",
            "--format",
            "csv",
        ],
    );
    doha.expect_ok()
        .expect_stdout_contains("doha-round-talks,1,1");
    // The shell's .why proves the restatement with both outlets' words and counts the outlets.
    let why = run_in(
        d,
        &[],
        Some(b".why stmt:kabul-account-s004-attaullah-tarar stmt:tarar-talks-failed\n"),
    );
    why.expect_ok()
        .expect_stdout_contains(
            "stmt:kabul-account-s004-attaullah-tarar cg:restates stmt:tarar-talks-failed",
        )
        .expect_stdout_contains("charges, dodges and crafty pretexts")
        .expect_stdout_contains("accusations, evasions, and cunning excuses")
        .expect_stdout_contains(
            "stmt:kabul-account-s004-attaullah-tarar reported by 3 independent outlets (4 copies)",
        );
    // .who lists the actor's acts, then those other sources report too (under a table only).
    let who = run_in(d, &[], Some(b".mode table\n.who tarar\n"));
    who.expect_ok().expect_stdout_contains(
        "\nstmt:tarar-talks-failed reported by 3 independent outlets (4 copies)\n",
    );
    let csv = run_in(d, &[], Some(b".mode csv\n.who tarar\n"));
    assert!(
        !csv.stdout.contains("independent outlets"),
        "{}",
        csv.stdout
    );
}

#[test]
fn accepted_links_answer_the_single_outlet_and_disagreement_queries() {
    let dir = accepted();
    let d = dir.path();
    let single = cg(
        d,
        &[
            "run",
            "single-outlet-acts",
            "--bind",
            "source=source:doha-round",
            "--format",
            "csv",
        ],
    );
    single
        .expect_ok()
        .expect_stdout_contains("event/doha-round-talks,");
    assert!(
        !single.stdout.contains("doha-round-ceasefire"),
        "{}",
        single.stdout
    );
    let disagreements = cg(
        d,
        &[
            "run",
            "corroboration-disagreements",
            "--bind",
            "feature=cg:DateFeature",
            "--format",
            "tsv",
        ],
    );
    disagreements.expect_ok();
    let rows: Vec<&str> = disagreements
        .stdout
        .lines()
        .filter(|l| l.contains("kabul-account-s004-attaullah-tarar--tarar-talks-failed"))
        .collect();
    // Both versions, each with its source's words.
    assert!(
        rows.iter().any(|r| r.contains("source/kabul-account>")
            && r.contains("\"2025-10-28\"")
            && r.contains("charges, dodges and crafty pretexts")),
        "{rows:#?}"
    );
    assert!(
        rows.iter()
            .any(|r| r.contains("source/istanbul-talks-collapse-2025-10-29>")
                && r.contains("\"2025-10-29\"")
                && r.contains("accusations, evasions, and cunning excuses")),
        "{rows:#?}"
    );
}

#[test]
fn a_chain_crosses_accepted_links_and_not_proposed_ones() {
    // The bundled report states that RTA counter-accuses Tarar's announcement; the Kabul outlet
    // reports the announcement in other words and states no link of its own.
    let dir = copy_fixture("corroboration");
    let d = dir.path();
    let from_kabul = ["chain", "--from", "stmt:kabul-account-s004-attaullah-tarar"];
    cg(d, &["corroborate", "--draft"]).expect_ok();
    // Proposed links are loaded with --drafts but not crossed: they are nobody's finding yet.
    let mut drafts = from_kabul.to_vec();
    drafts.push("--drafts");
    cg(d, &drafts).expect_error(
        1,
        "stmt:kabul-account-s004-attaullah-tarar has no response or causal links",
    );
    cg(d, &["accept", "corroboration", "--by", "A. Curator"]).expect_ok();
    cg(d, &from_kabul)
        .expect_ok()
        .expect_stdout_contains("What answered stmt:kabul-account-s004-attaullah-tarar and what followed from it (2 acts):")
        .expect_stdout_contains("counter-accuses ▸ 2025-10-29 · RTA")
        .expect_stdout_contains(
            "via stmt:rta-pakistani-side-lacks-intention counter-accuses stmt:tarar-talks-failed",
        );
    // Each hop counts the outlets that report its act, in text and in JSON (golden files,
    // rewritten only on purpose with CLAIMGRAPH_BLESS=1).
    for format in ["text", "json"] {
        let mut args = from_kabul.to_vec();
        args.extend(["--format", format]);
        let r = cg(d, &args);
        r.expect_ok();
        expect_golden(&format!("chain-from-kabul-account.{format}"), &r.stdout);
    }
    // Backward from the Kabul outlet's RTA statement: the bundled report's link, crossed the
    // other way, leads to Tarar's announcement.
    cg(d, &["chain", "--to", "stmt:kabul-account-s003-rta"])
        .expect_ok()
        .expect_stdout_contains("counter-accused by ▸ 2025-10-29 · Attaullah Tarar")
        .expect_stdout_contains("stmt:tarar-talks-failed");
}

/// The fixture and one more constructed report, whose Istanbul session lasted five days where
/// the bundled report says four, and which names Turkey under an IRI of its own.
fn with_session_length() -> tempfile::TempDir {
    let dir = copy_fixture("corroboration");
    let extra = repo().join("tests/fixtures/corroboration-figures");
    let data = dir.path().join(".claimgraph/data");
    std::fs::copy(
        extra.join("session-length.trig"),
        data.join("session-length.trig"),
    )
    .unwrap();
    std::fs::copy(
        extra.join("sources/session-length.txt"),
        data.join("sources/session-length.txt"),
    )
    .unwrap();
    dir
}

#[test]
fn the_same_actor_under_another_iri_is_proposed_and_accepted_like_acts() {
    let dir = with_session_length();
    let d = dir.path();
    // (The main fixture proposes no link between actors: the set of links pinned above.)
    let r = cg(d, &["corroborate"]);
    r.expect_ok()
        .expect_stdout_contains("22 between acts, 1 between actors, 1 between copies of one story")
        .expect_stdout_contains("#> session-length-turkiye--turkey · same act · 0.80")
        .expect_stdout_contains("#   name: “Turkey” / “Turkey” (+0.60)")
        .expect_stdout_contains("#   class: cg:State on both sides (+0.20)");
    // Qatar is one IRI in both reports: nothing to link.
    assert!(!r.stdout.contains("qatar--"), "{}", r.stdout);
    cg(d, &["corroborate", "--draft"])
        .expect_ok()
        .expect_stdout_contains(
            "proposed 22 links between acts, 1 between actors and 1 between copies of one story",
        );
    cg(
        d,
        &[
            "reject",
            "corroboration",
            "session-length-turkiye--turkey",
            "--by",
            "A. Curator",
        ],
    )
    .expect_ok();
    cg(d, &["accept", "corroboration", "--by", "A. Curator"]).expect_ok();
    cg(d, &["check"]).expect_ok();
    // Rejected, it is not proposed again.
    cg(d, &["corroborate", "--draft"])
        .expect_ok()
        .expect_stdout_contains("nothing new to propose");
}

#[test]
fn figures_with_their_units_are_compared_and_a_different_one_is_a_disagreement() {
    let dir = with_session_length();
    let d = dir.path();
    let r = cg(d, &["corroborate"]);
    r.expect_ok()
        .expect_stdout_contains("#> istanbul-talks--session-length-istanbul-session · same act")
        .expect_stdout_contains("#   figure: 4 days / 5 days (+0.00, disagreement)");
    // The events without a figure are compared on the rest, with no figure line.
    let reprint = r
        .stdout
        .split("#> ")
        .find(|b| b.starts_with("daily-reprint-istanbul-session--session-length-istanbul-session"))
        .unwrap();
    assert!(!reprint.contains("figure:"), "{reprint}");
    cg(d, &["corroborate", "--draft"]).expect_ok();
    cg(d, &["accept", "corroboration", "--by", "A. Curator"]).expect_ok();
    let rows = cg(
        d,
        &[
            "run",
            "corroboration-disagreements",
            "--bind",
            "feature=cg:FigureFeature",
            "--format",
            "tsv",
        ],
    );
    rows.expect_ok();
    // Both versions, each with its source's words.
    let lines: Vec<&str> = rows.stdout.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("source/istanbul-talks-collapse-2025-10-29>")
                && l.contains("\"4 days\"")
                && l.contains("four-day session")),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|l| l.contains("source/session-length>")
            && l.contains("\"5 days\"")
            && l.contains("five-day session")),
        "{lines:#?}"
    );
}

#[test]
fn a_rejected_link_is_not_proposed_again() {
    let dir = copy_fixture("corroboration");
    let d = dir.path();
    cg(d, &["corroborate", "--draft"]).expect_ok();
    let name = "frontier-warning-s004-pakistan--islamabad-demands-legitimate";
    cg(d, &["reject", "corroboration", name, "--by", "A. Curator"]).expect_ok();
    cg(d, &["accept", "corroboration", "--by", "A. Curator"]).expect_ok();
    // The rejected link scores as before, but is remembered: nothing is left to propose.
    assert!(
        cg(d, &["corroborate"])
            .stdout
            .contains(&format!("#> {name} "))
    );
    cg(d, &["corroborate", "--draft"])
        .expect_ok()
        .expect_stdout_contains("nothing new to propose");
    assert!(!d.join(".claimgraph/drafts/corroboration.trig").exists());
}

#[test]
fn contradictory_accepted_links_fail_check_and_stop_corroborate() {
    let dir = accepted();
    let d = dir.path();
    // A curator marks the Kabul outlet's account different from the wire story's, though the
    // accepted links join both to the bundled report's statement.
    let record = d.join(".claimgraph/data/corroboration.trig");
    let mut text = std::fs::read_to_string(&record).unwrap();
    text.push_str(
        "\ngraph:corroboration\\/hand-different prov:wasDerivedFrom mention:kabul-account\\/s004, mention:wire-istanbul\\/s003 .\n\
         graph:corroboration\\/hand-different {\n\
           <https://claimgraph.org/id/correspondence/hand-different> a cg:Correspondence ;\n\
             cg:correspondenceKind cg:Different ;\n\
             cg:correspondent stmt:kabul-account-s004-attaullah-tarar, stmt:wire-istanbul-s003-attaullah-tarar ;\n\
             cg:confidence 1.0 ;\n\
             cg:evidenceQuote mention:kabul-account\\/s004, mention:wire-istanbul\\/s003 .\n\
         }\n",
    );
    std::fs::write(&record, text).unwrap();
    cg(d, &["corroborate"]).expect_error(
        1,
        "conflicting accepted links: stmt:kabul-account-s004-attaullah-tarar and stmt:wire-istanbul-s003-attaullah-tarar are marked different, yet accepted links make them the same: stmt:kabul-account-s004-attaullah-tarar = stmt:wire-istanbul-s003-attaullah-tarar",
    );
    cg(d, &["check"]).expect_code(3).expect_stdout_contains(
        "[8] <https://claimgraph.org/id/correspondence/hand-different>: stmt:kabul-account-s004-attaullah-tarar and stmt:wire-istanbul-s003-attaullah-tarar are marked different",
    );
}

#[test]
fn accepted_links_conform_to_the_shapes_and_a_kindless_one_does_not() {
    let dir = accepted();
    let dump = dir.path().join("all.nq");
    cg(dir.path(), &["export", "-o", dump.to_str().unwrap()]).expect_ok();
    let (conforms, report) = validate_shapes(&dump);
    assert!(conforms, "the accepted links do not conform:\n{report}");
    let text = std::fs::read_to_string(&dump).unwrap();
    let broken: String = text
        .lines()
        .filter(|l| !l.contains("#correspondenceKind>"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(broken.len() < text.len());
    std::fs::write(&dump, broken).unwrap();
    let (conforms, report) = validate_shapes(&dump);
    assert!(
        !conforms,
        "pySHACL accepted correspondences without a kind:\n{report}"
    );
}

// ---------------------------------------------------------------------------------------
// Properties of the score and the proposal, on generated acts.

fn act_strategy() -> impl Strategy<Value = Act> {
    let words = prop::sample::subsequence(
        vec![
            "talks",
            "failed",
            "kabul",
            "islamabad",
            "accused",
            "evasions",
            "open",
            "war",
            "truce",
            "doha",
            "istanbul",
            "border",
            "fruit",
            "demands",
        ],
        2..8,
    );
    (
        0usize..4,
        prop::bool::ANY,
        0usize..3,
        words,
        prop::option::of((0i64..40, prop::sample::select(vec![0i64, 1, 2, 5, 40]))),
        prop::option::of(1i64..3),
        0usize..3,
        // Figures: none, or some of a few values in two units, so that pairs match, clash or
        // have no unit in common.
        prop::sample::subsequence(vec![("4", "days"), ("5", "days"), ("58", "people")], 0..3),
    )
        .prop_map(
            |(source, event, speaker, words, window, round, place, figures)| Act {
                iri: String::new(),
                kind: if event {
                    ActKind::Event
                } else {
                    ActKind::Statement
                },
                source: format!("s{source}"),
                quotes: vec![Quote {
                    mention: String::new(),
                    exact: words.join(" "),
                }],
                actors: vec![format!("actor{speaker}")],
                types: vec![if event {
                    "Talks".into()
                } else {
                    "Accusation".into()
                }],
                places: if event {
                    vec![format!("place{place}")]
                } else {
                    vec![]
                },
                round: if event { round } else { None },
                window: window.map(|(start, len)| Window {
                    earliest: Some(start),
                    latest: Some(start + len),
                }),
                figures: figures
                    .iter()
                    .map(|(v, u)| (v.to_string(), u.to_string()))
                    .collect(),
            },
        )
}

fn named(mut acts: Vec<Act>) -> Vec<Act> {
    for (i, a) in acts.iter_mut().enumerate() {
        a.iri = format!("https://claimgraph.org/id/act/{i:03}");
        a.quotes[0].mention = format!("https://claimgraph.org/id/mention/{i:03}");
    }
    acts
}

proptest! {
    #[test]
    fn scoring_is_symmetric_and_never_links_one_source(acts in prop::collection::vec(act_strategy(), 2..12)) {
        let acts = named(acts);
        let ctx = Context::default();
        for x in &acts {
            for y in &acts {
                let (px, py) = (Prepared::new(x), Prepared::new(y));
                let xy = score::score(&px, &py, &ctx);
                let yx = score::score(&py, &px, &ctx);
                prop_assert_eq!(&xy, &yx);
                if x.source == y.source {
                    prop_assert!(xy.is_none());
                }
            }
        }
    }

    #[test]
    fn blocking_loses_no_pair_the_score_would_link(acts in prop::collection::vec(act_strategy(), 2..16)) {
        let acts = named(acts);
        // actor0 is affiliated with actor1: compatible speakers in different blocks' keys.
        let mut ctx = Context::default();
        ctx.affiliations.insert("actor0".into(), ["actor1".to_owned()].into());
        let candidates: BTreeSet<(usize, usize)> = pairs(&acts, &ctx).into_iter().collect();
        for i in 0..acts.len() {
            for j in i + 1..acts.len() {
                if score::score(&Prepared::new(&acts[i]), &Prepared::new(&acts[j]), &ctx).is_some() {
                    prop_assert!(candidates.contains(&(i, j)), "{} and {} score but are never compared", acts[i].iri, acts[j].iri);
                }
            }
        }
    }

    #[test]
    fn the_proposal_does_not_depend_on_input_order(acts in prop::collection::vec(act_strategy(), 2..14), seed in 0usize..1000) {
        let acts = named(acts);
        let ctx = Context::default();
        let (first, _) = propose(&acts, &ctx, &[], None, 0.3);
        let mut shuffled = acts.clone();
        let n = shuffled.len();
        for i in 0..n {
            shuffled.swap(i, (i * 7 + seed) % n);
        }
        let (second, _) = propose(&shuffled, &ctx, &[], None, 0.3);
        prop_assert_eq!(&first, &second);
        for link in &first {
            let source = |iri: &str| acts.iter().find(|a| a.iri == iri).unwrap().source.clone();
            prop_assert_ne!(source(&link.a), source(&link.b));
            prop_assert!(link.a < link.b);
        }
    }
}
