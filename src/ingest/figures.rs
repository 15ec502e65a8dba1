//! Figures a sentence reports: a number (in digits, in words, or a vague plural such as
//! "hundreds") with what it counts, read as ontology/README.md writes a `cg:Figure`: a plain
//! value, a unit (ISO 4217 for money, a plural noun for counts and spans), a qualifier from the
//! words before it, and the source's words kept as its surface form.

use super::dates::Period;

/// One proposed figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// A plain number as `cg:value` writes it: `2600`, `1500000`, `0.5`.
    pub value: String,
    pub unit: String,
    /// Local name of a concept of `cg:QualifierScheme`.
    pub qualifier: &'static str,
    /// The source's words, from the qualifier to the unit.
    pub surface: String,
    /// What is counted, in the source's words, for the curator to reword.
    pub measures: String,
    /// The sentence speaks in the present ("remain", "are currently"): the figure holds as of
    /// the publication date.
    pub present: bool,
    /// The period it held in, when its sentence or the lead of its list names one ("as of late
    /// October 2025"); set by [`held_in`].
    pub held: Option<Period>,
}

/// A word of a sentence: its text without surrounding punctuation, and its byte span there.
#[derive(Debug, Clone)]
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    /// Punctuation follows it ("2025," or "dozens,"): a phrase stops there.
    stop: bool,
}

fn words(sentence: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    for raw in sentence.split_whitespace() {
        let start = at + sentence[at..].find(raw).unwrap_or(0);
        at = start + raw.len();
        let lead = raw.len() - raw.trim_start_matches(['(', '“', '"', '‘', '\'']).len();
        let core = raw[lead..].trim_end_matches(|c: char| !c.is_alphanumeric());
        let stop = core.len() + lead < raw.len();
        if !core.is_empty() {
            out.push(Word {
                text: core,
                start: start + lead,
                end: start + lead + core.len(),
                stop,
            });
        }
    }
    out
}

const SMALL: &[(&str, u64)] = &[
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("fifteen", 15),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

const SCALES: &[(&str, u64)] = &[
    ("thousand", 1_000),
    ("million", 1_000_000),
    ("billion", 1_000_000_000),
];

/// Vague plurals, valued by their base (ontology/README.md, `cg:Multiples`).
const MULTIPLES: &[(&str, u64)] = &[
    ("dozens", 12),
    ("hundreds", 100),
    ("thousands", 1_000),
    ("millions", 1_000_000),
];

/// Nouns that count people: their figures are in `"people"`.
const PEOPLE: &[&str] = &[
    "people",
    "persons",
    "refugees",
    "workers",
    "civilians",
    "soldiers",
    "militants",
    "residents",
    "migrants",
    "returnees",
    "cardholders",
    "children",
    "deaths",
    "casualties",
    "afghans",
    "pakistanis",
];

/// Spans: a compound's singular ("forty-eight-hour") and the unit the corpus writes.
const SPANS: &[(&str, &str)] = &[
    ("hour", "hours"),
    ("day", "days"),
    ("week", "weeks"),
    ("month", "months"),
    ("year", "years"),
    ("kilometer", "km"),
    ("kilometre", "km"),
    ("km", "km"),
    ("mile", "miles"),
];

/// Words ending in "s" that are not plural nouns: a unit is not looked for past them.
const NOT_PLURAL: &[&str] = &[
    "is", "was", "has", "its", "this", "as", "us", "across", "thus", "plus", "less", "unless",
    "always", "perhaps", "whereas", "news", "crisis", "status", "process", "analysis",
];

/// Words that put a sentence in the present: what it counts holds on the publication date.
const PRESENT: &[&str] = &[
    "is",
    "are",
    "remain",
    "remains",
    "currently",
    "now",
    "still",
];

fn present(ws: &[Word]) -> bool {
    ws.iter()
        .any(|w| PRESENT.contains(&w.text.to_lowercase().as_str()))
}

/// Words before a number that make it a reference rather than a count.
const DEFINITE: &[&str] = &["the", "these", "those", "its", "their", "both", "all"];

fn lookup(table: &[(&str, u64)], word: &str) -> Option<u64> {
    let w = word.to_lowercase();
    table.iter().find(|(k, _)| *k == w).map(|(_, v)| *v)
}

/// A number in words: "four", "forty-eight", "twenty".
fn in_words(text: &str) -> Option<u64> {
    let mut total = 0;
    for part in text.split('-') {
        total += lookup(SMALL, part)?;
    }
    Some(total)
}

/// Digits with thousands separators and an optional fraction: (integer part, fraction digits).
fn digits(text: &str) -> Option<(u64, String)> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let whole_digits: String = whole.chars().filter(|c| *c != ',').collect();
    let well_formed = !whole_digits.is_empty()
        && whole_digits.chars().all(|c| c.is_ascii_digit())
        && fraction.chars().all(|c| c.is_ascii_digit())
        && whole.split(',').skip(1).all(|g| g.len() == 3);
    if !well_formed {
        return None;
    }
    Some((whole_digits.parse().ok()?, fraction.to_owned()))
}

/// `whole.fraction × scale` as a plain number, exactly (no floating point).
fn plain(whole: u64, fraction: &str, scale: u64) -> String {
    let places = fraction.len() as u32;
    let Some(denominator) = 10u64.checked_pow(places) else {
        return format!("{whole}.{fraction}");
    };
    let numerator = whole
        .checked_mul(denominator)
        .and_then(|n| n.checked_add(fraction.parse::<u64>().unwrap_or(0)))
        .and_then(|n| n.checked_mul(scale));
    match numerator {
        Some(n) if n % denominator == 0 => (n / denominator).to_string(),
        Some(_) if scale == 1 => format!("{whole}.{fraction}"),
        _ => format!("{whole}.{fraction}"),
    }
}

/// The qualifier the words before a number give, and where those words start.
fn qualifier(ws: &[Word], at: usize) -> (&'static str, usize) {
    let before = |n: usize| -> Option<String> {
        (at >= n && !ws[at - n].stop).then(|| {
            ws[at - n..at]
                .iter()
                .map(|w| w.text.to_lowercase())
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    for (words, n, q) in [
        ("an estimated", 2, "Estimated"),
        ("more than", 2, "MoreThan"),
        ("at least", 2, "AtLeast"),
        ("up to", 2, "UpTo"),
        ("estimated", 1, "Estimated"),
        ("over", 1, "MoreThan"),
        ("around", 1, "Approximate"),
        ("about", 1, "Approximate"),
        ("approximately", 1, "Approximate"),
        ("roughly", 1, "Approximate"),
        ("nearly", 1, "Approximate"),
        ("some", 1, "Approximate"),
        ("sometimes", 1, "UpTo"),
    ] {
        if before(n).as_deref() == Some(words) {
            return (q, at - n);
        }
    }
    ("Exact", at)
}

/// The unit a plural noun gives: "people" for nouns that count people, else the noun.
fn unit_of(noun: &str) -> Option<String> {
    let lower = noun.to_lowercase();
    if PEOPLE.contains(&lower.as_str()) {
        return Some("people".into());
    }
    let plural = lower.len() > 3
        && lower.ends_with('s')
        && !lower.ends_with("ss")
        && lower.chars().all(|c| c.is_alphabetic())
        && !NOT_PLURAL.contains(&lower.as_str());
    plural.then_some(lower)
}

/// The counted noun within `reach` words after `from`: (its index, its unit). A phrase stops at
/// punctuation and at "of" (a count of something else).
fn counted(ws: &[Word], from: usize, reach: usize) -> Option<(usize, String)> {
    for (i, w) in ws.iter().enumerate().skip(from).take(reach) {
        if w.text.eq_ignore_ascii_case("of") {
            return None;
        }
        if let Some(unit) = unit_of(w.text) {
            return Some((i, unit));
        }
        if w.stop {
            return None;
        }
    }
    None
}

/// The period the figures of a sentence held in: one its words name ("by mid-October 2025"),
/// else, for an item of a list ("- Daily Trade Loss: ..."), the one the list's lead names
/// ("Specific economic impacts as of late October 2025 include:"). `lead` carries a lead's
/// period to the items after it. A period led by "since" says when something began.
pub fn held_in(sentence: &str, lead: &mut Option<Period>) -> Option<Period> {
    let own = super::dates::periods(sentence)
        .into_iter()
        .find(|p| !p.since);
    let item = sentence.starts_with("- ");
    let held = own.clone().or_else(|| lead.clone().filter(|_| item));
    if !item {
        *lead = own.filter(|_| sentence.trim_end().ends_with(':'));
    }
    held
}

/// The figures a sentence reports, in order.
pub fn figures(sentence: &str) -> Vec<Figure> {
    let ws = words(sentence);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        match figure_at(sentence, &ws, i) {
            Some((figure, next)) => {
                out.push(figure);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// A figure whose number starts at word `i`, and the word after it.
fn figure_at(sentence: &str, ws: &[Word], i: usize) -> Option<(Figure, usize)> {
    let w = ws[i].text;
    let (value, unit_word, last) = if let Some(base) = lookup(MULTIPLES, w) {
        multiples(ws, i, base)?
    } else if let Some((number, span)) = compound(w) {
        (number, Some((i, span)), i)
    } else {
        counted_number(ws, i)?
    };
    let (qualifier, first) = if lookup(MULTIPLES, w).is_some() {
        ("Multiples", i)
    } else {
        qualifier(ws, i)
    };
    let (unit_at, unit) = unit_word?;
    let end = unit_at.max(last);
    let mut surface = sentence[ws[first].start..ws[end].end].to_owned();
    // "1.2 million registered (PoR cardholders)": keep the bracket the words open.
    if surface.matches('(').count() > surface.matches(')').count()
        && sentence[ws[end].end..].starts_with(')')
    {
        surface.push(')');
    }
    let measures = if unit_at > last {
        sentence[ws[last + 1].start..ws[unit_at].end].to_owned()
    } else {
        surface.clone()
    };
    let figure = Figure {
        value,
        unit,
        qualifier,
        surface,
        measures,
        present: present(ws),
        held: None,
    };
    Some((figure, end + 1))
}

type Read = (String, Option<(usize, String)>, usize);

/// "dozens of refugee villages", "hundreds of thousands more Afghans", "millions of dollars",
/// "the deaths of dozens".
fn multiples(ws: &[Word], i: usize, base: u64) -> Option<Read> {
    let mut value = base;
    let mut last = i;
    if ws.get(i + 1).is_some_and(|w| w.text == "of") && !ws[i].stop {
        if let Some(more) = ws.get(i + 2).and_then(|w| lookup(MULTIPLES, w.text)) {
            value *= more;
            last = i + 2;
        } else {
            last = i + 1;
        }
    }
    if last == i {
        // No "of" after it: a count of the deaths named just before ("the deaths of dozens").
        let deaths = i >= 2
            && ws[i - 1].text == "of"
            && unit_of(ws[i - 2].text).as_deref() == Some("people");
        return deaths.then(|| (value.to_string(), Some((i, "people".into())), i));
    }
    let after = ws.get(last + 1)?;
    if after.text.eq_ignore_ascii_case("dollars") {
        return Some((value.to_string(), Some((last + 1, "USD".into())), last));
    }
    let unit = counted(ws, last + 1, 3)?;
    Some((value.to_string(), Some(unit), last))
}

/// "2,600-kilometer", "forty-eight-hour", "four-day": a number and a span in one word.
fn compound(word: &str) -> Option<(String, String)> {
    let (number, span) = word.rsplit_once('-')?;
    let unit = SPANS
        .iter()
        .find(|(k, _)| span.eq_ignore_ascii_case(k))
        .map(|(_, u)| (*u).to_owned())?;
    let value = match digits(number) {
        Some((whole, fraction)) => plain(whole, &fraction, 1),
        None => in_words(number)?.to_string(),
    };
    Some((value, unit))
}

/// "five times their usual rate": a multiplier is not a count of "times", its unit is what it
/// multiplies ("times the usual rate"), up to the end of the phrase; none when nothing follows.
fn multiplier(ws: &[Word], times: usize) -> Option<(usize, String)> {
    let mut unit = String::from("times");
    let mut end = times;
    for (k, w) in ws.iter().enumerate().skip(times + 1).take(4) {
        if ws[end].stop {
            break;
        }
        let lower = w.text.to_lowercase();
        let word = match lower.as_str() {
            "their" | "its" | "his" | "her" | "our" | "your" => "the",
            _ => w.text,
        };
        unit.push(' ');
        unit.push_str(word);
        end = k;
    }
    (end > times).then_some((end, unit))
}

/// "$2.3 billion", "11,000 daily wage workers", "1.5 million Afghans", "two weeks", "a million
/// Afghan refugees".
fn counted_number(ws: &[Word], i: usize) -> Option<Read> {
    let w = ws[i].text;
    // "the two nations", "both sides": a reference to things named before, not a count; but
    // "the four days of talks" is a span.
    let definite = i > 0 && DEFINITE.contains(&ws[i - 1].text.to_lowercase().as_str());
    let money = w.starts_with('$') || (i > 0 && ws[i - 1].text == "$");
    let (whole, fraction, words_number) = if let Some(d) = digits(w.trim_start_matches('$')) {
        (d.0, d.1, false)
    } else if let Some(n) = in_words(w) {
        (n, String::new(), true)
    } else if w.eq_ignore_ascii_case("a")
        && ws
            .get(i + 1)
            .is_some_and(|n| lookup(SCALES, n.text).is_some())
    {
        (1, String::new(), true)
    } else {
        return None;
    };
    let mut last = i;
    let mut scale = 1;
    if !ws[i].stop {
        if let Some(s) = ws.get(i + 1).and_then(|n| lookup(SCALES, n.text)) {
            scale = s;
            last = i + 1;
        }
    }
    let value = plain(whole, &fraction, scale);
    if money {
        return Some((value, Some((last, "USD".into())), last));
    }
    if ws[last].stop {
        return None;
    }
    // A number in words names its unit at once ("two weeks"); digits may have a few words
    // between ("11,000 daily wage workers").
    let reach = if words_number && scale == 1 { 1 } else { 3 };
    let unit = counted(ws, last + 1, reach)?;
    if unit.1 == "times" {
        return multiplier(ws, unit.0).map(|unit| (value, Some(unit), last));
    }
    let span = SPANS.iter().any(|(_, u)| *u == unit.1);
    if definite && !span {
        return None;
    }
    Some((value, Some(unit), last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<(String, String, &'static str, String)> {
        figures(s)
            .into_iter()
            .map(|f| (f.value, f.unit, f.qualifier, f.surface))
            .collect()
    }

    fn one(
        value: &str,
        unit: &str,
        q: &'static str,
        surface: &str,
    ) -> Vec<(String, String, &'static str, String)> {
        vec![(value.into(), unit.into(), q, surface.into())]
    }

    #[test]
    fn numbers_in_digits_words_and_compounds_with_their_units() {
        // Sentences written for this test.
        assert_eq!(
            read("The 2,600-kilometer border is closed."),
            one("2600", "km", "Exact", "2,600-kilometer")
        );
        assert_eq!(
            read("A forty-eight-hour truce fell apart."),
            one("48", "hours", "Exact", "forty-eight-hour")
        );
        assert_eq!(
            read("The crossings have been shut for more than two weeks."),
            one("2", "weeks", "MoreThan", "more than two weeks")
        );
        assert_eq!(
            read("An estimated 11,000 daily wage workers lost their income."),
            one(
                "11000",
                "people",
                "Estimated",
                "An estimated 11,000 daily wage workers"
            )
        );
        assert_eq!(
            read("Over 1.5 million Afghans have left."),
            one("1500000", "people", "MoreThan", "Over 1.5 million Afghans")
        );
        assert_eq!(
            read("Trade worth $2.3 billion a year is suspended."),
            one("2300000000", "USD", "Exact", "$2.3 billion")
        );
        assert_eq!(
            read("It costs around $1 million daily."),
            one("1000000", "USD", "Approximate", "around $1 million")
        );
        assert_eq!(
            read("Approximately 1.2 million registered (PoR cardholders) remain."),
            one(
                "1200000",
                "people",
                "Approximate",
                "Approximately 1.2 million registered (PoR cardholders)"
            )
        );
        assert_eq!(
            read("Over a million Afghan refugees wait."),
            one(
                "1000000",
                "people",
                "MoreThan",
                "Over a million Afghan refugees"
            )
        );
    }

    #[test]
    fn vague_plurals_are_multiples_of_their_base() {
        assert_eq!(
            read("Hundreds of vehicles are stranded."),
            one("100", "vehicles", "Multiples", "Hundreds of vehicles")
        );
        assert_eq!(
            read("Hundreds of thousands more undocumented Afghans remain."),
            one(
                "100000",
                "people",
                "Multiples",
                "Hundreds of thousands more undocumented Afghans"
            )
        );
        assert_eq!(
            read("It cost millions of dollars in lost revenue."),
            one("1000000", "USD", "Multiples", "millions of dollars")
        );
        assert_eq!(
            read("The fighting led to the deaths of dozens, including soldiers."),
            one("12", "people", "Multiples", "dozens")
        );
    }

    #[test]
    fn a_figure_in_a_present_tense_sentence_holds_as_of_publication() {
        assert!(figures("Hundreds of vehicles are stranded.")[0].present);
        assert!(!figures("Hundreds of vehicles were stranded.")[0].present);
    }

    #[test]
    fn a_multiplier_has_what_it_multiplies_as_its_unit() {
        assert_eq!(
            read("Bread cost sometimes five times their usual price, traders said."),
            one(
                "5",
                "times the usual price",
                "UpTo",
                "sometimes five times their usual price"
            )
        );
        assert!(read("Prices rose five times.").is_empty());
    }

    #[test]
    fn dates_years_and_numbers_without_a_unit_are_not_figures() {
        assert!(read("The talks failed on October 29, 2025, in Istanbul.").is_empty());
        assert!(read("The Taliban took Kabul in 2021.").is_empty());
        assert!(read("One of the most tangible effects is the closure.").is_empty());
        assert!(read("Two of the crossings stayed closed.").is_empty());
        assert!(read("The second round of talks was under way.").is_empty());
        assert!(read("Trade between the two nations stopped.").is_empty());
        assert_eq!(
            read("They talked over the four days of the summit."),
            one("4", "days", "Exact", "four days")
        );
    }
}
