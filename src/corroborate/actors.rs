//! Links between actors of different sources: the same actor minted under two IRIs, found
//! through a name (label, preferred label or alias) both give it, and proposed as `cg:SameAct`
//! links like the links between acts, never merged. Candidates are blocked by normalised name,
//! so only actors that share a name are ever compared.

use super::score::{Feature, Kind, Link};
use crate::error::Result;
use crate::query::{self, str_of};
use crate::store::Dataset;
use std::collections::{BTreeMap, BTreeSet};

const SAME_NAME: f64 = 0.6;
const SAME_CLASS: f64 = 0.2;

/// An actor as one source introduces it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    pub iri: String,
    /// The source whose graphs type it (the first in IRI order).
    pub source: String,
    /// Its names as written, sorted.
    pub names: Vec<String>,
    /// Its classes, sorted.
    pub classes: Vec<String>,
    /// The mentions of the graphs of its source that type it: its evidence.
    pub mentions: Vec<String>,
}

/// A name as compared: lower case, words of letters and digits, a leading "the" dropped.
pub fn name_key(name: &str) -> String {
    let words = super::features::words(name);
    let start = usize::from(words.first().is_some_and(|w| w == "the") && words.len() > 1);
    words[start..].join(" ")
}

/// Every actor typed in a graph grounded in a source, with its names and classes.
pub fn read(dataset: &Dataset) -> Result<Vec<Actor>> {
    let rows = query::select(
        dataset,
        "SELECT DISTINCT ?a ?class ?src ?m WHERE {
            GRAPH ?t { ?a a ?class } ?class rdfs:subClassOf* cg:Actor .
            ?t prov:wasDerivedFrom ?m . ?m oa:hasSource ?src
        } ORDER BY ?a ?src ?m ?class",
    )?;
    let mut by_iri: BTreeMap<String, Actor> = BTreeMap::new();
    for row in &rows {
        let (Some(a), Some(class), Some(src), Some(m)) = (
            str_of(row, "a"),
            str_of(row, "class"),
            str_of(row, "src"),
            str_of(row, "m"),
        ) else {
            continue;
        };
        let actor = by_iri.entry(a.to_owned()).or_insert_with(|| Actor {
            iri: a.to_owned(),
            source: src.to_owned(),
            ..Actor::default()
        });
        if actor.source == src {
            add(&mut actor.classes, class);
            add(&mut actor.mentions, m);
        }
    }
    let names = query::select(
        dataset,
        "SELECT DISTINCT ?a ?n WHERE { ?a rdfs:label|skos:prefLabel|skos:altLabel ?n }",
    )?;
    for row in &names {
        if let (Some(actor), Some(n)) = (
            str_of(row, "a").and_then(|a| by_iri.get_mut(a)),
            str_of(row, "n"),
        ) {
            add(&mut actor.names, n);
        }
    }
    Ok(by_iri.into_values().collect())
}

fn add(set: &mut Vec<String>, v: &str) {
    if let Err(at) = set.binary_search_by(|x| x.as_str().cmp(v)) {
        set.insert(at, v.to_owned());
    }
}

/// The link two actors of different sources make, or `None` when they share no name. Symmetric:
/// the pair is put in IRI order first.
pub fn score(x: &Actor, y: &Actor) -> Option<Link> {
    let (a, b) = if x.iri <= y.iri { (x, y) } else { (y, x) };
    if a.source == b.source || a.iri == b.iri {
        return None;
    }
    let keys = |actor: &Actor| -> BTreeMap<String, String> {
        actor
            .names
            .iter()
            .map(|n| (name_key(n), n.clone()))
            .filter(|(k, _)| !k.is_empty())
            .collect()
    };
    let (ka, kb) = (keys(a), keys(b));
    let (key, name_a) = ka.iter().find(|(k, _)| kb.contains_key(*k))?;
    let name_b = &kb[key];
    let mut matched = vec![Feature::Name];
    let mut disagrees = Vec::new();
    let mut total = SAME_NAME;
    let mut evidence = vec![format!("name: “{name_a}” / “{name_b}” (+{SAME_NAME:.2})")];
    if !a.classes.is_empty() && !b.classes.is_empty() {
        match a.classes.iter().find(|c| b.classes.contains(c)) {
            Some(c) => {
                total += SAME_CLASS;
                matched.push(Feature::ActorClass);
                evidence.push(format!(
                    "class: {} on both sides (+{SAME_CLASS:.2})",
                    super::show(c)
                ));
            }
            None => {
                disagrees.push(Feature::ActorClass);
                let show = |cs: &[String]| {
                    cs.iter()
                        .map(|c| super::show(c))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                evidence.push(format!(
                    "class: {} / {} (+0.00, disagreement)",
                    show(&a.classes),
                    show(&b.classes)
                ));
            }
        }
    }
    matched.sort();
    Some(Link {
        a: a.iri.clone(),
        b: b.iri.clone(),
        a_quotes: a.mentions.clone(),
        b_quotes: b.mentions.clone(),
        kind: Kind::SameAct,
        confidence: (total.min(1.0) * 100.0).round() / 100.0,
        matched,
        disagrees,
        evidence,
        shared_words: None,
    })
}

/// The links between actors of different sources that share a name, at or above
/// `min_confidence`, in name order: pairs already linked in the data (`linked`, in IRI order)
/// are left out, and with `only`, pairs with no end in that source.
pub fn propose(
    actors: &[Actor],
    linked: &BTreeSet<(String, String)>,
    only: Option<&str>,
    min_confidence: f64,
) -> Vec<Link> {
    let mut blocks: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (i, actor) in actors.iter().enumerate() {
        for n in &actor.names {
            let key = name_key(n);
            if !key.is_empty() {
                blocks.entry(key).or_default().insert(i);
            }
        }
    }
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for members in blocks.values() {
        let members: Vec<usize> = members.iter().copied().collect();
        for (n, &i) in members.iter().enumerate() {
            for &j in &members[n + 1..] {
                pairs.insert((i, j));
            }
        }
    }
    let mut links: Vec<Link> = pairs
        .into_iter()
        .filter(|&(i, j)| only.is_none_or(|s| actors[i].source == s || actors[j].source == s))
        .filter_map(|(i, j)| score(&actors[i], &actors[j]))
        .filter(|l| l.confidence >= min_confidence && !linked.contains(&(l.a.clone(), l.b.clone())))
        .collect();
    links.sort_by_key(Link::id);
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(iri: &str, source: &str, names: &[&str], classes: &[&str]) -> Actor {
        Actor {
            iri: iri.into(),
            source: source.into(),
            names: names.iter().map(|n| n.to_string()).collect(),
            classes: classes.iter().map(|c| c.to_string()).collect(),
            mentions: vec![format!("{iri}-m")],
        }
    }

    #[test]
    fn actors_sharing_a_name_across_sources_link_and_others_do_not() {
        let turkey = actor("a:turkey", "s1", &["Turkey"], &["State"]);
        let other = actor("a:turkiye", "s2", &["Türkiye", "the Turkey"], &["State"]);
        let l = score(&turkey, &other).unwrap();
        assert_eq!(l.confidence, 0.8);
        assert_eq!(l.matched, vec![Feature::Name, Feature::ActorClass]);
        assert_eq!(l.evidence[0], "name: “Turkey” / “the Turkey” (+0.60)");
        assert_eq!(score(&other, &turkey), Some(l));
        // Another class is a disagreement, not a veto.
        let outlet = actor("a:turkey-tv", "s2", &["Turkey"], &["MediaOutlet"]);
        assert_eq!(
            score(&turkey, &outlet).unwrap().disagrees,
            vec![Feature::ActorClass]
        );
        // No shared name, or one source: nothing.
        assert!(score(&turkey, &actor("a:qatar", "s2", &["Qatar"], &["State"])).is_none());
        assert!(score(&turkey, &actor("a:t2", "s1", &["Turkey"], &["State"])).is_none());
        let all = [turkey.clone(), other.clone(), outlet];
        let links = propose(&all, &BTreeSet::new(), None, 0.7);
        assert_eq!(links.len(), 1, "{links:?}");
        let known = BTreeSet::from([("a:turkey".to_owned(), "a:turkiye".to_owned())]);
        assert!(propose(&all, &known, None, 0.7).is_empty());
        assert!(propose(&all, &BTreeSet::new(), Some("s3"), 0.5).is_empty());
    }
}
