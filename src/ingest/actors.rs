//! Actors for ingest: the table of actors already in the graph (labels and aliases), finding
//! their names in a sentence, and proposing new actors (a class from the head noun, a readable
//! IRI) when a speaker is not known yet.

use super::cues::{self, Token};
use std::collections::HashSet;

/// An actor: known (in the graph) or proposed by this ingest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub iri: String,
    pub label: String,
    pub aliases: Vec<String>,
    /// Local name of its `cg:` class (Person, AnonymousSource, ...).
    pub class: String,
    /// Proposed by this ingest: the draft introduces it.
    pub new: bool,
    /// For a proposed actor: how the text describes it ("Information Minister").
    pub note: Option<String>,
}

/// The actors a draft may name, old and new.
#[derive(Debug, Clone, Default)]
pub struct Actors {
    pub list: Vec<Actor>,
    /// Every IRI already taken, so that new ones do not collide.
    taken: HashSet<String>,
    /// Each name as words: (words, actor index).
    names: Vec<(Vec<String>, usize)>,
}

pub const ACTOR_NS: &str = "https://claimgraph.org/id/actor/";

/// Demonyms and the countries they name.
const DEMONYMS: &[(&str, &str)] = &[
    ("pakistani", "Pakistan"),
    ("afghan", "Afghanistan"),
    ("turkish", "Turkey"),
    ("qatari", "Qatar"),
    ("american", "United States"),
    ("indian", "India"),
    ("iranian", "Iran"),
    ("chinese", "China"),
    ("russian", "Russia"),
    ("saudi", "Saudi Arabia"),
    ("israeli", "Israel"),
    ("palestinian", "Palestine"),
    ("ukrainian", "Ukraine"),
    ("british", "United Kingdom"),
    ("french", "France"),
    ("german", "Germany"),
    ("emirati", "United Arab Emirates"),
    ("egyptian", "Egypt"),
    ("syrian", "Syria"),
    ("iraqi", "Iraq"),
    ("lebanese", "Lebanon"),
    ("yemeni", "Yemen"),
    ("uzbek", "Uzbekistan"),
    ("tajik", "Tajikistan"),
];

/// Head nouns of speakers, and the class a new actor with that head gets.
const HEADS: &[(&str, &str)] = &[
    ("sources", "AnonymousSource"),
    ("source", "AnonymousSource"),
    ("officials", "AnonymousSource"),
    ("official", "AnonymousSource"),
    ("reports", "AnonymousSource"),
    ("analysts", "AnonymousSource"),
    ("diplomats", "AnonymousSource"),
    ("insiders", "AnonymousSource"),
    ("aides", "AnonymousSource"),
    ("experts", "AnonymousSource"),
    ("witnesses", "AnonymousSource"),
    ("traders", "Collective"),
    ("residents", "Collective"),
    ("workers", "Collective"),
    ("refugees", "Collective"),
    ("farmers", "Collective"),
    ("families", "Collective"),
    ("villagers", "Collective"),
    ("observers", "Collective"),
    ("citizens", "Collective"),
    ("delegation", "Delegation"),
    ("negotiators", "Delegation"),
    ("representatives", "Delegation"),
    ("team", "Delegation"),
    ("government", "Government"),
    ("authorities", "Government"),
    ("administration", "Government"),
    ("ministry", "Government"),
    ("cabinet", "Government"),
    ("media", "MediaOutlet"),
    ("television", "MediaOutlet"),
    ("broadcaster", "MediaOutlet"),
    ("newspaper", "MediaOutlet"),
    ("agency", "MediaOutlet"),
    ("army", "ArmedForces"),
    ("military", "ArmedForces"),
    ("forces", "ArmedForces"),
    ("troops", "ArmedForces"),
    ("spokesman", "Person"),
    ("spokeswoman", "Person"),
    ("spokesperson", "Person"),
    ("minister", "Person"),
    ("president", "Person"),
    ("envoy", "Person"),
    ("ambassador", "Person"),
    ("commander", "Person"),
    ("leader", "Person"),
    ("leaders", "Collective"),
    ("commanders", "Collective"),
];

/// Titles that stand before a name ("Information Minister Attaullah Tarar").
const TITLES: &[&str] = &[
    "president",
    "minister",
    "prime",
    "foreign",
    "defence",
    "defense",
    "interior",
    "information",
    "deputy",
    "chief",
    "secretary",
    "general",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "senator",
    "gen.",
    "dr.",
    "mr.",
    "mrs.",
    "ms.",
    "king",
    "queen",
    "prince",
    "sheikh",
    "emir",
    "commander",
    "lt.",
    "col.",
    "maj.",
    "capt.",
    "u.s.",
    "us",
    "un",
    "u.n.",
    "state",
    "former",
    "acting",
    "army",
];

/// Words that open a sentence without being a name.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "they",
    "their",
    "he",
    "she",
    "his",
    "her",
    "while",
    "when",
    "both",
    "furthermore",
    "conversely",
    "however",
    "meanwhile",
    "specifically",
    "for",
    "in",
    "on",
    "at",
    "but",
    "and",
    "as",
    "after",
    "before",
    "reports",
    "despite",
    "with",
    "without",
    "following",
    "more",
    "what",
];

/// Lower case, one kind of apostrophe, no "the" in front, no parenthetical: the form in which
/// names are compared ("the government in Kabul" = "Government in Kabul").
pub fn normalise(name: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in name.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth > 0 => {}
            '’' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    let words = match words.first() {
        Some(&"the") => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

/// A readable slug: lower-case ASCII words joined by hyphens, at most six words.
pub fn slug(text: &str) -> String {
    let mut words: Vec<String> = slug_words(text);
    words.truncate(6);
    words.join("-")
}

fn slug_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if c != '’' && c != '\'' && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

fn name_words(name: &str) -> Vec<String> {
    cues::tokens(name)
        .iter()
        .filter(|t| t.is_word())
        .map(|t| t.lower.replace('’', "'"))
        .collect()
}

/// A token as names are compared: lower case, without a possessive ending.
fn token_key(t: &Token) -> String {
    t.possessor()
        .unwrap_or(&t.text)
        .to_lowercase()
        .replace('’', "'")
}

impl Actors {
    /// The table of known actors, and every IRI in use (`taken`).
    pub fn new(known: Vec<Actor>, taken: impl IntoIterator<Item = String>) -> Actors {
        let mut actors = Actors {
            list: Vec::new(),
            taken: taken.into_iter().collect(),
            names: Vec::new(),
        };
        for a in known {
            actors.add(a);
        }
        actors
    }

    fn add(&mut self, actor: Actor) -> usize {
        let index = self.list.len();
        self.taken.insert(actor.iri.clone());
        for name in std::iter::once(&actor.label).chain(&actor.aliases) {
            let plain = name.split(" (").next().unwrap_or(name);
            let words = name_words(plain);
            // A one-word name written in lower case ("traders") is too common a word to find
            // in running text; it still matches a whole phrase (see `exact`).
            let proper = words.len() > 1 || plain.chars().next().is_some_and(char::is_uppercase);
            if !words.is_empty() && proper {
                self.names.push((words, index));
            }
        }
        self.list.push(actor);
        index
    }

    /// The actor whose label or alias is this phrase (compared normalised).
    pub fn exact(&self, phrase: &str) -> Option<usize> {
        let key = normalise(phrase);
        self.list.iter().position(|a| {
            std::iter::once(&a.label)
                .chain(&a.aliases)
                .any(|n| normalise(n) == key)
        })
    }

    /// The one actor with a name that holds every word of the phrase ("the Afghan side" in
    /// "Afghan Taliban side"); none when several do.
    pub fn containing(&self, phrase: &str) -> Option<usize> {
        let words: Vec<String> = normalise(phrase).split(' ').map(str::to_owned).collect();
        if words.len() < 2 {
            return None;
        }
        let mut found: Vec<usize> = self
            .list
            .iter()
            .enumerate()
            .filter(|(_, a)| {
                std::iter::once(&a.label).chain(&a.aliases).any(|n| {
                    let name: Vec<String> = normalise(n).split(' ').map(str::to_owned).collect();
                    name.len() > words.len() && words.iter().all(|w| name.contains(w))
                })
            })
            .map(|(i, _)| i)
            .collect();
        found.dedup();
        (found.len() == 1).then(|| found[0])
    }

    /// Known names among `toks[from..to]`: (first token, last token, actor), longest first at
    /// each place, left to right.
    pub fn names_in(&self, toks: &[Token], from: usize, to: usize) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let mut i = from;
        while i < to {
            let best = self
                .names
                .iter()
                .filter(|(words, _)| i + words.len() <= to)
                .filter(|(words, _)| {
                    words.iter().enumerate().all(|(k, w)| {
                        let t = &toks[i + k];
                        let key = if k + 1 == words.len() {
                            token_key(t)
                        } else {
                            t.lower.replace('’', "'")
                        };
                        key == *w
                            && (w.chars().next().is_some_and(|c| !c.is_alphabetic())
                                || k > 0
                                || t.is_capitalised()
                                || words.len() > 1)
                    })
                })
                .max_by_key(|(words, _)| words.len());
            match best {
                Some((words, actor)) => {
                    out.push((i, i + words.len() - 1, *actor));
                    i += words.len();
                }
                None => i += 1,
            }
        }
        out
    }

    /// The actor this label names, or a new one of `class`, introduced by this draft.
    pub fn find_or_propose(&mut self, label: &str, class: &str, note: Option<String>) -> usize {
        if let Some(i) = self.exact(label) {
            return i;
        }
        let base = match slug(label) {
            s if s.is_empty() => "actor".to_owned(),
            s => s,
        };
        let mut iri = format!("{ACTOR_NS}{base}");
        let mut n = 2;
        while self.taken.contains(&iri) {
            iri = format!("{ACTOR_NS}{base}-{n}");
            n += 1;
        }
        self.add(Actor {
            iri,
            label: label.to_owned(),
            aliases: Vec::new(),
            class: class.to_owned(),
            new: true,
            note,
        })
    }

    /// A new actor with a given local name, whatever actors share its label: the one actor
    /// per document some conventions call for ("unnamed reports").
    pub fn propose_with_iri(&mut self, local: &str, label: &str, class: &str) -> usize {
        let iri = format!("{ACTOR_NS}{}", slug_words(local).join("-"));
        if let Some(i) = self.list.iter().position(|a| a.iri == iri) {
            return i;
        }
        let actor = Actor {
            iri,
            label: label.to_owned(),
            aliases: Vec::new(),
            class: class.to_owned(),
            new: true,
            note: None,
        };
        self.list.push(actor);
        self.taken
            .insert(self.list[self.list.len() - 1].iri.clone());
        self.list.len() - 1
    }

    /// Adds a name an actor is also known by.
    pub fn add_alias(&mut self, i: usize, alias: &str) {
        if self.exact(alias).is_some() {
            return;
        }
        self.list[i].aliases.push(alias.to_owned());
        let words = name_words(alias);
        if !words.is_empty() {
            self.names.push((words, i));
        }
    }

    /// The country a demonym names, found or proposed ("Pakistani" → Pakistan).
    pub fn country_of(&mut self, demonym: &str) -> Option<usize> {
        let country = country_of(demonym)?;
        Some(self.find_or_propose(country, "State", None))
    }
}

pub fn country_of(demonym: &str) -> Option<&'static str> {
    let key = demonym.to_lowercase();
    DEMONYMS.iter().find(|(d, _)| *d == key).map(|(_, c)| *c)
}

/// A country's own name, as the demonym table spells it ("Pakistan").
pub fn country_named(word: &str) -> Option<&'static str> {
    DEMONYMS.iter().map(|(_, c)| *c).find(|c| *c == word)
}

/// Cities and the country each is in: "the negotiations in Turkey" can be the "talks in
/// Istanbul" (see `events::within_country`).
const CITIES: &[(&str, &str)] = &[
    ("Istanbul", "Turkey"),
    ("Ankara", "Turkey"),
    ("Antalya", "Turkey"),
    ("Doha", "Qatar"),
    ("Kabul", "Afghanistan"),
    ("Kandahar", "Afghanistan"),
    ("Islamabad", "Pakistan"),
    ("Rawalpindi", "Pakistan"),
    ("Peshawar", "Pakistan"),
    ("Quetta", "Pakistan"),
    ("Karachi", "Pakistan"),
    ("Lahore", "Pakistan"),
    ("Tehran", "Iran"),
    ("Riyadh", "Saudi Arabia"),
    ("Beijing", "China"),
    ("Moscow", "Russia"),
    ("Washington", "United States"),
];

/// The country a city the table knows is in.
pub fn country_of_city(city: &str) -> Option<&'static str> {
    CITIES
        .iter()
        .find(|(c, _)| *c == city)
        .map(|(_, country)| *country)
}

/// The adjective of a country ("Pakistan" → "Pakistani").
pub fn demonym_of(country: &str) -> Option<String> {
    DEMONYMS.iter().find(|(_, c)| *c == country).map(|(d, _)| {
        let mut s = d.to_string();
        s[..1].make_ascii_uppercase();
        s
    })
}

/// The class a new actor gets from the head noun of its phrase.
pub fn head_class(words: &[&Token]) -> Option<&'static str> {
    words.iter().find_map(|t| head_class_word(&t.lower))
}

/// The class a speaker's head noun gives ("sources" → AnonymousSource).
pub fn head_class_word(word: &str) -> Option<&'static str> {
    let w = word.to_lowercase();
    HEADS.iter().find(|(h, _)| *h == w).map(|(_, c)| *c)
}

/// Whether a name is one of the countries the demonym table knows.
pub fn is_country(name: &str) -> bool {
    DEMONYMS.iter().any(|(_, c)| *c == name)
}

pub fn is_title(word: &str) -> bool {
    TITLES.contains(&word.to_lowercase().as_str())
}

/// Capitalised runs of words in `toks[from..to]` that may be names: (first, last), without
/// the titles in front ("U.S. President Donald Trump" → "Donald Trump").
pub fn capitalised_runs(toks: &[Token], from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        let t = &toks[i];
        let starts = t.is_word() && t.is_capitalised() && !NOT_NAMES.contains(&t.lower.as_str());
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < to
            && toks[j + 1].is_word()
            && toks[j + 1].is_capitalised()
            && toks[j].possessor().is_none()
        {
            j += 1;
        }
        let mut first = i;
        while first < j && is_title(&toks[first].text) {
            first += 1;
        }
        // A title alone ("the US President") is a description, not a name.
        if !is_title(&toks[first].text) {
            out.push((first, j));
        }
        i = j + 1;
    }
    out
}

#[cfg(test)]
impl Actor {
    /// An actor of a test's table, as the graph would give it.
    pub fn known(local: &str, label: &str, aliases: &[&str], class: &str) -> Actor {
        Actor {
            iri: format!("{ACTOR_NS}{local}"),
            label: label.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            class: class.into(),
            new: false,
            note: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Actors {
        let a = Actor::known;
        Actors::new(
            vec![
                a("pakistan", "Pakistan", &["Islamabad"], "State"),
                a(
                    "kabul-government",
                    "Afghan Taliban government",
                    &["Kabul", "the government in Kabul"],
                    "Government",
                ),
                a(
                    "officials",
                    "officials (side not given)",
                    &[],
                    "AnonymousSource",
                ),
                a("traders", "traders", &[], "Collective"),
            ],
            [format!("{ACTOR_NS}taken")],
        )
    }

    #[test]
    fn names_are_compared_without_case_articles_or_parentheses() {
        assert_eq!(normalise("The government in Kabul"), "government in kabul");
        assert_eq!(normalise("officials (side not given)"), "officials");
        assert_eq!(normalise("Pakistan’s"), "pakistan's");
        let a = known();
        assert_eq!(a.exact("The Government in Kabul"), Some(1));
        assert_eq!(a.exact("officials"), Some(2));
        assert_eq!(a.exact("Traders"), Some(3));
    }

    #[test]
    fn known_names_are_found_in_running_text_longest_first() {
        let a = known();
        let toks =
            cues::tokens("Pakistan’s minister said the government in Kabul lied, traders said.");
        let found: Vec<usize> = a
            .names_in(&toks, 0, toks.len())
            .iter()
            .map(|f| f.2)
            .collect();
        assert_eq!(
            found,
            [0, 1],
            "lower-case one-word names are not looked for in text"
        );
    }

    #[test]
    fn new_actors_get_readable_unique_iris() {
        let mut a = known();
        let i = a.find_or_propose("Taken", "Person", None);
        assert_eq!(a.list[i].iri, format!("{ACTOR_NS}taken-2"));
        assert!(a.list[i].new);
        assert_eq!(a.find_or_propose("Islamabad", "State", None), 0);
        assert_eq!(
            slug("Pakistan’s Information Minister, Attaullah Tarar"),
            "pakistans-information-minister-attaullah-tarar"
        );
        let j = a.country_of("Qatari").unwrap();
        assert_eq!(a.list[j].label, "Qatar");
        assert_eq!(demonym_of("Pakistan").as_deref(), Some("Pakistani"));
    }

    #[test]
    fn capitalised_runs_drop_titles() {
        let toks = cues::tokens("reports said that U.S. President Donald Trump pledged");
        let runs = capitalised_runs(&toks, 0, toks.len());
        let names: Vec<String> = runs
            .iter()
            .map(|(f, l)| {
                toks[*f..=*l]
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(names, ["Donald Trump"]);
    }
}
