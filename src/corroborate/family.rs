//! Report families: sources whose texts are near duplicates (a wire story and its reprints)
//! are one story, counted once among independent outlets. Texts are compared by five-word
//! shingles through an inverted index, so only sources that share a shingle are ever compared.

use super::features;
use super::{Known, Source};
use std::collections::{BTreeMap, BTreeSet};

/// Two texts sharing this share of their five-word shingles (Jaccard) are one story.
pub const SAME_STORY: f64 = 0.5;
/// A shingle found in more sources than this is boilerplate, not evidence of copying.
const COMMON_SHINGLE: usize = 50;

/// A proposed "same story" link between two sources, with the best-matching quote of each.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryLink {
    pub a: String,
    pub b: String,
    pub a_quote: String,
    pub b_quote: String,
    pub similarity: f64,
}

impl StoryLink {
    pub fn id(&self) -> String {
        format!(
            "{}--{}",
            super::score::local(&self.a),
            super::score::local(&self.b)
        )
    }
}

fn text_shingles(source: &Source) -> Vec<u64> {
    let mut all = Vec::new();
    for q in &source.quotes {
        all.extend(features::shingles(&features::words(&q.exact), 5));
    }
    all.sort_unstable();
    all.dedup();
    all
}

/// Near-duplicate pairs of sources not already linked in the data.
pub fn propose(sources: &[Source], known: &[Known], only: Option<&str>) -> Vec<StoryLink> {
    let sets: Vec<Vec<u64>> = sources.iter().map(text_shingles).collect();
    let mut index: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    for (i, set) in sets.iter().enumerate() {
        for &h in set {
            index.entry(h).or_default().push(i);
        }
    }
    let mut shared: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for holders in index
        .values()
        .filter(|h| h.len() > 1 && h.len() <= COMMON_SHINGLE)
    {
        for (n, &i) in holders.iter().enumerate() {
            for &j in &holders[n + 1..] {
                *shared.entry((i, j)).or_default() += 1;
            }
        }
    }
    let linked: BTreeSet<(&str, &str)> = known
        .iter()
        .map(|k| (k.ends[0].as_str(), k.ends[1].as_str()))
        .flat_map(|(x, y)| [(x, y), (y, x)])
        .collect();
    let mut out = Vec::new();
    for ((i, j), n) in shared {
        let (a, b) = (&sources[i], &sources[j]);
        let similarity = n as f64 / (sets[i].len() + sets[j].len() - n) as f64;
        if similarity < SAME_STORY
            || linked.contains(&(a.iri.as_str(), b.iri.as_str()))
            || only.is_some_and(|s| a.iri != s && b.iri != s)
        {
            continue;
        }
        let (a_quote, b_quote) = best_quotes(a, b);
        out.push(StoryLink {
            a: a.iri.clone(),
            b: b.iri.clone(),
            a_quote,
            b_quote,
            similarity: (similarity * 100.0).round() / 100.0,
        });
    }
    out
}

/// The pair of quotes, one from each source, that share the most shingles.
fn best_quotes(a: &Source, b: &Source) -> (String, String) {
    let mut best = (0usize, String::new(), String::new());
    for qa in &a.quotes {
        let sa = features::shingles(&features::words(&qa.exact), 3);
        for qb in &b.quotes {
            let n = features::shared(&sa, &features::shingles(&features::words(&qb.exact), 3));
            if n > best.0 || best.1.is_empty() {
                best = (n, qa.mention.clone(), qb.mention.clone());
            }
        }
    }
    (best.1, best.2)
}

/// Each source's family: the smallest source IRI among the sources joined to it by story
/// links (proposed or in the data).
pub fn families(
    sources: &[Source],
    known: &[Known],
    stories: &[StoryLink],
) -> BTreeMap<String, String> {
    let mut uf = UnionFind::default();
    for s in sources {
        uf.add(&s.iri);
    }
    for s in stories {
        uf.union(&s.a, &s.b);
    }
    for k in known.iter().filter(|k| k.kind == "SameStory") {
        uf.union(&k.ends[0], &k.ends[1]);
    }
    let mut out = BTreeMap::new();
    for set in uf.sets() {
        let head = set[0].clone();
        for member in set {
            out.insert(member, head.clone());
        }
    }
    out
}

/// Union-find over names, deterministic: sets come out sorted, in the order of their first
/// member.
#[derive(Debug, Default, Clone)]
pub struct UnionFind {
    index: BTreeMap<String, usize>,
    parent: Vec<usize>,
}

impl UnionFind {
    pub fn add(&mut self, name: &str) -> usize {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.parent.len();
        self.parent.push(i);
        self.index.insert(name.to_owned(), i);
        i
    }

    pub fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    pub fn union(&mut self, a: &str, b: &str) {
        let (x, y) = (self.add(a), self.add(b));
        let (rx, ry) = (self.find(x), self.find(y));
        if rx != ry {
            self.parent[rx.max(ry)] = rx.min(ry);
        }
    }

    pub fn same(&mut self, a: &str, b: &str) -> bool {
        match (self.index.get(a).copied(), self.index.get(b).copied()) {
            (Some(x), Some(y)) => self.find(x) == self.find(y),
            _ => a == b,
        }
    }

    /// Every set, its members sorted.
    pub fn sets(&mut self) -> Vec<Vec<String>> {
        let names: Vec<(String, usize)> = self.index.iter().map(|(n, &i)| (n.clone(), i)).collect();
        let mut by_root: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for (name, i) in names {
            let r = self.find(i);
            by_root.entry(r).or_default().push(name);
        }
        let mut sets: Vec<Vec<String>> = by_root.into_values().collect();
        for s in &mut sets {
            s.sort();
        }
        sets.sort();
        sets
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corroborate::Quote;

    fn source(iri: &str, text: &str) -> Source {
        Source {
            iri: iri.into(),
            publisher: None,
            quotes: text
                .split(". ")
                .enumerate()
                .map(|(i, s)| Quote {
                    mention: format!("{iri}/m{i}"),
                    exact: s.into(),
                })
                .collect(),
        }
    }

    #[test]
    fn a_reprint_is_one_story_and_another_report_is_not() {
        let wire = source(
            "w",
            "Tarar announced that the talks in Istanbul had failed to bring about any workable solution. The four-day session was mediated by Turkey and Qatar. Security sources blamed Kabul for the deadlock in the talks",
        );
        let reprint = source(
            "r",
            "Tarar announced that the talks in Istanbul had failed to bring about any workable solution. The four-day session was mediated by Turkey and Qatar",
        );
        let other = source(
            "o",
            "Traders said that hundreds of lorries loaded with fruit were stuck at the crossings. The four-day session was mediated by Turkey and Qatar",
        );
        let all = [wire, reprint, other];
        let links = propose(&all, &[], None);
        assert_eq!(links.len(), 1, "{links:?}");
        assert_eq!((links[0].a.as_str(), links[0].b.as_str()), ("w", "r"));
        assert_eq!(links[0].a_quote, "w/m0");
        let fam = families(&all, &[], &links);
        assert_eq!(fam["r"], "r");
        assert_eq!(fam["w"], "r");
        assert_eq!(fam["o"], "o");
        assert!(propose(&all, &[], Some("o")).is_empty());
    }
}
