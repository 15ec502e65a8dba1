//! The remote backend: a SPARQL server behind the same [`Backend`] interface as the local
//! store, spoken to in the SPARQL 1.1 Protocol. Queries go as parsed and re-serialised by the
//! SPARQL parser (so bound variables stay a VALUES table in the algebra, never spliced text),
//! by form POST; answers are read with oxigraph's own results and RDF parsers, row by row.
//! What differs from server to server (the union default graph, system graphs, where the
//! default graph lives) is in [`dialect`]; HTTP and its failures in `http`.

mod booleans;
pub mod dialect;
mod http;
mod reach;
mod rewrite;

pub use dialect::{DEFAULT_GRAPH, Dialect, Scope};
pub use http::Client;

use super::{Backend, Loader, QuadPattern, QuadStream};
use crate::error::{Error, Result};
use crate::query::Answer;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{
    GraphName, NamedNode, NamedOrBlankNode, Quad, Term, TermRef, Triple, Variable,
};
use oxigraph::sparql::CancellationToken;
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput, ReaderSolutionsParser,
};
use std::collections::HashMap;
use std::io::Read;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How to reach a server, as the command line gives it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Endpoint {
    /// The SPARQL query endpoint.
    pub query: String,
    /// The SPARQL update endpoint (default: the server's usual one beside `query`).
    pub update: Option<String>,
    /// The Graph Store Protocol endpoint (default: the server's, where it has one).
    pub graph_store: Option<String>,
    /// Headers sent with every request (credentials, read from a file or the environment).
    pub headers: Vec<(String, String)>,
    /// How long to wait for a connection and for an answer to begin.
    pub timeout: Option<Duration>,
}

/// The default wait for a server's answer to begin.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);

/// XML first: every server speaks it, and Virtuoso 7 writes it five times faster than JSON (50,000
/// rows: 0.46 s against 2.57 s), which is most of the time a whole-graph read over it takes.
const RESULTS: &str = "application/sparql-results+xml, application/sparql-results+json;q=0.8";
const GRAPHS: &str = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5, application/n-quads;q=0.4";

/// What reads the rows of an answer: the answer's variables and one row.
type EachRow<'a> = dyn FnMut(&[Variable], &[Option<Term>]) -> Result<()> + 'a;

/// A SPARQL server.
pub struct Remote {
    endpoint: Endpoint,
    client: Client,
    dialect: Dialect,
    /// The data's named graphs, for the generic dialect, which names them in every query.
    named: Mutex<Option<Vec<String>>>,
    /// The server's own graphs that exist, and the default graph's stand-in.
    hidden: Vec<String>,
    /// What those graphs hold, to tell which queries can read them (see `reach`).
    system: reach::SystemTriples,
    /// Lookups of one predicate of one subject, by predicate: how many were asked, and once
    /// that passes [`PREFETCH_AFTER`], every quad of the predicate by subject.
    lookups: Mutex<HashMap<NamedNode, Lookups>>,
}

/// After this many lookups of one predicate for single subjects, the next reads every quad of
/// that predicate at once and answers the rest from memory: building the chain graph asks for
/// the labels of every actor and act type, one round trip each otherwise.
const PREFETCH_AFTER: usize = 16;

#[derive(Default)]
struct Lookups {
    asked: usize,
    quads: Option<Arc<HashMap<NamedOrBlankNode, Vec<Quad>>>>,
}

impl Remote {
    /// Connects to a server: asks it `ASK {}`, which tells that it answers SPARQL and, by its
    /// `Server` header, which kind of server it is.
    pub fn open(endpoint: &Endpoint) -> Result<Remote> {
        let client = Client::new(
            endpoint.headers.clone(),
            endpoint.timeout.unwrap_or(DEFAULT_TIMEOUT),
        );
        let reply = client.post_form(&endpoint.query, &[("query", "ASK {}")], RESULTS)?;
        let dialect = Dialect::detect(reply.server.as_deref());
        let mut remote = Remote {
            endpoint: endpoint.clone(),
            client,
            dialect,
            named: Mutex::new(None),
            hidden: Vec::new(),
            system: reach::SystemTriples::default(),
            lookups: Mutex::new(HashMap::new()),
        };
        if let ReaderQueryResultsParserOutput::Solutions(_) = remote.results(reply)? {
            return Err(remote.not_sparql("it answered ASK with rows, not a boolean".to_owned()));
        }
        remote.hidden = remote.existing_hidden_graphs()?;
        remote.system = remote.system_triples()?;
        Ok(remote)
    }

    /// Which of the graphs the dialect keeps for the server exist there (one query), and the
    /// stand-in of the default graph.
    fn existing_hidden_graphs(&self) -> Result<Vec<String>> {
        let candidates = self.dialect.hidden_graphs(&self.endpoint.query);
        let mut hidden: Vec<String> = candidates
            .iter()
            .filter(|g| g.as_str() == DEFAULT_GRAPH)
            .cloned()
            .collect();
        let system: Vec<String> = candidates
            .iter()
            .filter(|g| g.as_str() != DEFAULT_GRAPH)
            .filter_map(|g| NamedNode::new(g.as_str()).ok())
            .map(|g| g.to_string())
            .collect();
        if system.is_empty() {
            return Ok(hidden);
        }
        let text = format!(
            "SELECT ?g WHERE {{ VALUES ?g {{ {} }} FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}",
            system.join(" ")
        );
        self.each_row(
            &text,
            Scope::raw(),
            &CancellationToken::new(),
            &mut |_, row| {
                if let Some(Some(Term::NamedNode(g))) = row.first() {
                    hidden.push(g.as_str().to_owned());
                }
                Ok(())
            },
        )?;
        Ok(hidden)
    }

    /// What the server's own graphs hold, as far as matching a pattern needs (one query): their
    /// predicates and the IRIs these point to.
    fn system_triples(&self) -> Result<reach::SystemTriples> {
        let mut system = reach::SystemTriples::default();
        let graphs: Vec<String> = self
            .hidden()
            .iter()
            .filter(|g| g.as_str() != DEFAULT_GRAPH)
            .map(ToString::to_string)
            .collect();
        if graphs.is_empty() {
            return Ok(system);
        }
        let text = reach::SystemTriples::query(&graphs);
        self.each_row(
            &text,
            Scope::raw(),
            &CancellationToken::new(),
            &mut |_, row| {
                if let Some(Some(Term::NamedNode(p))) = row.first() {
                    let o = match row.get(1) {
                        Some(Some(Term::NamedNode(o))) => Some(o.clone()),
                        _ => None,
                    };
                    system.add(p.clone(), o);
                }
                Ok(())
            },
        )?;
        Ok(system)
    }

    /// The server's own graphs, and the default graph's stand-in: never the data's.
    pub fn hidden_graphs(&self) -> &[String] {
        &self.hidden
    }

    pub fn url(&self) -> &str {
        &self.endpoint.query
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The SPARQL update endpoint.
    pub fn update_url(&self) -> String {
        self.endpoint
            .update
            .clone()
            .unwrap_or_else(|| self.dialect.update_endpoint(&self.endpoint.query))
    }

    /// The Graph Store Protocol endpoint, if the server has one that claimgraph may use.
    pub fn graph_store_url(&self) -> Option<String> {
        self.endpoint
            .graph_store
            .clone()
            .or_else(|| self.dialect.graph_store(&self.endpoint.query))
    }

    /// Sends a query's text as the dialect wants it, and returns the answer as it begins.
    fn send(&self, text: &str, scope: Scope, accept: &str) -> Result<http::Reply> {
        let named = || self.cached_graph_names();
        let prepared = dialect::prepare(self.dialect, &self.hidden, text, scope, &named)?;
        if std::env::var_os("CLAIMGRAPH_ENDPOINT_TRACE").is_some() {
            eprintln!(
                "-- to {}: {:?}\n{}",
                self.endpoint.query, prepared.params, prepared.text
            );
        }
        let mut form: Vec<(&str, &str)> = vec![("query", prepared.text.as_str())];
        form.extend(prepared.params.iter().map(|(k, v)| (*k, v.as_str())));
        self.client.post_form(&self.endpoint.query, &form, accept)
    }

    /// Sends a parsed query as this server should read it. On Virtuoso, a query its optimiser
    /// gives up on under the exclusion pragmas ("SQ200 Stack Overflow in cost model") is asked
    /// once more with the dataset named instead (FROM and FROM NAMED: claimgraph's graphs),
    /// which takes the optimiser another way to the same answer.
    fn send_query(
        &self,
        query: spargebra::Query,
        scope: Scope,
        accept: &str,
    ) -> Result<http::Reply> {
        let excluded = self.dialect == Dialect::Virtuoso
            && scope.union
            && scope.reach
            && !scope.own_dataset
            && self.hidden.iter().any(|g| g != DEFAULT_GRAPH);
        let again = excluded.then(|| query.clone());
        let text = self.text_of(query);
        match (self.send(&text, scope, accept), again) {
            (Err(Error::Endpoint { message, .. }), Some(query)) if message.contains("SQ200") => {
                let named = self.naming_the_dataset(query)?;
                let scope = Scope {
                    own_dataset: true,
                    ..scope
                };
                self.send(&self.text_of(named), scope, accept)
            }
            (reply, _) => reply,
        }
    }

    /// A query with FROM and FROM NAMED for the data's graphs (see [`dialect::naming`]).
    fn naming_the_dataset(&self, query: spargebra::Query) -> Result<spargebra::Query> {
        Ok(dialect::naming(query, &self.cached_graph_names()?))
    }

    /// Runs a SELECT of claimgraph's own and returns its rows. `raw`: as the server has it,
    /// with no dataset requested (its own graphs and the default graph's stand-in included).
    pub fn select_rows(
        &self,
        text: &str,
        union: bool,
        raw: bool,
    ) -> Result<Vec<Vec<Option<Term>>>> {
        let mut rows = Vec::new();
        self.each_row(
            text,
            Scope {
                union,
                own_dataset: raw,
                reach: true,
            },
            &CancellationToken::new(),
            &mut |_, row| {
                rows.push(row.to_vec());
                Ok(())
            },
        )?;
        Ok(rows)
    }

    /// Sends a SPARQL Update.
    pub fn update(&self, text: &str) -> Result<()> {
        let url = self.update_url();
        let mut reply = self.client.post_form(&url, &[("update", text)], "*/*")?;
        // Read the acknowledgement to its end, so the connection can be used again.
        std::io::copy(&mut reply.body, &mut std::io::sink()).map_err(|e| Error::Endpoint {
            url,
            message: format!("the answer broke off: {e}"),
            hint: None,
        })?;
        Ok(())
    }

    fn not_sparql(&self, message: String) -> Error {
        Error::Endpoint {
            url: self.endpoint.query.clone(),
            message: format!("not a SPARQL answer: {message}"),
            hint: Some(
                "check that the URL is a SPARQL query endpoint (Oxigraph server: /query, Virtuoso: /sparql)",
            ),
        }
    }

    fn broken(&self, e: impl std::fmt::Display) -> Error {
        Error::Endpoint {
            url: self.endpoint.query.clone(),
            message: format!("the answer could not be read: {e}"),
            hint: None,
        }
    }

    /// Reads an answer as SPARQL results (JSON or XML), row by row.
    fn results(
        &self,
        reply: http::Reply,
    ) -> Result<ReaderQueryResultsParserOutput<Box<dyn Read + Send>>> {
        let Some(format) = QueryResultsFormat::from_media_type(&reply.media_type) else {
            return Err(self.not_sparql(format!(
                "the server sent {}",
                if reply.media_type.is_empty() {
                    "no content type"
                } else {
                    &reply.media_type
                }
            )));
        };
        let body: Box<dyn Read + Send> = if self.dialect == Dialect::Virtuoso {
            // Virtuoso labels blank nodes `nodeID://b1`, which is no blank node label.
            Box::new(http::Replace::new(reply.body, b"nodeID://", b"nodeID___"))
        } else {
            reply.body
        };
        QueryResultsParser::from_format(format)
            .for_reader(body)
            .map_err(|e| self.not_sparql(e.to_string()))
    }

    /// Reads an answer as RDF triples; blank nodes are fresh for each answer.
    fn triples(&self, reply: http::Reply) -> Result<Vec<Triple>> {
        let Some(format) = RdfFormat::from_media_type(&reply.media_type) else {
            return Err(self.not_sparql(format!(
                "the server sent {} where RDF was expected",
                if reply.media_type.is_empty() {
                    "no content type"
                } else {
                    &reply.media_type
                }
            )));
        };
        let mut triples = Vec::new();
        for quad in RdfParser::from_format(format)
            .rename_blank_nodes()
            .for_reader(reply.body)
        {
            let quad = quad.map_err(|e| self.broken(e))?;
            triples.push(Triple::new(quad.subject, quad.predicate, quad.object));
        }
        Ok(triples)
    }

    /// Runs a SELECT and hands its rows to `each`, with the answer's variables.
    fn each_row(
        &self,
        text: &str,
        scope: Scope,
        cancel: &CancellationToken,
        each: &mut EachRow<'_>,
    ) -> Result<Vec<Variable>> {
        let started = std::time::Instant::now();
        let reply = self.send(text, scope, RESULTS)?;
        match self.results(reply)? {
            ReaderQueryResultsParserOutput::Solutions(solutions) => {
                let mut rows = 0usize;
                let variables = self.read_rows(solutions, cancel, &mut |v, row| {
                    rows += 1;
                    each(v, row)
                })?;
                if std::env::var_os("CLAIMGRAPH_ENDPOINT_TRACE").is_some() {
                    eprintln!("-- {rows} rows in {:.3} s", started.elapsed().as_secs_f64());
                }
                Ok(variables)
            }
            ReaderQueryResultsParserOutput::Boolean(_) => {
                Err(self.not_sparql("a boolean where rows were expected".to_owned()))
            }
        }
    }

    fn read_rows(
        &self,
        mut solutions: ReaderSolutionsParser<Box<dyn Read + Send>>,
        cancel: &CancellationToken,
        each: &mut EachRow<'_>,
    ) -> Result<Vec<Variable>> {
        let variables = solutions.variables().to_vec();
        for solution in &mut solutions {
            if cancel.is_cancelled() {
                return Err(Error::Cancelled);
            }
            let solution = solution.map_err(|e| self.broken(e))?;
            each(&variables, solution.values())?;
        }
        Ok(variables)
    }

    /// The named graphs of the data, read once (for the generic dialect).
    fn cached_graph_names(&self) -> Result<Vec<String>> {
        let mut cached = self.named.lock().expect("the lock is never poisoned");
        if let Some(names) = &*cached {
            return Ok(names.clone());
        }
        let names: Vec<String> = self
            .list_graphs()?
            .into_iter()
            .map(|n| n.as_str().to_owned())
            .collect();
        *cached = Some(names.clone());
        Ok(names)
    }

    /// The server's graphs less its own and the stand-in for the default graph.
    fn list_graphs(&self) -> Result<Vec<NamedNode>> {
        let hidden = &self.hidden;
        let mut names = Vec::new();
        // GROUP BY, not DISTINCT: the same answer, but Virtuoso 7 answers DISTINCT ?g by a scan
        // that took over two minutes on 20,000 graphs, and GROUP BY ?g from its graph index in
        // a tenth of a second (benches/load-beside-virtuoso.sh's count found it).
        self.each_row(
            "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
            Scope::raw(),
            &CancellationToken::new(),
            &mut |_, row| {
                if let Some(Some(Term::NamedNode(g))) = row.first() {
                    if !hidden.iter().any(|h| h == g.as_str()) {
                        names.push(g.clone());
                    }
                }
                Ok(())
            },
        )?;
        names.sort();
        Ok(names)
    }

    /// Every triple of one graph, by CONSTRUCT.
    fn graph_triples(&self, graph: &GraphName) -> Result<Vec<Triple>> {
        let text = match graph {
            GraphName::DefaultGraph => "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }".to_owned(),
            GraphName::NamedNode(g) => {
                format!("CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}")
            }
            GraphName::BlankNode(_) => return Ok(Vec::new()),
        };
        // A named graph is read as the server has it, with no dataset requested: Virtuoso's
        // `GRAPH <g>` finds nothing once the default graph is set by pragma.
        let raw = matches!(graph, GraphName::NamedNode(_));
        let reply = self.send(&text, Scope::stand_in(raw), GRAPHS)?;
        self.triples(reply)
    }
}

/// A term of a quad pattern in query text: the fixed term, or the variable.
fn slot(term: Option<TermRef<'_>>, variable: &str) -> Option<String> {
    match term {
        None => Some(format!("?{variable}")),
        // Blank nodes cannot be named in a query to a server: nothing matches them.
        Some(TermRef::BlankNode(_)) => None,
        Some(t) => Some(t.to_string()),
    }
}

/// The quad a row of `pattern_text`'s answer stands for: the pattern's fixed terms, the row's
/// for the open places; none when the server left a place empty or put a literal where a
/// subject, predicate or graph name belongs.
fn quad_of_row(
    pattern: &QuadPattern,
    variables: &[Variable],
    row: &[Option<Term>],
) -> Option<Quad> {
    let get = |name: &str| {
        variables
            .iter()
            .position(|v| v.as_str() == name)
            .and_then(|i| row[i].clone())
    };
    let subject = match (&pattern.subject, get("s")) {
        (Some(s), _) => s.clone(),
        (None, Some(Term::NamedNode(n))) => n.into(),
        (None, Some(Term::BlankNode(b))) => b.into(),
        _ => return None,
    };
    let predicate = match (&pattern.predicate, get("p")) {
        (Some(p), _) => p.clone(),
        (None, Some(Term::NamedNode(n))) => n,
        _ => return None,
    };
    let object = pattern.object.clone().or_else(|| get("o"))?;
    let graph = match (&pattern.graph, get("g")) {
        (Some(g), _) => g.clone(),
        (None, Some(Term::NamedNode(n))) => n.into(),
        (None, Some(Term::BlankNode(b))) => b.into(),
        _ => GraphName::DefaultGraph,
    };
    Some(Quad::new(subject, predicate, object, graph))
}

impl Backend for Remote {
    fn evaluate(
        &self,
        query: spargebra::Query,
        union: bool,
        cancel: CancellationToken,
    ) -> Result<Answer> {
        use spargebra::Query as Q;
        let (own_dataset, graph) = match &query {
            Q::Select { dataset, .. } | Q::Ask { dataset, .. } => (dataset.is_some(), false),
            Q::Construct { dataset, .. } | Q::Describe { dataset, .. } => (dataset.is_some(), true),
        };
        let booleans = match self.dialect {
            Dialect::Virtuoso => booleans::boolean_variables(&query),
            _ => Vec::new(),
        };
        let scope = Scope {
            union,
            own_dataset,
            reach: self.system.reached_by(&query),
        };
        if cancel.is_cancelled() {
            return Err(Error::Cancelled);
        }
        if graph {
            let reply = self.send_query(query, scope, GRAPHS)?;
            return Ok(Answer::Graph(self.triples(reply)?));
        }
        let reply = self.send_query(query, scope, RESULTS)?;
        match self.results(reply)? {
            ReaderQueryResultsParserOutput::Boolean(b) => Ok(Answer::Boolean(b)),
            ReaderQueryResultsParserOutput::Solutions(solutions) => {
                let mut rows = Vec::new();
                let variables = self.read_rows(solutions, &cancel, &mut |_, row| {
                    rows.push(row.to_vec());
                    Ok(())
                })?;
                let variables: Vec<String> =
                    variables.iter().map(|v| v.as_str().to_owned()).collect();
                booleans::restore(&variables, &booleans, &mut rows);
                Ok(Answer::Solutions { variables, rows })
            }
        }
    }

    fn select_each(
        &self,
        query: spargebra::Query,
        union: bool,
        each: &mut dyn FnMut(&[Option<Term>]) -> Result<()>,
    ) -> Result<()> {
        let own_dataset = match &query {
            spargebra::Query::Select { dataset, .. } => dataset.is_some(),
            _ => return Err(Error::Internal("a bulk read is not a SELECT".into())),
        };
        // The rows come in the order of the answer's variables; the caller expects those of
        // the query's projection.
        let wanted: Vec<String> = match &query {
            spargebra::Query::Select { pattern, .. } => projection(pattern),
            _ => Vec::new(),
        };
        let scope = Scope {
            union,
            own_dataset,
            reach: self.system.reached_by(&query),
        };
        let reply = self.send_query(query, scope, RESULTS)?;
        let ReaderQueryResultsParserOutput::Solutions(solutions) = self.results(reply)? else {
            return Err(self.not_sparql("a boolean where rows were expected".to_owned()));
        };
        let mut order: Option<Vec<Option<usize>>> = None;
        let mut values = Vec::new();
        self.read_rows(
            solutions,
            &CancellationToken::new(),
            &mut |variables, row| {
                let order = order.get_or_insert_with(|| {
                    wanted
                        .iter()
                        .map(|w| variables.iter().position(|v| v.as_str() == w))
                        .collect()
                });
                if order.is_empty() {
                    return each(row);
                }
                values.clear();
                values.extend(order.iter().map(|i| i.and_then(|i| row[i].clone())));
                each(&values)
            },
        )?;
        Ok(())
    }

    fn quads(&self, pattern: &QuadPattern) -> Result<QuadStream<'_>> {
        if pattern.subject.is_none() && pattern.predicate.is_none() && pattern.object.is_none() {
            return Ok(Box::new(
                self.whole_graphs(&pattern.graph)?.into_iter().map(Ok),
            ));
        }
        if let (Some(subject), Some(predicate), None, None) = (
            &pattern.subject,
            &pattern.predicate,
            &pattern.object,
            &pattern.graph,
        ) {
            if let Some(all) = self.prefetched(predicate)? {
                let quads = all.get(subject).cloned().unwrap_or_default();
                return Ok(Box::new(quads.into_iter().map(Ok)));
            }
        }
        let Some(text) = self.pattern_text(pattern) else {
            return Ok(Box::new(std::iter::empty()));
        };
        let mut quads = Vec::new();
        let mut bad = false;
        let raw = matches!(pattern.graph, Some(GraphName::NamedNode(_)));
        self.each_row(
            &text,
            Scope::stand_in(raw),
            &CancellationToken::new(),
            &mut |variables, row| {
                match quad_of_row(pattern, variables, row) {
                    Some(quad) => quads.push(Ok(quad)),
                    None => bad = true,
                }
                Ok(())
            },
        )?;
        if bad {
            return Err(self.not_sparql("a quad with a missing term".to_owned()));
        }
        Ok(Box::new(quads.into_iter()))
    }

    fn graph_names(&self) -> Result<Vec<NamedOrBlankNode>> {
        Ok(self.list_graphs()?.into_iter().map(Into::into).collect())
    }

    fn len(&self) -> Result<usize> {
        let mut n = 0;
        self.each_row(
            &format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ {{ ?s ?p ?o }} UNION {{ GRAPH ?g {{ ?s ?p ?o }}{} }} }}",
                self.not_default_graph()
            ),
            Scope::stand_in(false),
            &CancellationToken::new(),
            &mut |_, row| {
                if let Some(Some(Term::Literal(l))) = row.first() {
                    n = l.value().parse().unwrap_or(0);
                }
                Ok(())
            },
        )?;
        Ok(n)
    }

    fn loader(&self) -> Result<Box<dyn Loader + '_>> {
        Err(self.read_only())
    }

    fn insert(&self, _quads: &[Quad]) -> Result<()> {
        Err(self.read_only())
    }
}

impl Remote {
    /// Every quad of `predicate` by subject, once it has been looked up for single subjects
    /// often enough (read once per connection; `None` before that).
    #[allow(clippy::type_complexity)]
    fn prefetched(
        &self,
        predicate: &NamedNode,
    ) -> Result<Option<Arc<HashMap<NamedOrBlankNode, Vec<Quad>>>>> {
        {
            let mut lookups = self.lookups.lock().expect("the lock is never poisoned");
            let entry = lookups.entry(predicate.clone()).or_default();
            if let Some(quads) = &entry.quads {
                return Ok(Some(quads.clone()));
            }
            entry.asked += 1;
            if entry.asked <= PREFETCH_AFTER {
                return Ok(None);
            }
        }
        let mut all: HashMap<NamedOrBlankNode, Vec<Quad>> = HashMap::new();
        for quad in self.quads(&QuadPattern::predicate(predicate.clone()))? {
            let quad = quad?;
            all.entry(quad.subject.clone()).or_default().push(quad);
        }
        let all = Arc::new(all);
        let mut lookups = self.lookups.lock().expect("the lock is never poisoned");
        lookups.entry(predicate.clone()).or_default().quads = Some(all.clone());
        Ok(Some(all))
    }

    /// A parsed query as this server should read it.
    /// Whole graphs, through CONSTRUCT: the one asked for, or the default graph then each named
    /// graph.
    fn whole_graphs(&self, graph: &Option<GraphName>) -> Result<Vec<Quad>> {
        let graphs: Vec<GraphName> = match graph {
            Some(g) => vec![g.clone()],
            None => std::iter::once(GraphName::DefaultGraph)
                .chain(self.list_graphs()?.into_iter().map(GraphName::from))
                .collect(),
        };
        let mut quads = Vec::new();
        for g in graphs {
            for t in self.graph_triples(&g)? {
                quads.push(Quad::new(t.subject, t.predicate, t.object, g.clone()));
            }
        }
        Ok(quads)
    }

    /// The SELECT that matches one quad pattern (?s ?p ?o ?g for its open places), or none when
    /// nothing can match (a literal subject, a blank graph name).
    fn pattern_text(&self, pattern: &QuadPattern) -> Option<String> {
        let st = slot(pattern.subject.as_ref().map(|t| t.as_ref().into()), "s")?;
        let pt = slot(pattern.predicate.as_ref().map(|t| t.as_ref().into()), "p")?;
        let ot = slot(pattern.object.as_ref().map(Term::as_ref), "o")?;
        let triple = format!("{st} {pt} {ot}");
        Some(match &pattern.graph {
            None => format!(
                "SELECT * WHERE {{ {{ {triple} }} UNION {{ GRAPH ?g {{ {triple} }}{} }} }}",
                self.not_default_graph()
            ),
            Some(GraphName::DefaultGraph) => format!("SELECT * WHERE {{ {triple} }}"),
            Some(GraphName::NamedNode(g)) => {
                format!("SELECT * WHERE {{ GRAPH {g} {{ {triple} }} }}")
            }
            Some(GraphName::BlankNode(_)) => return None,
        })
    }

    fn text_of(&self, query: spargebra::Query) -> String {
        match self.dialect {
            Dialect::Virtuoso => rewrite::for_virtuoso(query, self.hidden()).to_string(),
            _ => query.to_string(),
        }
    }

    /// The server's own graphs and the default graph's stand-in, never named graphs of the data.
    fn hidden(&self) -> Vec<NamedNode> {
        self.hidden
            .iter()
            .filter_map(|g| NamedNode::new(g.as_str()).ok())
            .collect()
    }

    /// In claimgraph's own queries: keeps `GRAPH ?g` from the graphs that Virtuoso would let
    /// it find (see [`Self::text_of`]).
    fn not_default_graph(&self) -> String {
        if self.dialect != Dialect::Virtuoso {
            return String::new();
        }
        let hidden: Vec<String> = self.hidden().iter().map(ToString::to_string).collect();
        format!(" FILTER(?g NOT IN ({}))", hidden.join(", "))
    }

    fn read_only(&self) -> Error {
        Error::Usage(format!(
            "the data at {} is read through --endpoint here; load a server with `claimgraph push --endpoint URL --data PATH`",
            self.endpoint.query
        ))
    }
}

/// The projected variables of a SELECT's pattern, in order.
fn projection(pattern: &spargebra::algebra::GraphPattern) -> Vec<String> {
    use spargebra::algebra::GraphPattern as P;
    match pattern {
        P::Project { variables, .. } => variables.iter().map(|v| v.as_str().to_owned()).collect(),
        P::Distinct { inner } | P::Reduced { inner } | P::Slice { inner, .. } => projection(inner),
        _ => Vec::new(),
    }
}
