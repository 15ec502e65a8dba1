//! The network of who accuses, denies, threatens, appeals to and makes demands of whom, built
//! from event records: actors (or their sides) as nodes, one directed edge per relation and
//! ordered pair, weighted by the number of distinct acts. A record counts for a relation by its
//! CAMEO code's prefix (the codes themselves come from the ontology).

use super::Record;
use std::collections::{BTreeMap, BTreeSet};

/// A relation drawn in the network: its name, how the key shows it, and the CAMEO code
/// prefixes that make it (CAMEO's own categories: 11 disapprove, 016 deny responsibility, 13
/// threaten, 02 appeal, 10 demand).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Relation {
    pub name: &'static str,
    pub label: &'static str,
    pub prefixes: &'static [&'static str],
}

pub const RELATIONS: &[Relation] = &[
    Relation {
        name: "accuses",
        label: "accusation or criticism (CAMEO 11)",
        prefixes: &["11"],
    },
    Relation {
        name: "denies",
        label: "denial (CAMEO 016)",
        prefixes: &["016"],
    },
    Relation {
        name: "threatens",
        label: "threat or warning (CAMEO 13)",
        prefixes: &["13"],
    },
    Relation {
        name: "appeals",
        label: "appeal (CAMEO 02)",
        prefixes: &["02"],
    },
    Relation {
        name: "demands",
        label: "demand (CAMEO 10)",
        prefixes: &["10"],
    },
];

/// The relation a CAMEO code makes, if any.
pub fn relation_of(code: &str) -> Option<&'static Relation> {
    RELATIONS
        .iter()
        .find(|r| r.prefixes.iter().any(|p| code.starts_with(p)))
}

/// A node: an actor, or a side when the network is drawn between sides.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Node {
    pub id: String,
    pub label: String,
    pub side: String,
    pub side_label: String,
    pub country: String,
}

/// A directed edge: `from` did `relation` to `to` in `acts` distinct acts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub relation: &'static Relation,
    /// The acts (claim or event ids, with the conveying statement when there is one).
    pub acts: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Network {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

impl Network {
    /// Builds the network of `records` with a source and a target; with `sides`, each actor
    /// stands for its side. Only relations named in `relations` are kept (all when empty).
    pub fn build(records: &[Record], sides: bool, relations: &[String]) -> Network {
        let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
        let mut edges: BTreeMap<(String, String, &'static Relation), BTreeSet<String>> =
            BTreeMap::new();
        for r in records {
            let Some(relation) = relation_of(&r.coding.cameo_code) else {
                continue;
            };
            if !relations.is_empty() && !relations.iter().any(|n| n == relation.name) {
                continue;
            }
            if r.source.actor.is_empty() || r.target.actor.is_empty() {
                continue;
            }
            let node = |p: &super::Party| {
                if sides {
                    Node {
                        id: p.side.clone(),
                        label: p.side_name.clone(),
                        side: p.side.clone(),
                        side_label: p.side_name.clone(),
                        country: p.country.clone(),
                    }
                } else {
                    Node {
                        id: p.actor.clone(),
                        label: p.name.clone(),
                        side: p.side.clone(),
                        side_label: p.side_name.clone(),
                        country: p.country.clone(),
                    }
                }
            };
            let (a, b) = (node(&r.source), node(&r.target));
            if a.id == b.id {
                continue;
            }
            let act = if r.statement_id.is_empty() {
                r.act_id.clone()
            } else {
                format!("{} ({})", r.act_id, r.statement_id)
            };
            edges
                .entry((a.id.clone(), b.id.clone(), relation))
                .or_default()
                .insert(act);
            nodes.entry(a.id.clone()).or_insert(a);
            nodes.entry(b.id.clone()).or_insert(b);
        }
        // Nodes grouped by side, so a drawing can keep each side together.
        let mut ordered: Vec<Node> = nodes.into_values().collect();
        ordered.sort_by(|x, y| (&x.side, &x.id).cmp(&(&y.side, &y.id)));
        let index: BTreeMap<String, usize> = ordered
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.clone(), i))
            .collect();
        let edges = edges
            .into_iter()
            .map(|((a, b, relation), acts)| Edge {
                from: index[&a],
                to: index[&b],
                relation,
                acts: acts.into_iter().collect(),
            })
            .collect();
        Network {
            nodes: ordered,
            edges,
        }
    }

    /// The sides of the nodes, in the order nodes are grouped, with their labels.
    pub fn sides(&self) -> Vec<(String, String)> {
        let mut seen = BTreeSet::new();
        self.nodes
            .iter()
            .filter(|n| seen.insert(n.side.clone()))
            .map(|n| (n.side.clone(), n.side_label.clone()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::Party;

    fn record(code: &str, from: (&str, &str), to: (&str, &str), act: &str) -> Record {
        let party = |(actor, side): (&str, &str)| Party {
            actor: actor.into(),
            name: actor.into(),
            side: side.into(),
            side_name: side.into(),
            country: String::new(),
        };
        let mut r = Record {
            act_id: act.into(),
            source: party(from),
            target: party(to),
            ..Record::default()
        };
        r.coding.cameo_code = code.into();
        r
    }

    #[test]
    fn edges_count_distinct_acts_per_relation_and_direction() {
        let records = vec![
            record("112", ("a", "A"), ("b", "B"), "claim:1"),
            record("1123", ("a", "A"), ("b", "B"), "claim:2"),
            record("112", ("a", "A"), ("b", "B"), "claim:2"),
            record("016", ("b", "B"), ("a", "A"), "claim:3"),
            record("046", ("a", "A"), ("b", "B"), "event:talks"),
            record("112", ("c", "A"), ("a", "A"), "claim:4"),
        ];
        let n = Network::build(&records, false, &[]);
        assert_eq!(n.nodes.len(), 3);
        let accuses: Vec<&Edge> = n
            .edges
            .iter()
            .filter(|e| e.relation.name == "accuses")
            .collect();
        assert_eq!(accuses.len(), 2);
        let ab = accuses
            .iter()
            .find(|e| n.nodes[e.from].id == "a" && n.nodes[e.to].id == "b")
            .unwrap();
        assert_eq!(ab.acts, ["claim:1", "claim:2"]);
        assert!(n.edges.iter().any(|e| e.relation.name == "denies"));
        // Between sides, c's accusation of a stays inside side A and is not drawn.
        let sides = Network::build(&records, true, &["accuses".into()]);
        assert_eq!(sides.nodes.len(), 2);
        assert_eq!(sides.edges.len(), 1);
        assert_eq!(sides.edges[0].acts.len(), 2);
    }
}
