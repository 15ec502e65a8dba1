//! The small graphs the chain code's unit tests build from TriG, and what they ask of them.

use super::model::{ActId, ChainGraph};
use super::names::local_name;
use crate::corpus::Input;
use crate::store::Dataset;
use oxigraph::io::RdfFormat;

const PREFIXES: &str = "
    @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    @prefix cg: <https://claimgraph.org/ns#> .
    @prefix ex: <http://example.org/> .
";

pub(super) fn graph_of(trig: &str) -> (Dataset, ChainGraph) {
    let store = Dataset::in_memory(Default::default()).unwrap();
    let text = format!("{PREFIXES}{trig}");
    let input = Input::text("<test>", RdfFormat::TriG, "http://example.org/", &text);
    store.load(&[input], false).unwrap();
    let graph = ChainGraph::build(&store).unwrap();
    (store, graph)
}

pub(super) fn iris(g: &ChainGraph, acts: &[ActId]) -> Vec<String> {
    let mut out: Vec<String> = acts
        .iter()
        .map(|&n| local_name(&g.graph[n].iri).to_owned())
        .collect();
    out.sort();
    out
}

pub(super) fn id(g: &ChainGraph, local: &str) -> ActId {
    g.act(&format!("http://example.org/{local}"))
        .unwrap_or_else(|| panic!("no act {local}"))
}

/// a accuses; b counter-accuses a; c denies b's claim; e is caused by a; d stands alone.
pub(super) const EXCHANGE: &str = "
    ex:g {
      ex:a a cg:Statement ; cg:speaker ex:p ; cg:date \"2025-10-01\"^^xsd:date ;
          cg:conveys ex:ca .
      ex:ca a cg:Claim ; cg:claimant ex:p ; cg:target ex:q ; cg:actType cg:Accusation .
      ex:b a cg:Statement ; cg:speaker ex:q ; cg:latestDate \"2025-10-03\"^^xsd:date ;
          cg:counterAccuses ex:a ; cg:conveys ex:cb .
      ex:cb a cg:Claim ; cg:claimant ex:q ; cg:actType cg:Denial .
      ex:c a cg:Statement ; cg:speaker ex:p ; cg:conveys ex:cc .
      ex:cc a cg:Claim ; cg:claimant ex:p ; cg:target ex:q ; cg:denies ex:cb .
      ex:a cg:triggered ex:e .
      ex:e a cg:Event .
      ex:d a cg:Statement ; cg:speaker ex:p .
      ex:p rdfs:label \"Party P\" ; skos:altLabel \"Capital\" .
      ex:q rdfs:label \"Party Q\" ; skos:altLabel \"Capital\", \"Qville\" .
    }
";
