//! What users call acts and actors: IRIs, prefixed names, last segments, labels and aliases,
//! resolved without guessing and with suggestions when nothing matches; and how IRIs are
//! shown.

use super::model::{ActId, ActorId, ChainGraph};
use super::read;
use crate::error::{Error, Result};
use crate::store::Dataset;
use crate::vocab;

/// The last segment of an IRI: `attaullah-tarar`.
pub fn local_name(iri: &str) -> &str {
    iri.rsplit(['/', '#']).next().unwrap_or(iri)
}

/// `prefix:name` when a known prefix fits, `<iri>` otherwise.
pub fn short(iri: &str) -> String {
    if iri.starts_with("_:") {
        return iri.to_owned();
    }
    vocab::shorten(iri).unwrap_or_else(|| format!("<{iri}>"))
}

impl ChainGraph {
    /// Resolves what a user calls an act: `<iri>`, a bare `http(s)://` IRI, `prefix:name`, the
    /// last segment of its IRI, or its label (case-insensitively).
    pub fn resolve_act(&self, store: &Dataset, name: &str) -> Result<ActId> {
        let wanted = name.trim();
        if let Some(iri) = as_iri(wanted) {
            if let Some(n) = self.act(&iri) {
                return Ok(n);
            }
        }
        let lower = name_key(wanted);
        let mut found: Vec<ActId> = self
            .graph
            .node_indices()
            .filter(|&n| local_name(&self.graph[n].iri).to_lowercase() == lower)
            .collect();
        // Labels are read only when asked for: a million acts need not keep theirs.
        let mut labelled: Vec<(ActId, String)> = Vec::new();
        read::each_label(store, |key, label| {
            if let Some(n) = self.act(key) {
                labelled.push((n, label.to_owned()));
            }
        })?;
        found.extend(
            labelled
                .iter()
                .filter(|(_, l)| name_key(l) == lower)
                .map(|(n, _)| *n),
        );
        found.sort_unstable();
        found.dedup();
        let label_of = |n: ActId| {
            labelled
                .iter()
                .filter(|(m, _)| *m == n)
                .map(|(_, l)| l.clone())
                .min()
                .unwrap_or_default()
        };
        match found.len() {
            1 => Ok(found[0]),
            0 => Err(Error::UnknownName {
                kind: "act",
                name: wanted.to_owned(),
                suggestions: self.acts_close_to(wanted, &lower, &labelled),
            }),
            _ => Err(Error::Ambiguous {
                kind: "acts",
                name: wanted.to_owned(),
                candidates: found
                    .iter()
                    .map(|&n| describe(&self.graph[n].iri, &label_of(n)))
                    .collect(),
            }),
        }
    }

    /// What to suggest for a name that matches no act: at most five acts whose last segment or
    /// label is close to it, closest first.
    fn acts_close_to(
        &self,
        wanted: &str,
        lower: &str,
        labelled: &[(ActId, String)],
    ) -> Vec<String> {
        // `stmt:tarar-talks-fail` is compared by its last segment, like the acts' IRIs.
        let local_wanted =
            as_iri(wanted).map_or_else(|| lower.to_owned(), |iri| local_name(&iri).to_lowercase());
        let mut close: Vec<(usize, ActId)> = Vec::new();
        for n in self.graph.node_indices() {
            let local = local_name(&self.graph[n].iri).to_lowercase();
            if let Some(d) = closeness(&local_wanted, &local) {
                close.push((d, n));
            }
        }
        for (n, l) in labelled {
            if let Some(d) = closeness(lower, &name_key(l)) {
                close.push((d, *n));
            }
        }
        close.sort_unstable();
        let mut suggestions: Vec<String> = Vec::new();
        // Acts are suggested by IRI only: their labels are sentences.
        for (_, n) in close {
            let s = short(&self.graph[n].iri);
            if !suggestions.contains(&s) {
                suggestions.push(s);
            }
            if suggestions.len() == 5 {
                break;
            }
        }
        suggestions
    }

    /// Resolves what a user calls an actor: `<iri>`, a bare IRI, `prefix:name`, the last segment
    /// of its IRI, or a label or alias (`skos:altLabel`: "Kabul", "Tarar"), case-insensitively.
    pub fn resolve_actor(&self, name: &str) -> Result<ActorId> {
        let wanted = name.trim();
        if let Some(iri) = as_iri(wanted) {
            if let Some(a) = self.actor(&iri) {
                return Ok(a);
            }
        }
        let lower = name_key(wanted);
        // Accents do not tell names apart either: "Tarar" is found as "Tárar".
        let folded = crate::search::fold(&lower);
        let found: Vec<ActorId> = (0..self.actors.len())
            .filter(|&a| {
                let actor = &self.actors[a];
                local_name(&actor.iri).to_lowercase() == lower
                    || actor.names.contains(&lower)
                    || actor.names.iter().any(|n| crate::search::fold(n) == folded)
            })
            .collect();
        match found.len() {
            1 => Ok(found[0]),
            0 => {
                let mut close: Vec<(usize, ActorId)> = Vec::new();
                for (a, actor) in self.actors.iter().enumerate() {
                    let local = local_name(&actor.iri).to_lowercase();
                    let best = std::iter::once(&local)
                        .chain(&actor.names)
                        .filter_map(|n| closeness(&lower, n))
                        .min();
                    if let Some(d) = best {
                        close.push((d, a));
                    }
                }
                close.sort_unstable();
                Err(Error::UnknownName {
                    kind: "actor",
                    name: wanted.to_owned(),
                    suggestions: close
                        .iter()
                        .take(5)
                        .map(|&(_, a)| describe(&self.actors[a].iri, &self.actors[a].label))
                        .collect(),
                })
            }
            _ => Err(Error::Ambiguous {
                kind: "actors",
                name: wanted.to_owned(),
                candidates: found
                    .iter()
                    .map(|&a| describe(&self.actors[a].iri, &self.actors[a].label))
                    .collect(),
            }),
        }
    }
}

/// How names are compared: in lower case, spaces collapsed, without a leading "the" ("the
/// Republic" and "republic" are one name).
pub(super) fn name_key(name: &str) -> String {
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    let words = match words.split_first() {
        Some((first, rest)) if first == "the" && !rest.is_empty() => rest,
        _ => &words[..],
    };
    words.join(" ")
}

/// `counterAccuses` → `counter accuses`.
pub(super) fn words(local: &str) -> String {
    let mut out = String::new();
    for c in local.chars() {
        if c.is_uppercase() && !out.is_empty() {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The IRI a name spells out, if it spells one: `<iri>`, a bare `http(s)://` IRI, or a prefixed
/// name with a known prefix.
pub fn as_iri(name: &str) -> Option<String> {
    if let Some(inner) = name.strip_prefix('<').and_then(|s| s.strip_suffix('>')) {
        return Some(inner.to_owned());
    }
    if name.starts_with("http://") || name.starts_with("https://") || name.starts_with("_:") {
        return Some(name.to_owned());
    }
    vocab::expand(name)
}

/// `actor:attaullah-tarar (Attaullah Tarar)`.
fn describe(iri: &str, label: &str) -> String {
    if label.is_empty() {
        short(iri)
    } else {
        format!("{} ({label})", short(iri))
    }
}

/// How close a candidate name is to what was asked, smaller is closer; `None` when not close.
pub fn closeness(wanted: &str, candidate: &str) -> Option<usize> {
    if wanted.is_empty() || candidate.is_empty() {
        return None;
    }
    let long_enough = wanted.chars().count() >= 3;
    if long_enough && candidate.contains(wanted)
        || (candidate.chars().count() >= 4 && wanted.contains(candidate))
    {
        return Some(candidate.len().abs_diff(wanted.len()).min(9));
    }
    let d = edit_distance(wanted, candidate);
    (d <= 2.max(wanted.chars().count() / 4)).then_some(d + 10)
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::fixture::{EXCHANGE, graph_of, id};

    #[test]
    fn names_resolve_by_iri_label_or_alias_and_never_guess() {
        let (store, g) = graph_of(EXCHANGE);
        let q = g.actor("http://example.org/q").unwrap();
        assert_eq!(g.resolve_actor("qville").unwrap(), q);
        assert_eq!(g.resolve_actor("PARTY q").unwrap(), q);
        assert_eq!(g.resolve_actor("<http://example.org/q>").unwrap(), q);
        match g.resolve_actor("capital") {
            Err(Error::Ambiguous { candidates, .. }) => assert_eq!(candidates.len(), 2),
            other => panic!("{other:?}"),
        }
        match g.resolve_actor("Party R") {
            Err(Error::UnknownName { suggestions, .. }) => {
                assert!(
                    suggestions.iter().any(|s| s.contains("Party P")),
                    "{suggestions:?}"
                )
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(g.resolve_act(&store, "b").unwrap(), id(&g, "b"));
        assert!(matches!(
            g.resolve_act(&store, "bb"),
            Err(Error::UnknownName { .. })
        ));
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("tarar", "tarrar"), 1);
        assert_eq!(edit_distance("kabul", "kabul"), 0);
        assert_eq!(edit_distance("", "ab"), 2);
    }
}
