//! The cue lexicons of ingest and where they occur in a sentence: reporting verbs and nouns,
//! passive reports, hedges, "according to", channels and response phrases, each with the act
//! type (and so the CAMEO code) it proposes.

/// A word or punctuation mark of a sentence, with its byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub lower: String,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphanumeric)
    }

    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// "Pakistan’s", "Kabul's": the word without its possessive ending.
    pub fn possessor(&self) -> Option<&str> {
        self.text
            .strip_suffix("’s")
            .or_else(|| self.text.strip_suffix("'s"))
    }
}

/// Splits a sentence into words (letters and digits, with inner apostrophes, hyphens and the
/// full stops of abbreviations such as "U.S.") and single punctuation marks.
pub fn tokens(sentence: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = sentence.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if c.is_alphanumeric() {
            while j < chars.len() {
                let (_, d) = chars[j];
                let next_alnum = chars.get(j + 1).is_some_and(|(_, n)| n.is_alphanumeric());
                let inner = matches!(d, '’' | '\'' | '-' | ',')
                    && next_alnum
                    && (d != ',' || digits_around(&chars, j));
                let abbreviation = d == '.' && abbreviated(&chars[i..=j]);
                if d.is_alphanumeric() || inner || abbreviation {
                    j += 1;
                } else {
                    break;
                }
            }
        }
        let end = chars.get(j).map_or(sentence.len(), |(b, _)| *b);
        let text = &sentence[at..end];
        out.push(Token {
            start: at,
            end,
            text: text.to_owned(),
            lower: text.to_lowercase(),
        });
        i = j;
    }
    out
}

/// A comma between digits ("2,600") belongs to the number.
fn digits_around(chars: &[(usize, char)], j: usize) -> bool {
    j > 0
        && chars[j - 1].1.is_ascii_digit()
        && chars.get(j + 1).is_some_and(|(_, c)| c.is_ascii_digit())
}

/// "U.S." so far: single letters each followed by a full stop.
fn abbreviated(word: &[(usize, char)]) -> bool {
    word.chunks(2)
        .all(|c| c[0].1.is_alphabetic() && c.get(1).is_none_or(|(_, d)| *d == '.'))
}

/// How a cue finds its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// A reporting verb: the speaker is its subject ("Tarar accused").
    Verb,
    /// An -ing form ("claiming", "citing"): it only adds to an earlier cue of the sentence.
    Participle,
    /// A reporting noun: the speaker is its possessor, its adjective or an agent after it
    /// ("Kabul’s denial", "the Pakistani assertion", "the call from the UNHCR").
    Noun,
    /// A report without a reporter ("what was described as", "is said to").
    Passive,
    /// A hedge ("reportedly", "per reports", "the supposed"): unnamed reports.
    Hedge,
    /// "according to X": the speaker follows.
    According,
}

/// One entry of a lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lexeme {
    /// The act type it proposes (a local name of the `cg:` act-type scheme).
    pub act: &'static str,
    /// Needs a subject known to be an actor: the word is often used of things ("requires").
    pub weak: bool,
    /// The word itself hedges the report ("suggested", "indicated").
    pub hedging: bool,
}

const fn lex(act: &'static str) -> Lexeme {
    Lexeme {
        act,
        weak: false,
        hedging: false,
    }
}

const fn weak(act: &'static str) -> Lexeme {
    Lexeme {
        act,
        weak: true,
        hedging: false,
    }
}

const fn hedging(act: &'static str) -> Lexeme {
    Lexeme {
        act,
        weak: false,
        hedging: true,
    }
}

/// Reporting verbs: the lexeme and its forms (the -ing form last).
pub const VERBS: &[(Lexeme, &str)] = &[
    (lex("MakeStatement"), "say said says saying"),
    (lex("MakeStatement"), "tell told tells telling"),
    (lex("MakeStatement"), "state stated states stating"),
    (lex("MakeStatement"), "add added adds adding"),
    (lex("MakeStatement"), "remark remarked remarks remarking"),
    (
        lex("MakeStatement"),
        "comment commented comments commenting",
    ),
    (
        lex("MakeStatement"),
        "explain explained explains explaining",
    ),
    (
        lex("MakeStatement"),
        "describe described describes describing",
    ),
    (
        lex("MakeStatement"),
        "mention mentioned mentions mentioning",
    ),
    (lex("MakeStatement"), "write wrote writes writing"),
    (lex("MakeStatement"), "post posted posts posting"),
    (lex("MakeStatement"), "tweet tweeted tweets tweeting"),
    (
        lex("MakeStatement"),
        "articulate articulated articulates articulating",
    ),
    (
        lex("MakeStatement"),
        "express expressed expresses expressing",
    ),
    (
        lex("MakeStatement"),
        "reiterate reiterated reiterates reiterating",
    ),
    (lex("MakeStatement"), "voice voiced voices voicing"),
    (
        hedging("MakeStatement"),
        "indicate indicated indicates indicating",
    ),
    (
        hedging("MakeStatement"),
        "suggest suggested suggests suggesting",
    ),
    (
        lex("Announcement"),
        "announce announced announces announcing",
    ),
    (lex("Announcement"), "declare declared declares declaring"),
    (
        lex("Announcement"),
        "proclaim proclaimed proclaims proclaiming",
    ),
    (lex("Confirmation"), "confirm confirmed confirms confirming"),
    (
        lex("Confirmation"),
        "acknowledge acknowledged acknowledges acknowledging",
    ),
    (lex("Confirmation"), "admit admitted admits admitting"),
    (lex("Confirmation"), "concede conceded concedes conceding"),
    (lex("Report"), "report reported reports reporting"),
    // Verbs that relay what was found or seen, not a view: a report (ontology/act-types.ttl).
    (lex("Report"), "note noted notes noting"),
    (lex("Report"), "observe observed observes observing"),
    (lex("Report"), "detail detailed details detailing"),
    (lex("Report"), "disclose disclosed discloses disclosing"),
    (lex("Report"), "reveal revealed reveals revealing"),
    (lex("Report"), "identify identified identifies identifying"),
    (
        lex("PositionStatement"),
        "insist insisted insists insisting",
    ),
    (
        lex("PositionStatement"),
        "assert asserted asserts asserting",
    ),
    (
        lex("PositionStatement"),
        "maintain maintained maintains maintaining",
    ),
    (lex("PositionStatement"), "argue argued argues arguing"),
    (
        lex("PositionStatement"),
        "contend contended contends contending",
    ),
    (
        lex("PositionStatement"),
        "stress stressed stresses stressing",
    ),
    (
        lex("PositionStatement"),
        "emphasise emphasised emphasises emphasising",
    ),
    (
        lex("PositionStatement"),
        "emphasize emphasized emphasizes emphasizing",
    ),
    (lex("PositionStatement"), "claim claimed claims claiming"),
    (lex("PositionStatement"), "term termed terms terming"),
    (
        weak("PositionStatement"),
        "present presented presents presenting",
    ),
    (weak("PositionStatement"), "find found finds finding"),
    (weak("PositionStatement"), "deem deemed deems deeming"),
    (
        weak("PositionStatement"),
        "consider considered considers considering",
    ),
    (weak("PositionStatement"), "call called calls calling"),
    (lex("Accusation"), "accuse accused accuses accusing"),
    (lex("Accusation"), "blame blamed blames blaming"),
    (lex("Accusation"), "allege alleged alleges alleging"),
    (
        weak("Accusation"),
        "attribute attributed attributes attributing",
    ),
    (
        lex("Criticism"),
        "criticise criticised criticises criticising",
    ),
    (
        lex("Criticism"),
        "criticize criticized criticizes criticizing",
    ),
    (lex("Criticism"), "condemn condemned condemns condemning"),
    (lex("Criticism"), "denounce denounced denounces denouncing"),
    (lex("Criticism"), "decry decried decries decrying"),
    (
        lex("CounterAccusation"),
        "counter countered counters countering",
    ),
    (lex("Denial"), "deny denied denies denying"),
    (lex("Denial"), "refute refuted refutes refuting"),
    (lex("Rejection"), "reject rejected rejects rejecting"),
    (lex("Rejection"), "rebuff rebuffed rebuffs rebuffing"),
    (lex("Rejection"), "dismiss dismissed dismisses dismissing"),
    (lex("Threat"), "warn warned warns warning"),
    (lex("Threat"), "threaten threatened threatens threatening"),
    (lex("Threat"), "caution cautioned cautions cautioning"),
    (lex("Pledge"), "vow vowed vows vowing"),
    (lex("Pledge"), "pledge pledged pledges pledging"),
    (lex("Pledge"), "promise promised promises promising"),
    (lex("Demand"), "demand demanded demands demanding"),
    (weak("Demand"), "require required requires requiring"),
    (lex("Demand"), "press pressed presses pressing"),
    (lex("Appeal"), "urge urged urges urging"),
    (lex("Appeal"), "appeal appealed appeals appealing"),
    (lex("Appeal"), "request requested requests requesting"),
    (lex("Justification"), "defend defended defends defending"),
    (
        lex("Justification"),
        "justify justified justifies justifying",
    ),
    (lex("Prediction"), "predict predicted predicts predicting"),
    (weak("Prediction"), "expect expected expects expecting"),
    (
        lex("Recommendation"),
        "recommend recommended recommends recommending",
    ),
];

/// Reporting nouns.
pub const NOUNS: &[(Lexeme, &str)] = &[
    (lex("MakeStatement"), "statement statements remarks"),
    (lex("Announcement"), "announcement declaration"),
    (lex("Report"), "report reports"),
    (
        lex("PositionStatement"),
        "assertion assertions claim claims position stance insistence",
    ),
    (
        lex("Accusation"),
        "accusation accusations allegation allegations",
    ),
    (
        lex("CounterAccusation"),
        "counter-narrative counter-accusation counter-accusations",
    ),
    (lex("Criticism"), "criticism condemnation"),
    (lex("Denial"), "denial denials"),
    (lex("Rejection"), "rejection"),
    (lex("Threat"), "warning warnings threat threats"),
    (lex("Pledge"), "vow pledge"),
    (lex("Demand"), "demand demands"),
    (lex("Appeal"), "call appeal plea"),
    (lex("Prediction"), "expectation prediction"),
];

/// Hedges that stand alone ("reportedly") or as phrases ("per external reports").
pub const HEDGES: &[&str] = &[
    "reportedly",
    "allegedly",
    "supposedly",
    "purportedly",
    "per reports",
    "per external reports",
    "per media reports",
    "according to reports",
];

/// Adjectives that hedge what follows when a determiner opens them ("the supposed leader").
pub const HEDGING_ADJECTIVES: &[&str] = &["supposed", "alleged", "reported", "purported"];

/// Participles of passive reports: "was described as", "is said to", "has been reported".
const PASSIVE_PARTICIPLES: &[&str] = &[
    "described",
    "reported",
    "said",
    "believed",
    "alleged",
    "thought",
    "understood",
    "rumoured",
    "rumored",
];
const BE: &[&str] = &["is", "are", "was", "were", "been", "being", "be"];

/// Participles after a reporting noun that introduce its speaker: "a warning delivered by".
pub const AGENT_PARTICIPLES: &[&str] = &[
    "delivered",
    "issued",
    "made",
    "voiced",
    "expressed",
    "given",
    "presented",
    "identified",
    "stated",
    "articulated",
    "raised",
];

/// Channels the text names: (words, `cg:` channel).
pub const CHANNELS: &[(&str, &str)] = &[
    ("state media", "StateMedia"),
    ("state television", "StateMedia"),
    ("state broadcaster", "StateMedia"),
    ("state news agency", "StateMedia"),
    ("in a statement", "MediaChannel"),
    ("media channels", "MediaChannel"),
    ("told reporters", "PublicRemarks"),
    ("news conference", "PublicRemarks"),
    ("press conference", "PublicRemarks"),
    ("publicly", "PublicRemarks"),
    ("during the talks", "AtTheTalks"),
    ("at the talks", "AtTheTalks"),
    ("at the negotiating table", "AtTheTalks"),
];

/// Phrases that say an act answers another: (words, `cg:` response property).
pub const RESPONSES: &[(&str, &str)] = &[
    ("in response to", "respondsTo"),
    ("responding to", "respondsTo"),
    ("in reply to", "respondsTo"),
    ("replying to", "respondsTo"),
    ("hit back at", "counterAccuses"),
    ("counter-narrative", "counterAccuses"),
];

/// The CAMEO code of an act type: its own notation or its nearest coded ancestor's (the table of
/// ontology/README.md).
pub fn cameo(act: &str) -> &'static str {
    match act {
        "MakeStatement" | "Announcement" | "Confirmation" | "Report" | "PositionStatement"
        | "Assessment" | "Prediction" | "Recommendation" => "010",
        "PessimisticComment" => "012",
        "Denial" => "016",
        "Appeal" => "020",
        "Pledge" => "030",
        "Justification" => "052",
        "Demand" => "100",
        "Criticism" => "111",
        "Accusation" | "CounterAccusation" => "112",
        "AccusationOfAggression" => "1123",
        "Rejection" | "Rebuttal" | "RejectNegotiation" | "RejectAgreement" => "120",
        "Threat" => "130",
        "MilitaryThreat" => "138",
        "Ultimatum" => "139",
        _ => "",
    }
}

/// The response property a cue's act implies when it answers an earlier act.
pub fn response_of(act: &str) -> Option<&'static str> {
    match act {
        "Denial" => Some("denies"),
        "Rejection" | "Rebuttal" => Some("rejects"),
        "CounterAccusation" => Some("counterAccuses"),
        _ => None,
    }
}

/// A cue found in a sentence: tokens `first..=last`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: CueKind,
    pub first: usize,
    pub last: usize,
    pub lexeme: Lexeme,
    /// The cue's words as the text writes them.
    pub words: String,
}

fn words_of(sentence: &str, toks: &[Token], first: usize, last: usize) -> String {
    sentence[toks[first].start..toks[last].end].to_owned()
}

/// Whether tokens from `at` spell `phrase` (lower case, words separated by spaces).
pub fn phrase_at(toks: &[Token], at: usize, phrase: &str) -> Option<usize> {
    let mut i = at;
    for word in phrase.split(' ') {
        if toks.get(i)?.lower != word {
            return None;
        }
        i += 1;
    }
    Some(i - 1)
}

/// Every cue of a sentence, in order.
pub fn find(sentence: &str, toks: &[Token]) -> Vec<Hit> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some(hit) = hedge_at(toks, i)
            .or_else(|| passive_at(toks, i))
            .or_else(|| according_at(toks, i))
            .or_else(|| verb_at(toks, i))
            .or_else(|| noun_at(toks, i))
        {
            let hit = Hit {
                words: words_of(sentence, toks, hit.first, hit.last),
                ..hit
            };
            i = hit.last + 1;
            out.push(hit);
        } else {
            i += 1;
        }
    }
    out
}

fn hit(kind: CueKind, first: usize, last: usize, lexeme: Lexeme) -> Option<Hit> {
    Some(Hit {
        kind,
        first,
        last,
        lexeme,
        words: String::new(),
    })
}

fn hedge_at(toks: &[Token], i: usize) -> Option<Hit> {
    let report = hedging("Report");
    for phrase in HEDGES.iter().rev() {
        if let Some(last) = phrase_at(toks, i, phrase) {
            return hit(CueKind::Hedge, i, last, report);
        }
    }
    let determiner =
        i > 0 && ["the", "a", "an", "its", "their"].contains(&toks[i - 1].lower.as_str());
    (determiner && HEDGING_ADJECTIVES.contains(&toks[i].lower.as_str()))
        .then(|| hit(CueKind::Hedge, i, i, report))
        .flatten()
}

/// "was described as", "is said to", "has been reported": a report with no reporter named.
fn passive_at(toks: &[Token], i: usize) -> Option<Hit> {
    if !BE.contains(&toks[i].lower.as_str()) {
        return None;
    }
    let participle = toks.get(i + 1)?;
    if !PASSIVE_PARTICIPLES.contains(&participle.lower.as_str()) {
        return None;
    }
    let next = toks.get(i + 2).map(|t| t.lower.as_str());
    // "was reported by X" names its reporter: that is the verb's business, not a passive's.
    if next == Some("by") {
        return None;
    }
    let mut first = i;
    if i > 0 && toks[i - 1].lower == "what" {
        first = i - 1;
    }
    let last = if matches!(next, Some("as" | "to" | "that")) {
        i + 2
    } else {
        i + 1
    };
    hit(CueKind::Passive, first, last, hedging("Report"))
}

fn according_at(toks: &[Token], i: usize) -> Option<Hit> {
    let last = phrase_at(toks, i, "according to")?;
    hit(CueKind::According, i, last, lex("MakeStatement"))
}

fn verb_at(toks: &[Token], i: usize) -> Option<Hit> {
    let word = toks[i].lower.as_str();
    let (lexeme, forms) = VERBS
        .iter()
        .find(|(_, forms)| forms.split(' ').any(|f| f == word))?;
    let prev = i.checked_sub(1).map(|p| &toks[p]);
    // The base form ("officials say", "reports detail") after a word that can be its subject;
    // not an infinitive ("to say") nor a noun ("the demand", "a call").
    let base = forms.split(' ').next() == Some(word);
    if base
        && prev.is_none_or(|p| {
            !p.is_word() || p.lower == "to" || NOUN_OPENERS.contains(&p.lower.as_str())
        })
    {
        return None;
    }
    // "press" reports only as "press for".
    if forms.starts_with("press ") && toks.get(i + 1).is_none_or(|t| t.lower != "for") {
        return None;
    }
    // "the reported directness", "an alleged attack": an adjective, a hedge (see hedge_at).
    if prev.is_some_and(|p| ["the", "a", "an"].contains(&p.lower.as_str())) {
        return None;
    }
    let is_noun = NOUNS
        .iter()
        .any(|(_, nouns)| nouns.split(' ').any(|n| n == word));
    // "Reports indicated", "leading to reports of": an -s form after no word, a determiner or a
    // preposition is a noun; so is an -ing noun not set off by a comma ("the stark warning").
    let after_no_subject =
        prev.is_none_or(|p| !p.is_word() || NOUN_OPENERS.contains(&p.lower.as_str()));
    if is_noun && word.ends_with('s') && after_no_subject {
        return None;
    }
    // "neighbouring states", "the notes": a plural noun unless what follows reports something.
    let reports_next = toks
        .get(i + 1)
        .is_some_and(|t| ["that", "“", "\"", ",", ":"].contains(&t.lower.as_str()));
    if (AMBIGUOUS_S.contains(&word) || AMBIGUOUS_BASE.contains(&word)) && !reports_next {
        return None;
    }
    let participle = word.ends_with("ing");
    if participle && is_noun && prev.is_none_or(|p| p.text != ",") {
        return None;
    }
    let kind = if participle {
        CueKind::Participle
    } else {
        CueKind::Verb
    };
    let last = if forms.starts_with("press ") {
        i + 1
    } else {
        i
    };
    hit(kind, i, last, *lexeme)
}

/// -s forms that are as often plural nouns: verbs only before what they report.
const AMBIGUOUS_S: &[&str] = &[
    "states", "notes", "reports", "claims", "comments", "remarks", "details", "posts", "calls",
    "demands", "presents", "finds", "accounts", "charges", "voices", "pledges", "promises", "vows",
];

/// Base forms that are as often singular nouns ("state media", "a claim").
const AMBIGUOUS_BASE: &[&str] = &[
    "state", "note", "report", "claim", "comment", "remark", "post", "call", "demand", "present",
    "request", "appeal", "pledge", "vow", "promise", "voice", "charge", "stress", "find", "term",
];

/// Words after which an -s form is a noun: determiners and prepositions.
const NOUN_OPENERS: &[&str] = &[
    "the", "a", "an", "to", "of", "from", "in", "on", "by", "with", "for", "these", "those",
    "such", "many", "media", "news", "their", "its", "his", "her", "and", "or", "despite",
];

fn noun_at(toks: &[Token], i: usize) -> Option<Hit> {
    let word = toks[i].lower.as_str();
    let (lexeme, _) = NOUNS
        .iter()
        .find(|(_, forms)| forms.split(' ').any(|f| f == word))?;
    hit(CueKind::Noun, i, i, *lexeme)
}

/// The channel a sentence names, if any.
pub fn channel(sentence: &str) -> Option<&'static str> {
    let lower = sentence.to_lowercase();
    CHANNELS
        .iter()
        .find(|(words, _)| lower.contains(words))
        .map(|(_, c)| *c)
}

/// Words of force that make a threat a military threat (CAMEO 138).
const FORCE_WORDS: &[&str] = &[
    "war",
    "military",
    "strike",
    "strikes",
    "attack",
    "attacks",
    "force",
    "troops",
    "bomb",
    "kinetic",
    "retaliation",
    "retaliate",
];

/// Refines a cue's act type with what the sentence says: a threat of force, a counter-accusation.
pub fn refine(act: &'static str, toks: &[Token]) -> &'static str {
    let has = |words: &[&str]| toks.iter().any(|t| words.contains(&t.lower.as_str()));
    match act {
        "Threat" if has(FORCE_WORDS) => "MilitaryThreat",
        "Accusation" if has(&["conversely", "counter-narrative", "countered"]) => {
            "CounterAccusation"
        }
        // "presented a counter-narrative, asserting that ...": what is asserted answers blame.
        "PositionStatement" | "MakeStatement" if has(&["counter-narrative"]) => "CounterAccusation",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(sentence: &str) -> Vec<(CueKind, String, &'static str)> {
        find(sentence, &tokens(sentence))
            .into_iter()
            .map(|h| (h.kind, h.words, h.lexeme.act))
            .collect()
    }

    #[test]
    fn tokens_keep_abbreviations_numbers_and_possessives_whole() {
        let t: Vec<String> = tokens("U.S. President’s 2,600-km “open war”, Pakistan's.")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            t,
            [
                "U.S.",
                "President’s",
                "2,600-km",
                "“",
                "open",
                "war",
                "”",
                ",",
                "Pakistan's",
                "."
            ]
        );
        assert_eq!(tokens("Kabul’s")[0].possessor(), Some("Kabul"));
    }

    #[test]
    fn verbs_nouns_hedges_and_passives_are_found() {
        use CueKind::*;
        assert_eq!(
            cues("Tarar accused the Afghan side, claiming it stalled."),
            [
                (Verb, "accused".into(), "Accusation"),
                (Participle, "claiming".into(), "PositionStatement")
            ]
        );
        assert_eq!(
            cues("the region saw what was described as the worst fighting"),
            [(Passive, "what was described as".into(), "Report")]
        );
        assert_eq!(
            cues("Both reportedly worked hard (per external reports)."),
            [
                (Hedge, "reportedly".into(), "Report"),
                (Hedge, "per external reports".into(), "Report")
            ]
        );
        assert_eq!(
            cues("the reported directness and the Pakistani assertion"),
            [
                (Hedge, "reported".into(), "Report"),
                (Noun, "assertion".into(), "PositionStatement")
            ]
        );
        assert_eq!(
            cues("even as Pakistan presses for guarantees"),
            [(Verb, "presses for".into(), "Demand")]
        );
        assert!(cues("the press was there").is_empty());
        assert_eq!(
            cues("Reports indicated that"),
            [
                (Noun, "Reports".into(), "Report"),
                (Verb, "indicated".into(), "MakeStatement")
            ]
        );
        // What was found or seen is reported; a view is stated.
        assert_eq!(
            cues("Officials noted that the truce held, suggesting calm.")[..2],
            [
                (Verb, "noted".into(), "Report"),
                (Participle, "suggesting".into(), "MakeStatement")
            ]
        );
        assert_eq!(cues("Officials said that")[0].2, "MakeStatement");
        assert_eq!(cues("the stark warning delivered by")[0].0, Noun);
        assert_eq!(cues("Asif spoke, warning of war")[0].0, Participle);
    }

    #[test]
    fn threats_of_force_and_counter_accusations_are_refined() {
        assert_eq!(
            refine("Threat", &tokens("warned of open war")),
            "MilitaryThreat"
        );
        assert_eq!(refine("Threat", &tokens("warned of hardship")), "Threat");
        assert_eq!(
            refine("Accusation", &tokens("Conversely, Kabul accused")),
            "CounterAccusation"
        );
        let toks = tokens("Borduria presented a counter-narrative, asserting that");
        assert_eq!(refine("PositionStatement", &toks), "CounterAccusation");
        let toks = tokens("Borduria presented its view, asserting that");
        assert_eq!(refine("PositionStatement", &toks), "PositionStatement");
        assert_eq!(cameo("MilitaryThreat"), "138");
        assert_eq!(cameo("Announcement"), "010");
    }

    #[test]
    fn channels_are_read_from_the_sentence() {
        assert_eq!(channel("state media (RTA) suggested"), Some("StateMedia"));
        assert_eq!(
            channel("The minister publicly articulated"),
            Some("PublicRemarks")
        );
        assert_eq!(channel("Tarar accused"), None);
    }
}
