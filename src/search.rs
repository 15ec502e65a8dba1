//! Finding the starting point: a ranked search over the labels, aliases and quotes of the data,
//! that ignores case and accents and forgives small typos ("tarrar" finds Attaullah Tarar,
//! "kabol" Kabul). A quote that matches stands for the acts typed in the graphs grounded in it.

use crate::error::Result;
use crate::query::{self, Answer, str_of};
use crate::store::Dataset;
use crate::vocab;
use oxigraph::model::{Literal, NamedNode, Term};
use std::collections::HashMap;

/// Where a hit was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Label,
    Alias,
    Quote,
}

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Field::Label => "label",
            Field::Alias => "alias",
            Field::Quote => "quote",
        }
    }
}

/// One thing found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub iri: String,
    pub field: Field,
    /// The label, alias or quote that matched.
    pub text: String,
    /// Higher is better: 100 the whole name, 80 its beginning, 60 its words, 30 or less with
    /// typos (less for each letter wrong); quotes score 20 less than names.
    pub score: u32,
}

/// Lower case, without accents, with typographic quotes and dashes made plain, so that "Doha",
/// "DOHA" and "Dóha" compare equal.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let plain = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'ç' | 'ć' | 'č' => "c",
            'ď' | 'đ' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
            'ğ' => "g",
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
            'ł' => "l",
            'ñ' | 'ń' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'ř' => "r",
            'ś' | 'š' | 'ş' => "s",
            'ß' => "ss",
            'ť' | 'ţ' => "t",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
            'ý' | 'ÿ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            '’' | '‘' | 'ʼ' => "'",
            '“' | '”' => "\"",
            '–' | '—' | '‑' => "-",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(plain);
    }
    out
}

/// The words of a folded text.
fn words(folded: &str) -> Vec<&str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Levenshtein distance between two words, in characters.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

/// How many letters a word of this length may have wrong: none up to 3 letters, one up to 7,
/// two beyond.
fn tolerance(word: &str) -> usize {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// How well `text` matches the query (both folded), or None: 100 the whole text, 80 its
/// beginning, 60 all its words found, 50 some only as the beginning of a word ("talk" in
/// "talks"), 30 less 5 for each letter wrong when some are misspelt.
pub fn score(query: &str, text: &str) -> Option<u32> {
    let (q, t) = (words(query), words(text));
    if q.is_empty() {
        return None;
    }
    if q == t {
        return Some(100);
    }
    if text.starts_with(query.trim()) || t.starts_with(&q) {
        return Some(80);
    }
    let mut prefix = false;
    let mut wrong = 0;
    for w in &q {
        if t.contains(w) {
            continue;
        }
        if w.chars().count() >= 3 && t.iter().any(|x| x.starts_with(w)) {
            prefix = true;
            continue;
        }
        let best = t.iter().map(|x| distance(w, x)).min()?;
        if best > tolerance(w) {
            return None;
        }
        wrong += best;
    }
    Some(match (wrong, prefix) {
        (0, false) => 60,
        (0, true) => 50,
        _ => 30u32.saturating_sub(5 * wrong as u32).max(1),
    })
}

/// The names and quotes searched, read once.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// (thing, field, text, folded text).
    entries: Vec<(String, Field, String, String)>,
}

impl Index {
    /// Reads the labels and aliases of the data's things, and every quote with the acts typed
    /// in the graphs grounded in it (the mention itself when there are none).
    pub fn read(dataset: &Dataset) -> Result<Index> {
        let mut entries = Vec::new();
        for (sparql, field) in [
            (
                "SELECT DISTINCT ?x ?t WHERE { ?x rdfs:label ?t }",
                Field::Label,
            ),
            (
                "SELECT DISTINCT ?x ?t WHERE { ?x skos:altLabel|skos:prefLabel ?t }",
                Field::Alias,
            ),
            (
                "SELECT DISTINCT ?x ?t WHERE { ?m oa:hasSelector/oa:exact ?t
                   OPTIONAL { ?g prov:wasDerivedFrom ?m .
                     GRAPH ?g { ?act a ?c VALUES ?c { cg:Statement cg:Claim cg:Event } } }
                   BIND (COALESCE(?act, ?m) AS ?x) }",
                Field::Quote,
            ),
        ] {
            for row in query::select(dataset, sparql)? {
                let (Some(Term::NamedNode(x)), Some(t)) = (row.get("x"), str_of(&row, "t")) else {
                    continue;
                };
                if x.as_str().starts_with(vocab::ID) {
                    entries.push((x.as_str().to_owned(), field, t.to_owned(), fold(t)));
                }
            }
        }
        Ok(Index { entries })
    }

    /// The best hit of each thing, best first (then names before quotes, shorter texts first,
    /// then by IRI), at most `limit` of them.
    pub fn search(&self, text: &str, limit: usize) -> Vec<Hit> {
        let query = fold(text.trim());
        let mut best: HashMap<&str, Hit> = HashMap::new();
        for (iri, field, text, folded) in &self.entries {
            let Some(mut s) = score(&query, folded) else {
                continue;
            };
            if *field == Field::Quote {
                s = s.saturating_sub(20).max(1);
            }
            let hit = Hit {
                iri: iri.clone(),
                field: *field,
                text: text.clone(),
                score: s,
            };
            let better = |old: &Hit| {
                (hit.score, std::cmp::Reverse(hit.field))
                    > (old.score, std::cmp::Reverse(old.field))
            };
            match best.get(iri.as_str()) {
                Some(old) if !better(old) => {}
                _ => {
                    best.insert(iri, hit);
                }
            }
        }
        let mut hits: Vec<Hit> = best.into_values().collect();
        // At the same score, a name that is mostly the query ("Kabul") before a long text that
        // contains it.
        hits.sort_by_cached_key(|h| {
            (
                std::cmp::Reverse(h.score),
                h.field,
                h.text.chars().count(),
                h.iri.clone(),
            )
        });
        hits.truncate(limit);
        hits
    }
}

/// Hits as a table: score, where the match was, the thing, and the text that matched.
pub fn answer(hits: &[Hit]) -> Answer {
    let variables = ["score", "field", "entity", "matched"]
        .map(str::to_owned)
        .to_vec();
    let rows = hits
        .iter()
        .map(|h| {
            vec![
                Some(Term::from(Literal::from(i64::from(h.score)))),
                Some(Term::from(Literal::new_simple_literal(h.field.name()))),
                NamedNode::new(h.iri.as_str()).ok().map(Term::from),
                Some(Term::from(Literal::new_simple_literal(&h.text))),
            ]
        })
        .collect();
    Answer::Solutions { variables, rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_accents_and_typographic_marks_do_not_matter() {
        assert_eq!(fold("Dóha TALKS — Pakistan’s"), "doha talks - pakistan's");
        assert_eq!(score(&fold("DOHA"), &fold("Doha")), Some(100));
    }

    #[test]
    fn small_typos_are_forgiven_and_cost_rank() {
        assert_eq!(distance("tarrar", "tarar"), 1);
        assert_eq!(distance("kabol", "kabul"), 1);
        let typo = score("tarrar", &fold("Attaullah Tarar")).unwrap();
        let exact = score("tarar", &fold("Attaullah Tarar")).unwrap();
        assert!(typo < exact, "{typo} {exact}");
        assert_eq!(score("qatir", "turkey"), None);
        // Short words must be exact: "rta" is not "eta".
        assert_eq!(score("rta", "eta"), None);
    }

    #[test]
    fn a_whole_name_beats_its_beginning_and_its_words() {
        let t = fold("Khawaja Asif");
        assert_eq!(score("khawaja asif", &t), Some(100));
        assert_eq!(score("khawaja", &t), Some(80));
        assert_eq!(score("asif", &t), Some(60));
    }
}
