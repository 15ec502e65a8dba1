//! The features corroboration compares, computed once per act: words of its quotes (three-word
//! shingles, normalised key terms), its date window as day numbers, and the overlaps between two
//! such sets. Everything here is deterministic: hashes are FxHash, which has no random seed.

use rustc_hash::FxHasher;
use std::hash::{Hash, Hasher};

/// Words too common to say anything about what two quotes share.
const STOP: &[&str] = &[
    "a", "about", "after", "against", "all", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "but", "by", "could", "did", "do", "for", "from", "had", "has", "have", "he", "her",
    "his", "if", "in", "into", "is", "it", "its", "not", "of", "on", "or", "our", "over", "said",
    "says", "she", "so", "such", "than", "that", "the", "their", "them", "there", "these", "they",
    "this", "those", "to", "was", "were", "what", "when", "which", "while", "who", "will", "with",
    "would", "s",
];

/// Lower-cased words of a text: letters and digits, with apostrophes and quotes dropped.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn hash(parts: &[&str]) -> u64 {
    let mut h = FxHasher::default();
    for p in parts {
        p.hash(&mut h);
    }
    h.finish()
}

/// The hashes of every run of `n` consecutive words, sorted and without repeats.
pub fn shingles(words: &[String], n: usize) -> Vec<u64> {
    let mut out: Vec<u64> = words
        .windows(n)
        .map(|w| hash(&w.iter().map(String::as_str).collect::<Vec<_>>()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A word cut to its stem by a few English endings, so that "accused", "accusing" and
/// "accusations" meet.
pub fn stem(word: &str) -> &str {
    const ENDINGS: &[&str] = &[
        "ations", "ation", "ings", "ing", "ions", "ion", "ies", "ied", "ed", "es", "s", "e",
    ];
    for end in ENDINGS {
        if let Some(stem) = word.strip_suffix(end) {
            if stem.chars().count() >= 4 {
                return stem;
            }
        }
    }
    word
}

/// The hashes of the key terms: words that are not stop words, of three letters or more,
/// stemmed; sorted, without repeats.
pub fn key_terms(words: &[String]) -> Vec<u64> {
    let mut out: Vec<u64> = words
        .iter()
        .filter(|w| w.chars().count() >= 3 && !STOP.contains(&w.as_str()))
        .map(|w| hash(&[stem(w)]))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// How many values two sorted sets share.
pub fn shared<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Shared values over the smaller set: 1 when one set holds the other. A short quote inside a
/// long account is then a full match, which is what a reprint or a quoted phrase looks like.
pub fn overlap<T: Ord>(a: &[T], b: &[T]) -> f64 {
    let small = a.len().min(b.len());
    if small == 0 {
        return 0.0;
    }
    shared(a, b) as f64 / small as f64
}

/// Shared values over the union.
pub fn jaccard<T: Ord>(a: &[T], b: &[T]) -> f64 {
    let n = shared(a, b);
    let union = a.len() + b.len() - n;
    if union == 0 {
        return 0.0;
    }
    n as f64 / union as f64
}

/// The longest run of words two texts share, when it is three words or more.
pub fn longest_shared_run(a: &[String], b: &[String]) -> Option<String> {
    let mut best = (0, 0);
    // Dynamic programming over word positions; quotes are sentences, so this stays small.
    let mut prev = vec![0usize; b.len() + 1];
    for i in 1..=a.len() {
        let mut cur = vec![0usize; b.len() + 1];
        for j in 1..=b.len() {
            if a[i - 1] == b[j - 1] {
                cur[j] = prev[j - 1] + 1;
                if cur[j] > best.0 {
                    best = (cur[j], i);
                }
            }
        }
        prev = cur;
    }
    (best.0 >= 3).then(|| a[best.1 - best.0..best.1].join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_meet_and_stop_words_go() {
        assert_eq!(stem("accusations"), stem("accusing"));
        assert_eq!(stem("accused"), "accus");
        let a = key_terms(&words("Tarar accused the Afghan side"));
        let b = key_terms(&words("accusing the Afghan side, Tarar said"));
        assert_eq!(overlap(&a, &b), 1.0);
    }

    #[test]
    fn shingles_and_runs_see_shared_wording() {
        let a = words("the talks had “failed to bring about any workable solution”");
        let b = words("the dialogue failed to bring about any workable solution, he said");
        assert!(overlap(&shingles(&a, 3), &shingles(&b, 3)) > 0.5);
        assert_eq!(
            longest_shared_run(&a, &b).as_deref(),
            Some("failed to bring about any workable solution")
        );
        assert_eq!(longest_shared_run(&words("a b"), &words("a b")), None);
        assert_eq!(jaccard::<u64>(&[], &[]), 0.0);
    }
}
