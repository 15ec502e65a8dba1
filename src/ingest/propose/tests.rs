//! Proposals for single sentences, written for these tests (not taken from any report).

use super::super::actors::{ACTOR_NS, Actor, Actors};
use super::*;

fn table() -> Actors {
    let a = Actor::known;
    Actors::new(
        vec![
            a("author", "author", &[], "Author"),
            a("ruritania", "Ruritania", &["Strelsau"], "State"),
            a("borduria", "Borduria", &["Szohôd"], "State"),
        ],
        [],
    )
}

fn propose(sentences: &[&str]) -> (Vec<Vec<Statement>>, Actors) {
    let mut actors = table();
    let published = Date::parse("2025-10-29").unwrap();
    let acts = vec![KnownAct {
        iri: "https://claimgraph.org/id/statement/borduria-blames-ruritania".into(),
        by: vec![format!("{ACTOR_NS}borduria")],
        text: "Ruritania sheltered the rebels behind the border attacks".into(),
    }];
    let mut p = Proposer::new(&mut actors, published, 0, "doc", acts);
    let out = sentences.iter().map(|s| p.sentence(s)).collect();
    (out, actors)
}

fn speaker(actors: &Actors, s: &Statement) -> String {
    s.speaker
        .map_or("-".into(), |a| actors.list[a].label.clone())
}

#[test]
fn a_reporting_verb_proposes_a_statement_by_its_subject() {
    let (out, actors) = propose(&[
        "Ruritania’s Foreign Minister, Anna Kovacs, announced on Monday that the talks “had reached no workable result,” citing delays.",
    ]);
    let s = &out[0][0];
    assert_eq!(speaker(&actors, s), "Anna Kovacs");
    assert_eq!(actors.list[s.speaker.unwrap()].class, "Person");
    assert_eq!(s.attribution, ["DirectQuote", "Paraphrase"]);
    assert_eq!(s.dating.date, Date::parse("2025-10-27"));
    assert_eq!(s.dating.words.as_deref(), Some("on Monday"));
    assert_eq!(s.claims[0].act, "Announcement");
    assert_eq!(s.claims[0].quotes, ["had reached no workable result"]);
    assert!(!s.author);
}

#[test]
fn uncued_sentences_are_the_authors_analysis() {
    let (out, _) = propose(&["The breakdown will likely deepen the crisis."]);
    let s = &out[0][0];
    assert!(s.author);
    assert_eq!(s.attribution, ["AuthorAnalysis"]);
    assert_eq!(s.channel, Some("PublishedText"));
    assert_eq!(s.claims[0].act, "Prediction");
    assert_eq!(s.dating.date, Date::parse("2025-10-29"));
}

#[test]
fn hedges_and_anonymous_sources_are_attributed_as_such() {
    let (out, actors) = propose(&[
        "Both capitals reportedly kept talking.",
        "Security sources confirmed that the crossing stayed shut.",
        "Reports indicated that Strelsau pledged to reopen it.",
    ]);
    assert_eq!(speaker(&actors, &out[0][0]), "unnamed reports");
    assert_eq!(out[0][0].attribution, ["AnonymousSourcing"]);
    assert_eq!(out[0][0].hedge.as_deref(), Some("reportedly"));
    assert_eq!(speaker(&actors, &out[1][0]), "Security sources");
    assert_eq!(out[1][0].attribution, ["AnonymousSourcing"]);
    assert_eq!(out[2].len(), 1, "{:?}", out[2]);
    assert_eq!(speaker(&actors, &out[2][0]), "Ruritania");
    assert_eq!(out[2][0].attribution, ["ReportedViaThirdParty"]);
    assert!(out[2][0].reported_by.is_some());
}

#[test]
fn a_denial_links_to_the_act_it_answers() {
    let (out, actors) =
        propose(&["Strelsau denied that it sheltered the rebels behind the attacks."]);
    let s = &out[0][0];
    assert_eq!(speaker(&actors, s), "Ruritania");
    assert_eq!(s.claims[0].act, "Denial");
    assert_eq!(s.links.len(), 1);
    assert_eq!(s.links[0].property, "denies");
    assert!(s.links[0].target.ends_with("borduria-blames-ruritania"));
}

#[test]
fn one_speaker_one_statement_and_two_speakers_two() {
    let (out, actors) = propose(&[
        "Borduria accused Strelsau of stalling, claiming the delays were deliberate.",
        "Representatives of Strelsau and Szohôd confirmed the breakdown.",
        "The minister said nothing.",
    ]);
    assert_eq!(out[0].len(), 1);
    let acts: Vec<&str> = out[0][0].claims.iter().map(|c| c.act).collect();
    assert_eq!(acts, ["Accusation", "PositionStatement"]);
    let both: Vec<String> = out[1].iter().map(|s| speaker(&actors, s)).collect();
    assert_eq!(both, ["Ruritania", "Borduria"]);
}

#[test]
fn things_that_are_not_actors_do_not_speak() {
    let (out, _) = propose(&["The failure to agree confirms that the truce was a pause."]);
    assert!(out[0][0].author, "{:?}", out[0]);
}

#[test]
fn acts_aimed_at_someone_propose_the_actor_they_name_as_target() {
    let (out, actors) = propose(&[
        "Borduria accused Strelsau of stalling the talks.",
        "Ruritania denied that it had sheltered rebels.",
        "Looming over the talks was the stark warning delivered by Ruritania’s Defence Minister, Anna Kovacs, in the days before the summit.",
        "Borduria said that Ruritania would host the next round.",
    ]);
    let target = |i: usize| {
        out[i][0].claims[0]
            .target
            .map_or("-".to_owned(), |a| actors.list[a].label.clone())
    };
    assert_eq!(target(0), "Ruritania", "the accused, named by an alias");
    assert_eq!(target(1), "-", "no one else is named: no target");
    assert!(acts::is_aimed(out[2][0].claims[0].act), "{:?}", out[2]);
    assert_eq!(target(2), "-", "the agent's own side is not the target");
    assert_eq!(out[3][0].claims[0].act, "MakeStatement");
    assert_eq!(target(3), "-", "a plain statement is aimed at no one");
}

#[test]
fn the_authors_words_of_loss_and_doubt_make_a_pessimistic_comment() {
    let (out, _) = propose(&[
        "The hopes of a settlement now lie in tatters.",
        "The border crossings have been shut since Monday.",
        "The talks will likely resume in spring.",
    ]);
    let act = |i: usize| out[i][0].claims[0].act;
    assert_eq!(act(0), "PessimisticComment");
    assert_eq!(act(1), "Assessment");
    assert_eq!(act(2), "Prediction");
}

#[test]
fn a_countrys_adjective_names_the_target_when_no_actor_is_named() {
    let (out, actors) = propose(&[
        "Borduria accused the Pakistani side of stalling.",
        "Borduria accused the other side of stalling.",
    ]);
    let target = |i: usize| {
        out[i][0].claims[0]
            .target
            .map_or("-".into(), |a| actors.list[a].label.clone())
    };
    assert_eq!(target(0), "Pakistan");
    assert_eq!(target(1), "-");
}

#[test]
fn an_aimed_act_naming_no_one_is_aimed_at_the_other_speaker_of_its_sentence() {
    let (out, actors) = propose(&[
        "The mistrust is fed by Ruritania’s denial of sheltering rebels, even as Borduria presses for the old guarantees.",
        "Ruritania insisted that it guards only its own border, a distinction Borduria found unacceptable.",
        "Ruritania denied that it had sheltered rebels, reports said.",
    ]);
    let aimed = |i: usize, j: usize| {
        let c = &out[i][j].claims[0];
        let target = c
            .target
            .map_or("-".into(), |a| actors.list[a].label.clone());
        (speaker(&actors, &out[i][j]), c.act, target)
    };
    assert_eq!(out[0].len(), 2, "{:?}", out[0]);
    assert_eq!(
        aimed(0, 0),
        ("Ruritania".into(), "Denial", "Borduria".into())
    );
    assert_eq!(
        aimed(0, 1),
        ("Borduria".into(), "Demand", "Ruritania".into())
    );
    assert_eq!(out[1].len(), 2, "{:?}", out[1]);
    assert_eq!(
        aimed(1, 1),
        ("Borduria".into(), "Rejection", "Ruritania".into())
    );
    // Unnamed reports are no side: the denial stays without a target.
    assert_eq!(aimed(2, 0).2, "-", "{:?}", out[2]);
}

#[test]
fn a_named_warning_is_spelled_out_by_the_next_sentence_of_its_speaker() {
    let (mut out, actors) = propose(&[
        "Over the talks hung the warning delivered by Borduria’s Defence Minister, Anna Kovacs.",
        "The minister said that the state would have to resort to open war with Strelsau.",
        "The minister said that the talks would resume in spring.",
    ]);
    let [first, then, plain] = [0, 1, 2].map(|i| out[i].remove(0));
    let mut warning = first.clone();
    warning.absorb(then);
    assert_eq!(warning.claims.len(), 1, "{:?}", warning.claims);
    let c = &warning.claims[0];
    assert_eq!(c.act, "MilitaryThreat");
    assert_eq!(
        c.target.map(|a| actors.list[a].label.as_str()),
        Some("Ruritania")
    );
    assert!(c.paraphrase.contains("open war"), "{}", c.paraphrase);
    // Words that name no one and no force do not bear on the warning: two claims.
    let mut other = first;
    other.absorb(plain);
    let acts: Vec<&str> = other.claims.iter().map(|c| c.act).collect();
    assert_eq!(acts, ["Threat", "MakeStatement"]);
    assert_eq!(other.claims[0].target, None);
}

#[test]
fn a_plain_cue_adds_no_claim_to_a_report() {
    let (out, _) = propose(&["Officials noted that the truce held, suggesting calm."]);
    let acts: Vec<&str> = out[0][0].claims.iter().map(|c| c.act).collect();
    assert_eq!(acts, ["Report"]);
}
