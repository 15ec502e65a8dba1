//! Dates for ingest: calendar arithmetic, the date expressions of news text (absolute dates,
//! weekdays, relative words) and their resolution against the publication date, words kept.

use std::fmt;

/// A day of the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Day numbers written as words ("October nineteenth").
const ORDINAL_WORDS: [&str; 31] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "twenty-first",
    "twenty-second",
    "twenty-third",
    "twenty-fourth",
    "twenty-fifth",
    "twenty-sixth",
    "twenty-seventh",
    "twenty-eighth",
    "twenty-ninth",
    "thirtieth",
    "thirty-first",
];

impl Date {
    /// A valid date, or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Reads `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days(self) -> i64 {
        let (y, m, d) = (self.year, self.month, self.day);
        crate::dates::days_from_civil(i64::from(y), i64::from(m), i64::from(d))
    }

    pub fn from_days(days: i64) -> Date {
        let (year, month, day) = crate::dates::civil_from_days(days);
        Date {
            year: year as i32,
            month: month as u32,
            day: day as u32,
        }
    }

    pub fn plus(self, days: i64) -> Date {
        Date::from_days(self.days() + days)
    }

    /// 0 for Monday .. 6 for Sunday.
    pub fn weekday(self) -> usize {
        (self.days() + 3).rem_euclid(7) as usize
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// What a date expression says about when something happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// The day itself.
    Day(Date),
    /// Within these bounds, both included.
    Between(Date, Date),
}

/// A date expression found in a sentence: where (byte offsets in the sentence), the words, and
/// what they resolve to against the publication date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub words: String,
    pub when: When,
    /// The text gave no year; it was read from the publication date.
    pub year_inferred: bool,
    /// The words say "as of": the time of what is reported, not of the report.
    pub as_of: bool,
}

/// A word of a sentence, lower-cased, with its byte range.
#[derive(Debug, Clone)]
struct Word {
    start: usize,
    end: usize,
    lower: String,
}

fn words(sentence: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in sentence.char_indices() {
        let part = c.is_alphanumeric() || c == '-' || (c == '.' && start.is_some());
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(word(sentence, s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(word(sentence, s, sentence.len()));
    }
    out
}

fn word(sentence: &str, start: usize, end: usize) -> Word {
    let text = sentence[start..end].trim_end_matches(['.', '-']);
    Word {
        start,
        end: start + text.len(),
        lower: text.to_lowercase(),
    }
}

fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(w)) || (w == "sept"))
        .map(|i| i as u32 + 1)
}

/// "19", "19th", "1st", "nineteenth".
fn day_of(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !digits.is_empty() && ["", "st", "nd", "rd", "th"].contains(&suffix) {
        return digits.parse().ok().filter(|d| (1..=31).contains(d));
    }
    ORDINAL_WORDS
        .iter()
        .position(|w| *w == word)
        .map(|i| i as u32 + 1)
}

fn year_of(word: &str) -> Option<i32> {
    (word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

/// Every date expression of a sentence, resolved against `published`.
pub fn find(sentence: &str, published: Date) -> Vec<Found> {
    let ws = words(sentence);
    let mut out: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if let Some((found, next)) = absolute(sentence, &ws, i, published)
            .or_else(|| weekday(sentence, &ws, i, published))
            .or_else(|| relative(sentence, &ws, i, published))
        {
            out.push(found);
            i = next;
        } else {
            i += 1;
        }
    }
    out
}

/// Marks "as of" and keeps the words from a leading "on", "since", "late" and the like.
fn finish(sentence: &str, ws: &[Word], first: usize, last: usize, when: When) -> Found {
    let mut from = first;
    let mut as_of = false;
    while from > 0 {
        let prev = ws[from - 1].lower.as_str();
        match prev {
            "on" | "by" | "before" | "since" | "until" | "of" | "late" | "early" => from -= 1,
            _ => break,
        }
        if prev == "of" {
            as_of = from > 0 && ws[from - 1].lower == "as";
            if as_of {
                from -= 1;
            }
            break;
        }
    }
    // "as of late October 28th": the late/early is already consumed above.
    if !as_of && from >= 2 && ws[from - 1].lower == "of" && ws[from - 2].lower == "as" {
        as_of = true;
        from -= 2;
    }
    let (start, end) = (ws[from].start, ws[last].end);
    Found {
        start,
        end,
        words: sentence[start..end].to_owned(),
        when,
        year_inferred: false,
        as_of,
    }
}

/// "October 29, 2025", "Oct. 29", "October 19th", "29 October 2025", "2025-10-29".
fn absolute(sentence: &str, ws: &[Word], i: usize, published: Date) -> Option<(Found, usize)> {
    if let Some(d) = Date::parse(&ws[i].lower) {
        return Some((finish(sentence, ws, i, i, When::Day(d)), i + 1));
    }
    let year_after = |j: usize| ws.get(j).and_then(|w| year_of(&w.lower));
    let (month, day, last) = if let Some(month) = month_of(&ws[i].lower) {
        let day = ws.get(i + 1).and_then(|w| day_of(&w.lower))?;
        (month, day, i + 1)
    } else {
        let day =
            day_of(&ws[i].lower).filter(|_| ws[i].lower.chars().any(|c| c.is_ascii_digit()))?;
        let month = ws.get(i + 1).and_then(|w| month_of(&w.lower))?;
        (month, day, i + 1)
    };
    let (year, last, inferred) = match year_after(last + 1) {
        Some(y) => (y, last + 1, false),
        None => {
            // A year left out is the publication year, or the one before for a later day.
            let this = Date::new(published.year, month, day)?;
            let year = if this > published {
                published.year - 1
            } else {
                published.year
            };
            (year, last, true)
        }
    };
    let date = Date::new(year, month, day)?;
    let mut found = finish(sentence, ws, i, last, When::Day(date));
    found.year_inferred = inferred;
    Some((found, last + 1))
}

/// "on Wednesday", "Wednesday night": the last such day on or before the publication date. A
/// weekday followed by a full date is left to the date.
fn weekday(sentence: &str, ws: &[Word], i: usize, published: Date) -> Option<(Found, usize)> {
    let wd = WEEKDAYS.iter().position(|d| *d == ws[i].lower)?;
    // "Wednesday, October 29, 2025": keep the weekday's words with the date.
    if let Some((mut found, next)) = ws
        .get(i + 1)
        .and_then(|_| absolute(sentence, ws, i + 1, published))
    {
        let lead = finish(sentence, ws, i, i, found.when.clone());
        found.start = lead.start;
        found.words = sentence[found.start..found.end].to_owned();
        return Some((found, next));
    }
    let back = (published.weekday() + 7 - wd) % 7;
    let date = published.plus(-(back as i64));
    Some((finish(sentence, ws, i, i, When::Day(date)), i + 1))
}

/// "today", "yesterday", "last week", "this week", "last month", "earlier this month".
fn relative(sentence: &str, ws: &[Word], i: usize, published: Date) -> Option<(Found, usize)> {
    let w = ws[i].lower.as_str();
    let next = ws.get(i + 1).map(|w| w.lower.as_str());
    let monday = published.plus(-(published.weekday() as i64));
    let first_of_month = Date::new(published.year, published.month, 1)?;
    let (when, last) = match (w, next) {
        ("today", _) | ("tonight", _) => (When::Day(published), i),
        ("yesterday", _) => (When::Day(published.plus(-1)), i),
        ("last", Some("week")) => (When::Between(monday.plus(-7), monday.plus(-1)), i + 1),
        ("this", Some("week")) => (When::Between(monday, published), i + 1),
        ("last", Some("month")) => {
            let end = first_of_month.plus(-1);
            (
                When::Between(Date::new(end.year, end.month, 1)?, end),
                i + 1,
            )
        }
        ("this", Some("month")) => (When::Between(first_of_month, published), i + 1),
        _ => return None,
    };
    let mut from = i;
    if from > 0 && ws[from - 1].lower == "earlier" {
        from -= 1;
    }
    Some((finish(sentence, ws, from, last, when), last + 1))
}

/// A stretch of time a text names loosely for what it reports ("late October 2025",
/// "mid-October 2025", "late 2023"), read the way the corpus reads it (ontology/README.md): a
/// month's early, mid and late parts are days 1-10, 11-20 and 21 to its end; a year's are
/// January-April, May-August and September-December.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// The words, with the one that leads them ("since late 2023", "by mid-October 2025").
    pub words: String,
    pub from: Date,
    pub to: Date,
    /// Led by "since": when something began, not when it held.
    pub since: bool,
}

/// Words that lead a period and are kept with it.
const PERIOD_LEADS: &[&str] = &["since", "by", "until", "before", "in", "from", "during"];

/// Every loosely named period of a sentence. Whole days are left to [`find`]; a bare year ("in
/// 2021") is not read as a period, since it is as often a label as a time.
pub fn periods(sentence: &str) -> Vec<Period> {
    let ws = words(sentence);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        match period_at(&ws, i) {
            Some((from, to, last)) => {
                let mut first = i;
                if first >= 2 && ws[first - 1].lower == "of" && ws[first - 2].lower == "as" {
                    first -= 2;
                } else if first >= 1 && PERIOD_LEADS.contains(&ws[first - 1].lower.as_str()) {
                    first -= 1;
                }
                out.push(Period {
                    words: sentence[ws[first].start..ws[last].end].to_owned(),
                    from,
                    to,
                    since: ws[first].lower == "since",
                });
                i = last + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// Which part of a month or year a word names: 0 early, 1 mid, 2 late.
fn part_of(word: &str) -> Option<usize> {
    ["early", "mid", "late"].iter().position(|p| *p == word)
}

/// A period starting at word `i`: its bounds and its last word.
fn period_at(ws: &[Word], i: usize) -> Option<(Date, Date, usize)> {
    let word = ws[i].lower.as_str();
    // "mid-October", "mid-2023": the part joined to what it qualifies.
    let (part, head, at) = match word.split_once('-') {
        Some((p, rest)) if part_of(p).is_some() => (part_of(p), rest, i),
        _ => match part_of(word) {
            Some(p) => (Some(p), ws.get(i + 1)?.lower.as_str(), i + 1),
            None => (None, word, i),
        },
    };
    if let Some(month) = month_of(head) {
        let year = year_of(&ws.get(at + 1)?.lower)?;
        let end = days_in_month(year, month);
        let (a, b) = match part {
            None => (1, end),
            Some(0) => (1, 10),
            Some(1) => (11, 20),
            _ => (21, end),
        };
        return Some((
            Date::new(year, month, a)?,
            Date::new(year, month, b)?,
            at + 1,
        ));
    }
    let year = year_of(head)?;
    let (a, b) = [(1, 4), (5, 8), (9, 12)][part?];
    let to = Date::new(year, b, days_in_month(year, b))?;
    Some((Date::new(year, a, 1)?, to, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn calendar_arithmetic_round_trips() {
        for text in ["1970-01-01", "2000-02-29", "2025-10-29", "1999-12-31"] {
            assert_eq!(Date::from_days(d(text).days()), d(text));
        }
        assert_eq!(d("1970-01-01").days(), 0);
        assert_eq!(d("2025-10-29").weekday(), 2, "a Wednesday");
        assert_eq!(d("2025-03-01").plus(-1), d("2025-02-28"));
        assert!(Date::parse("2025-02-29").is_none());
        assert!(Date::parse("2025-13-01").is_none());
        assert!(Date::parse("29/10/2025").is_none());
    }

    #[test]
    fn absolute_dates_keep_their_words() {
        let pub_ = d("2025-10-29");
        let found = find(
            "Tarar announced before dawn on Wednesday, October 29, 2025, that",
            pub_,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].words, "on Wednesday, October 29, 2025");
        assert_eq!(found[0].when, When::Day(pub_));
        let found = find("the October 19th Doha ceasefire", pub_);
        assert_eq!(found[0].when, When::Day(d("2025-10-19")));
        assert!(found[0].year_inferred);
        let found = find("brokered on 19 October 2025 in Doha", pub_);
        assert_eq!(found[0].words, "on 19 October 2025");
        let found = find("signed on Dec. 30", pub_);
        assert_eq!(
            found[0].when,
            When::Day(d("2024-12-30")),
            "a later day is last year's"
        );
    }

    #[test]
    fn weekdays_and_relative_words_resolve_against_the_publication_date() {
        let pub_ = d("2025-10-29"); // a Wednesday
        let found = find("officials said on Monday that", pub_);
        assert_eq!(found[0].when, When::Day(d("2025-10-27")));
        assert_eq!(found[0].words, "on Monday");
        assert_eq!(find("said on Wednesday", pub_)[0].when, When::Day(pub_));
        assert_eq!(
            find("warned last week", pub_)[0].when,
            When::Between(d("2025-10-20"), d("2025-10-26"))
        );
        assert_eq!(
            find("said yesterday", pub_)[0].when,
            When::Day(d("2025-10-28"))
        );
        assert_eq!(
            find("earlier this month", pub_)[0].when,
            When::Between(d("2025-10-01"), pub_)
        );
        assert_eq!(
            find("earlier this month", pub_)[0].words,
            "earlier this month"
        );
    }

    #[test]
    fn as_of_marks_the_time_of_the_content() {
        let found = find(
            "was still holding as of late October 28th.",
            d("2025-10-29"),
        );
        assert!(found[0].as_of);
        assert_eq!(found[0].words, "as of late October 28th");
        assert!(!find("on October 28", d("2025-10-29"))[0].as_of);
    }

    #[test]
    fn numbers_that_are_not_dates_are_left_alone() {
        assert!(find("11,000 daily wage workers and 54 villages", d("2025-10-29")).is_empty());
        assert!(find("in 2021", d("2025-10-29")).is_empty());
    }

    #[test]
    fn loosely_named_periods_are_read_as_the_corpus_reads_them() {
        let read = |text: &str| -> Vec<(String, String, String, bool)> {
            periods(text)
                .into_iter()
                .map(|p| (p.words, p.from.to_string(), p.to.to_string(), p.since))
                .collect()
        };
        let p = |w: &str, a: &str, b: &str, since: bool| (w.to_owned(), a.into(), b.into(), since);
        assert_eq!(
            read("Specific economic impacts as of late October 2025 include:"),
            [p(
                "as of late October 2025",
                "2025-10-21",
                "2025-10-31",
                false
            )]
        );
        assert_eq!(
            read("a drive since late 2023, which saw many leave by mid-October 2025."),
            [
                p("since late 2023", "2023-09-01", "2023-12-31", true),
                p("by mid-October 2025", "2025-10-11", "2025-10-20", false),
            ]
        );
        assert_eq!(
            read("In early February 2024 and mid-2022, and in March 2020."),
            [
                p("In early February 2024", "2024-02-01", "2024-02-10", false),
                p("mid-2022", "2022-05-01", "2022-08-31", false),
                p("in March 2020", "2020-03-01", "2020-03-31", false),
            ]
        );
        // Days are dates, not periods; a bare year and a late hour are neither.
        assert!(read("as of late October 28th, in 2021, late 2 pm, May 5, 2025").is_empty());
    }
}
