//! The walks over the response graph: one step, the closure forward or backward, the roots, a
//! walk as a tree, and every maximal chain.

use super::model::{ActId, Chain, ChainGraph, Chains, MAX_CHAINS, Mark, Step, Tree, TreeNode, Way};
use petgraph::Direction::{Incoming, Outgoing};
use petgraph::graph::EdgeIndex;
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, HashSet, VecDeque};

impl ChainGraph {
    /// The acts whose links are `n`'s in a walk, `n` first: the acts of other sources accepted
    /// as the same act (transitively), and the claims each of them conveys.
    fn froms(&self, n: ActId) -> Vec<ActId> {
        let mut same = vec![n];
        let mut i = 0;
        while let Some(&m) = same.get(i) {
            for &o in &self.graph[m].same {
                if !same.contains(&o) {
                    same.push(o);
                }
            }
            i += 1;
        }
        let mut out = Vec::new();
        for m in same {
            for o in std::iter::once(m).chain(self.graph[m].claims.iter().copied()) {
                if !out.contains(&o) {
                    out.push(o);
                }
            }
        }
        out
    }

    /// Calls `f` for every act one step away, with the link that takes the step: a statement
    /// stands for the claims it conveys on either end, and an act for the acts of other sources
    /// accepted as the same act (see the module documentation).
    fn each_step(&self, n: ActId, way: Way, mut f: impl FnMut(ActId, EdgeIndex)) {
        let dir = match way {
            Way::Forward => Outgoing,
            Way::Backward => Incoming,
        };
        for from in self.froms(n) {
            for e in self.graph.edges_directed(from, dir) {
                let other = match way {
                    Way::Forward => e.target(),
                    Way::Backward => e.source(),
                };
                f(other, e.id());
                for &s in &self.graph[other].conveyed_by {
                    f(s, e.id());
                }
            }
        }
    }

    /// Every act reached from `start` going `way`, transitively; `start` itself only when a
    /// chain leads back to it. Sorted by date, then IRI.
    pub fn closure(&self, start: ActId, way: Way) -> Vec<ActId> {
        let mut seen: HashSet<ActId> = HashSet::new();
        let mut queue = VecDeque::from([start]);
        while let Some(n) = queue.pop_front() {
            self.each_step(n, way, |m, _| {
                if seen.insert(m) {
                    queue.push_back(m);
                }
            });
        }
        let mut out: Vec<ActId> = seen.into_iter().collect();
        self.sort_by_time(&mut out);
        out
    }

    /// Everything that answered `act`, transitively: replies, replies to replies, effects.
    pub fn forward(&self, act: ActId) -> Vec<ActId> {
        self.closure(act, Way::Forward)
    }

    /// Everything `act` answered, back to the roots: what it replied to, and the causes.
    pub fn backward(&self, act: ActId) -> Vec<ActId> {
        self.closure(act, Way::Backward)
    }

    /// The roots among the acts `act` goes back to: shown acts that answer nothing.
    pub fn roots(&self, act: ActId) -> Vec<ActId> {
        self.backward(act)
            .into_iter()
            .filter(|&n| n != act && self.shown(n) && self.steps(n, Way::Backward).is_empty())
            .collect()
    }

    /// The acts to show before `n`: those it answers, and its causes unless their dates say
    /// they came after it (a lasting state, such as a closure, is caused again by a later act).
    pub fn answered(&self, n: ActId) -> Vec<ActId> {
        let later = |m: ActId| {
            let (cause, effect) = (self.graph[m].date, self.graph[n].date);
            matches!((cause.from, effect.to), (Some(c), Some(e)) if c > e)
        };
        self.steps(n, Way::Backward)
            .into_iter()
            .filter(|s| {
                s.links
                    .iter()
                    .any(|&e| !self.relations[self.graph[e].relation].causal || !later(s.act))
            })
            .map(|s| s.act)
            .collect()
    }

    /// Sorts acts by what is known of their dates ([`crate::dates::compare`]), then by IRI.
    pub fn sort_by_time(&self, acts: &mut [ActId]) {
        acts.sort_by(|&a, &b| {
            let (x, y) = (&self.graph[a], &self.graph[b]);
            crate::dates::compare(&x.date, &y.date).then_with(|| x.iri.cmp(&y.iri))
        });
    }

    /// The acts one step away as they are shown (claims folded into the statements conveying
    /// them), each with the links that take the step, in time order.
    pub fn steps(&self, n: ActId, way: Way) -> Vec<Step> {
        let mut by_act: BTreeMap<ActId, Vec<EdgeIndex>> = BTreeMap::new();
        self.each_step(n, way, |m, e| {
            if self.shown(m) {
                let links = by_act.entry(m).or_default();
                if !links.contains(&e) {
                    links.push(e);
                }
            }
        });
        // Links in the order the walk takes them (from the act, then from each claim it
        // conveys), the later relations of the ontology first, then by the act at the other
        // end: the same whatever order the store listed them in.
        let froms = self.froms(n);
        let from = |e: EdgeIndex| {
            let (source, target) = self.graph.edge_endpoints(e).expect("edges exist");
            let (from, other) = match way {
                Way::Forward => (source, target),
                Way::Backward => (target, source),
            };
            let at = froms.iter().position(|&x| x == from);
            (
                at,
                std::cmp::Reverse(self.graph[e].relation),
                &self.graph[other].iri,
            )
        };
        for links in by_act.values_mut() {
            if links.len() > 1 {
                links.sort_by_cached_key(|&e| from(e));
            }
        }
        let mut acts: Vec<ActId> = by_act.keys().copied().collect();
        self.sort_by_time(&mut acts);
        acts.into_iter()
            .map(|act| Step {
                act,
                links: by_act.remove(&act).unwrap_or_default(),
            })
            .collect()
    }

    /// Whether an act has any link, directly or through the claims it conveys or the acts of
    /// other sources accepted as the same act.
    pub fn has_links(&self, n: ActId) -> bool {
        let linked = |m: ActId| {
            self.graph.edges_directed(m, Outgoing).next().is_some()
                || self.graph.edges_directed(m, Incoming).next().is_some()
        };
        self.froms(n).into_iter().any(linked)
    }

    /// The walk from `root` going `way`, as a tree: each act is expanded the first time it
    /// appears; later it is marked [`Mark::SeeAbove`], or [`Mark::Cycle`] when it is its own
    /// ancestor. The walk never loops.
    pub fn tree(&self, root: ActId, way: Way) -> Tree {
        self.tree_within(root, way, None)
    }

    /// The walk from `root` going `way` as a tree, `max_depth` steps deep at most: a chain
    /// thousands of acts long is shown as its first steps, with [`Tree::deeper`] naming the acts
    /// whose further steps are left out, rather than as lines indented thousands of times.
    pub fn tree_to_depth(&self, root: ActId, way: Way, max_depth: usize) -> Tree {
        self.walk_tree(root, way, None, Some(max_depth))
    }

    /// A tree that takes only the steps in `allowed` (as (from, to) in the walk's direction).
    pub fn tree_within(
        &self,
        root: ActId,
        way: Way,
        allowed: Option<&HashSet<(ActId, ActId)>>,
    ) -> Tree {
        self.walk_tree(root, way, allowed, None)
    }

    fn walk_tree(
        &self,
        root: ActId,
        way: Way,
        allowed: Option<&HashSet<(ActId, ActId)>>,
        max_depth: Option<usize>,
    ) -> Tree {
        let children = |n: ActId| -> Vec<Step> {
            let mut steps = self.steps(n, way);
            if let Some(allowed) = allowed {
                steps.retain(|s| allowed.contains(&(n, s.act)));
            }
            steps
        };
        let mut nodes = vec![TreeNode {
            act: root,
            depth: 0,
            links: Vec::new(),
            mark: Mark::First,
        }];
        let mut expanded: HashSet<ActId> = HashSet::from([root]);
        let mut deeper: Vec<ActId> = Vec::new();
        let mut on_path: HashSet<ActId> = HashSet::from([root]);
        // Frames of an explicit stack: chains can be longer than the call stack is deep.
        let mut stack: Vec<(ActId, std::vec::IntoIter<Step>)> =
            vec![(root, children(root).into_iter())];
        if max_depth == Some(0) {
            let rest = stack.pop().map(|(_, rest)| rest.len()).unwrap_or(0);
            deeper.extend((rest > 0).then_some(root));
        }
        while let Some((act, rest)) = stack.last_mut() {
            let Some(step) = rest.next() else {
                on_path.remove(act);
                stack.pop();
                continue;
            };
            let depth = stack.len();
            let mark = if on_path.contains(&step.act) {
                Mark::Cycle
            } else if expanded.contains(&step.act) {
                Mark::SeeAbove
            } else {
                Mark::First
            };
            nodes.push(TreeNode {
                act: step.act,
                depth,
                links: step.links,
                mark,
            });
            if mark == Mark::First {
                expanded.insert(step.act);
                if max_depth.is_some_and(|max| depth >= max) {
                    if !children(step.act).is_empty() {
                        deeper.push(step.act);
                    }
                    continue;
                }
                on_path.insert(step.act);
                stack.push((step.act, children(step.act).into_iter()));
            }
        }
        Tree {
            root,
            way,
            nodes,
            deeper,
        }
    }

    /// Every maximal chain of at least `min_length` links, longest first. A chain starts at a
    /// root (a shown act that answers nothing but is answered) or, for a cycle nothing leads
    /// into, at its earliest act; it ends at an act nothing answers, or when it comes back to an
    /// act already on it.
    pub fn all_chains(&self, min_length: usize) -> Chains {
        let mut chains = Vec::new();
        let mut truncated = false;
        for start in self.chain_starts() {
            if !self.chains_from(start, min_length, &mut chains) {
                truncated = true;
                break;
            }
        }
        chains.sort_by(|a, b| {
            b.len().cmp(&a.len()).then_with(|| {
                let key = |c: &Chain| {
                    c.acts
                        .iter()
                        .map(|&n| (self.graph[n].date.key(), self.graph[n].iri.as_str()))
                        .collect::<Vec<_>>()
                };
                key(a).cmp(&key(b))
            })
        });
        Chains {
            min_length,
            chains,
            truncated,
        }
    }

    /// Where chains start: the roots in time order, then, for each cycle no root leads into,
    /// its earliest act.
    fn chain_starts(&self) -> Vec<ActId> {
        let mut starts: Vec<ActId> = self
            .graph
            .node_indices()
            .filter(|&n| {
                self.shown(n)
                    && !self.steps(n, Way::Forward).is_empty()
                    && self.steps(n, Way::Backward).is_empty()
            })
            .collect();
        self.sort_by_time(&mut starts);
        // Acts on cycles that no root leads into.
        let mut reached: HashSet<ActId> = HashSet::new();
        for &s in &starts {
            reached.insert(s);
            reached.extend(self.forward(s));
        }
        let mut rest: Vec<ActId> = self
            .graph
            .node_indices()
            .filter(|&n| self.shown(n) && !reached.contains(&n) && self.has_links(n))
            .collect();
        self.sort_by_time(&mut rest);
        for n in rest {
            if reached.insert(n) {
                starts.push(n);
                reached.extend(self.forward(n));
            }
        }
        starts
    }

    /// Adds the maximal chains of at least `min_length` links from `start`; `false` when they
    /// reach [`MAX_CHAINS`].
    fn chains_from(&self, start: ActId, min_length: usize, chains: &mut Vec<Chain>) -> bool {
        let mut path: Vec<ActId> = vec![start];
        let mut links: Vec<Vec<EdgeIndex>> = Vec::new();
        let mut on_path: HashSet<ActId> = HashSet::from([start]);
        let mut stack: Vec<std::vec::IntoIter<Step>> =
            vec![self.steps(start, Way::Forward).into_iter()];
        let mut moved = vec![false];
        while let Some(rest) = stack.last_mut() {
            match rest.next() {
                Some(step) => {
                    *moved.last_mut().expect("one flag per frame") = true;
                    if on_path.contains(&step.act) {
                        let mut acts = path.clone();
                        acts.push(step.act);
                        let mut l = links.clone();
                        l.push(step.links);
                        if acts.len() > min_length {
                            chains.push(Chain {
                                acts,
                                links: l,
                                cycle: true,
                            });
                        }
                    } else {
                        on_path.insert(step.act);
                        path.push(step.act);
                        links.push(step.links);
                        stack.push(self.steps(step.act, Way::Forward).into_iter());
                        moved.push(false);
                    }
                }
                None => {
                    if !moved.pop().expect("one flag per frame") && path.len() > min_length {
                        chains.push(Chain {
                            acts: path.clone(),
                            links: links.clone(),
                            cycle: false,
                        });
                    }
                    stack.pop();
                    if let Some(n) = path.pop() {
                        on_path.remove(&n);
                    }
                    links.pop();
                }
            }
            if chains.len() >= MAX_CHAINS {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::fixture::{EXCHANGE, graph_of, id, iris};
    use crate::chain::local_name;

    #[test]
    fn a_statement_stands_for_the_claims_it_conveys() {
        let (_, g) = graph_of(EXCHANGE);
        let (a, c) = (id(&g, "a"), id(&g, "c"));
        // c's claim denies b's claim: c answers b, and so, through b, a.
        assert_eq!(iris(&g, &g.forward(a)), ["b", "c", "cc", "e"]);
        assert_eq!(iris(&g, &g.backward(c)), ["a", "b", "cb"]);
        assert_eq!(iris(&g, &g.backward(id(&g, "cc"))), ["a", "b", "cb"]);
        // Shown, the claims fold into their statements.
        let steps = g.steps(id(&g, "b"), Way::Forward);
        assert_eq!(steps.len(), 1);
        assert_eq!(steps[0].act, c);
        assert!(g.forward(id(&g, "d")).is_empty() && !g.has_links(id(&g, "d")));
    }

    #[test]
    fn trees_mark_cycles_and_repeats_and_never_loop() {
        let (_, g) = graph_of(
            "ex:g { ex:x cg:respondsTo ex:z . ex:y cg:counterAccuses ex:x . ex:z cg:denies ex:y .
                    ex:w cg:rejects ex:x , ex:y . }",
        );
        let tree = g.tree(id(&g, "x"), Way::Forward);
        let marks: Vec<(String, usize, Mark)> = tree
            .nodes
            .iter()
            .map(|n| (local_name(&g.graph[n.act].iri).to_owned(), n.depth, n.mark))
            .collect();
        assert_eq!(
            marks,
            [
                ("x".to_owned(), 0, Mark::First),
                ("w".to_owned(), 1, Mark::First),
                ("y".to_owned(), 1, Mark::First),
                ("w".to_owned(), 2, Mark::SeeAbove),
                ("z".to_owned(), 2, Mark::First),
                ("x".to_owned(), 3, Mark::Cycle),
            ]
        );
        // On a cycle, an act is in its own closure.
        assert!(g.forward(id(&g, "x")).contains(&id(&g, "x")));
        let chains = g.all_chains(1);
        assert!(chains.chains.iter().any(|c| c.cycle), "{chains:?}");
        assert!(!chains.truncated);
    }

    #[test]
    fn every_maximal_chain_longest_first() {
        let (_, g) = graph_of(EXCHANGE);
        let chains = g.all_chains(1);
        let listed: Vec<Vec<String>> = chains
            .chains
            .iter()
            .map(|c| {
                c.acts
                    .iter()
                    .map(|&n| local_name(&g.graph[n].iri).to_owned())
                    .collect()
            })
            .collect();
        assert_eq!(listed, [vec!["a", "b", "c"], vec!["a", "e"]]);
        assert_eq!(g.all_chains(2).chains.len(), 1);
        assert!(g.all_chains(3).chains.is_empty());
    }

    /// A chain `n` statements long, each answering the one before.
    fn deep(n: usize) -> String {
        let mut trig = String::from("ex:g {\n");
        for i in 1..n {
            trig.push_str(&format!("ex:s{i} cg:respondsTo ex:s{} .\n", i - 1));
        }
        trig.push('}');
        trig
    }

    #[test]
    fn a_chain_ten_thousand_acts_deep_is_walked_in_linear_time_and_shown_to_a_depth() {
        let (_, g) = graph_of(&deep(10_000));
        let (first, last) = (id(&g, "s0"), id(&g, "s9999"));
        let started = std::time::Instant::now();
        assert_eq!(g.forward(first).len(), 9_999);
        let tree = g.tree(first, Way::Forward);
        assert_eq!(tree.nodes.len(), 10_000);
        assert!(tree.deeper.is_empty());
        let back = g.tree(last, Way::Backward);
        assert_eq!(back.nodes.last().map(|n| n.depth), Some(9_999));
        assert!(
            started.elapsed().as_secs_f64() < 5.0,
            "{:?}",
            started.elapsed()
        );
        let cut = g.tree_to_depth(first, Way::Forward, 100);
        assert_eq!(cut.nodes.len(), 101);
        assert_eq!(cut.deeper, [id(&g, "s100")]);
        // A tree that ends within the depth leaves nothing out.
        assert!(
            g.tree_to_depth(id(&g, "s9990"), Way::Forward, 100)
                .deeper
                .is_empty()
        );
        assert_eq!(g.tree_to_depth(first, Way::Forward, 0).deeper, [first]);
    }
}
