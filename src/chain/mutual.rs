//! Who accuses whom in return: the parties (actors, or the sides their affiliations lead to),
//! pairs of parties accusing each other, and circles of recrimination.

use super::model::{
    ActId, Actor, ActorId, ChainGraph, Cycle, Level, MAX_CYCLE_WORK, MAX_CYCLES, Mutual, MutualPair,
};
use petgraph::Direction::Outgoing;
use petgraph::graph::{DiGraph, NodeIndex};
use rustc_hash::FxHashMap;
use std::collections::{HashSet, VecDeque};

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
        let (cycles, stop) = self.cycles(&circles, &parties, &edges, max_cycle);
        Mutual {
            level,
            accusations,
            pairs,
            cycles,
            circles,
            truncated: stop == Some(CycleStop::Enough),
            search_stopped: stop == Some(CycleStop::Work),
        }
    }

    /// Party-level accusation edges, each with its acts in time order; and how many acts accuse
    /// someone. The (accuser, accused, act) triples are gathered in one list and sorted once,
    /// rather than kept in a map of small lists: on a million acts that is hundreds of thousands
    /// of edges, and one sort costs less than as many allocations.
    fn accusation_edges(&self, level: Level) -> (Accusations, usize) {
        let mut triples: Vec<(ActorId, ActorId, ActId)> = Vec::new();
        let mut accusations = 0;
        let mut pairs: Vec<(ActorId, ActorId)> = Vec::new();
        for n in self.graph.node_indices() {
            if !self.shown(n) || !self.accuses(n) {
                continue;
            }
            accusations += 1;
            let act = &self.graph[n];
            let parts = std::iter::once(n)
                .filter(|_| act.accusation)
                .chain(act.claims.iter().copied())
                .filter(|&p| self.graph[p].accusation);
            pairs.clear();
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
            triples.extend(pairs.iter().map(|&(x, y)| (x, y, n)));
        }
        // By edge, then each edge's acts in time order (dates, then IRI: a total order).
        triples.sort_unstable_by(|&(x, y, a), &(v, w, b)| {
            (x, y).cmp(&(v, w)).then_with(|| {
                let (p, q) = (&self.graph[a], &self.graph[b]);
                crate::dates::compare(&p.date, &q.date).then_with(|| p.iri.cmp(&q.iri))
            })
        });
        let mut edges = Accusations::default();
        for (x, y, n) in triples {
            if edges.keys.last() != Some(&(x, y)) {
                edges.keys.push((x, y));
                edges.starts.push(edges.acts.len());
            }
            edges.acts.push(n);
        }
        edges.starts.push(edges.acts.len());
        // The keys of each accuser, by where they start (one past the last party's).
        edges.by_accuser = vec![0; self.actors.len() + 1];
        for &(x, _) in &edges.keys {
            edges.by_accuser[x + 1] += 1;
        }
        for a in 0..self.actors.len() {
            edges.by_accuser[a + 1] += edges.by_accuser[a];
        }
        (edges, accusations)
    }

    /// The pairs of parties with accusations both ways, most accusations first.
    fn mutual_pairs(&self, edges: &Accusations) -> Vec<MutualPair> {
        let mut pairs: Vec<MutualPair> = edges
            .iter()
            .filter(|((x, y), _)| x < y)
            .filter_map(|((x, y), xy)| {
                let yx = edges.get(y, x)?;
                Some(MutualPair {
                    a: x,
                    b: y,
                    a_to_b: xy.to_vec(),
                    b_to_a: yx.to_vec(),
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

    /// Each actor's rank in IRI order: comparing ranks orders parties as their IRIs do, without
    /// comparing strings for every party of a large accusation graph.
    fn iri_ranks(&self) -> Vec<usize> {
        let mut by_iri: Vec<ActorId> = (0..self.actors.len()).collect();
        by_iri.sort_unstable_by(|&x, &y| self.actors[x].iri.cmp(&self.actors[y].iri));
        let mut rank = vec![0; self.actors.len()];
        for (r, a) in by_iri.into_iter().enumerate() {
            rank[a] = r;
        }
        rank
    }

    /// The accusation graph of the parties, built in IRI order so that what is found in it comes
    /// out the same every time.
    fn party_graph(&self, edges: &Accusations) -> PartyGraph {
        let rank = self.iri_ranks();
        let mut is_party = vec![false; self.actors.len()];
        for &(x, y) in &edges.keys {
            is_party[x] = true;
            is_party[y] = true;
        }
        let mut parties: Vec<ActorId> = (0..self.actors.len()).filter(|&a| is_party[a]).collect();
        parties.sort_unstable_by_key(|&p| rank[p]);
        let mut graph: DiGraph<ActorId, ()> = DiGraph::new();
        let mut node_of: Vec<Option<NodeIndex>> = vec![None; self.actors.len()];
        for &p in &parties {
            node_of[p] = Some(graph.add_node(p));
        }
        let node = |p: ActorId| node_of[p].expect("every party of an edge has a node");
        // The keys are sorted: the edges are added in the same order every time.
        for &(x, y) in &edges.keys {
            graph.add_edge(node(x), node(y), ());
        }
        PartyGraph {
            graph,
            node_of,
            rank,
        }
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
                c.sort_unstable_by_key(|&p| parties.rank[p]);
                c
            })
            .collect();
        circles.sort_by(|p, q| {
            q.len()
                .cmp(&p.len())
                .then_with(|| parties.rank[p[0]].cmp(&parties.rank[q[0]]))
        });
        circles
    }

    /// The cycles of three to `max_cycle` parties within the circles, shortest first, at most
    /// [`MAX_CYCLES`] of them; and why the search stopped early, if it did.
    ///
    /// Each cycle is found once, from its first party in IRI order, by a depth-first search
    /// through the parties after it. The search enters a party only when a path of the right
    /// length leads from it back to the first party without crossing the path so far, so every
    /// party it enters lies on a cycle it then lists: the work is bounded by the cycles found
    /// times the cost of that test, whatever `max_cycle` is, not by the number of paths.
    fn cycles(
        &self,
        circles: &[Vec<ActorId>],
        parties: &PartyGraph,
        edges: &Accusations,
        max_cycle: usize,
    ) -> (Vec<Cycle>, Option<CycleStop>) {
        let PartyGraph {
            graph: party_graph,
            node_of,
            ..
        } = parties;
        let mut cycles = Vec::new();
        let mut stopped = None;
        let mut work = 0usize;
        'circles: for circle in circles {
            // Parties by rank in the circle (IRI order), each with its successors in the
            // circle, sorted by rank so that the output is stable.
            let rank: FxHashMap<ActorId, usize> =
                circle.iter().enumerate().map(|(i, &p)| (p, i)).collect();
            let next: Vec<Vec<usize>> = circle
                .iter()
                .map(|&p| {
                    let mut out: Vec<usize> = party_graph
                        .neighbors_directed(node_of[p].expect("a party"), Outgoing)
                        .filter_map(|n| rank.get(&party_graph[n]).copied())
                        .collect();
                    out.sort_unstable();
                    out.dedup();
                    out
                })
                .collect();
            let mut search = CycleSearch::new(&next);
            for first in 0..circle.len() {
                let mut path = vec![first];
                search.on_path[first] = true;
                let mut stack = vec![0usize];
                while let Some(&at) = stack.last() {
                    let p = path[path.len() - 1];
                    let Some(&q) = next[p].get(at) else {
                        stack.pop();
                        search.on_path[path.pop().expect("one party per frame")] = false;
                        continue;
                    };
                    *stack.last_mut().expect("a frame") += 1;
                    work += 1;
                    if q == first && path.len() >= 3 {
                        let parties: Vec<ActorId> = path.iter().map(|&k| circle[k]).collect();
                        let acts = (0..parties.len())
                            .map(|k| {
                                let (x, y) = (parties[k], parties[(k + 1) % parties.len()]);
                                edges.get(x, y).expect("an edge of the circle").to_vec()
                            })
                            .collect();
                        cycles.push(Cycle { parties, acts });
                        if cycles.len() >= MAX_CYCLES {
                            stopped = Some(CycleStop::Enough);
                            break 'circles;
                        }
                    } else if q > first
                        && !search.on_path[q]
                        && path.len() < max_cycle
                        && search.closes(first, q, path.len(), max_cycle, &mut work)
                    {
                        path.push(q);
                        search.on_path[q] = true;
                        stack.push(0);
                    }
                    if work > MAX_CYCLE_WORK {
                        stopped = Some(CycleStop::Work);
                        break 'circles;
                    }
                }
            }
        }
        cycles.sort_by_key(|c| c.parties.len());
        (cycles, stopped)
    }
}

/// Why the search for cycles stopped before trying every party.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CycleStop {
    /// It found [`MAX_CYCLES`].
    Enough,
    /// It took [`MAX_CYCLE_WORK`] steps.
    Work,
}

/// What the search for cycles in one circle keeps: which parties are on the path, and the
/// buffers of the test that a party can still close a cycle.
struct CycleSearch<'a> {
    next: &'a [Vec<usize>],
    on_path: Vec<bool>,
    /// The breadth-first search's marks (the round that set each) and queue.
    seen: Vec<usize>,
    round: usize,
    queue: VecDeque<(usize, usize)>,
}

impl<'a> CycleSearch<'a> {
    fn new(next: &'a [Vec<usize>]) -> Self {
        CycleSearch {
            next,
            on_path: vec![false; next.len()],
            seen: vec![0; next.len()],
            round: 0,
            queue: VecDeque::new(),
        }
    }

    /// Whether, with `len` parties on the path (the first among them), entering `q` can still
    /// close a cycle of three to `max_cycle` parties: whether a path leads from `q` back to
    /// `first` through parties after `first`, off the path, in at most `max_cycle - len` steps
    /// (and at least two when the path holds only the first party).
    fn closes(
        &mut self,
        first: usize,
        q: usize,
        len: usize,
        max_cycle: usize,
        work: &mut usize,
    ) -> bool {
        let budget = max_cycle - len;
        let least = if len == 1 { 2 } else { 1 };
        self.round += 1;
        self.seen[q] = self.round;
        self.queue.clear();
        self.queue.push_back((q, 0));
        while let Some((x, steps)) = self.queue.pop_front() {
            for &y in &self.next[x] {
                *work += 1;
                if y == first {
                    if steps + 1 >= least {
                        return true;
                    }
                } else if y > first
                    && !self.on_path[y]
                    && self.seen[y] != self.round
                    && steps + 2 <= budget
                {
                    self.seen[y] = self.round;
                    self.queue.push_back((y, steps + 1));
                }
            }
        }
        false
    }
}

/// Party-level accusation edges: (accuser, accused), sorted, each with its acts in time order.
#[derive(Default)]
struct Accusations {
    keys: Vec<(ActorId, ActorId)>,
    /// The acts of `keys[i]` are `acts[starts[i]..starts[i + 1]]`.
    starts: Vec<usize>,
    acts: Vec<ActId>,
    /// The keys of accuser `a` are `keys[by_accuser[a]..by_accuser[a + 1]]`.
    by_accuser: Vec<usize>,
}

impl Accusations {
    /// The acts by which `x` accuses `y`, if any: a search among `x`'s few keys rather than
    /// all of them (the keys of a million acts do not stay in the cache).
    fn get(&self, x: ActorId, y: ActorId) -> Option<&[ActId]> {
        let from = *self.by_accuser.get(x)?;
        let to = *self.by_accuser.get(x + 1)?;
        let i = from + self.keys[from..to].binary_search(&(x, y)).ok()?;
        Some(&self.acts[self.starts[i]..self.starts[i + 1]])
    }

    fn iter(&self) -> impl Iterator<Item = ((ActorId, ActorId), &[ActId])> {
        self.keys
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, &self.acts[self.starts[i]..self.starts[i + 1]]))
    }
}

/// The parties' accusation graph, each party's node in it (by actor), and each actor's rank in
/// IRI order.
struct PartyGraph {
    graph: DiGraph<ActorId, ()>,
    node_of: Vec<Option<NodeIndex>>,
    rank: Vec<usize>,
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

    /// Thirteen parties: the first accuses all, every other accuses every other, and only the
    /// last accuses the first back; so paths through the middle multiply before any closes.
    fn thirteen() -> String {
        let mut trig = String::from("ex:g {\n");
        let mut k = 0;
        let mut accuse = |trig: &mut String, x: usize, y: usize| {
            k += 1;
            trig.push_str(&format!(
                "ex:k{k} a cg:Claim ; cg:actType cg:Accusation ; cg:claimant ex:p{x:02} ; cg:target ex:p{y:02} .\n"
            ));
        };
        for y in 1..13 {
            accuse(&mut trig, 0, y);
        }
        for x in 1..13 {
            for y in 1..13 {
                if x != y {
                    accuse(&mut trig, x, y);
                }
            }
        }
        accuse(&mut trig, 12, 0);
        trig.push('}');
        trig
    }

    #[test]
    fn the_search_for_circles_is_bounded_by_the_circles_it_finds_not_by_paths() {
        let (_, g) = graph_of(&thirteen());
        // How long it takes is measured in benches/chain.rs; here, that it ends with what it
        // found (an unbounded search through 13 parties does not end in any test's time).
        for max_cycle in [10, 1_000] {
            let m = g.mutual(Level::Actors, max_cycle);
            assert_eq!(m.cycles.len(), MAX_CYCLES);
            assert!(m.truncated && !m.search_stopped);
            assert!(
                m.cycles
                    .iter()
                    .all(|c| (3..=max_cycle).contains(&c.parties.len()))
            );
            assert_eq!(m.circles.len(), 1);
            assert_eq!(m.circles[0].len(), 13);
        }
        // Circles of three are all short enough: a length of 3 lists them, and only them.
        let m = g.mutual(Level::Actors, 3);
        assert!(m.cycles.iter().all(|c| c.parties.len() == 3));
        assert!(!m.cycles.is_empty());
    }

    #[test]
    fn an_act_that_answers_itself_is_walked_as_a_cycle_never_looped() {
        let (_, g) = graph_of(
            "ex:g { ex:a a cg:Statement ; cg:speaker ex:p ; cg:counterAccuses ex:a ;
                      cg:actType cg:Accusation ; cg:conveys ex:c .
                    ex:c a cg:Claim ; cg:denies ex:c . }",
        );
        let a = g.act("http://example.org/a").unwrap();
        // Its claim answers itself too, so the claim is reached as well.
        assert_eq!(iris(&g, &g.forward(a)), ["a", "c"]);
        assert_eq!(iris(&g, &g.backward(a)), ["a", "c"]);
        assert!(g.roots(a).is_empty());
        let tree = g.tree(a, crate::chain::Way::Forward);
        assert_eq!(tree.nodes.len(), 2);
        assert_eq!(tree.nodes[1].mark, crate::chain::Mark::Cycle);
        let chains = g.all_chains(1);
        assert_eq!(chains.chains.len(), 1);
        assert!(chains.chains[0].cycle && chains.chains[0].acts == [a, a]);
        // Accusing oneself is no mutual accusation.
        let m = g.mutual(Level::Actors, 4);
        assert!(m.pairs.is_empty() && m.cycles.is_empty());
    }
}
