//! The text side of ingest: sentences as the corpus counts them (UAX #29 within lines, with the
//! splits it gets wrong mended), headings and page furniture told from content, quoted spans, and
//! quotes made unique with a prefix or suffix only when they need one.

use crate::provenance::{self, Anchor};

/// What a span of the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Content,
    Heading,
    Furniture,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Content => "content",
            Kind::Heading => "heading",
            Kind::Furniture => "furniture",
        }
    }
}

/// A sentence (or a heading, or a piece of furniture) by code point offsets, half-open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: Kind,
    /// The line (paragraph) it stands on, from 0.
    pub line: usize,
}

/// Words that stay lower case in a title.
const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "nor", "as", "by",
    "with", "from", "into", "over", "under", "amid", "amidst", "vs", "versus", "its", "their",
    "per", "via", "off", "up",
];

/// Abbreviations after which UAX #29 wrongly ends a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr.", "mrs.", "ms.", "dr.", "gen.", "lt.", "col.", "sen.", "rep.", "gov.", "st.", "no.",
    "prof.", "capt.", "sgt.", "maj.", "adm.", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.",
    "dec.", "vs.", "approx.",
];

/// How page furniture opens: links, calls to action, invitations to comment or subscribe.
const FURNITURE_OPENINGS: &[&str] = &[
    "find out more about",
    "learn more about",
    "read more about",
    "read more:",
    "read also",
    "see also",
    "for insight into",
    "for more on",
    "for more information",
    "click here",
    "subscribe",
    "sign up",
    "follow us",
    "share this",
    "share your",
    "call to action",
    "advertisement",
    "related:",
];

/// Splits a text into sentences, headings and furniture, in order.
pub fn segment(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut line_start = 0; // code points
    for (number, line) in text.split('\n').enumerate() {
        let pieces = mend(line, provenance::sentences(line));
        let kinds = classify_line(&pieces);
        for (piece, kind) in pieces.into_iter().zip(kinds) {
            out.push(Segment {
                start: line_start + piece.start,
                end: line_start + piece.end,
                text: piece.text,
                kind,
                line: number,
            });
        }
        line_start += line.chars().count() + 1;
    }
    out
}

/// Joins the pieces UAX #29 splits wrongly: a section number ("IV.") from its title, an
/// abbreviation ("U.S.", "Gen.") from what follows, and a call to action kept whole.
fn mend(line: &str, pieces: Vec<provenance::Sentence>) -> Vec<provenance::Sentence> {
    let mut out: Vec<provenance::Sentence> = Vec::new();
    // An editor's note in brackets stays whole, as a call to action does.
    let trimmed = line.trim();
    let mut whole_rest = trimmed.starts_with('[') && trimmed.ends_with(']');
    for piece in pieces {
        let join = match out.last() {
            Some(prev) => {
                whole_rest || is_section_number(&prev.text) || ends_abbreviated(&prev.text)
            }
            None => false,
        };
        if join {
            let prev = out.last_mut().expect("checked above");
            prev.end = piece.end;
            prev.text = provenance::slice(line, prev.start, prev.end)
                .unwrap_or_default()
                .to_owned();
        } else {
            whole_rest |= piece.text.to_lowercase().starts_with("call to action");
            out.push(piece);
        }
    }
    out
}

fn is_section_number(text: &str) -> bool {
    let Some(number) = text.strip_suffix('.') else {
        return false;
    };
    !number.is_empty()
        && (number.chars().all(|c| "IVXLC".contains(c))
            || number.chars().all(|c| c.is_ascii_digit()))
}

fn ends_abbreviated(text: &str) -> bool {
    let last = text.split_whitespace().last().unwrap_or("").to_lowercase();
    // "U.S.", "U.N.", "E.U.": letters each followed by a full stop.
    let initials = last.len() >= 4
        && last
            .as_bytes()
            .chunks(2)
            .all(|c| c.len() == 2 && c[0].is_ascii_alphabetic() && c[1] == b'.');
    initials || ABBREVIATIONS.contains(&last.as_str())
}

fn classify_line(pieces: &[provenance::Sentence]) -> Vec<Kind> {
    let furniture: Vec<bool> = pieces
        .iter()
        .map(|p| is_furniture(&p.text, pieces.len() == 1))
        .collect();
    pieces
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let rest_is_furniture = furniture[i + 1..].iter().all(|f| *f);
            if furniture[i] {
                Kind::Furniture
            } else if i == 0
                && rest_is_furniture
                && (is_title(&p.text) || is_headline(&p.text, pieces.len()))
            {
                Kind::Heading
            } else {
                Kind::Content
            }
        })
        .collect()
}

/// A headline in sentence case: a short line of its own that no punctuation ends.
fn is_headline(text: &str, pieces: usize) -> bool {
    let ends = text.ends_with(['.', '!', '?', ':', ';', ',', '”', '"', '’', ')', '*']);
    pieces == 1 && !ends && !text.starts_with("- ") && text.split_whitespace().count() <= 14
}

/// Page furniture: links and calls to action, search-engine filler ("Understanding X is crucial
/// for ..."), an editor's note in brackets, a byline.
pub fn is_furniture(sentence: &str, whole_line: bool) -> bool {
    let lower = sentence.to_lowercase();
    if crate::check::looks_like_furniture(sentence)
        || FURNITURE_OPENINGS.iter().any(|f| lower.starts_with(f))
        || lower.contains("in the comments")
    {
        return true;
    }
    let filler = lower.starts_with("understanding ")
        && [" is crucial", " is essential", " is key", " is vital"]
            .iter()
            .any(|w| lower.contains(w));
    let note = whole_line && sentence.starts_with('[') && sentence.ends_with(']');
    let byline = whole_line
        && lower.starts_with("by ")
        && sentence.split_whitespace().count() <= 6
        && is_title(&sentence[3..]);
    filler || note || byline
}

/// A title: short, and every word but the small ones capitalised.
pub fn is_title(text: &str) -> bool {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    !words.is_empty()
        && words.len() <= 16
        && words.iter().enumerate().all(|(i, w)| {
            let lower = w.to_lowercase();
            (i > 0 && TITLE_SMALL_WORDS.contains(&lower.as_str()))
                || w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
}

/// A quoted span inside a sentence: byte offsets of the words between the marks, without the
/// punctuation that closes the quote ("solution," → "solution").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quoted {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Quoted {
    pub fn words(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

/// The quoted spans of a sentence, between curly or straight double quotation marks.
pub fn quoted(sentence: &str) -> Vec<Quoted> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in sentence.char_indices() {
        match (c, open) {
            ('“', _) => open = Some((i + c.len_utf8(), '”')),
            ('"', None) => open = Some((i + 1, '"')),
            (close, Some((from, expected))) if close == expected => {
                let inner = sentence[from..i].trim_end_matches([',', '.', ';', ':', '!', '?', ' ']);
                let lead = inner.len() - inner.trim_start().len();
                if !inner.trim().is_empty() {
                    out.push(Quoted {
                        start: from + lead,
                        end: from + inner.len(),
                        text: inner.trim_start().to_owned(),
                    });
                }
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// The `oa:prefix` / `oa:suffix` that make `exact`, standing at code point `at` of `text`,
/// unique: none when it is unique already, else the shortest prefix (then suffix) that works.
pub fn disambiguate(text: &str, at: usize, exact: &str) -> (Option<String>, Option<String>) {
    let is_here = |a: Anchor| matches!(a, Anchor::Found { start, .. } if start == at);
    if is_here(provenance::anchor(text, exact, None, None)) {
        return (None, None);
    }
    let end = at + exact.chars().count();
    let total = text.chars().count();
    for len in [8, 16, 32, 64, 128, 256] {
        let from = at.saturating_sub(len);
        let prefix = provenance::slice(text, from, at).unwrap_or_default();
        if !prefix.is_empty() && is_here(provenance::anchor(text, exact, Some(prefix), None)) {
            return (Some(prefix.to_owned()), None);
        }
        let to = (end + len).min(total);
        let suffix = provenance::slice(text, end, to).unwrap_or_default();
        if !suffix.is_empty() && is_here(provenance::anchor(text, exact, None, Some(suffix))) {
            return (None, Some(suffix.to_owned()));
        }
    }
    (None, None)
}

/// Code point offset of a byte offset within `text`.
pub fn code_points(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, String)> {
        segment(text)
            .into_iter()
            .map(|s| (s.kind, s.text))
            .collect()
    }

    #[test]
    fn headings_furniture_and_content_are_told_apart() {
        let text = "\nI. The Diplomatic Impasse: Collapse of the Dialogue\nThe Stark Warning as a Defining Moment. Find out more about peace talks.\nThe talks failed. Tarar said so.\n- Daily Trade Loss: Both nations are losing money.\nThe situation is critical:. Learn more about this.";
        let k = kinds(text);
        assert_eq!(
            k,
            [
                (
                    Kind::Heading,
                    "I. The Diplomatic Impasse: Collapse of the Dialogue".into()
                ),
                (
                    Kind::Heading,
                    "The Stark Warning as a Defining Moment.".into()
                ),
                (Kind::Furniture, "Find out more about peace talks.".into()),
                (Kind::Content, "The talks failed.".into()),
                (Kind::Content, "Tarar said so.".into()),
                (
                    Kind::Content,
                    "- Daily Trade Loss: Both nations are losing money.".into()
                ),
                (Kind::Content, "The situation is critical:.".into()),
                (Kind::Furniture, "Learn more about this.".into()),
            ]
        );
        assert_eq!(
            kinds("Pakistan says the talks failed\nThe talks failed.")[0].0,
            Kind::Heading,
            "a headline in sentence case"
        );
        for s in segment(text) {
            assert_eq!(
                provenance::slice(text, s.start, s.end),
                Some(s.text.as_str())
            );
        }
    }

    #[test]
    fn abbreviations_and_calls_to_action_are_not_split() {
        let k = kinds(
            "Reports said that U.S. President Trump pledged help. Gen. Asif spoke.\nCall to Action: What do you think? Share your analysis in the comments below.",
        );
        assert_eq!(k.len(), 3, "{k:?}");
        assert_eq!(
            k[0].1,
            "Reports said that U.S. President Trump pledged help."
        );
        assert_eq!(k[2].0, Kind::Furniture);
    }

    #[test]
    fn filler_notes_and_bylines_are_furniture() {
        assert!(is_furniture(
            "Understanding the role of delegations is crucial for future success.",
            false
        ));
        assert!(is_furniture("[Constructed test document: not news.]", true));
        let note = kinds("[A note. It has two sentences.]\nText.");
        assert_eq!(
            note[0],
            (Kind::Furniture, "[A note. It has two sentences.]".into())
        );
        assert!(is_furniture("By Jane Reporter", true));
        assert!(!is_furniture("By Wednesday the border was shut.", true));
        assert!(!is_furniture(
            "For actionable steps, the focus must shift.",
            false
        ));
    }

    #[test]
    fn quoted_spans_drop_the_closing_punctuation() {
        let q = quoted(
            "the dialogue “failed to bring about any workable solution,” citing \"open war\".",
        );
        assert_eq!(q[0].text, "failed to bring about any workable solution");
        assert_eq!(q[0].words(), 7);
        assert_eq!(q[1].text, "open war");
        let s = "the dialogue “failed to bring about any workable solution,” citing";
        assert_eq!(&s[q[0].start..q[0].end], q[0].text);
    }

    #[test]
    fn a_repeated_quote_gets_a_short_prefix_or_suffix_that_makes_it_unique() {
        let text = "He said “open war”. Later she said “open war” again.";
        let second = text.rfind("open war").unwrap();
        let at = code_points(text, second);
        let (prefix, suffix) = disambiguate(text, at, "open war");
        assert!(prefix.is_some() || suffix.is_some());
        assert_eq!(
            provenance::anchor(text, "open war", prefix.as_deref(), suffix.as_deref()),
            Anchor::Found {
                start: at,
                end: at + 8
            }
        );
        assert_eq!(disambiguate(text, 0, "He said"), (None, None));
    }
}
