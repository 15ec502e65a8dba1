//! Status reports a sentence gives of an event it names ("rapidly fell apart", "was still
//! technically holding", "remains suspended", "the continued closure"), as ontology/README.md
//! writes a `cg:StatusReport`: a status of the status scheme, the text's words, and as of when
//! (the publication date for the present tense, at the latest for the past).

/// One status phrase of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// Local name of a concept of the status scheme (`cg:Holding`, `cg:Collapsed` ...).
    pub status: &'static str,
    /// The words, with the adverbs before them ("still technically holding").
    pub note: String,
    /// Present tense: the status holds as of the publication date; past: by then at the latest.
    pub present: bool,
    /// The word the phrase starts at, among the sentence's words.
    pub at: usize,
    /// The status describes the event named right after it ("the continued closure of ...",
    /// "has been conducting a repatriation drive", an article between), not the one before.
    pub forward: bool,
    /// How many words after the phrase the event it describes may be named ("the collapse of
    /// the Turkey-mediated dialogue": four).
    pub reach: usize,
}

/// Phrases, their status, whether they are in the present tense, and the event types they can
/// describe (empty: any).
const PHRASES: &[(&[&str], &str, bool, &[&str])] = &[
    (&["fell", "apart"], "Collapsed", false, &[]),
    (&["collapsed"], "Collapsed", false, &[]),
    (&["broke", "down"], "Collapsed", false, &[]),
    (
        &["held"],
        "Holding",
        false,
        &["Ceasefire", "UnilateralCeasefire"],
    ),
    (
        &["holding"],
        "Holding",
        true,
        &["Ceasefire", "UnilateralCeasefire"],
    ),
    (&["remains", "suspended"], "Suspended", true, &[]),
    (&["remain", "suspended"], "Suspended", true, &[]),
    (&["remains", "closed"], "Closed", true, &[]),
    (&["remain", "closed"], "Closed", true, &[]),
    (&["still", "closed"], "Closed", true, &[]),
];

/// Adverbs kept with a status phrase.
fn is_adverb(word: &str) -> bool {
    let w = word.to_lowercase();
    (w.len() > 4 && w.ends_with("ly") && w != "only")
        || ["still", "now", "currently", "technically"].contains(&w.as_str())
}

/// A sentence's words as the event reader counts them: split at white space and dashes
/// ("held—with" is two words).
pub fn split(sentence: &str) -> Vec<&str> {
    sentence
        .split(|c: char| c.is_whitespace() || c == '—')
        .filter(|w| !w.is_empty())
        .collect()
}

/// The words of a sentence without surrounding punctuation, in lower case.
fn words(sentence: &str) -> Vec<String> {
    split(sentence)
        .into_iter()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .collect()
}

/// The status phrases of a sentence, in order.
pub fn statuses(sentence: &str) -> Vec<Status> {
    let ws = words(sentence);
    let raw: Vec<&str> = split(sentence);
    let mut out = Vec::new();
    for i in 0..ws.len() {
        // "the continued closure of ...": an event noun after "continued" is still going on.
        if ws[i] == "continued" && i + 1 < ws.len() {
            let status = if ws[i + 1].starts_with("closure") {
                "Closed"
            } else {
                "Ongoing"
            };
            let note = raw[i..=i + 1].join(" ");
            out.push(Status {
                status,
                note: note
                    .trim_end_matches(|c: char| !c.is_alphanumeric())
                    .to_owned(),
                present: true,
                at: i,
                forward: true,
                reach: 2,
            });
            continue;
        }
        // "the collapse of the Turkey-mediated dialogue": the event named after "of" collapsed.
        if ["collapse", "breakdown"].contains(&ws[i].as_str())
            && ws.get(i + 1).is_some_and(|w| w == "of")
        {
            out.push(Status {
                status: "Collapsed",
                note: raw[i..=i + 1].join(" "),
                present: false,
                at: i,
                forward: true,
                reach: 4,
            });
            continue;
        }
        // "has been conducting a repatriation drive": the event the perfect progressive takes
        // as its object is still going on.
        let perfect = ["has", "have"].contains(&ws[i].as_str())
            && ws.get(i + 1).is_some_and(|w| w == "been")
            && ws
                .get(i + 2)
                .is_some_and(|w| w.len() > 5 && w.ends_with("ing"));
        if perfect {
            out.push(Status {
                status: "Ongoing",
                note: ws[i..=i + 2].join(" "),
                present: true,
                at: i + 2,
                forward: true,
                reach: 2,
            });
            continue;
        }
        for (phrase, status, present, _) in PHRASES {
            let n = phrase.len();
            if i + n > ws.len() || ws[i..i + n].iter().zip(phrase.iter()).any(|(a, b)| a != b) {
                continue;
            }
            let mut first = i;
            while first > 0 && is_adverb(&ws[first - 1]) && !raw[first - 1].ends_with(',') {
                first -= 1;
            }
            let note = raw[first..i + n]
                .join(" ")
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .to_owned();
            out.push(Status {
                status,
                note,
                present: *present || ws[first..i].iter().any(|w| w == "still"),
                at: i,
                forward: false,
                reach: 0,
            });
        }
    }
    out
}

/// Whether a status can describe an event of this type.
pub fn fits(status: &Status, kind: &str) -> bool {
    PHRASES
        .iter()
        .find(|(p, s, _, _)| *s == status.status && status.note.ends_with(p[p.len() - 1]))
        .is_none_or(|(_, _, _, kinds)| kinds.is_empty() || kinds.contains(&kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<(&'static str, String, bool)> {
        statuses(s)
            .into_iter()
            .map(|x| (x.status, x.note, x.present))
            .collect()
    }

    #[test]
    fn status_phrases_keep_their_adverbs_and_tense() {
        // Sentences written for this test.
        assert_eq!(
            read("A brief truce rapidly fell apart amid shelling."),
            [("Collapsed", "rapidly fell apart".to_owned(), false)]
        );
        assert_eq!(
            read("Officials said the truce was still technically holding on Monday."),
            [("Holding", "still technically holding".to_owned(), true)]
        );
        assert_eq!(
            read("Trade remains suspended."),
            [("Suspended", "remains suspended".to_owned(), true)]
        );
        assert_eq!(
            read("The continued closure of the crossings hurts traders."),
            [("Closed", "continued closure".to_owned(), true)]
        );
        assert_eq!(
            read("Ruritania has been conducting a deportation drive since 2023."),
            [("Ongoing", "has been conducting".to_owned(), true)]
        );
        assert_eq!(
            read("The collapse of the talks in Strelsau was a setback."),
            [("Collapsed", "collapse of".to_owned(), false)]
        );
        assert!(read("The collapse was a setback.").is_empty());
        assert!(read("The talks were held in Strelsau.").len() == 1);
        assert_eq!(
            read("The truce largely held—with no new clashes."),
            [("Holding", "largely held".to_owned(), false)]
        );
    }

    #[test]
    fn holding_and_held_describe_only_ceasefires() {
        let held = &statuses("The talks were held in Strelsau.")[0];
        assert!(!fits(held, "Talks"));
        assert!(fits(held, "Ceasefire"));
        let fell = &statuses("The talks fell apart.")[0];
        assert!(fits(fell, "Talks"));
    }
}
