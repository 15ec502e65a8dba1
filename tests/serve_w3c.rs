//! The W3C SPARQL 1.1 Protocol tests (sparql11/protocol/manifest.ttl of the W3C RDF tests) and
//! the Graph Store Protocol tests with indirect identification (manifest-indirect.ttl),
//! read in place from ../shared/w3c-rdf-tests or from $CLAIMGRAPH_W3C_TESTS, each run against
//! `claimgraph serve`'s request handler in-process on a fresh store holding the test's graphs.
//!
//! As the manifest allows, the runner maps its `/sparql/` path to the server's routes: updates
//! to `/update`, everything else to `/query`. Updates are allowed with a token, which the
//! runner adds to every request (the tests know nothing of tokens). A test whose outcome
//! differs from the manifest's must be listed in tests/serve-w3c-expected-failures.tsv with
//! its reason, and a test listed there must still fail: a change either way shows in the diff.

use claimgraph::corpus::Texts;
use claimgraph::serve::safety::{Policy, Token};
use claimgraph::serve::{DEFAULT_BODY_LIMIT, Request, Response, Server};
use claimgraph::store::Dataset;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, Quad, Term};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

const MF: &str = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
const HT: &str = "http://www.w3.org/2011/http#";
const CNT: &str = "http://www.w3.org/2011/content#";
const UT: &str = "http://www.w3.org/2009/sparql/tests/test-update#";
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
const HTS: &str = "http://www.w3.org/2011/http-statusCodes#";
const TOKEN: &str = "w3c-runner-token";

fn tests_dir() -> PathBuf {
    std::env::var_os("CLAIMGRAPH_W3C_TESTS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/w3c-rdf-tests"),
        PathBuf::from,
    )
}

/// The manifest as a map from each subject to its (predicate, object) pairs.
struct Graph(HashMap<String, Vec<(String, Term)>>);

impl Graph {
    fn load(path: &std::path::Path) -> Graph {
        let bytes = std::fs::read(path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; set CLAIMGRAPH_W3C_TESTS to the w3c-rdf-tests folder",
                path.display()
            )
        });
        let base = format!("file://{}", path.display());
        let mut map: HashMap<String, Vec<(String, Term)>> = HashMap::new();
        for quad in RdfParser::from_format(RdfFormat::Turtle)
            .with_base_iri(&base)
            .unwrap()
            .for_slice(&bytes)
        {
            let quad = quad.unwrap();
            map.entry(quad.subject.to_string())
                .or_default()
                .push((quad.predicate.as_str().to_owned(), quad.object));
        }
        Graph(map)
    }

    fn objects(&self, node: &Term, predicate: &str) -> Vec<Term> {
        self.0
            .get(&node.to_string())
            .into_iter()
            .flatten()
            .filter(|(p, _)| p == predicate)
            .map(|(_, o)| o.clone())
            .collect()
    }

    fn one(&self, node: &Term, predicate: &str) -> Option<Term> {
        self.objects(node, predicate).into_iter().next()
    }

    fn text(&self, node: &Term, predicate: &str) -> Option<String> {
        match self.one(node, predicate)? {
            Term::Literal(l) => Some(l.value().to_owned()),
            Term::NamedNode(n) => Some(n.as_str().to_owned()),
            other => Some(other.to_string()),
        }
    }

    fn list(&self, mut node: Term) -> Vec<Term> {
        let mut items = Vec::new();
        while let Some(first) = self.one(&node, &format!("{RDF}first")) {
            items.push(first);
            node = self.one(&node, &format!("{RDF}rest")).unwrap();
        }
        items
    }
}

/// A fresh store holding the test's graphs (`ut:graphData`: a file and the graph's name).
fn dataset(manifest: &Graph, test: &Term, folder: &std::path::Path) -> Dataset {
    let dataset = Dataset::in_memory(Texts {
        roots: Vec::new(),
        bundled: false,
    })
    .unwrap();
    for data in manifest.objects(test, &format!("{UT}graphData")) {
        let file = manifest.text(&data, &format!("{UT}graph")).unwrap();
        let name = manifest.text(&data, &format!("{RDFS}label")).unwrap();
        let path = folder.join(file.rsplit('/').next().unwrap());
        let bytes = std::fs::read(&path).unwrap();
        let graph = GraphName::NamedNode(NamedNode::new(name).unwrap());
        let quads: Vec<Quad> = RdfParser::from_format(RdfFormat::NTriples)
            .for_slice(&bytes)
            .map(|q| {
                let q = q.unwrap();
                Quad::new(q.subject, q.predicate, q.object, graph.clone())
            })
            .collect();
        dataset.insert(&quads).unwrap();
    }
    dataset
}

/// The request a manifest's ht:Request describes, routed to the server's paths.
fn request(manifest: &Graph, node: &Term) -> Request {
    let method = manifest.text(node, &format!("{HT}methodName")).unwrap();
    let target = manifest.text(node, &format!("{HT}absolutePath")).unwrap();
    let mut headers = Vec::new();
    if let Some(list) = manifest.one(node, &format!("{HT}headers")) {
        for header in manifest.list(list) {
            headers.push((
                manifest.text(&header, &format!("{HT}fieldName")).unwrap(),
                manifest.text(&header, &format!("{HT}fieldValue")).unwrap(),
            ));
        }
    }
    let body = manifest
        .one(node, &format!("{HT}body"))
        .map(|body| {
            let chars = manifest.text(&body, &format!("{CNT}chars")).unwrap();
            match manifest
                .text(&body, &format!("{CNT}characterEncoding"))
                .as_deref()
            {
                Some("UTF-16") => chars.encode_utf16().flat_map(u16::to_be_bytes).collect(),
                _ => chars.into_bytes(),
            }
        })
        .unwrap_or_default();
    let query_string = target.split_once('?').map_or("", |(_, q)| q);
    let content_type = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        .map_or("", |(_, v)| v.as_str());
    let is_update = content_type.starts_with("application/sparql-update")
        || query_string.starts_with("update=")
        || query_string.contains("&update=")
        || (content_type.starts_with("application/x-www-form-urlencoded")
            && (body.starts_with(b"update=") || body.windows(8).any(|w| w == b"&update=")));
    let path = if target.starts_with("/gsp") {
        "/store"
    } else if is_update {
        "/update"
    } else {
        "/query"
    };
    let mut request = Request::new(&method, &format!("{path}?{query_string}"));
    for (name, value) in headers {
        request = request.header(&name, &value);
    }
    request
        .header("Authorization", &format!("Bearer {TOKEN}"))
        .body(body)
}

/// Why a response is not what the manifest expects, if it is not.
fn check(manifest: &Graph, expected: &Term, response: &Response) -> Option<String> {
    let classes: Vec<String> = manifest
        .objects(expected, &format!("{MF}expectedStatus"))
        .iter()
        .map(|t| match t {
            Term::NamedNode(n) => n.as_str().trim_start_matches(HTS).to_owned(),
            other => other.to_string(),
        })
        .collect();
    let class = format!("StatusCode{}xx", response.status / 100);
    let name = match response.status {
        200 => "OK",
        201 => "Created",
        204 => "NoContent",
        400 => "BadRequest",
        404 => "NotFound",
        415 => "UnsupportedMediaType",
        _ => "",
    };
    if !classes.is_empty() && !classes.contains(&class) && !classes.iter().any(|c| c == name) {
        return Some(format!(
            "status {} ({}), expected {}",
            response.status,
            response.text().trim(),
            classes.join(" or ")
        ));
    }
    let media = response.get("content-type").unwrap_or_default().to_owned();
    match manifest
        .text(expected, &format!("{MF}expectedFormat"))
        .as_deref()
    {
        Some("boolean" | "tabular")
            if !media.contains("sparql-results") && !media.starts_with("text/") =>
        {
            return Some(format!("results expected, got {media}"));
        }
        Some("RDF") if media.contains("sparql-results") => {
            return Some(format!("RDF expected, got {media}"));
        }
        _ => {}
    }
    if let Some(body) = manifest.one(expected, &format!("{HT}body")) {
        let want = manifest.text(&body, &format!("{CNT}chars")).unwrap();
        if let Some(why) = same_graph(&want, &response.body) {
            return Some(why);
        }
    }
    if let Some(want) = manifest.text(expected, &format!("{MF}expectedBoolean")) {
        let Ok(got) = serde_json::from_slice::<serde_json::Value>(&response.body) else {
            return Some(format!("JSON results expected, got {}", response.text()));
        };
        if got["boolean"].as_bool().map(|b| b.to_string()).as_deref() != Some(want.as_str()) {
            return Some(format!(
                "boolean {} expected, got {}",
                want,
                response.text()
            ));
        }
    }
    None
}

/// Compares the Turtle a test expects with the Turtle served: the same number of triples and
/// the same triples without blank nodes (the tests' graphs have one blank node each at most,
/// so this stands in for isomorphism).
fn same_graph(want: &str, got: &[u8]) -> Option<String> {
    let parse = |bytes: &[u8]| -> Result<Vec<String>, String> {
        let mut triples: Vec<String> = RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(bytes)
            .map(|q| q.map(|q| q.to_string()).map_err(|e| e.to_string()))
            .collect::<Result<_, _>>()?;
        triples.sort();
        Ok(triples)
    };
    let ground = |all: &[String]| -> Vec<String> {
        all.iter().filter(|t| !t.contains("_:")).cloned().collect()
    };
    let (want, got) = match (parse(want.as_bytes()), parse(got)) {
        (Ok(w), Ok(g)) => (w, g),
        (Err(e), _) => return Some(format!("the expected graph does not parse: {e}")),
        (_, Err(e)) => return Some(format!("the graph served does not parse: {e}")),
    };
    if want.len() != got.len() || ground(&want) != ground(&got) {
        return Some(format!("graph {got:?}, expected {want:?}"));
    }
    None
}

/// Runs one test; `None` when it passes, else why it failed.
fn run(manifest: &Graph, test: &Term, folder: &std::path::Path) -> Option<String> {
    let server = Server::new(
        dataset(manifest, test, folder),
        Policy {
            allow_update: true,
            token: Some(Token::new(TOKEN).unwrap()),
            body_limit: DEFAULT_BODY_LIMIT,
            ..Policy::default()
        },
    );
    let action = manifest.one(test, &format!("{MF}action")).unwrap();
    let requests = manifest.list(manifest.one(&action, &format!("{HT}requests")).unwrap());
    for (i, node) in requests.iter().enumerate() {
        let response = match server.handle(&request(manifest, node)).finish() {
            Ok(response) => response,
            Err(e) => return Some(format!("request {}: the answer was cut: {e}", i + 1)),
        };
        if let Some(expected) = manifest.one(node, &format!("{HT}resp")) {
            if let Some(why) = check(manifest, &expected, &response) {
                return Some(format!("request {}: {why}", i + 1));
            }
        }
    }
    None
}

#[test]
fn the_w3c_sparql_protocol_tests_pass_or_are_listed_with_a_reason() {
    run_manifest("sparql11/protocol", "manifest.ttl", 30);
}

/// The Graph Store Protocol tests with indirect graph identification (`?graph=`); serve has
/// no direct identification (a graph's own URL under the endpoint), so manifest-direct.ttl is
/// not run.
#[test]
fn the_w3c_graph_store_protocol_tests_pass_or_are_listed_with_a_reason() {
    run_manifest("sparql11/graph-store-protocol", "manifest-indirect.ttl", 9);
}

fn run_manifest(folder: &str, file: &str, at_least: usize) {
    let folder = tests_dir().join(folder);
    let manifest = Graph::load(&folder.join(file));
    let root = manifest
        .0
        .iter()
        .find(|(_, pairs)| pairs.iter().any(|(p, _)| *p == format!("{MF}entries")))
        .map(|(s, _)| s.clone())
        .expect("the manifest lists its entries");
    let root = Term::NamedNode(NamedNode::new(root.trim_matches(['<', '>'])).unwrap());
    let entries = manifest.list(manifest.one(&root, &format!("{MF}entries")).unwrap());
    assert!(entries.len() >= at_least, "{} entries", entries.len());
    let mut failed = BTreeMap::new();
    for test in &entries {
        let name = test.to_string();
        let name = name
            .rsplit('#')
            .next()
            .unwrap()
            .trim_end_matches('>')
            .to_owned();
        if let Some(why) = run(&manifest, test, &folder) {
            failed.insert(name, why);
        }
    }
    let listed_text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/serve-w3c-expected-failures.tsv"),
    )
    .unwrap();
    let listed: BTreeMap<String, String> = listed_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (name, reason) = l.split_once('\t').expect("name TAB reason");
            (name.to_owned(), reason.to_owned())
        })
        .collect();
    let unexpected: Vec<String> = failed
        .iter()
        .filter(|(name, _)| !listed.contains_key(*name))
        .map(|(name, why)| format!("{name}: {why}"))
        .collect();
    let names: Vec<String> = entries
        .iter()
        .map(|t| {
            let t = t.to_string();
            t.rsplit('#')
                .next()
                .unwrap()
                .trim_end_matches('>')
                .to_owned()
        })
        .collect();
    let passing: Vec<&String> = listed
        .keys()
        .filter(|name| names.contains(name) && !failed.contains_key(*name))
        .collect();
    println!(
        "W3C {file}: {} passed, {} failed ({} tests; failures listed with reasons)",
        entries.len() - failed.len(),
        failed.len(),
        entries.len()
    );
    assert!(
        unexpected.is_empty(),
        "failures not listed:\n{}",
        unexpected.join("\n")
    );
    assert!(
        passing.is_empty(),
        "listed as failing but passing now: {passing:?}"
    );
}
