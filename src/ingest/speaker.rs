//! Who speaks: the phrase a cue points at (the subject left of a verb, the agent after "by",
//! "from", "among" or "according to", the possessor of a noun) and the actor it names, resolved
//! against the actor table, by coreference, or proposed new.

use super::actors::{self, Actors};
use super::cues::Token;

/// Words between a subject and its verb: auxiliaries and adverbs.
const BETWEEN: &[&str] = &[
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "been",
    "be",
    "will",
    "would",
    "could",
    "may",
    "might",
    "also",
    "already",
    "consistently",
    "repeatedly",
    "publicly",
    "immediately",
    "reportedly",
    "allegedly",
    "officially",
    "later",
    "earlier",
    "again",
    "further",
    "then",
    "previously",
    "not",
    "never",
    "strongly",
    "firmly",
    "swiftly",
    "quickly",
    "flatly",
    "categorically",
    "vehemently",
    "conversely",
    "however",
    "once",
    "now",
    "still",
    "privately",
    "openly",
    "separately",
    "jointly",
    "apparently",
    "explicitly",
    "formally",
    "initially",
    "subsequently",
    "in",
    "turn",
    "too",
    "first",
    "last",
    "reiterated",
];

/// Words that end a subject on its left, or an agent phrase on its right.
const BOUNDARY: &[&str] = &[
    "that", "which", "who", "whom", "while", "whereas", "when", "where", "because", "although",
    "though", "if", "unless", "since", "after", "before", "until", "as", "but", "so", "yet",
    "whether", "what", "than", "wherein",
];

/// Words that end an agent phrase on its right ("by X in the days ...", "from X for Y").
const RIGHT_STOPS: &[&str] = &[
    "in", "on", "at", "during", "for", "to", "is", "are", "was", "were", "has", "have", "had",
    "about", "against", "over", "with", "said", "says", "of", "into", "after", "before",
];

const PUNCTUATION_STOPS: &[&str] = &[";", ":", "—", "–", "(", ")", "“", "”", "\"", ",", "."];

const PRONOUNS: &[&str] = &["it", "they", "he", "she"];

/// Who a cue names, and how sure the reading is.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    pub actor: usize,
    /// Read from context (a pronoun, "the minister"), not from a name.
    pub coreferent: bool,
    /// Tokens of the phrase that named it.
    pub span: (usize, usize),
}

/// The tokens a verb's subject spans: left of the verb, past auxiliaries and adverbs, back to a
/// clause boundary. `None` when nothing stands there (a coordinated verb, "as detailed in").
pub fn subject_span(toks: &[Token], verb: usize) -> Option<(usize, usize)> {
    let mut end = verb;
    while end > 0 {
        let t = &toks[end - 1];
        let aside = t.text == ","
            && end >= 3
            && BETWEEN.contains(&toks[end - 2].lower.as_str())
            && toks[end - 3].text == ",";
        if aside {
            end -= 3;
        } else if BETWEEN.contains(&t.lower.as_str()) {
            end -= 1;
        } else {
            break;
        }
    }
    let last = end.checked_sub(1)?;
    if toks[last].text == "," {
        return appositive(toks, last);
    }
    // "state media (RTA) suggested": the bracket belongs to the subject.
    let mut first = last;
    if toks[last].text == ")" {
        first = (0..last).rev().find(|&i| toks[i].text == "(")?;
    } else if !toks[last].is_word()
        || BOUNDARY.contains(&toks[last].lower.as_str())
        || toks[last].lower == "and"
    {
        return None;
    }
    while first > 0 && last - first < 12 {
        let t = &toks[first - 1];
        let stop =
            PUNCTUATION_STOPS.contains(&t.text.as_str()) || BOUNDARY.contains(&t.lower.as_str());
        if stop {
            break;
        }
        first -= 1;
    }
    // "..., and reports say": the conjunction that joins the clause is not part of its subject.
    while first < last && ["and", "but", "or"].contains(&toks[first].lower.as_str()) {
        first += 1;
    }
    Some((first, last))
}

/// "Pakistan’s Information Minister, Attaullah Tarar, announced": the name between the commas.
fn appositive(toks: &[Token], comma: usize) -> Option<(usize, usize)> {
    let open = (0..comma)
        .rev()
        .find(|&i| toks[i].text == "," || PUNCTUATION_STOPS.contains(&toks[i].text.as_str()))?;
    (open + 1 < comma
        && toks[open + 1..comma]
            .iter()
            .all(|t| t.is_word() && t.is_capitalised()))
    .then_some((open + 1, comma - 1))
}

/// The agent phrase that starts at `from` and runs right to a stop ("by X, Name, in ...").
pub fn right_span(toks: &[Token], from: usize) -> Option<(usize, usize)> {
    let mut last = from;
    while last < toks.len() {
        let t = &toks[last];
        if PUNCTUATION_STOPS.contains(&t.text.as_str())
            || BOUNDARY.contains(&t.lower.as_str())
            || (last > from && RIGHT_STOPS.contains(&t.lower.as_str()))
        {
            break;
        }
        last += 1;
    }
    if last == from {
        return None;
    }
    // "by Pakistan’s Defence Minister, Khawaja Asif, in ...": prefer the name after the comma.
    if toks.get(last).is_some_and(|t| t.text == ",") {
        let mut end = last + 1;
        while end < toks.len() && toks[end].is_word() && toks[end].is_capitalised() {
            end += 1;
        }
        if end > last + 1 && toks.get(end).is_none_or(|t| !t.is_word()) {
            return Some((last + 1, end - 1));
        }
    }
    Some((from, last - 1))
}

/// The phrase that owns a noun: "Kabul’s denial", "the current Taliban government’s denial".
pub fn possessor_span(toks: &[Token], noun: usize) -> Option<(usize, usize)> {
    let owner = (noun.saturating_sub(3)..noun)
        .rev()
        .find(|&i| toks[i].possessor().is_some())?;
    let mut first = owner;
    while first > 0
        && toks[first - 1].is_word()
        && !["the", "a", "an", "this", "that"].contains(&toks[first - 1].lower.as_str())
        && !BOUNDARY.contains(&toks[first - 1].lower.as_str())
        && owner - first < 5
    {
        first -= 1;
    }
    Some((first, owner))
}

/// Resolves the phrase `toks[first..=last]` to actors. `context` is the last speaker named
/// before this phrase (in this sentence or the ones before), for pronouns and "the minister".
pub fn resolve(
    actors: &mut Actors,
    toks: &[Token],
    (first, last): (usize, usize),
    context: Option<usize>,
) -> Vec<Speaker> {
    let at = |actor: usize, coreferent: bool| Speaker {
        actor,
        coreferent,
        span: (first, last),
    };
    let phrase: Vec<&Token> = toks[first..=last].iter().filter(|t| t.is_word()).collect();
    let text = phrase
        .iter()
        .map(|t| t.possessor().unwrap_or(&t.text))
        .collect::<Vec<_>>()
        .join(" ");
    if phrase.is_empty() {
        return Vec::new();
    }
    if phrase.len() == 1 && PRONOUNS.contains(&phrase[0].lower.as_str()) {
        let earlier = earlier_actor(actors, toks, first).or(context);
        return earlier.map(|a| vec![at(a, true)]).unwrap_or_default();
    }
    if let Some(a) = actors.exact(&text).or_else(|| actors.containing(&text)) {
        return vec![at(a, false)];
    }
    let names = actors.names_in(toks, first, last + 1);
    let joined = names.len() >= 2
        && names
            .windows(2)
            .all(|w| toks[w[0].1 + 1..w[1].0].iter().any(|t| t.lower == "and"));
    if joined {
        return names.iter().map(|n| at(n.2, false)).collect();
    }
    let runs = actors::capitalised_runs(toks, first, last + 1);
    let runs_joined = names.is_empty()
        && runs.len() >= 2
        && runs
            .windows(2)
            .all(|w| toks[w[0].1 + 1..w[1].0].iter().any(|t| t.lower == "and"));
    if runs_joined {
        return runs
            .iter()
            .map(|&(f, l)| {
                let name = words(&toks[f..=l]);
                let a = match actors.country_of(&name) {
                    Some(c) => c,
                    None => actors.find_or_propose(&name, class_of_name(&name), None),
                };
                at(a, false)
            })
            .collect();
    }
    let head = actors::head_class(&phrase);
    // "officials from Islamabad" are officials; "Islamabad" alone, or "Pakistan’s X", is Pakistan.
    let head_first = head.is_some()
        && names
            .first()
            .is_none_or(|n| phrase[0].start < toks[n.0].start);
    if let (Some(n), false) = (names.last(), head_first) {
        return vec![at(n.2, false)];
    }
    if let Some(a) = definite_title(actors, &phrase, context) {
        return vec![at(a, true)];
    }
    if let Some(a) = new_actor(actors, toks, (first, last), &phrase, head) {
        return vec![at(a, false)];
    }
    Vec::new()
}

/// The last actor named in the sentence before token `before`.
fn earlier_actor(actors: &mut Actors, toks: &[Token], before: usize) -> Option<usize> {
    if let Some(n) = actors.names_in(toks, 0, before).last() {
        return Some(n.2);
    }
    let (f, l) = *actors::capitalised_runs(toks, 1, before).last()?;
    let label = words(&toks[f..=l]);
    Some(actors.find_or_propose(&label, class_of_name(&label), None))
}

/// "the minister", "the spokesman": the last person spoken of, when the title fits.
fn definite_title(actors: &Actors, phrase: &[&Token], context: Option<usize>) -> Option<usize> {
    let [det, title] = phrase else { return None };
    let is_title = det.lower == "the" && actors::is_title(&title.lower);
    let person = context.filter(|&a| actors.list[a].class == "Person")?;
    is_title.then_some(person)
}

/// A new actor for a phrase that names one: a person's name, an organisation's acronym, or a
/// phrase with a speaker's head noun ("Pakistani security sources").
fn new_actor(
    actors: &mut Actors,
    toks: &[Token],
    (first, last): (usize, usize),
    phrase: &[&Token],
    head: Option<&'static str>,
) -> Option<usize> {
    // "state media (RTA)": the acronym in brackets is the name.
    if let Some(acronym) = bracketed_acronym(toks, first, last) {
        let class = head.unwrap_or("Organization");
        let i = actors.find_or_propose(&acronym, class, Some(words(&toks[first..=last])));
        return Some(i);
    }
    let runs = actors::capitalised_runs(toks, first, last + 1);
    if let Some(&(f, l)) = runs.last().filter(|_| head.is_none_or(|h| h == "Person")) {
        let name = words(&toks[f..=l]);
        // "the Afghan side": a demonym alone stands for its country.
        if f == l {
            if let Some(c) = actors.country_of(&name) {
                return Some(c);
            }
        }
        let described = (f > first).then(|| words(&toks[first..f]));
        let class = class_of_name(&name);
        let i = actors.find_or_propose(&name, class, described);
        if class == "Person" {
            add_surname(actors, i);
        }
        return Some(i);
    }
    let class = head?;
    let label = plain_label(phrase);
    Some(actors.find_or_propose(&label, class, None))
}

fn bracketed_acronym(toks: &[Token], first: usize, last: usize) -> Option<String> {
    let open = (first..last).find(|&i| toks[i].text == "(")?;
    let inner = toks.get(open + 1)?;
    let closes = toks.get(open + 2).is_some_and(|t| t.text == ")");
    (closes && inner.text.len() >= 2 && inner.text.chars().all(|c| c.is_ascii_uppercase()))
        .then(|| inner.text.clone())
}

/// A person is two or more capitalised words; one upper-case word is an organisation's
/// acronym; a country is a country; anything else is an organisation for the curator to type.
fn class_of_name(name: &str) -> &'static str {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() >= 2 && !words.iter().any(|w| actors::head_class_word(w).is_some()) {
        "Person"
    } else if actors::is_country(name) {
        "State"
    } else {
        "Organization"
    }
}

/// "Attaullah Tarar" is also "Tarar" further on.
fn add_surname(actors: &mut Actors, i: usize) {
    let surname = actors.list[i]
        .label
        .split_whitespace()
        .last()
        .map(str::to_owned);
    if let Some(s) = surname.filter(|s| *s != actors.list[i].label) {
        actors.add_alias(i, &s);
    }
}

/// The phrase as a label: without its opening article, a common first word in lower case.
fn plain_label(phrase: &[&Token]) -> String {
    let skip = usize::from(
        phrase
            .first()
            .is_some_and(|t| ["the", "a", "an"].contains(&t.lower.as_str())),
    );
    let mut label = words_ref(&phrase[skip..]);
    if let Some(first) = phrase.get(skip) {
        let common = actors::head_class_word(&first.lower).is_some() || first.lower == "reports";
        if common {
            label.replace_range(..first.text.len(), &first.lower);
        }
    }
    label
}

fn words(toks: &[Token]) -> String {
    let mut out = String::new();
    for t in toks {
        let glue = t.text == ")" || t.text == "," || out.ends_with('(') || out.is_empty();
        if !glue {
            out.push(' ');
        }
        out.push_str(&t.text);
    }
    out
}

fn words_ref(toks: &[&Token]) -> String {
    toks.iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::actors::Actor;
    use super::super::cues::tokens;
    use super::*;

    fn table() -> Actors {
        let a = Actor::known;
        Actors::new(
            vec![
                a("pakistan", "Pakistan", &["Islamabad"], "State"),
                a(
                    "kabul",
                    "Afghan Taliban government",
                    &["Kabul"],
                    "Government",
                ),
            ],
            [],
        )
    }

    fn subject(sentence: &str, verb: &str) -> Option<String> {
        let toks = tokens(sentence);
        let v = toks.iter().position(|t| t.lower == verb).unwrap();
        subject_span(&toks, v).map(|(f, l)| words(&toks[f..=l]))
    }

    fn speakers(sentence: &str, verb: &str, actors: &mut Actors) -> Vec<String> {
        let toks = tokens(sentence);
        let v = toks.iter().position(|t| t.lower == verb).unwrap();
        let span = subject_span(&toks, v).unwrap();
        resolve(actors, &toks, span, None)
            .iter()
            .map(|s| actors.list[s.actor].label.clone())
            .collect()
    }

    #[test]
    fn subjects_stop_at_clause_boundaries_and_skip_adverbs() {
        assert_eq!(
            subject(
                "The Afghan delegation, conversely, rejected the framing",
                "rejected"
            )
            .as_deref(),
            Some("The Afghan delegation")
        );
        assert_eq!(
            subject(
                "Pakistan’s Information Minister, Attaullah Tarar, announced",
                "announced"
            )
            .as_deref(),
            Some("Attaullah Tarar")
        );
        assert_eq!(
            subject(
                "explosions which the Afghan authorities immediately attributed to",
                "attributed"
            )
            .as_deref(),
            Some("the Afghan authorities")
        );
        assert_eq!(
            subject("a truce as detailed in Section V", "detailed"),
            None
        );
        assert_eq!(subject("Kabul insisted on X and denied Y", "denied"), None);
        assert_eq!(
            subject("Villages have been closed, and reports say that", "say").as_deref(),
            Some("reports")
        );
        assert_eq!(
            subject("Pakistan and Afghanistan said", "said").as_deref(),
            Some("Pakistan and Afghanistan")
        );
    }

    #[test]
    fn speakers_are_known_actors_new_people_or_anonymous_sources() {
        let mut a = table();
        assert_eq!(
            speakers(
                "representatives from Islamabad and Kabul confirmed it",
                "confirmed",
                &mut a
            ),
            ["Pakistan", "Afghan Taliban government"]
        );
        assert_eq!(
            speakers(
                "Pakistani security sources confirmed that",
                "confirmed",
                &mut a
            ),
            ["Pakistani security sources"]
        );
        assert_eq!(a.list.last().unwrap().class, "AnonymousSource");
        assert_eq!(
            speakers(
                "Pakistan’s Information Minister, Attaullah Tarar, announced",
                "announced",
                &mut a
            ),
            ["Attaullah Tarar"]
        );
        assert_eq!(
            speakers("Tarar accused them", "accused", &mut a),
            ["Attaullah Tarar"],
            "a surname names the person again"
        );
        assert_eq!(
            speakers("Traders have reported that", "reported", &mut a),
            ["traders"]
        );
        assert_eq!(
            speakers(
                "Afghanistan-controlled state media (RTA) suggested",
                "suggested",
                &mut a
            ),
            ["RTA"]
        );
        assert_eq!(a.list.last().unwrap().class, "MediaOutlet");
        assert!(
            speakers(
                "The failure to find a solution confirms that",
                "confirms",
                &mut a
            )
            .is_empty()
        );
    }

    #[test]
    fn pronouns_and_titles_take_the_actor_before_them() {
        let mut a = table();
        let toks = tokens("a response from Islamabad targeting what it termed strikes");
        let v = toks.iter().position(|t| t.lower == "termed").unwrap();
        let span = subject_span(&toks, v).unwrap();
        let found = resolve(&mut a, &toks, span, None);
        assert_eq!(found[0].actor, 0);
        assert!(found[0].coreferent);
        let asif = a.find_or_propose("Khawaja Asif", "Person", None);
        let toks = tokens("The minister publicly articulated that");
        let span = subject_span(&toks, 3).unwrap();
        assert_eq!(resolve(&mut a, &toks, span, Some(asif))[0].actor, asif);
    }

    #[test]
    fn agents_and_possessors_are_found_right_and_left() {
        let toks = tokens(
            "the warning delivered by Pakistan’s Defence Minister, Khawaja Asif, in the days",
        );
        let by = toks.iter().position(|t| t.lower == "by").unwrap();
        let (f, l) = right_span(&toks, by + 1).unwrap();
        assert_eq!(words(&toks[f..=l]), "Khawaja Asif");
        let toks = tokens("the call from international bodies like the UNHCR for Pakistan");
        let (f, l) = right_span(&toks, 3).unwrap();
        assert_eq!(words(&toks[f..=l]), "international bodies like the UNHCR");
        let toks = tokens("driven by the current Taliban government’s denial of it");
        let noun = toks.iter().position(|t| t.lower == "denial").unwrap();
        let (f, l) = possessor_span(&toks, noun).unwrap();
        assert_eq!(words(&toks[f..=l]), "current Taliban government’s");
    }
}
