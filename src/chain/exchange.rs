//! The exchange between two parties: what each aimed at the other, in time order, and the
//! links among those acts.

use super::model::{ActId, ActorId, ChainGraph, Exchange, Kind, Toward, Way};
use super::names::short;
use crate::error::{Error, Result};
use std::collections::HashSet;

impl ChainGraph {
    /// The exchange between the two parties the user names (see [`ChainGraph::resolve_actor`]);
    /// two names of the same party are a usage error, since a party has no exchange with
    /// itself.
    pub fn exchange(&self, first: &str, second: &str) -> Result<Exchange> {
        let a = self.resolve_actor(first)?;
        let b = self.resolve_actor(second)?;
        if a == b {
            let same = if first.trim() == second.trim() {
                format!("{} is named twice", first.trim())
            } else {
                format!("{} and {} name the same party", first.trim(), second.trim())
            };
            return Err(Error::Usage(format!(
                "--between needs two different parties: {same}, {} ({}) (hint: name another \
                 party, or follow one act with --from or --to)",
                self.actors[a].label,
                short(&self.actors[a].iri)
            )));
        }
        Ok(self.between(a, b))
    }

    /// The exchange between two parties: the acts of each (an actor stands for itself and every
    /// actor affiliated with it) aimed at the other, events in which both take part, and the
    /// links among them, in time order. With the same party twice, its acts aimed at itself;
    /// users' names go through [`ChainGraph::exchange`], which refuses that.
    pub fn between(&self, a: ActorId, b: ActorId) -> Exchange {
        let (side_a, side_b) = (self.members(a), self.members(b));
        let meets = |xs: &[ActorId], side: &HashSet<ActorId>| xs.iter().any(|x| side.contains(x));
        let mut acts = Vec::new();
        for n in self.graph.node_indices() {
            if !self.shown(n) {
                continue;
            }
            let (by, at) = (self.acted_by(n), self.aimed_at(n));
            let a_to_b = meets(&by, &side_a) && meets(&at, &side_b);
            let b_to_a = meets(&by, &side_b) && meets(&at, &side_a);
            let both =
                self.graph[n].kind == Kind::Event && meets(&by, &side_a) && meets(&by, &side_b);
            let toward = match (a_to_b, b_to_a, both) {
                (true, false, _) => Toward::AtoB,
                (false, true, _) => Toward::BtoA,
                (true, true, _) | (false, false, true) => Toward::Both,
                (false, false, false) => continue,
            };
            acts.push((n, toward));
        }
        acts.sort_by(|x, y| self.graph[x.0].iri.cmp(&self.graph[y.0].iri));
        let included: HashSet<ActId> = acts.iter().map(|(n, _)| *n).collect();
        let mut links = Vec::new();
        for (n, _) in &acts {
            for step in self.steps(*n, Way::Backward) {
                if included.contains(&step.act) {
                    links.push((*n, step.act, step.links));
                }
            }
        }
        // In time order by what is known of each date, and never a reply before what it answers.
        let at: std::collections::HashMap<ActId, usize> =
            acts.iter().enumerate().map(|(i, (n, _))| (*n, i)).collect();
        let spans: Vec<_> = acts.iter().map(|(n, _)| self.graph[*n].date).collect();
        let answers: Vec<(usize, usize)> = acts
            .iter()
            .enumerate()
            .flat_map(|(i, (n, _))| {
                let at = &at;
                self.answered(*n)
                    .into_iter()
                    .filter_map(move |m| at.get(&m).map(|&j| (i, j)))
            })
            .collect();
        let acts = crate::dates::time_order(&spans, &answers)
            .into_iter()
            .map(|i| acts[i])
            .collect();
        Exchange { a, b, acts, links }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::fixture::{EXCHANGE, graph_of};
    use crate::chain::local_name;

    #[test]
    fn between_keeps_time_order_and_the_links_among_the_acts() {
        let (_, g) = graph_of(EXCHANGE);
        let (p, q) = (
            g.actor("http://example.org/p").unwrap(),
            g.actor("http://example.org/q").unwrap(),
        );
        let x = g.between(p, q);
        let order: Vec<(String, Toward)> = x
            .acts
            .iter()
            .map(|(n, t)| (local_name(&g.graph[*n].iri).to_owned(), *t))
            .collect();
        assert_eq!(
            order,
            [
                ("a".to_owned(), Toward::AtoB),
                ("b".to_owned(), Toward::BtoA),
                ("c".to_owned(), Toward::AtoB),
            ]
        );
        assert_eq!(x.links.len(), 2);
    }

    #[test]
    fn an_exchange_needs_two_parties() {
        let (_, g) = graph_of(EXCHANGE);
        assert_eq!(g.exchange("p", "Party Q").unwrap().acts.len(), 3);
        for (x, y) in [("p", "p"), ("Party P", "<http://example.org/p>")] {
            let e = g.exchange(x, y).unwrap_err();
            assert_eq!(e.exit(), crate::Exit::Usage, "{e}");
            let line = e.one_line();
            assert!(!line.contains('\n'), "{line}");
            assert!(
                line.contains("--between needs two different parties"),
                "{line}"
            );
            assert!(line.contains("Party P (<http://example.org/p>)"), "{line}");
            assert!(line.contains("hint:"), "{line}");
        }
    }
}
