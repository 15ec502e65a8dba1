//! `push`, which loads a dataset into a SPARQL server graph by graph and checks the server's
//! counts after. (The endpoint options every command takes are in [`crate::data_args`].)
//!
//! Each graph replaces the server's graph of the same name (Graph Store Protocol PUT, or CLEAR
//! then INSERT DATA), so pushing twice leaves what pushing once does. Triples travel as
//! N-Triples, every IRI written in full: no prefixed names, which some servers' readers
//! mishandle (Virtuoso rejects `\/` in a local name).

use crate::error::{Error, Exit, Result};
use crate::store::remote::{DEFAULT_GRAPH, Remote};
use crate::store::{DataOptions, Dataset, QuadPattern};
use oxigraph::model::{GraphName, Term, Triple};
use std::collections::BTreeMap;
use std::io::Read;
use std::time::Instant;

/// Where one graph of the dataset goes on the server.
#[derive(Debug, Clone)]
enum Target {
    /// The server's own default graph.
    Default,
    Named(String),
}

impl Target {
    fn describe(&self) -> String {
        match self {
            Target::Default => "the default graph".to_owned(),
            Target::Named(g) => format!("<{g}>"),
        }
    }
}

/// `claimgraph push`: loads the local data (bundled corpus or --data) into the server.
pub fn command(data: &DataOptions, batch: usize) -> Result<Exit> {
    let Some(endpoint) = &data.endpoint else {
        return Err(Error::Usage(
            "push needs --endpoint URL: the server to load (and --graph-store URL where it has one)"
                .into(),
        ));
    };
    if data.store.is_some() && !data.data.is_empty() {
        return Err(Error::Usage(
            "push reads --data or --store, not both".into(),
        ));
    }
    let local = DataOptions {
        endpoint: None,
        ..data.clone()
    };
    let dataset = Dataset::open(&local)?;
    let remote = Remote::open(endpoint)?;
    let report = push(&dataset, &remote, batch.max(1))?;
    // --quiet turns progress off; it silences the summary too.
    if data.progress {
        eprintln!("{}", report.summary(remote.url()));
    }
    Ok(Exit::Success)
}

/// What a push did.
#[derive(Debug)]
pub struct Pushed {
    pub triples: usize,
    /// Named graphs, the default graph not counted.
    pub graphs: usize,
    pub requests: usize,
    pub graph_store: bool,
    pub seconds: f64,
}

impl Pushed {
    pub fn summary(&self, url: &str) -> String {
        format!(
            "pushed {} triples in {} named graph{} and the default graph to {url} by {} ({} request{}) in {:.2} s; the server's counts match, graph by graph",
            self.triples,
            self.graphs,
            if self.graphs == 1 { "" } else { "s" },
            if self.graph_store {
                "the Graph Store Protocol"
            } else {
                "SPARQL Update"
            },
            self.requests,
            if self.requests == 1 { "" } else { "s" },
            self.seconds
        )
    }
}

/// Loads every graph of `dataset` into the server, replacing graphs of the same names, then
/// compares the server's count of triples in each with the dataset's.
pub fn push(dataset: &Dataset, remote: &Remote, batch: usize) -> Result<Pushed> {
    let started = Instant::now();
    let mut graphs: Vec<(Target, Vec<Triple>)> = Vec::new();
    let default_target = if remote.dialect().has_stand_in_default_graph() {
        Target::Named(DEFAULT_GRAPH.to_owned())
    } else {
        Target::Default
    };
    let names = dataset.graph_names()?;
    let hidden = remote.hidden_graphs();
    for name in std::iter::once(None).chain(names.into_iter().map(Some)) {
        let (graph, target) = match name {
            None => (GraphName::DefaultGraph, default_target.clone()),
            Some(oxigraph::model::NamedOrBlankNode::NamedNode(n)) => {
                if hidden.iter().any(|h| h == n.as_str()) {
                    return Err(Error::Usage(format!(
                        "the data has a graph {n}, which {} keeps for itself",
                        remote.dialect().name()
                    )));
                }
                let target = Target::Named(n.as_str().to_owned());
                (n.into(), target)
            }
            // A graph named by a blank node has no name a server could keep.
            Some(oxigraph::model::NamedOrBlankNode::BlankNode(b)) => {
                return Err(Error::Usage(format!(
                    "the data has a graph named by a blank node (_:{}), which a server cannot hold by name",
                    b.as_str()
                )));
            }
        };
        let mut triples = Vec::new();
        for quad in dataset.quads(&QuadPattern::graph(graph))? {
            let q = quad?;
            triples.push(Triple::new(q.subject, q.predicate, q.object));
        }
        graphs.push((target, triples));
    }
    let triples: usize = graphs.iter().map(|(_, t)| t.len()).sum();
    let (requests, graph_store) = match remote.graph_store_url() {
        Some(url) => (by_graph_store(remote, &url, &graphs)?, true),
        None => (by_update(remote, &graphs, batch)?, false),
    };
    verify(remote, &graphs)?;
    Ok(Pushed {
        triples,
        graphs: graphs.len() - 1,
        requests,
        graph_store,
        seconds: started.elapsed().as_secs_f64(),
    })
}

fn ntriples(triples: &[Triple]) -> Vec<u8> {
    let mut out = String::new();
    for t in triples {
        out.push_str(&t.to_string());
        out.push_str(" .\n");
    }
    out.into_bytes()
}

/// One PUT per graph: the server replaces the graph with what is sent.
fn by_graph_store(remote: &Remote, url: &str, graphs: &[(Target, Vec<Triple>)]) -> Result<usize> {
    for (target, triples) in graphs {
        let params: Vec<(&str, &str)> = match target {
            Target::Default => vec![("default", "")],
            Target::Named(g) => vec![("graph", g.as_str())],
        };
        let mut reply = remote.client().graph_store(
            "PUT",
            url,
            &params,
            Some(("application/n-triples", ntriples(triples))),
            "*/*",
        )?;
        drain(&mut reply.body, url)?;
    }
    Ok(graphs.len())
}

fn drain(body: &mut impl Read, url: &str) -> Result<()> {
    std::io::copy(body, &mut std::io::sink()).map_err(|e| Error::Endpoint {
        url: url.to_owned(),
        message: format!("the answer broke off: {e}"),
        hint: None,
    })?;
    Ok(())
}

/// CLEAR then INSERT DATA for each graph, several graphs to a request, at most about `batch`
/// triples in each. A blank node label means one node within one operation only, so triples
/// that share blank nodes always travel in one operation: in the first part of a graph that is
/// split, or (Virtuoso, which refuses blank nodes in INSERT DATA) in `INSERT {...} WHERE {}`
/// operations of a few connected groups each, since it compiles every template triple to SQL.
fn by_update(remote: &Remote, graphs: &[(Target, Vec<Triple>)], batch: usize) -> Result<usize> {
    /// Virtuoso's SPARQL compiler runs out of memory on requests of a few thousand triples.
    const VIRTUOSO_BATCH: usize = 1000;
    let templates = remote.dialect() == crate::store::remote::Dialect::Virtuoso;
    let batch = if templates {
        batch.min(VIRTUOSO_BATCH)
    } else {
        batch
    };
    let mut requests = 0;
    let mut request = String::new();
    let mut size = 0;
    let mut send = |request: &mut String, size: &mut usize| -> Result<()> {
        if !request.is_empty() {
            remote.update(request)?;
            requests += 1;
            request.clear();
            *size = 0;
        }
        Ok(())
    };
    for (target, triples) in graphs {
        let clear = match target {
            Target::Default => "CLEAR SILENT DEFAULT".to_owned(),
            Target::Named(g) => format!("CLEAR SILENT GRAPH <{g}>"),
        };
        if size > 0 && size + triples.len().min(batch) > batch {
            send(&mut request, &mut size)?;
        }
        push_op(&mut request, &clear);
        let parts = parts_of(triples, templates, batch);
        for (part, template) in parts {
            if part.is_empty() {
                continue;
            }
            if template || size + part.len() > batch {
                send(&mut request, &mut size)?;
            }
            let mut data = String::new();
            for t in &part {
                data.push_str(&t.to_string());
                data.push_str(" .\n");
            }
            let op = insert_op(target, template, &data);
            push_op(&mut request, &op);
            size += part.len();
            if template {
                send(&mut request, &mut size)?;
            }
        }
    }
    send(&mut request, &mut size)?;
    Ok(requests)
}

/// The parts one graph's triples travel in, each with whether it goes as a template of its own:
/// blank-node triples first (with Virtuoso, in connected groups of templates; elsewhere in the
/// first part, filled up with plain triples), then the plain triples in parts of `batch`.
fn parts_of(triples: &[Triple], templates: bool, batch: usize) -> Vec<(Vec<&Triple>, bool)> {
    /// At most this many triples in one Virtuoso template (it stops at 10,000 lines of SQL).
    const TEMPLATE: usize = 100;
    let (blank, plain): (Vec<&Triple>, Vec<&Triple>) =
        triples.iter().partition(|t| has_blank_node(t));
    let mut parts: Vec<(Vec<&Triple>, bool)> = Vec::new();
    let mut plain = plain.into_iter();
    if templates {
        for group in connected(&blank, TEMPLATE) {
            parts.push((group, true));
        }
    } else {
        let mut first = blank;
        let room = batch.saturating_sub(first.len());
        first.extend(plain.by_ref().take(room));
        parts.push((first, false));
    }
    let rest: Vec<&Triple> = plain.collect();
    parts.extend(rest.chunks(batch).map(|c| (c.to_vec(), false)));
    parts
}

/// One INSERT operation of `data` (N-Triples lines) into `target`: INSERT DATA, or a template
/// with an empty WHERE where blank nodes must stay one node across the whole part.
fn insert_op(target: &Target, template: bool, data: &str) -> String {
    match (target, template) {
        (Target::Default, false) => format!("INSERT DATA {{\n{data}}}"),
        (Target::Default, true) => format!("INSERT {{\n{data}}} WHERE {{}}"),
        (Target::Named(g), false) => format!("INSERT DATA {{ GRAPH <{g}> {{\n{data}}} }}"),
        (Target::Named(g), true) => format!("INSERT {{ GRAPH <{g}> {{\n{data}}} }} WHERE {{}}"),
    }
}

/// Triples grouped so that those sharing a blank node are in one group, groups packed together
/// up to `most` triples (a larger group stays whole).
fn connected<'a>(triples: &[&'a Triple], most: usize) -> Vec<Vec<&'a Triple>> {
    use std::collections::HashMap;
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut parent: Vec<usize> = Vec::new();
    let mut node = |label: &'a str, parent: &mut Vec<usize>| -> usize {
        *index.entry(label).or_insert_with(|| {
            parent.push(parent.len());
            parent.len() - 1
        })
    };
    let mut first_node = Vec::with_capacity(triples.len());
    for t in triples {
        let s = match &t.subject {
            oxigraph::model::NamedOrBlankNode::BlankNode(b) => Some(node(b.as_str(), &mut parent)),
            _ => None,
        };
        let o = match &t.object {
            Term::BlankNode(b) => Some(node(b.as_str(), &mut parent)),
            _ => None,
        };
        if let (Some(a), Some(b)) = (s, o) {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            parent[ra] = rb;
        }
        first_node.push(s.or(o).expect("only triples with blank nodes come here"));
    }
    let mut groups: BTreeMap<usize, Vec<&'a Triple>> = BTreeMap::new();
    for (t, n) in triples.iter().zip(first_node) {
        groups.entry(root(&mut parent, n)).or_default().push(t);
    }
    let mut packed: Vec<Vec<&'a Triple>> = Vec::new();
    for group in groups.into_values() {
        match packed.last_mut() {
            Some(last) if last.len() + group.len() <= most => last.extend(group),
            _ => packed.push(group),
        }
    }
    packed
}

fn push_op(request: &mut String, op: &str) {
    if !request.is_empty() {
        request.push_str(" ;\n");
    }
    request.push_str(op);
}

fn has_blank_node(t: &Triple) -> bool {
    matches!(t.subject, oxigraph::model::NamedOrBlankNode::BlankNode(_))
        || matches!(t.object, Term::BlankNode(_))
}

/// Compares the server's number of triples in each pushed graph with the dataset's.
fn verify(remote: &Remote, graphs: &[(Target, Vec<Triple>)]) -> Result<()> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for row in remote.select_rows(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
        false,
        true,
    )? {
        if let [Some(Term::NamedNode(g)), Some(Term::Literal(n))] = row.as_slice() {
            counts.insert(g.as_str().to_owned(), n.value().parse().unwrap_or(0));
        }
    }
    let default_count = || -> Result<usize> {
        let rows = remote.select_rows("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", false, true)?;
        Ok(match rows.first().and_then(|r| r.first()) {
            Some(Some(Term::Literal(n))) => n.value().parse().unwrap_or(0),
            _ => 0,
        })
    };
    let mut wrong = Vec::new();
    for (target, triples) in graphs {
        let held = match target {
            Target::Default => default_count()?,
            Target::Named(g) => counts.get(g).copied().unwrap_or(0),
        };
        if held != triples.len() {
            wrong.push(format!(
                "{}: {} triples sent, {held} held",
                target.describe(),
                triples.len()
            ));
        }
    }
    if wrong.is_empty() {
        return Ok(());
    }
    let n = wrong.len();
    wrong.truncate(3);
    Err(Error::Endpoint {
        url: remote.url().to_owned(),
        message: format!(
            "after the push, {n} graph{} on the server do{} not hold what was sent: {}{}",
            if n == 1 { "" } else { "s" },
            if n == 1 { "es" } else { "" },
            wrong.join("; "),
            if n > 3 { "; ..." } else { "" }
        ),
        hint: Some(
            "another client may be writing to the server, or it changed some literals; push again, or compare with `claimgraph export --endpoint URL`",
        ),
    })
}
