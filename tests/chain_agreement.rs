//! The chain tracer agrees with SPARQL and with itself: the saved query `response-closure` gives
//! the pairs the tracer walks (on the corpus and on random graphs with cycles and self-links),
//! and one walk's part of the graph (`ChainGraph::around`) answers as the whole graph does,
//! within one source and across sources joined by accepted links.

mod common;
use claimgraph::chain::{ChainGraph, Way};
use claimgraph::query::{self, Answer, QueryOptions};
use claimgraph::store::{DataOptions, Dataset};
use common::*;
use oxigraph::model::Term;
use proptest::prelude::*;
use std::collections::BTreeSet;

/// Every (act, later act) pair of the saved query `response-closure`, left unbound.
fn sparql_pairs(dataset: &Dataset) -> BTreeSet<(String, String)> {
    let saved = claimgraph::saved::find(None, "response-closure").unwrap();
    let answer = query::run(
        dataset,
        &saved.text,
        &saved.origin,
        &QueryOptions::default(),
    )
    .unwrap();
    let Answer::Solutions { variables, rows } = answer else {
        panic!("response-closure is a SELECT")
    };
    let (act, later) = (
        variables.iter().position(|v| v == "act").unwrap(),
        variables.iter().position(|v| v == "later").unwrap(),
    );
    let key = |t: &Option<Term>| match t {
        Some(Term::NamedNode(n)) => n.as_str().to_owned(),
        other => panic!("unexpected {other:?}"),
    };
    rows.iter()
        .map(|r| (key(&r[act]), key(&r[later])))
        .collect()
}

/// The same pairs from the tracer, forward from every act, and backward read the other way.
fn traced_pairs(graph: &ChainGraph) -> [BTreeSet<(String, String)>; 2] {
    let mut forward = BTreeSet::new();
    let mut backward = BTreeSet::new();
    for n in graph.graph.node_indices() {
        let iri = &graph.graph[n].iri;
        for m in graph.closure(n, Way::Forward) {
            forward.insert((iri.clone(), graph.graph[m].iri.clone()));
        }
        for m in graph.closure(n, Way::Backward) {
            backward.insert((graph.graph[m].iri.clone(), iri.clone()));
        }
    }
    [forward, backward]
}

fn open(data: Vec<std::path::PathBuf>) -> Dataset {
    Dataset::open(&DataOptions {
        data,
        with_corpus: false,
        store: None,
        progress: false,
        ..Default::default()
    })
    .unwrap()
}

#[test]
fn the_tracer_agrees_with_sparql_on_the_corpus_for_every_act() {
    let dataset = open(Vec::new());
    let graph = ChainGraph::build(&dataset).unwrap();
    let expected = sparql_pairs(&dataset);
    assert!(expected.len() > 100, "{}", expected.len());
    let [forward, backward] = traced_pairs(&graph);
    assert_eq!(forward, expected, "forward closures differ");
    assert_eq!(backward, expected, "backward closures differ");
    // Every act of the corpus was asked about.
    let acts = query::select(
        &dataset,
        "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a/rdfs:subClassOf* ?c VALUES ?c { cg:Statement cg:Claim cg:Event } }",
    )
    .unwrap();
    let n = query::int_of(&acts[0], "n").unwrap() as usize;
    assert!(graph.graph.node_count() >= n && n > 100, "{n}");
}

#[test]
fn the_saved_query_lists_exactly_the_ontology_s_link_properties() {
    let saved = claimgraph::saved::find(None, "response-closure").unwrap();
    let path = saved
        .text
        .lines()
        .find(|l| l.contains(")+ ?act"))
        .expect("the path line");
    let listed: BTreeSet<String> = path
        .split(['(', ')', '|', '/'])
        .map(|t| t.trim().trim_start_matches('^'))
        .filter(|t| t.starts_with("cg:") && *t != "cg:conveys")
        .map(|t| format!("https://claimgraph.org/ns#{}", &t[3..]))
        .collect();
    let known: BTreeSet<String> = claimgraph::chain::ontology_link_properties()
        .into_iter()
        .collect();
    assert_eq!(listed, known);
    let dataset = open(Vec::new());
    let declared: BTreeSet<String> = query::select(
        &dataset,
        "SELECT DISTINCT ?p WHERE { VALUES ?top { cg:respondsTo cg:causallyLinkedTo } ?p rdfs:subPropertyOf* ?top }",
    )
    .unwrap()
    .iter()
    .filter_map(|r| query::str_of(r, "p").map(str::to_owned))
    .collect();
    assert_eq!(declared, known, "the ontology and the query list differ");
}

/// A random dataset: acts of every kind (and untyped), statements conveying claims, links of
/// every property between any two acts (cycles and self-links included), some only inside a
/// claim's proposition graph, some stated twice.
fn dataset_text(
    kinds: &[u8],
    conveys: &[(usize, usize)],
    links: &[(usize, usize, usize, u8)],
) -> String {
    let properties = claimgraph::chain::ontology_link_properties();
    let act = |i: usize| format!("<http://example.org/act/{}>", i % kinds.len());
    let mut out = String::new();
    for (i, kind) in kinds.iter().enumerate() {
        let class = match kind % 4 {
            0 => "Statement",
            1 => "Claim",
            2 => "Event",
            _ => continue,
        };
        out.push_str(&format!(
            "{} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://claimgraph.org/ns#{class}> <http://example.org/g/acts> .\n",
            act(i)
        ));
        // Speakers and dates, which claims take from the statements conveying them.
        if class == "Statement" {
            out.push_str(&format!(
                "{} <https://claimgraph.org/ns#speaker> <http://example.org/actor/{}> <http://example.org/g/acts> .\n",
                act(i),
                i % 3
            ));
        }
        if i % 2 == 0 {
            out.push_str(&format!(
                "{} <https://claimgraph.org/ns#date> \"2025-10-{:02}\"^^<http://www.w3.org/2001/XMLSchema#date> <http://example.org/g/acts> .\n",
                act(i),
                1 + i % 28
            ));
        }
    }
    for &(s, c) in conveys {
        out.push_str(&format!(
            "{} <https://claimgraph.org/ns#conveys> {} <http://example.org/g/conveys> .\n",
            act(s),
            act(c)
        ));
    }
    out.push_str("<http://example.org/claim> <https://claimgraph.org/ns#propositionGraph> <http://example.org/g/proposition> <http://example.org/g/acts> .\n");
    for &(s, o, p, graph) in links {
        let graph = match graph % 3 {
            0 => "<http://example.org/g/links>",
            1 => "<http://example.org/g/proposition>",
            _ => "",
        };
        out.push_str(&format!(
            "{} <{}> {} {graph} .\n",
            act(s),
            properties[p % properties.len()],
            act(o)
        ));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// One walk's part of the graph answers as the whole graph does.

/// A walk as `chain --from` / `--to` prints it, as text with DOT, and as JSON, byte for byte: the lists
/// the graphs number differently (actors, links) come out in the order of what they say.
fn shown(store: &Dataset, graph: &ChainGraph, iri: &str, way: Way) -> (String, String) {
    use claimgraph::render::chain::{ChainAnswer, GraphFormat};
    use claimgraph::report;
    let act = graph.act(iri).unwrap_or_else(|| panic!("no act {iri}"));
    let answer = ChainAnswer::Tree(graph.tree(act, way));
    let view = report::view(store, graph, &answer).unwrap();
    let mut text = Vec::new();
    report::write_answer(&mut text, &view, &answer, GraphFormat::Text).unwrap();
    let mut json = Vec::new();
    report::write_answer(&mut json, &view, &answer, GraphFormat::Json).unwrap();
    let mut dot = Vec::new();
    report::write_answer(&mut dot, &view, &answer, GraphFormat::Dot).unwrap();
    text.extend(dot);
    (
        String::from_utf8(text).unwrap(),
        String::from_utf8(json).unwrap(),
    )
}

/// Every act of the whole graph with links, walked both ways from the whole graph and from
/// the part `around` reads: the same closures, the same text, the same JSON.
fn around_agrees(store: &Dataset, graph: &ChainGraph) -> usize {
    let mut walked = 0;
    for n in graph.graph.node_indices() {
        if !graph.has_links(n) || !graph.shown(n) {
            continue;
        }
        let iri = &graph.graph[n].iri;
        for way in [Way::Forward, Way::Backward] {
            let part = ChainGraph::around(store, iri, way)
                .unwrap()
                .unwrap_or_else(|| panic!("{iri} is an act"));
            let m = part.act(iri).unwrap();
            let iris = |g: &ChainGraph, acts: Vec<claimgraph::chain::ActId>| -> BTreeSet<String> {
                acts.into_iter().map(|a| g.graph[a].iri.clone()).collect()
            };
            assert_eq!(
                iris(&part, part.closure(m, way)),
                iris(graph, graph.closure(n, way)),
                "{iri} {way:?}"
            );
            let (whole_text, whole_json) = shown(store, graph, iri, way);
            let (part_text, part_json) = shown(store, &part, iri, way);
            assert_eq!(part_text, whole_text, "{iri} {way:?}");
            assert_eq!(part_json, whole_json, "{iri} {way:?}");
            walked += 1;
        }
    }
    walked
}

#[test]
fn one_walk_s_part_of_the_graph_answers_as_the_whole_graph_on_the_corpus() {
    let dataset = open(Vec::new());
    let graph = ChainGraph::build(&dataset).unwrap();
    assert!(around_agrees(&dataset, &graph) > 50);
    // What is no act is left to the whole graph, which resolves names and suggests others.
    assert!(
        ChainGraph::around(&dataset, "https://claimgraph.org/id/nothing", Way::Forward)
            .unwrap()
            .is_none()
    );
    assert!(
        ChainGraph::around(&dataset, "tarar", Way::Forward)
            .unwrap()
            .is_none()
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn the_tracer_agrees_with_sparql_on_random_graphs(
        kinds in prop::collection::vec(0u8..5, 2..10),
        conveys in prop::collection::vec((0usize..10, 0usize..10), 0..5),
        links in prop::collection::vec((0usize..10, 0usize..10, 0usize..14, 0u8..3), 1..16),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("random.nq");
        std::fs::write(&file, dataset_text(&kinds, &conveys, &links)).unwrap();
        let dataset = open(vec![file]);
        let graph = ChainGraph::build(&dataset).unwrap();
        let expected = sparql_pairs(&dataset);
        prop_assert!(!expected.is_empty());
        let [forward, backward] = traced_pairs(&graph);
        prop_assert_eq!(&forward, &expected);
        prop_assert_eq!(&backward, &expected);
        around_agrees(&dataset, &graph);
    }
}

#[test]
fn walks_cross_accepted_links_across_sources_as_the_whole_graph_does() {
    // The constructed reports of tests/fixtures/corroboration with every proposed link accepted:
    // the Kabul outlet's account of Tarar's announcement is the bundled report's, whose RTA and
    // Afghan delegation statements counter-accuse it.
    let dir = copy_fixture("corroboration");
    run_in(dir.path(), &["corroborate", "--draft"], None).expect_ok();
    run_in(
        dir.path(),
        &["accept", "corroboration", "--by", "A. Curator"],
        None,
    )
    .expect_ok();
    let dataset = Dataset::open(&DataOptions {
        data: vec![dir.path().join(".claimgraph/data")],
        with_corpus: true,
        ..Default::default()
    })
    .unwrap();
    let graph = ChainGraph::build(&dataset).unwrap();
    let kabul = graph
        .act("https://claimgraph.org/id/statement/kabul-account-s004-attaullah-tarar")
        .unwrap();
    let later: BTreeSet<String> = graph
        .forward(kabul)
        .into_iter()
        .map(|n| graph.graph[n].iri.clone())
        .collect();
    assert!(
        later.contains("https://claimgraph.org/id/statement/rta-pakistani-side-lacks-intention"),
        "{later:?}"
    );
    // The part one walk reads crosses the same links, with the same answers.
    assert!(around_agrees(&dataset, &graph) > 50);
}
