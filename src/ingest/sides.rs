//! Rules that read who answers whom and how, beyond the cue: the sides of a sentence and of the
//! document (an aimed act naming no one is aimed at the other speaker of its sentence, or at the
//! other main side; "both sides claim ..." is an accusation by each side against the other; a
//! rejected framing is a rebuttal of the side that framed it), act types from a claim's own
//! words ("found unacceptable" rejects, "a safe haven" or "evidence against" accuses, "what it
//! termed “precision strikes”" justifies, "unwillingness to commit" rejects, blame for explosions
//! is an accusation of aggression), a warning spelled out by its speaker's next sentence, and the
//! events an announcement or a blame answers.

use super::actors::{self, Actors};
use super::acts;
use super::cues::{self, Token, tokens};
use super::propose::{Claim, Link, Statement};

/// The rules that read the whole document: rebuttals of framings, the two main sides, and what
/// "both sides" say. The main sides, for `within`.
pub fn across(sentences: &mut [super::Sentence], actors: &mut Actors) -> Option<[usize; 2]> {
    rebut_framings(
        sentences.iter_mut().flat_map(|s| s.statements.iter_mut()),
        actors,
    );
    let pair = main_sides(sentences.iter().flat_map(|s| &s.statements), actors)?;
    for s in sentences.iter_mut() {
        both_sides(&s.segment.text, &mut s.statements, pair);
    }
    Some(pair)
}

/// The rules that read one sentence once its events are known (as (IRI, type)): act types from
/// the claim's words, then targets, then what the statements answer.
pub fn within(
    statements: &mut [Statement],
    events: &[(String, &str)],
    pair: Option<[usize; 2]>,
    actors: &Actors,
) {
    of_harbouring(statements);
    justifying(statements);
    of_refusal(statements);
    if let Some(pair) = pair {
        aim_at_named_side(statements, pair, actors);
    }
    let kinds: Vec<&str> = events.iter().map(|(_, kind)| *kind).collect();
    of_aggression(statements, &kinds);
    answer_events(statements, events);
}

/// Gives each aimed claim that has no target the first speaker of another statement of the
/// sentence that is neither its speaker nor who relays it, nor an anonymous source (unnamed
/// sources are not a side).
pub fn aim_at_other_side(statements: &mut [Statement], actors: &Actors) {
    let speakers: Vec<Option<usize>> = statements
        .iter()
        .map(|s| s.speaker.filter(|_| !s.author))
        .collect();
    for (i, s) in statements.iter_mut().enumerate() {
        let own = [s.speaker, s.reported_by];
        let other = speakers
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .filter_map(|(_, a)| *a)
            .find(|&a| !own.contains(&Some(a)) && actors.list[a].class != "AnonymousSource");
        for c in s.claims.iter_mut() {
            if c.target.is_none() && acts::is_aimed(c.act) {
                c.target = other;
            }
        }
    }
}

/// Words that, right after a cue, make what it reports a rejection: "a distinction Islamabad
/// found unacceptable", "which Kabul deemed untenable".
const REJECTING: &[&str] = &["unacceptable", "untenable", "inadmissible"];

/// How many words after its cue a rejecting word may stand ("found it wholly unacceptable").
const REJECTING_REACH: usize = 4;

/// The act type of a cue ending at token `last`, a rejection when a rejecting word follows it
/// closely; otherwise `act` unchanged.
pub fn rejecting(act: &'static str, toks: &[Token], last: usize) -> &'static str {
    let after = toks.iter().skip(last + 1).take(REJECTING_REACH);
    let mut words = after.take_while(|t| !matches!(t.lower.as_str(), "." | ";" | ","));
    if !acts::is_aimed(act) && words.any(|t| REJECTING.contains(&t.lower.as_str())) {
        "Rejection"
    } else {
        act
    }
}

/// "the stark warning delivered by the Defence Minister … . The minister said that … open war
/// with the ruling power in Kabul": when a statement's one claim is an aimed act its sentence
/// only names (no quote, no target) and the next sentence of the same speaker says a plain
/// something that bears on it (it names someone, or words that refine the act's type), that
/// something is the act's content: one claim, of the refined type, aimed at whom it names.
/// Whether the claims were merged.
pub fn spell_out(claims: &mut [Claim], next: &[Claim]) -> bool {
    let ([first], [then]) = (claims, next) else {
        return false;
    };
    if !acts::is_aimed(first.act)
        || first.target.is_some()
        || !first.quotes.is_empty()
        || then.act != "MakeStatement"
    {
        return false;
    }
    let act = cues::refine(first.act, &tokens(&then.paraphrase));
    if act == first.act && then.named.is_none() {
        return false;
    }
    first.act = act;
    first.label = then.label.clone();
    first.paraphrase = then.paraphrase.clone();
    first.quotes = then.quotes.clone();
    first.target = then.named;
    true
}

/// Event types of violence done to a side: blaming someone for one is an accusation of
/// aggression (cg:AccusationOfAggression, CAMEO 1123), not a plain accusation.
const VIOLENT: &[&str] = &[
    "Explosion",
    "MilitaryStrike",
    "Airstrike",
    "CrossBorderFire",
    "ArmedClash",
];

/// "explosions in central Kabul which the Afghan authorities attributed to Pakistan": the
/// accusations of a sentence that names a violent event are accusations of aggression.
pub fn of_aggression(statements: &mut [Statement], kinds: &[&str]) {
    if !kinds.iter().any(|k| VIOLENT.contains(k)) {
        return;
    }
    for c in statements.iter_mut().flat_map(|s| s.claims.iter_mut()) {
        if c.act == "Accusation" {
            c.act = "AccusationOfAggression";
        }
    }
}

/// What a rebuttal rejects: someone's words, not a demand ("rejected the framing of ...").
const FRAMINGS: &[&str] = &[
    "framing",
    "characterisation",
    "characterization",
    "narrative",
    "allegation",
    "allegations",
    "accusation",
    "accusations",
    "suggestion",
    "notion",
];

/// The country whose side an actor speaks for, as its label names it ("Pakistani security
/// sources", "Afghanistan-controlled state media", "Pakistan"); `None` for a bare name.
fn side(actors: &Actors, a: usize) -> Option<&'static str> {
    actors.list[a]
        .label
        .split(|c: char| c.is_whitespace() || c == '-')
        .find_map(|w| actors::country_of(w).or_else(|| actors::country_named(w)))
}

/// "The Afghan delegation rejected the framing of the issue as ...": a rejection of someone's
/// words is a rebuttal (CAMEO 1213), aimed at the other side, the country of the last speaker
/// before it who speaks for another side than its speaker; who the framing names is what it is
/// about, not whom it answers. `statements` in the order of the text.
pub fn rebut_framings<'s>(
    statements: impl Iterator<Item = &'s mut Statement>,
    actors: &mut Actors,
) {
    let mut sides_before: Vec<&'static str> = Vec::new();
    for s in statements.filter(|s| !s.author) {
        let Some(own) = s.speaker.and_then(|a| side(actors, a)) else {
            continue;
        };
        for c in s.claims.iter_mut().filter(|c| c.act == "Rejection") {
            let mut words = c.paraphrase.split_whitespace().map(str::to_lowercase);
            let framing = words
                .next()
                .is_some_and(|w| ["the", "these", "this"].contains(&w.as_str()))
                && words.next().is_some_and(|w| FRAMINGS.contains(&w.as_str()));
            if framing {
                c.act = "Rebuttal";
                let other = sides_before.iter().rev().find(|&&x| x != own);
                c.target = other.map(|x| actors.find_or_propose(x, "State", None));
            }
        }
        sides_before.push(own);
    }
}

/// Words that say someone shelters the armed ("a safe haven and operational base for militant
/// organizations", "emboldened and sheltered"): a position saying so accuses.
const HARBOURING: &[&str] = &[
    "haven",
    "havens",
    "sheltered",
    "sheltering",
    "shelters",
    "harbouring",
    "harboring",
    "harbours",
    "harbors",
];

/// "Islamabad insists that its primary concern is the continued utilization of Afghan territory
/// as a safe haven ... for militant organizations": a position or plain statement whose own words
/// say someone shelters the armed is an accusation (its target is left to the curator: the
/// territory's government is a reading).
pub fn of_harbouring(statements: &mut [Statement]) {
    for c in statements.iter_mut().flat_map(|s| s.claims.iter_mut()) {
        let words = tokens(&c.paraphrase);
        let harbours = words.iter().any(|t| HARBOURING.contains(&t.lower.as_str()));
        // "presented ... “actionable and concrete evidence” against these groups": the groups
        // are accused, and named.
        let evidence = words.windows(3).any(|w| {
            w[0].lower == "evidence" && (w[1].lower == "against" || w[2].lower == "against")
        });
        if (harbours || evidence) && matches!(c.act, "PositionStatement" | "MakeStatement") {
            c.act = "Accusation";
            if evidence {
                c.target = c.target.or(c.named);
            }
        }
    }
}

/// The two sides a document quotes most (by the country each speaker's label names), each as
/// the actor that speaks for it: its state or government, most quoted first.
pub fn main_sides<'s>(
    statements: impl Iterator<Item = &'s Statement>,
    actors: &Actors,
) -> Option<[usize; 2]> {
    let mut by_side: Vec<(&'static str, Vec<usize>)> = Vec::new();
    for a in statements.filter(|s| !s.author).filter_map(|s| s.speaker) {
        let Some(country) = side(actors, a) else {
            continue;
        };
        match by_side.iter_mut().find(|(c, _)| *c == country) {
            Some((_, list)) => list.push(a),
            None => by_side.push((country, vec![a])),
        }
    }
    // Most quoted first; ties keep the order of the text.
    by_side.sort_by_key(|(_, list)| std::cmp::Reverse(list.len()));
    // A side speaks through its state or government when the text quotes one; else through
    // the country's own actor when the table has it; else through whoever it quotes most.
    let official = |a: usize| ["State", "Government"].contains(&actors.list[a].class.as_str());
    let top = |country: &str, list: &[usize]| {
        let count = |a: usize| list.iter().filter(|&&x| x == a).count();
        let state = || actors.list.iter().position(|a| a.label == country);
        let quoted = |official_only: bool| {
            list.iter()
                .copied()
                .filter(|&a| !official_only || official(a))
                .max_by_key(|&a| (count(a), std::cmp::Reverse(a)))
        };
        quoted(true).or_else(state).or_else(|| quoted(false))
    };
    match by_side.as_slice() {
        [(c, a), (d, b), ..] => Some([top(c, a)?, top(d, b)?]),
        _ => None,
    }
}

/// "the continued utilization of Afghan territory as a safe haven": an aimed claim that names no
/// one but an adjective or name of the other main side's country is aimed at the actor that
/// speaks for that side (the government the text quotes, not the country as a place); a denial,
/// rejection, rebuttal or counter-accusation that names no one, at the other main side.
pub fn aim_at_named_side(statements: &mut [Statement], sides: [usize; 2], actors: &Actors) {
    for s in statements.iter_mut().filter(|s| !s.author) {
        let own = s.speaker.and_then(|a| side(actors, a));
        for c in s.claims.iter_mut() {
            if c.target.is_some() || !acts::is_aimed(c.act) {
                continue;
            }
            let named: Vec<&'static str> = tokens(&c.paraphrase)
                .iter()
                .filter(|t| t.is_capitalised())
                .filter_map(|t| {
                    actors::country_of(&t.text).or_else(|| actors::country_named(&t.text))
                })
                .collect();
            let other = |a: usize| side(actors, a).is_some_and(|x| own.is_some_and(|o| o != x));
            c.target = sides
                .into_iter()
                .find(|&a| other(a) && named.contains(&side(actors, a).unwrap_or("")))
                // A reply of one side that names no one answers the other: "the Afghan
                // government ... denied the scale of the sanctuary problem".
                .or_else(|| {
                    let reply = matches!(
                        c.act,
                        "Denial" | "Rejection" | "Rebuttal" | "CounterAccusation"
                    );
                    sides.into_iter().find(|&a| reply && other(a))
                });
        }
    }
}

/// Words that say each side accuses the other.
const BOTH_SIDES: &[&str] = &[
    "both sides claim",
    "both sides accuse",
    "both sides say",
    "both sides blame",
    "each side accuses",
    "each side blames",
];

/// "It has devolved into a standoff where both sides claim the other walked away": besides the
/// author's reading, a statement by each of the document's two main sides, accusing the other,
/// in the author's paraphrase. `sides` from `main_sides`.
pub fn both_sides(text: &str, statements: &mut Vec<Statement>, sides: [usize; 2]) {
    let lower = text.to_lowercase();
    let Some(cue) = BOTH_SIDES.iter().find(|c| lower.contains(*c)) else {
        return;
    };
    let [Some(author)] = [statements
        .first()
        .filter(|s| s.author && statements.len() == 1)]
    else {
        return;
    };
    let at = lower.find(cue).map_or(0, |i| i + cue.len());
    let said = text[at..].trim().trim_end_matches('.');
    let said = said.strip_prefix("that ").unwrap_or(said);
    let mut made = Vec::new();
    for (speaker, other) in [(sides[0], sides[1]), (sides[1], sides[0])] {
        let mut s = author.clone();
        s.speaker = Some(speaker);
        s.author = false;
        s.attribution = vec!["Paraphrase"];
        s.channel = None;
        s.confidence = 0.5;
        s.cues = vec![format!(
            "{cue} (each of the two sides the text quotes most)"
        )];
        s.dating.latest = s.dating.date.take().or(s.dating.latest);
        s.claims.truncate(1);
        let c = &mut s.claims[0];
        c.act = "Accusation";
        c.target = Some(other);
        c.quotes.clear();
        let mut chars = said.chars();
        let said = chars
            .next()
            .map_or(String::new(), |f| f.to_uppercase().chain(chars).collect());
        c.label = said.clone();
        c.paraphrase = format!("{said}.");
        made.push(s);
    }
    statements.extend(made);
}

/// Words that say a side will not do what is asked of it.
const REFUSING: &[&str] = &[
    "unwillingness",
    "unwilling",
    "refusal",
    "refused",
    "refuses",
    "refuse",
];

/// "sources close to the Afghan negotiating team indicated that the Afghan side expressed an
/// inability or unwillingness to commit fully to reins on groups like the Pakistani Taliban": a
/// party's statement that it will not do what is asked rejects the ask.
pub fn of_refusal(statements: &mut [Statement]) {
    for c in statements
        .iter_mut()
        .filter(|s| !s.author)
        .flat_map(|s| s.claims.iter_mut())
    {
        let refuses = tokens(&c.paraphrase)
            .iter()
            .any(|t| REFUSING.contains(&t.lower.as_str()));
        if refuses && matches!(c.act, "PositionStatement" | "MakeStatement") {
            c.act = "Rejection";
        }
    }
}

/// Words of a naming that make what is named lawful or measured.
const LEGITIMATING: &[&str] = &[
    "legitimate",
    "logical",
    "lawful",
    "justified",
    "necessary",
    "precision",
    "proportionate",
    "defensive",
    "self-defence",
    "self-defense",
];

/// Naming verbs: "what it termed", "what Islamabad deemed", "what its officials called".
const NAMING: &[&str] = &["termed", "deemed", "called", "described"];

/// "a military response from Islamabad targeting what it termed “precision strikes”", "what
/// Islamabad deemed “logical and legitimate demands”": a statement that only names its own act
/// or demand, in words that make it lawful or measured, is a justification
/// (cg:Justification).
pub fn justifying(statements: &mut [Statement]) {
    for s in statements.iter_mut() {
        let naming = s.cues.iter().any(|c| {
            let word = c.split(' ').next().unwrap_or("");
            NAMING.contains(&word)
        });
        for c in s.claims.iter_mut().filter(|_| naming) {
            let lawful = c.quotes.iter().any(|q| {
                let words = tokens(q);
                words
                    .iter()
                    .any(|t| LEGITIMATING.contains(&t.lower.as_str()))
            });
            if lawful && matches!(c.act, "PositionStatement" | "MakeStatement") {
                c.act = "Justification";
            }
        }
    }
}

/// "Tarar announced that the dialogue failed", "explosions ... which the Afghan authorities
/// attributed to Pakistan": an announcement or confirmation reports the outcome of the event
/// its sentence names, and an accusation of aggression comments on the violent one, so each
/// answers that event (`cg:answers`, ontology/claimgraph.ttl). `events`: the sentence's events
/// as (IRI, type), in the order of the text.
pub fn answer_events(statements: &mut [Statement], events: &[(String, &str)]) {
    for s in statements.iter_mut().filter(|s| !s.author) {
        let reports = s
            .claims
            .iter()
            .any(|c| matches!(c.act, "Announcement" | "Confirmation"));
        let blames = s.claims.iter().any(|c| c.act == "AccusationOfAggression");
        let event = if blames {
            events.iter().find(|(_, kind)| VIOLENT.contains(kind))
        } else if reports {
            events.first()
        } else {
            None
        };
        if let Some((iri, _)) = event
            && !s.links.iter().any(|l| l.target == *iri)
        {
            s.links.push(Link {
                property: "answers",
                target: iri.clone(),
                why: if blames {
                    "blames someone for the event".into()
                } else {
                    "reports how the event went".into()
                },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::cues::tokens;

    #[test]
    fn a_cue_closely_followed_by_unacceptable_is_a_rejection() {
        let toks = tokens("a distinction Islamabad found unacceptable.");
        let found = toks.iter().position(|t| t.lower == "found").unwrap();
        assert_eq!(rejecting("PositionStatement", &toks, found), "Rejection");
        let toks = tokens("Islamabad found that the talks, in the end, were unacceptable.");
        let found = toks.iter().position(|t| t.lower == "found").unwrap();
        assert_eq!(
            rejecting("PositionStatement", &toks, found),
            "PositionStatement"
        );
        // An act already aimed keeps its own type: "denied …, calling it unacceptable".
        assert_eq!(
            rejecting("Denial", &tokens("denied unacceptable"), 0),
            "Denial"
        );
    }

    /// A draft of a text written for these tests, with an empty actor table.
    fn draft(text: &str) -> crate::ingest::Draft {
        crate::ingest::testing::draft("sides", text)
    }

    #[test]
    fn rejecting_a_framing_rebuts_the_other_side_that_spoke_before() {
        let d = draft(
            "Pakistani officials said the rebels shelter across the border.\nThe Afghan delegation rejected the framing of the dispute as a matter of shelter.\nThe Afghan delegation rejected the demand for guarantees.\n",
        );
        let claims: Vec<(&str, Option<&str>)> = d
            .sentences
            .iter()
            .flat_map(|s| &s.statements)
            .flat_map(|s| &s.claims)
            .map(|c| (c.act, c.target.map(|a| d.actors.list[a].label.as_str())))
            .collect();
        assert_eq!(
            claims[1..],
            [
                ("Rebuttal", Some("Pakistan")),
                ("Rejection", Some("Pakistan"))
            ],
            "{claims:?}"
        );
    }

    #[test]
    fn an_announced_outcome_or_blame_for_a_violent_event_answers_the_event() {
        let d = draft(
            "Ruritania announced that the talks in Strelsau had failed.\nBorduria blamed Ruritania for the explosions in Strelsau.\nRuritania said that the talks in Strelsau would resume.\n",
        );
        let links: Vec<Vec<(&str, &str)>> = d
            .sentences
            .iter()
            .flat_map(|s| &s.statements)
            .map(|s| {
                s.links
                    .iter()
                    .map(|l| (l.property, l.target.rsplit('/').next().unwrap_or("")))
                    .collect()
            })
            .collect();
        assert_eq!(
            links,
            [
                vec![("answers", "strelsau-talks")],
                vec![("answers", "strelsau-explosions")],
                vec![],
            ],
            "{links:?}"
        );
    }

    #[test]
    fn a_position_that_someone_shelters_militants_or_evidence_against_someone_accuses() {
        let d = draft(
            "Borduria said that the talks had ended.\nRuritania insists that Bordurian territory is a safe haven for the rebels.\nRuritania insists that the border must stay open.\nRuritania claimed to hold evidence against Borduria.\n",
        );
        let acts: Vec<(&str, Option<&str>)> = d
            .sentences
            .iter()
            .flat_map(|s| &s.statements)
            .map(|s| {
                let c = &s.claims[0];
                (c.act, c.target.map(|a| d.actors.list[a].label.as_str()))
            })
            .collect();
        assert_eq!(
            acts,
            [
                ("MakeStatement", None),
                ("Accusation", None),
                ("PositionStatement", None),
                ("Accusation", Some("Borduria"))
            ]
        );
    }

    #[test]
    fn naming_ones_own_act_as_lawful_justifies_it() {
        let d = draft(
            "The fire drew a response from Ruritania targeting what it termed “precision strikes” against rebel camps.\nThe fire drew a response from Ruritania targeting what it termed “reprisals” against rebel camps.\n",
        );
        let acts: Vec<&str> = d
            .sentences
            .iter()
            .flat_map(|s| &s.statements)
            .flat_map(|s| &s.claims)
            .map(|c| c.act)
            .collect();
        assert_eq!(acts, ["Justification", "PositionStatement"]);
    }

    #[test]
    fn both_sides_claiming_is_an_accusation_by_each_main_side_against_the_other() {
        let d = draft(
            "Turkish officials said that the match had ended.\nQatari officials said that the match had ended.\nTurkish officials said that they would wait.\nIt is a standoff where both sides claim the other walked away.\nIt is a standoff.\n",
        );
        let said: Vec<(String, &str, String)> = d.sentences[3]
            .statements
            .iter()
            .map(|s| {
                let label =
                    |a: Option<usize>| a.map_or("-".into(), |a| d.actors.list[a].label.clone());
                (label(s.speaker), s.claims[0].act, label(s.claims[0].target))
            })
            .collect();
        assert_eq!(said.len(), 3, "{said:?}");
        assert_eq!(
            said[1],
            (
                "Turkish officials".into(),
                "Accusation",
                "Qatari officials".into()
            )
        );
        assert_eq!(
            said[2],
            (
                "Qatari officials".into(),
                "Accusation",
                "Turkish officials".into()
            )
        );
        assert_eq!(
            d.sentences[3].statements[1].claims[0].paraphrase,
            "The other walked away."
        );
        assert_eq!(d.sentences[4].statements.len(), 1);
    }

    #[test]
    fn an_accusation_naming_the_other_sides_country_is_aimed_at_its_speaker() {
        let d = draft(
            "Turkish officials said that the match had ended.\nQatari officials said that the match had ended.\nQatari officials said that they would wait.\nTurkish officials insist that Qatari territory is a safe haven for the rebels.\nTurkish officials insist that their own territory is a safe haven for the rebels.\nQatari officials denied the scale of the problem.\n",
        );
        let target = |n: usize| {
            let c = &d.sentences[n].statements[0].claims[0];
            (c.act, c.target.map(|a| d.actors.list[a].label.as_str()))
        };
        assert_eq!(target(3), ("Accusation", Some("Qatari officials")));
        assert_eq!(target(4), ("Accusation", None));
        // A reply that names no one answers the other main side.
        assert_eq!(target(5), ("Denial", Some("Turkish officials")));
    }

    #[test]
    fn saying_one_will_not_do_what_is_asked_is_a_rejection() {
        let d = draft(
            "Ruritania said that it is unwilling to reopen the border.\nRuritania said that it will reopen the border.\n",
        );
        assert_eq!(
            crate::ingest::testing::first_acts(&d),
            ["Rejection", "MakeStatement"]
        );
    }
}
