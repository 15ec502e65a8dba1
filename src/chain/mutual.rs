//! Who accuses whom in return: the parties (actors, or the sides their affiliations lead to),
//! pairs of parties accusing each other, and circles of recrimination.

use super::model::{
    ActId, Actor, ActorId, ChainGraph, Cycle, Level, MAX_CYCLES, Mutual, MutualPair,
};
use petgraph::Direction::Outgoing;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{HashMap, HashSet, VecDeque};

impl ChainGraph {
    /// An actor and every actor affiliated with it, directly or through others.
    pub fn members(&self, actor: ActorId) -> HashSet<ActorId> {
        let mut members = HashSet::from([actor]);
        let mut changed = true;
        while changed {
            changed = false;
            for (a, info) in self.actors.iter().enumerate() {
                if !members.contains(&a) && info.affiliations.iter().any(|x| members.contains(x)) {
                    members.insert(a);
                    changed = true;
                }
            }
        }
        members
    }

    /// The party an actor counts as at a level.
    pub fn party(&self, actor: ActorId, level: Level) -> ActorId {
        match level {
            Level::Sides => self.actors[actor].side,
            Level::Actors => actor,
        }
    }

    /// Who accuses whom in return: pairs of parties with accusations both ways, and circles of
    /// three to `max_cycle` parties each accusing the next (found within the strongly connected
    /// components of the party-level accusation graph, at most [`MAX_CYCLES`] of them).
    pub fn mutual(&self, level: Level, max_cycle: usize) -> Mutual {
        let (edges, accusations) = self.accusation_edges(level);
        let pairs = self.mutual_pairs(&edges);
        let parties = self.party_graph(&edges);
        let circles = self.circles(&parties);
        let (cycles, truncated) = self.cycles(&circles, &parties, &edges, max_cycle);
        Mutual {
            level,
            accusations,
            pairs,
            cycles,
            circles,
            truncated,
        }
    }

    /// Party-level accusation edges, each with its acts in time order; and how many acts accuse
    /// someone.
    fn accusation_edges(&self, level: Level) -> (Accusations, usize) {
        let mut edges: Accusations = HashMap::new();
        let mut accusations = 0;
        for n in self.graph.node_indices() {
            if !self.shown(n) || !self.accuses(n) {
                continue;
            }
            accusations += 1;
            let act = &self.graph[n];
            let mut parts: Vec<ActId> = Vec::new();
            if act.accusation {
                parts.push(n);
            }
            parts.extend(act.claims.iter().filter(|&&c| self.graph[c].accusation));
            let mut pairs: Vec<(ActorId, ActorId)> = Vec::new();
            for p in parts {
                let part = &self.graph[p];
                let accusers = if part.actors.is_empty() {
                    &act.actors
                } else {
                    &part.actors
                };
                for &x in accusers {
                    for &y in &part.targets {
                        let (px, py) = (self.party(x, level), self.party(y, level));
                        if px != py {
                            pairs.push((px, py));
                        }
                    }
                }
            }
            pairs.sort_unstable();
            pairs.dedup();
            for pair in pairs {
                edges.entry(pair).or_default().push(n);
            }
        }
        for acts in edges.values_mut() {
            self.sort_by_time(acts);
        }
        (edges, accusations)
    }

    /// The pairs of parties with accusations both ways, most accusations first.
    fn mutual_pairs(&self, edges: &Accusations) -> Vec<MutualPair> {
        let mut pairs: Vec<MutualPair> = edges
            .iter()
            .filter(|((x, y), _)| x < y)
            .filter_map(|(&(x, y), xy)| {
                let yx = edges.get(&(y, x))?;
                Some(MutualPair {
                    a: x,
                    b: y,
                    a_to_b: xy.clone(),
                    b_to_a: yx.clone(),
                })
            })
            .collect();
        pairs.sort_by(|p, q| {
            (q.a_to_b.len() + q.b_to_a.len())
                .cmp(&(p.a_to_b.len() + p.b_to_a.len()))
                .then_with(|| self.actors[p.a].iri.cmp(&self.actors[q.a].iri))
                .then_with(|| self.actors[p.b].iri.cmp(&self.actors[q.b].iri))
        });
        pairs
    }

    /// The accusation graph of the parties, built in IRI order so that what is found in it comes
    /// out the same every time.
    fn party_graph(&self, edges: &Accusations) -> PartyGraph {
        let mut parties: Vec<ActorId> = edges.keys().flat_map(|&(x, y)| [x, y]).collect();
        parties.sort_unstable_by(|&x, &y| self.actors[x].iri.cmp(&self.actors[y].iri));
        parties.dedup();
        let mut graph: DiGraph<ActorId, ()> = DiGraph::new();
        let node_of: HashMap<ActorId, NodeIndex> =
            parties.iter().map(|&p| (p, graph.add_node(p))).collect();
        let mut keys: Vec<&(ActorId, ActorId)> = edges.keys().collect();
        keys.sort_unstable();
        for (x, y) in keys {
            graph.add_edge(node_of[x], node_of[y], ());
        }
        PartyGraph { graph, node_of }
    }

    /// Circles: the strongly connected components of three parties or more, largest first, each
    /// in IRI order.
    fn circles(&self, parties: &PartyGraph) -> Vec<Vec<ActorId>> {
        let party_graph = &parties.graph;
        let mut circles: Vec<Vec<ActorId>> = petgraph::algo::tarjan_scc(party_graph)
            .into_iter()
            .filter(|c| c.len() >= 3)
            .map(|c| {
                let mut c: Vec<ActorId> = c.into_iter().map(|n| party_graph[n]).collect();
                c.sort_unstable_by(|&x, &y| self.actors[x].iri.cmp(&self.actors[y].iri));
                c
            })
            .collect();
        circles.sort_by(|p, q| {
            q.len()
                .cmp(&p.len())
                .then_with(|| self.actors[p[0]].iri.cmp(&self.actors[q[0]].iri))
        });
        circles
    }

    /// The cycles of three to `max_cycle` parties within the circles, shortest first, at most
    /// [`MAX_CYCLES`] of them; and whether the search stopped there.
    fn cycles(
        &self,
        circles: &[Vec<ActorId>],
        parties: &PartyGraph,
        edges: &Accusations,
        max_cycle: usize,
    ) -> (Vec<Cycle>, bool) {
        let PartyGraph {
            graph: party_graph,
            node_of,
        } = parties;
        let mut cycles = Vec::new();
        let mut truncated = false;
        'circles: for circle in circles {
            // Each cycle is found once, from its first party in IRI order, through parties
            // after it; sorted neighbours keep the output stable.
            let rank: HashMap<ActorId, usize> =
                circle.iter().enumerate().map(|(i, &p)| (p, i)).collect();
            let next = |p: ActorId| -> Vec<ActorId> {
                let mut out: Vec<ActorId> = party_graph
                    .neighbors_directed(node_of[&p], Outgoing)
                    .map(|n| party_graph[n])
                    .filter(|q| rank.contains_key(q))
                    .collect();
                out.sort_unstable_by_key(|q| rank[q]);
                out.dedup();
                out
            };
            for (i, &first) in circle.iter().enumerate() {
                let mut path = vec![first];
                let mut stack = vec![next(first).into_iter()];
                while let Some(rest) = stack.last_mut() {
                    let Some(q) = rest.next() else {
                        stack.pop();
                        path.pop();
                        continue;
                    };
                    if q == first && path.len() >= 3 {
                        let acts = (0..path.len())
                            .map(|k| edges[&(path[k], path[(k + 1) % path.len()])].clone())
                            .collect();
                        cycles.push(Cycle {
                            parties: path.clone(),
                            acts,
                        });
                        if cycles.len() >= MAX_CYCLES {
                            truncated = true;
                            break 'circles;
                        }
                    } else if rank[&q] > i && !path.contains(&q) && path.len() < max_cycle {
                        path.push(q);
                        stack.push(next(q).into_iter());
                    }
                }
            }
        }
        cycles.sort_by_key(|c| c.parties.len());
        (cycles, truncated)
    }
}

/// Party-level accusation edges: (accuser, accused) to the acts, in time order.
type Accusations = HashMap<(ActorId, ActorId), Vec<ActId>>;

/// The parties' accusation graph, and each party's node in it.
struct PartyGraph {
    graph: DiGraph<ActorId, ()>,
    node_of: HashMap<ActorId, NodeIndex>,
}

/// Where `cg:affiliatedWith` leads from `a`: the single actor with no affiliation of its own
/// that it reaches; `a` itself when it reaches none or several.
pub(super) fn side_of(actors: &[Actor], a: ActorId) -> ActorId {
    let mut seen = HashSet::from([a]);
    let mut queue = VecDeque::from([a]);
    let mut ends = HashSet::new();
    while let Some(x) = queue.pop_front() {
        if actors[x].affiliations.is_empty() {
            ends.insert(x);
        }
        for &y in &actors[x].affiliations {
            if seen.insert(y) {
                queue.push_back(y);
            }
        }
    }
    match ends.len() {
        1 => ends.into_iter().next().expect("one end"),
        _ => a,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::fixture::{EXCHANGE, graph_of, iris};
    use crate::chain::local_name;

    #[test]
    fn mutual_finds_pairs_and_circles() {
        let (_, g) = graph_of(&format!(
            "{EXCHANGE}
            ex:g3 {{
              ex:k1 a cg:Claim ; cg:actType cg:Accusation ; cg:claimant ex:q ; cg:target ex:r .
              ex:k2 a cg:Claim ; cg:actType cg:Accusation ; cg:claimant ex:r ; cg:target ex:p .
            }}"
        ));
        let m = g.mutual(Level::Actors, 4);
        assert_eq!(m.pairs.len(), 1);
        let p = &m.pairs[0];
        let name = |a: ActorId| local_name(&g.actors[a].iri).to_owned();
        assert_eq!((name(p.a), name(p.b)), ("p".to_owned(), "q".to_owned()));
        // c's claim denies, with no act type: it accuses no one.
        assert_eq!(iris(&g, &p.a_to_b), ["a"]);
        assert_eq!(iris(&g, &p.b_to_a), ["b"]);
        assert_eq!(m.cycles.len(), 1, "{:?}", m.cycles);
        assert_eq!(
            m.cycles[0]
                .parties
                .iter()
                .map(|&a| name(a))
                .collect::<Vec<_>>(),
            ["p", "q", "r"]
        );
        assert_eq!(m.circles.len(), 1);
        // Sides: q and r on one side leave only p against that side.
        let (_, g) = graph_of(&format!(
            "{EXCHANGE} ex:g4 {{ ex:q cg:affiliatedWith ex:s . }}"
        ));
        let m = g.mutual(Level::Sides, 4);
        let name = |a: ActorId| local_name(&g.actors[a].iri).to_owned();
        assert_eq!(
            m.pairs
                .iter()
                .map(|p| (name(p.a), name(p.b)))
                .collect::<Vec<_>>(),
            [("p".to_owned(), "s".to_owned())]
        );
    }
}
