//! Events a report names ("the Istanbul talks", "explosions in central Kabul", "the border
//! fighting"), read over the whole document: an event noun gives the event type, a place or
//! modifier beside it names the event (`event:istanbul-talks`, as ontology/README.md names
//! events), and a bare "the talks" refers to the event of that type the text names most. An
//! event or place already in the graph under the same name is reused, not introduced again.

use super::actors::slug;
use super::status::{self, Status};
use std::collections::{HashMap, HashSet};

/// An event the document names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The local name of `event:...`.
    pub local: String,
    /// The source's words that first name it with its place or modifier.
    pub label: String,
    /// Local name of a concept of `cg:EventTypeScheme`.
    pub kind: &'static str,
    /// The place it happened: (local name of `place:...`, label), when a place names it.
    pub place: Option<(String, String)>,
    /// Already in the graph: referred to, not introduced.
    pub existing: bool,
    /// The place is already in the graph.
    pub place_existing: bool,
    /// Who carried it out, as the text names it: the adjective of the country that names an
    /// act ("Pakistani" of "Pakistani strikes"); `cg:agent` (ontology/README.md).
    pub agent_demonym: Option<String>,
    /// That country in the draft's actor table, once resolved.
    pub agent: Option<usize>,
}

/// Event types that are acts someone carries out, whose agent a country's adjective names.
const ACTS: &[&str] = &[
    "MilitaryStrike",
    "Airstrike",
    "CrossBorderFire",
    "Deportation",
];

/// Event nouns and the type each gives. "closure" needs what was closed (see `kind_of`).
const NOUNS: &[(&str, &str)] = &[
    ("talks", "Talks"),
    ("negotiations", "Talks"),
    ("dialogue", "Talks"),
    ("summit", "Talks"),
    ("ceasefire", "Ceasefire"),
    ("truce", "Ceasefire"),
    ("fighting", "ArmedClash"),
    ("clashes", "ArmedClash"),
    ("explosions", "Explosion"),
    ("explosion", "Explosion"),
    ("blasts", "Explosion"),
    ("airstrikes", "Airstrike"),
    ("strikes", "MilitaryStrike"),
    ("closure", "BorderClosure"),
    ("repatriation", "Deportation"),
    ("deportations", "Deportation"),
];

/// Capitalised words before a noun that are not names.
const DETERMINERS: &[&str] = &[
    "The", "These", "This", "Those", "That", "Its", "Their", "Any", "Further", "Renewed", "Such",
    "New", "Both", "Several", "All", "Our", "His", "Her", "A", "An",
];

/// Modifiers that make a narrower type of event, and that type: "fire" is an event only so
/// modified.
const MODIFIED: &[(&str, &str)] = &[
    ("unilateral", "UnilateralCeasefire"),
    ("retaliatory", "CrossBorderFire"),
    ("cross-border", "CrossBorderFire"),
];

/// The type an event noun gives in its sentence, after the word before it.
fn kind_of(noun: &str, before: Option<&str>, sentence: &str) -> Option<&'static str> {
    let lower = noun.to_lowercase();
    let narrower = MODIFIED.iter().find(|(w, k)| {
        before == Some(*w)
            && match *k {
                "CrossBorderFire" => lower == "fire",
                _ => lower == "ceasefire" || lower == "truce",
            }
    });
    if let Some((_, k)) = narrower {
        return Some(k);
    }
    let kind = NOUNS.iter().find(|(n, _)| *n == lower)?.1;
    if kind != "BorderClosure" {
        return Some(kind);
    }
    let s = sentence.to_lowercase();
    if s.contains("crossing") || s.contains("border") {
        Some("BorderClosure")
    } else if s.contains("camp") || s.contains("refugee village") {
        Some("CampClosure")
    } else {
        // What was closed is not said here: the closure the text names elsewhere, if any.
        Some(CLOSURE)
    }
}

/// A closure whose sentence does not say what was closed ("the closure of these arteries").
const CLOSURE: &str = "Closure";

/// One occurrence of an event noun: its type, and the name beside it if any.
#[derive(Debug, Clone)]
struct Occurrence {
    sentence: usize,
    /// Its word, among the sentence's words.
    at: usize,
    kind: &'static str,
    noun: String,
    /// "Istanbul" of "the Istanbul talks" or "talks in Istanbul", "border" of "border fighting".
    name: Option<String>,
    /// Whether `name` is a place.
    place: bool,
    /// "during the talks", "while the talks were underway": what is said happened during it.
    during: bool,
    /// "a repatriation drive": new, so it does not refer back to an event of its type.
    new: bool,
}

fn clean(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
}

fn occurrences(number: usize, sentence: &str) -> Vec<Occurrence> {
    let ws: Vec<&str> = status::split(sentence);
    let mut out = Vec::new();
    for (i, raw) in ws.iter().enumerate() {
        let noun = clean(raw);
        let before = (i > 0)
            .then(|| ws[i - 1])
            .filter(|b| !b.ends_with([',', ';', ':']));
        let before = before.map(clean).filter(|b| !b.is_empty());
        let Some(kind) = kind_of(noun, before, sentence) else {
            continue;
        };
        // "the closure of these arteries" refers back; "the closure of the school" is another.
        let refers_back = ws.get(i + 1).is_none_or(|w| clean(w) != "of")
            || ws.get(i + 2).is_some_and(|w| {
                ["these", "those", "this", "that"].contains(&clean(w).to_lowercase().as_str())
            });
        if kind == CLOSURE && !refers_back {
            continue;
        }
        // "if Pakistan strikes again": a verb after the subject of a clause, not an event.
        let clause =
            i > 1 && ["if", "when", "that", "unless", "because", "as"].contains(&clean(ws[i - 2]));
        if clause && before.is_some_and(is_name) {
            continue;
        }
        if let Some(m) = before.filter(|b| MODIFIED.iter().any(|(w, k)| w == b && *k == kind)) {
            // "unilateral ceasefire", "retaliatory fire": the modifier makes the type and names it.
            out.push(Occurrence {
                sentence: number,
                at: i,
                kind,
                noun: noun.to_lowercase(),
                name: Some(m.to_owned()),
                place: false,
                during: during(&ws, i),
                new: false,
            });
            continue;
        }
        let place_after = place_after(&ws, i);
        let (name, place) = match (before, place_after) {
            (Some(b), _) if i > 1 && is_name(b) && super::actors::country_of(b).is_none() => {
                (Some(b.to_owned()), true)
            }
            (Some(b), _) if super::actors::country_of(b).is_some() => (Some(b.to_owned()), false),
            (Some("border"), _) => (Some("border".to_owned()), false),
            (_, Some(p)) => (Some(p), true),
            _ if kind.ends_with("Closure") => (closed(&ws[i + 1..]), false),
            _ => (None, false),
        };
        // "a sustainable, long-term truce", "strikes to resume": with no name, only a definite
        // noun phrase refers to an event; an indefinite or bare one is hoped for or generic.
        let phrase = phrase(&ws, i);
        if name.is_none() && matches!(phrase, Phrase::Bare | Phrase::Sought) {
            continue;
        }
        let new = name.is_none() && phrase == Phrase::Indefinite;
        out.push(Occurrence {
            sentence: number,
            at: i,
            kind,
            noun: noun.to_lowercase(),
            name,
            place,
            during: during(&ws, i),
            new,
        });
    }
    out
}

/// The place named after the event noun at `i`: "talks in Istanbul", "explosions in central
/// Kabul", "a ceasefire brokered in Doha", "a ceasefire agreement brokered in Doha" (the event
/// noun before its head).
fn place_after(ws: &[&str], i: usize) -> Option<String> {
    let head = ws.get(i + 1).is_some_and(|w| HEADS.contains(&clean(w)));
    let k = if head { i + 1 } else { i };
    let participle = ws
        .get(k + 1)
        .is_some_and(|w| clean(w).ends_with("ed") && ws.get(k + 2) == Some(&"in"));
    let i = i + usize::from(head) + usize::from(participle);
    let after = ws.get(i + 1).filter(|_| !ws[i].ends_with([',', '.', ';']));
    match (after.map(|a| clean(a)), ws.get(i + 2)) {
        (Some("in"), Some(p)) if is_name(clean(p)) => Some(clean(p).to_owned()),
        (Some("in"), Some(adj)) if adj.chars().all(char::is_lowercase) => ws
            .get(i + 3)
            .map(|p| clean(p))
            .filter(|p| is_name(p))
            .map(str::to_owned),
        _ => None,
    }
    .or_else(|| brokered_in(ws, k))
}

/// "a truce agreement, successfully brokered by the State of Qatar on October nineteenth in
/// Doha": the place of a past participle that follows the event noun at `k` (an adverb and a
/// comma between), within its clause.
fn brokered_in(ws: &[&str], k: usize) -> Option<String> {
    let participle = (k + 1..=k + 2)
        .take_while(|&j| j < ws.len())
        .find(|&j| clean(ws[j]).ends_with("ed") && clean(ws[j]).len() > 4)?;
    let before = &ws[k + 1..participle];
    if before.iter().any(|w| !clean(w).ends_with("ly")) {
        return None;
    }
    for m in participle + 1..(participle + 12).min(ws.len().saturating_sub(1)) {
        if clean(ws[m]) == "in" && is_name(clean(ws[m + 1])) {
            return Some(clean(ws[m + 1]).to_owned());
        }
        if ws[m].ends_with(['.', ';', ':', '—', ',']) {
            return None;
        }
    }
    None
}

/// Nouns an event noun can modify and still name the event: "a ceasefire agreement".
const HEADS: &[&str] = &["agreement", "deal", "accord", "process"];

/// How the noun phrase of an event noun opens, past its modifiers ("the complete breakdown",
/// "the formal, high-level negotiations", "the second round of talks").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phrase {
    /// "the talks", "their efforts", "Pakistan's strikes", "unilateral Pakistani strikes" (a
    /// name among the modifiers tells which): refers to an event the text names.
    Definite,
    /// "a repatriation drive": a new event, not one named before.
    Indefinite,
    /// "to forge a truce", "to reach a deal": sought, not happened.
    Sought,
    /// "hold constructive talks", "strikes to resume", "no new clashes": generic.
    Bare,
}

fn phrase(ws: &[&str], i: usize) -> Phrase {
    const DEFINITE: &[&str] = &[
        "the", "these", "those", "this", "that", "its", "their", "his", "her", "our", "both",
    ];
    const STOP: &[&str] = &[
        "to", "for", "and", "or", "in", "on", "with", "by", "from", "no",
    ];
    for k in (i.saturating_sub(6)..i).rev() {
        let raw = ws[k];
        let w = clean(raw).to_lowercase();
        if DEFINITE.contains(&w.as_str()) || raw.ends_with("'s") || raw.ends_with("’s") {
            return Phrase::Definite;
        }
        if w == "a" || w == "an" {
            let to = k >= 2 && clean(ws[k - 2]).eq_ignore_ascii_case("to");
            return if to {
                Phrase::Sought
            } else {
                Phrase::Indefinite
            };
        }
        // A modifier: a word, or one of a list ("sustainable, long-term"), or "of" after a
        // head ("round of").
        let word = !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '-');
        if !word || STOP.contains(&w.as_str()) || raw.ends_with(['.', ';', ':', '—']) {
            return Phrase::Bare;
        }
        if super::actors::country_of(&w).is_some() {
            return Phrase::Definite;
        }
    }
    Phrase::Bare
}

/// What a closure closed, which names it: the last two words of "of several vital border
/// crossings" ("border crossings"), past a quantity ("of dozens of refugee villages"). "Of these
/// arteries" refers back, and names nothing.
fn closed(after: &[&str]) -> Option<String> {
    if after.first().map(|w| clean(w)) != Some("of") {
        return None;
    }
    let mut object: Vec<&str> = Vec::new();
    for (i, raw) in after.iter().enumerate().skip(1).take(6) {
        let w = clean(raw);
        if ["these", "those", "this", "that", "its", "their"].contains(&w) {
            return None;
        }
        if w == "of" {
            object.clear();
            continue;
        }
        if !w.chars().all(char::is_lowercase) {
            return None;
        }
        object.push(w);
        // The object ends at its plural head, unless "of" follows (a quantity: "dozens of").
        let head = w.len() > 3 && w.ends_with('s') && !w.ends_with("ss");
        let quantity = after.get(i + 1).is_some_and(|n| clean(n) == "of");
        if (head && !quantity) || raw.ends_with([',', ';', '.', '—']) {
            break;
        }
    }
    let n = object.len();
    let head = object.last().is_some_and(|w| w.ends_with('s'));
    (n >= 2 && head).then(|| object[n - 2..].join(" "))
}

/// "during the talks", "while the talks were underway": the noun at `i` is the time of what
/// its sentence reports.
fn during(ws: &[&str], i: usize) -> bool {
    let at = |k: usize| {
        ws.get(k)
            .map(|w| clean(w).to_lowercase())
            .unwrap_or_default()
    };
    let the = i >= 2 && at(i - 1) == "the";
    let while_on = ["were", "was"].contains(&at(i + 1).as_str())
        && ["underway", "ongoing"].contains(&at(i + 2).as_str());
    the && (at(i - 2) == "during" || (at(i - 2) == "while" && while_on))
}

/// A capitalised single word that is not a determiner or a title word: a name.
fn is_name(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().all(char::is_alphabetic)
        && !DETERMINERS.contains(&word)
}

/// What a document names: its events, and for each sentence (by number) the events it names
/// and the status reports it gives of them.
#[derive(Debug, Clone, Default)]
pub struct Named {
    pub events: Vec<Event>,
    pub by_sentence: HashMap<usize, Vec<usize>>,
    pub statuses: HashMap<usize, Vec<(usize, Status)>>,
    /// The event a sentence places its statements in ("during the talks", "while the talks
    /// were underway"), by sentence number.
    pub during: HashMap<usize, usize>,
}

/// The events of a document, what each sentence names, and the statuses it gives.
pub fn read(sentences: &[(usize, &str)], key: &str, taken: &HashSet<String>) -> Named {
    let mut all: Vec<Occurrence> = sentences
        .iter()
        .flat_map(|(n, s)| occurrences(*n, s))
        .collect();
    // A closure that does not say what was closed is of the kind the text's closures are, and
    // no event at all in a text that names no closure.
    let closures: Vec<&'static str> = all
        .iter()
        .filter(|o| o.kind.ends_with(CLOSURE) && o.kind != CLOSURE)
        .map(|o| o.kind)
        .collect();
    // The kind named most, the first named on a tie.
    let most = closures
        .iter()
        .rev()
        .max_by_key(|k| closures.iter().filter(|x| x == k).count())
        .copied();
    all.retain(|o| o.kind != CLOSURE || most.is_some());
    for o in all.iter_mut().filter(|o| o.kind == CLOSURE) {
        o.kind = most.unwrap_or(CLOSURE);
    }
    within_country(&mut all);
    let (events, of) = resolve(&all, key, taken);
    let mut named = Named {
        events,
        ..Named::default()
    };
    for (o, e) in all.iter().zip(&of) {
        let list = named.by_sentence.entry(o.sentence).or_default();
        if !list.contains(e) {
            list.push(*e);
        }
    }
    for (o, e) in all.iter().zip(&of) {
        if o.during {
            named.during.entry(o.sentence).or_insert(*e);
        }
    }
    for (n, text) in sentences {
        let here: Vec<(&Occurrence, usize)> = all
            .iter()
            .zip(of.iter().copied())
            .filter(|(o, _)| o.sentence == *n)
            .collect();
        for st in status::statuses(text) {
            // The event named right after "continued" or "has been conducting" (an article between), else the nearest before the phrase that
            // such a status can describe.
            let event = if st.forward {
                here.iter()
                    .find(|(o, _)| o.at > st.at && o.at <= st.at + st.reach)
            } else {
                here.iter()
                    .rev()
                    .find(|(o, e)| o.at < st.at && status::fits(&st, named.events[*e].kind))
            };
            if let Some((_, e)) = event {
                named.statuses.entry(*n).or_default().push((*e, st));
            }
        }
    }
    named
}

/// An event of a type named by a country is the one of that type named by a city in it, when
/// the text names exactly one such city for that type.
fn within_country(all: &mut [Occurrence]) {
    let cities: Vec<(&'static str, String, &str)> = all
        .iter()
        .filter(|o| o.place)
        .filter_map(|o| {
            let name = o.name.as_deref()?;
            let country = super::actors::country_of_city(name)?;
            Some((o.kind, name.to_owned(), country))
        })
        .collect();
    for o in all.iter_mut().filter(|o| o.place) {
        let Some(country) = o.name.clone() else {
            continue;
        };
        let mut inside: Vec<&String> = cities
            .iter()
            .filter(|(k, _, c)| *k == o.kind && *c == country)
            .map(|(_, city, _)| city)
            .collect();
        inside.dedup();
        if let [city] = inside[..] {
            o.name = Some(city.clone());
        }
    }
}

/// Each occurrence's event: the events, and the index of each occurrence's.
fn resolve(all: &[Occurrence], key: &str, taken: &HashSet<String>) -> (Vec<Event>, Vec<usize>) {
    // One event per type and name ("the Istanbul talks", "the Istanbul dialogue"), in the order
    // first named; its noun is the one the text uses most with that name.
    let mut groups: Vec<Group> = Vec::new();
    for o in all {
        let Some(n) = &o.name else { continue };
        let id = (o.kind, slug(n));
        let g = match groups.iter().position(|g| g.id == id) {
            Some(i) => &mut groups[i],
            None => {
                groups.push(Group::new(id, n.clone()));
                groups.last_mut().expect("just pushed")
            }
        };
        g.count += 1;
        g.place |= o.place;
        match g.nouns.iter_mut().find(|(noun, _)| *noun == o.noun) {
            Some((_, c)) => *c += 1,
            None => g.nouns.push((o.noun.clone(), 1)),
        }
    }
    let mut events: Vec<Event> = Vec::new();
    let mut of = Vec::new();
    for o in all {
        // A bare noun refers to the event of its type the text names most (the first on a tie).
        let group = match &o.name {
            Some(n) => groups.iter().find(|g| g.id == (o.kind, slug(n))),
            None if o.new => None,
            None => groups
                .iter()
                .filter(|g| g.id.0 == o.kind)
                .rev()
                .max_by_key(|g| g.count),
        };
        let event = match group {
            Some(g) => g.event(taken),
            None => unnamed(o.kind, key, taken),
        };
        let index = match events.iter().position(|e| e.local == event.local) {
            Some(i) => i,
            None => {
                events.push(event);
                events.len() - 1
            }
        };
        of.push(index);
    }
    (events, of)
}

/// The occurrences of one named event.
struct Group {
    id: (&'static str, String),
    name: String,
    count: usize,
    place: bool,
    /// Each noun it is named with, and how often.
    nouns: Vec<(String, usize)>,
}

impl Group {
    fn new(id: (&'static str, String), name: String) -> Group {
        Group {
            id,
            name,
            count: 0,
            place: false,
            nouns: Vec::new(),
        }
    }

    fn event(&self, taken: &HashSet<String>) -> Event {
        let noun = self
            .nouns
            .iter()
            .rev()
            .max_by_key(|(_, c)| *c)
            .map_or("", |(n, _)| n.as_str());
        let place = self.place.then(|| (self.id.1.clone(), self.name.clone()));
        Event {
            existing: taken.contains(&iri("event", &format!("{}-{noun}", self.id.1))),
            place_existing: place
                .as_ref()
                .is_some_and(|(p, _)| taken.contains(&iri("place", p))),
            local: format!("{}-{noun}", self.id.1),
            label: if self.id.0.ends_with("Closure") && !self.place {
                format!("{noun} of {}", self.name)
            } else {
                format!("{} {noun}", self.name)
            },
            kind: self.id.0,
            agent_demonym: (!self.place
                && ACTS.contains(&self.id.0)
                && super::actors::country_of(&self.name).is_some())
            .then(|| self.name.clone()),
            agent: None,
            place,
        }
    }
}

/// An event no name in the text tells apart: named by the document and its type.
fn unnamed(kind: &'static str, key: &str, taken: &HashSet<String>) -> Event {
    let words: String = kind
        .chars()
        .flat_map(|c| {
            if c.is_uppercase() {
                vec![' ', c.to_ascii_lowercase()]
            } else {
                vec![c]
            }
        })
        .collect();
    let local = format!("{key}-{}", slug(words.trim()));
    Event {
        existing: taken.contains(&iri("event", &local)),
        place_existing: false,
        label: words.trim().to_owned(),
        local,
        kind,
        place: None,
        agent_demonym: None,
        agent: None,
    }
}

fn iri(namespace: &str, local: &str) -> String {
    format!("{}{namespace}/{local}", crate::vocab::ID)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locals(text: &[&str]) -> (Vec<String>, HashMap<usize, Vec<usize>>) {
        let sentences: Vec<(usize, &str)> =
            text.iter().enumerate().map(|(i, s)| (i + 1, *s)).collect();
        let named = read(&sentences, "doc", &HashSet::new());
        (
            named.events.into_iter().map(|e| e.local).collect(),
            named.by_sentence,
        )
    }

    #[test]
    fn a_bare_noun_refers_to_the_event_of_its_type_the_text_names_most() {
        // Sentences written for this test.
        let (events, by) = locals(&[
            "The talks ended without a deal.",
            "Delegates left the Strelsau talks on Monday.",
            "The failure of the Strelsau talks was announced.",
            "The Zenda talks of last year had gone better.",
        ]);
        assert_eq!(events, ["strelsau-talks", "zenda-talks"]);
        assert_eq!(by[&1], [0]);
        assert_eq!(by[&4], [1]);
    }

    #[test]
    fn sought_generic_and_new_events_do_not_refer_back() {
        // Sentences written for this test.
        let (events, by) = locals(&[
            "The Zenda truce held for a week.",
            "Both sides sought to forge a lasting truce.",
            "Shelling and strikes could resume.",
            "No new clashes were reported after the Zenda truce.",
            "Ruritania began a repatriation drive in 2023.",
            "The Turkish strikes went on.",
            "Then came continuous, unilateral Turkish cross-border strikes.",
        ]);
        assert_eq!(by[&1], [0]);
        assert!(
            !by.contains_key(&2),
            "a truce sought is no event: {events:?}"
        );
        assert!(
            !by.contains_key(&3),
            "generic strikes are no event: {events:?}"
        );
        assert_eq!(by[&4], [0]);
        assert_eq!(events[by[&5][0]], "doc-deportation");
        assert_eq!(by[&7], by[&6], "{events:?}");
    }

    #[test]
    fn a_perfect_progressive_says_the_event_after_it_is_still_going_on() {
        let sentences = [(
            1,
            "Ruritania has been conducting a repatriation drive since 2023.",
        )];
        let named = read(&sentences, "doc", &HashSet::new());
        let (e, st) = &named.statuses[&1][0];
        assert_eq!(
            (named.events[*e].local.as_str(), st.status),
            ("doc-deportation", "Ongoing")
        );
    }

    #[test]
    fn a_country_s_adjective_names_the_agent_of_an_act_not_of_talks() {
        let sentences = [
            (1, "The Turkish strikes went on."),
            (2, "The Turkish talks failed."),
        ];
        let named = read(&sentences, "doc", &HashSet::new());
        let agents: Vec<_> = named
            .events
            .iter()
            .map(|e| (e.local.as_str(), e.agent_demonym.as_deref()))
            .collect();
        assert_eq!(
            agents,
            [
                ("turkish-strikes", Some("Turkish")),
                ("turkish-talks", None)
            ]
        );
    }

    #[test]
    fn an_event_named_by_a_country_is_the_one_named_by_a_city_in_it() {
        let (events, by) = locals(&[
            "The talks in Istanbul failed.",
            "The negotiations in Turkey had lasted four days.",
            "A ceasefire agreement, quietly brokered by Qatar in Doha, held.",
            "The ceasefire in Qatar was signed.",
        ]);
        assert_eq!(events, ["istanbul-talks", "doha-ceasefire"]);
        assert_eq!(by[&2], [0]);
        assert_eq!(by[&4], [1]);
    }

    #[test]
    fn places_after_the_noun_and_modifiers_before_it_name_events() {
        let (events, _) = locals(&[
            "Explosions in central Strelsau killed two.",
            "The border fighting went on for days.",
            "Then Pakistani strikes followed.",
            "A unilateral ceasefire fell apart, and retaliatory fire went on.",
            "The renewed border clashes were short.",
            "A truce brokered in Zenda held.",
            "They will answer if Ruritania strikes again.",
        ]);
        assert_eq!(
            events,
            [
                "strelsau-explosions",
                "border-fighting",
                "pakistani-strikes",
                "unilateral-ceasefire",
                "retaliatory-fire",
                "zenda-truce"
            ]
        );
    }

    #[test]
    fn a_closure_is_typed_by_what_was_closed_and_skipped_otherwise() {
        let sentences = [
            (1, "The closure of the border crossings goes on."),
            (2, "The closure of dozens of refugee camps was announced."),
            (3, "The closure of the school was announced."),
            (4, "The closure of these arteries hurts traders."),
        ];
        let Named {
            events,
            by_sentence: by,
            ..
        } = read(&sentences, "doc", &HashSet::new());
        assert_eq!(events[0].kind, "BorderClosure");
        assert_eq!(events[0].local, "border-crossings-closure");
        assert_eq!(events[1].kind, "CampClosure");
        assert_eq!(events[1].local, "refugee-camps-closure");
        assert!(!by.contains_key(&3));
        // Said elsewhere: the closure the text names first of the most named.
        assert_eq!(events[by[&4][0]].kind, "BorderClosure");
        let alone = read(
            &[(1, "The closure of these arteries hurts.")],
            "doc",
            &HashSet::new(),
        );
        assert!(alone.events.is_empty());
    }

    #[test]
    fn during_the_event_places_a_sentence_in_it() {
        let named = read(
            &[
                (1, "The Strelsau talks began."),
                (2, "Ruritania presented evidence during the talks."),
                (
                    3,
                    "While the talks were underway, Borduria said it would help.",
                ),
                (4, "The talks failed."),
            ],
            "doc",
            &HashSet::new(),
        );
        assert_eq!(named.during.get(&2), Some(&0));
        assert_eq!(named.during.get(&3), Some(&0));
        assert_eq!(named.during.get(&4), None);
    }

    #[test]
    fn events_and_places_in_the_graph_are_reused() {
        let taken: HashSet<String> = [
            format!("{}event/strelsau-talks", crate::vocab::ID),
            format!("{}place/strelsau", crate::vocab::ID),
        ]
        .into();
        let named = read(&[(1, "The Strelsau talks failed.")], "doc", &taken);
        assert!(named.events[0].existing && named.events[0].place_existing);
    }

    #[test]
    fn a_status_describes_the_event_it_fits_named_before_it_or_after_continued() {
        let named = read(
            &[
                (
                    1,
                    "The Strelsau talks ended, and the truce rapidly fell apart.",
                ),
                (2, "The Zenda ceasefire held while the talks went on."),
                (3, "The continued closure of the border crossings hurts."),
            ],
            "doc",
            &HashSet::new(),
        );
        let of = |n: usize| -> Vec<(String, &str)> {
            named.statuses[&n]
                .iter()
                .map(|(e, s)| (named.events[*e].local.clone(), s.status))
                .collect()
        };
        assert_eq!(of(1), [("zenda-ceasefire".to_owned(), "Collapsed")]);
        assert_eq!(of(2), [("zenda-ceasefire".to_owned(), "Holding")]);
        assert_eq!(of(3), [("border-crossings-closure".to_owned(), "Closed")]);
    }
}
