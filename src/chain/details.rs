//! What the renderers show of an act beyond the graph: its label and the quote that grounds it,
//! read for the acts shown only.

use super::model::{ActId, ChainGraph, Details};
use super::read;
use crate::error::Result;
use crate::store::Dataset;
use std::collections::HashMap;

impl ChainGraph {
    /// Labels, quotes and where they are written, for the acts to be shown: the mention of the
    /// graph that types the act (else any graph that describes it), the first in the source.
    pub fn details(
        &self,
        store: &Dataset,
        acts: impl IntoIterator<Item = ActId>,
    ) -> Result<HashMap<ActId, Details>> {
        let mut iris: Vec<&str> = acts
            .into_iter()
            .map(|n| self.graph[n].iri.as_str())
            .collect();
        iris.sort_unstable();
        iris.dedup();
        let mut out: HashMap<ActId, Details> = HashMap::new();
        // (typed graph first, start) of the mention chosen so far.
        let mut rank: HashMap<ActId, (bool, i64)> = HashMap::new();
        read::each_mention(store, &iris, |m| {
            let Some(n) = self.act(m.act) else {
                return;
            };
            let entry = out.entry(n).or_default();
            if let Some(label) = m.label {
                if entry.label.as_deref().is_none_or(|l| label < l) {
                    entry.label = Some(label.to_owned());
                }
            }
            let Some(exact) = m.exact else {
                return;
            };
            let key = (!m.typed, m.start.unwrap_or(i64::MAX));
            let better = rank.get(&n).is_none_or(|&(t, s)| key < (!t, s));
            if better {
                rank.insert(n, (m.typed, key.1));
                entry.quote = Some(exact.to_owned());
                entry.source = m.source.map(str::to_owned);
                entry.start = m.start;
                entry.end = m.end;
            }
        })?;
        Ok(out)
    }
}
