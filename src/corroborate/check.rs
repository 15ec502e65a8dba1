//! Contradictory links: accepted "same" links that join two resources a curator marked
//! different (A same as B, B same as C, A different from C). `check` reports each as a
//! violation of invariant 8, and `corroborate` refuses to propose on top of them.

use super::Known;
use super::family::UnionFind;
use crate::check::Violation;
use crate::error::{Error, Result};
use crate::store::Dataset;
use std::collections::{BTreeMap, VecDeque};

/// A "different" link whose two ends the "same" links join, with the path that joins them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contradiction {
    pub different: String,
    pub path: Vec<String>,
}

impl Contradiction {
    pub fn message(&self) -> String {
        let shown: Vec<String> = self.path.iter().map(|x| super::show(x)).collect();
        format!(
            "{} and {} are marked different, yet accepted links make them the same: {}",
            shown[0],
            shown[shown.len() - 1],
            shown.join(" = ")
        )
    }
}

/// Every contradiction among the links, in a stable order.
pub fn contradictions(known: &[Known]) -> Vec<Contradiction> {
    let mut uf = UnionFind::default();
    let mut edges: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for k in known.iter().filter(|k| k.is_same()) {
        uf.union(&k.ends[0], &k.ends[1]);
        edges.entry(&k.ends[0]).or_default().push(&k.ends[1]);
        edges.entry(&k.ends[1]).or_default().push(&k.ends[0]);
    }
    let mut out = Vec::new();
    for k in known.iter().filter(|k| !k.is_same()) {
        let (a, b) = (&k.ends[0], &k.ends[1]);
        if a != b && uf.same(a, b) {
            out.push(Contradiction {
                different: k.iri.clone(),
                path: path(&edges, a, b),
            });
        }
    }
    out
}

/// The shortest path of same links from `a` to `b` (breadth first, neighbours in sorted order).
fn path(edges: &BTreeMap<&str, Vec<&str>>, a: &str, b: &str) -> Vec<String> {
    let mut before: BTreeMap<&str, &str> = BTreeMap::new();
    let mut todo = VecDeque::from([a]);
    while let Some(x) = todo.pop_front() {
        if x == b {
            break;
        }
        let mut next: Vec<&str> = edges.get(x).cloned().unwrap_or_default();
        next.sort();
        for y in next {
            if y != a && !before.contains_key(y) {
                before.insert(y, x);
                todo.push_back(y);
            }
        }
    }
    let mut out = vec![b.to_owned()];
    let mut at = b;
    while let Some(&p) = before.get(at) {
        out.push(p.to_owned());
        at = p;
    }
    out.reverse();
    out
}

/// The error `corroborate` gives when the data holds contradictions.
pub fn refuse_contradictions(known: &[Known]) -> Result<()> {
    match contradictions(known).first() {
        None => Ok(()),
        Some(c) => Err(Error::Value(format!(
            "conflicting accepted links: {} (correspondence {}); reject one of them, then corroborate again",
            c.message(),
            super::show(&c.different)
        ))),
    }
}

/// The violations `check` reports: one per contradiction.
pub fn violations(dataset: &Dataset) -> Result<Vec<Violation>> {
    Ok(contradictions(&super::read::known(dataset)?)
        .into_iter()
        .map(|c| Violation {
            invariant: 8,
            subject: super::show(&c.different),
            message: c.message(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(iri: &str, kind: &str, a: &str, b: &str) -> Known {
        Known {
            iri: iri.into(),
            kind: kind.into(),
            ends: vec![a.into(), b.into()],
        }
    }

    #[test]
    fn a_different_link_inside_a_same_set_is_found_with_its_path() {
        let links = [
            k("c1", "SameAct", "A", "B"),
            k("c2", "SameUtterance", "B", "C"),
            k("c3", "Different", "A", "C"),
        ];
        let found = contradictions(&links);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, ["A", "B", "C"]);
        assert!(refuse_contradictions(&links).is_err());
        // Without the second same link there is nothing to contradict.
        assert!(contradictions(&[links[0].clone(), links[2].clone()]).is_empty());
    }
}
