//! What differs from one SPARQL server to another, and how claimgraph's semantics are kept on
//! each: the default graph is the union of the named graphs (natively, by request, or by
//! naming the graphs), the server's own system graphs never show, and the dataset's default
//! graph has a home on servers that have no default graph of their own.

/// The kinds of server claimgraph knows, told apart by their `Server` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Oxigraph server: a real default graph; the union is asked for with the
    /// `union-default-graph` parameter.
    Oxigraph,
    /// Virtuoso: its "default graph" is every graph it holds, its own system graphs included;
    /// those are excluded with `define input:...-exclude` pragmas, and the dataset's default
    /// graph is kept in [`DEFAULT_GRAPH`].
    Virtuoso,
    /// `claimgraph serve`: a real default graph; the union of the named graphs is its default
    /// graph unless `union-default-graph=false` asks for the store's own; Oxigraph's routes.
    Claimgraph,
    /// Any other server: only the SPARQL 1.1 Protocol. The union is requested by naming every
    /// named graph as a `default-graph-uri`; the dataset's default graph is kept in
    /// [`DEFAULT_GRAPH`].
    Generic,
}

/// Where the dataset's default graph (the ontology, sources, mentions) is kept on servers that
/// have no default graph of their own: a named graph that claimgraph reads as the default
/// graph and never lists among the named graphs.
pub const DEFAULT_GRAPH: &str = "urn:x-claimgraph:default-graph";

/// Virtuoso's own graphs in a new database (its RDF views, LDP and the service description),
/// and those its optional packages add; they are never part of the answers.
const VIRTUOSO_SYSTEM_GRAPHS: &[&str] = &[
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/sparql",
    "http://localhost:8890/sparql",
    "http://localhost:8890/DAV/",
    "http://www.w3.org/2002/07/owl#",
    "urn:activitystreams-owl:map",
    "urn:core:services:sparql",
    "virtrdf-label",
];

impl Dialect {
    /// Reads the `Server` header of an answer; `CLAIMGRAPH_ENDPOINT_DIALECT` (oxigraph,
    /// virtuoso, generic) overrides it, for a server behind a proxy that hides it.
    pub fn detect(server: Option<&str>) -> Dialect {
        if let Ok(forced) = std::env::var("CLAIMGRAPH_ENDPOINT_DIALECT") {
            match forced.to_ascii_lowercase().as_str() {
                "oxigraph" => return Dialect::Oxigraph,
                "virtuoso" => return Dialect::Virtuoso,
                "claimgraph" => return Dialect::Claimgraph,
                "generic" => return Dialect::Generic,
                _ => {}
            }
        }
        let server = server.unwrap_or_default().to_ascii_lowercase();
        if server.starts_with("oxigraph") {
            Dialect::Oxigraph
        } else if server.starts_with("claimgraph") {
            Dialect::Claimgraph
        } else if server.starts_with("virtuoso") {
            Dialect::Virtuoso
        } else {
            Dialect::Generic
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Dialect::Oxigraph => "Oxigraph server",
            Dialect::Virtuoso => "Virtuoso",
            Dialect::Claimgraph => "claimgraph serve",
            Dialect::Generic => "a SPARQL 1.1 server",
        }
    }

    /// Whether the dataset's default graph lives in [`DEFAULT_GRAPH`] on this server.
    pub fn has_stand_in_default_graph(self) -> bool {
        !matches!(self, Dialect::Oxigraph | Dialect::Claimgraph)
    }

    /// Graphs that may be the server's, not the data's: never listed, never matched. The
    /// remote backend keeps those that exist (Virtuoso mishandles transitive paths when more
    /// than four graphs are excluded from the default graph, so it names no more than needed).
    pub fn hidden_graphs(self, endpoint: &str) -> Vec<String> {
        let mut hidden = Vec::new();
        if self == Dialect::Virtuoso {
            hidden.extend(VIRTUOSO_SYSTEM_GRAPHS.iter().map(|g| (*g).to_owned()));
            // The service description graph is named after the endpoint's own URL.
            hidden.push(endpoint.to_owned());
        }
        if self.has_stand_in_default_graph() {
            hidden.push(DEFAULT_GRAPH.to_owned());
        }
        hidden
    }

    /// The update endpoint when none is given: Oxigraph server's `/update` beside `/query`,
    /// the query endpoint itself elsewhere (Virtuoso takes updates at `/sparql`).
    pub fn update_endpoint(self, query: &str) -> String {
        match (self, query.strip_suffix("/query")) {
            (Dialect::Oxigraph | Dialect::Claimgraph, Some(base)) => format!("{base}/update"),
            _ => query.to_owned(),
        }
    }

    /// The Graph Store Protocol endpoint when none is given: Oxigraph server's `/store`; none
    /// elsewhere (Virtuoso's needs authentication, so `push` uses SPARQL Update there).
    pub fn graph_store(self, query: &str) -> Option<String> {
        match (self, query.strip_suffix("/query")) {
            (Dialect::Oxigraph | Dialect::Claimgraph, Some(base)) => Some(format!("{base}/store")),
            _ => None,
        }
    }
}

/// The dataset a query is asked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    /// The default graph is the union of the named graphs (and the dataset's default graph);
    /// otherwise the dataset's default graph alone.
    pub union: bool,
    /// The query has FROM / FROM NAMED, or reads the server as it is: it gets exactly what it
    /// asked for.
    pub own_dataset: bool,
    /// The query may match triples of the server's own graphs through the default graph (see
    /// `reach`); when it cannot, Virtuoso is asked without excluding them.
    pub reach: bool,
}

impl Scope {
    /// The server as it is: no dataset requested, its own graphs included.
    pub fn raw() -> Scope {
        Scope {
            union: false,
            own_dataset: true,
            reach: true,
        }
    }

    /// The dataset's default graph alone (`raw`: the server as it is).
    pub fn stand_in(raw: bool) -> Scope {
        Scope {
            union: false,
            own_dataset: raw,
            reach: true,
        }
    }
}

/// How one query is sent: the text (with any pragmas) and the protocol's extra parameters.
#[derive(Debug, Default)]
pub struct Prepared {
    pub text: String,
    pub params: Vec<(&'static str, String)>,
}

/// Prepares a query's text for a server, for the dataset `scope` names. `hidden`: the server's
/// own graphs. `named` lists the data's named graphs, for the generic
/// dialect, which must name them.
pub fn prepare(
    dialect: Dialect,
    hidden: &[String],
    text: &str,
    scope: Scope,
    named: &dyn Fn() -> crate::error::Result<Vec<String>>,
) -> crate::error::Result<Prepared> {
    let mut prepared = Prepared {
        text: text.to_owned(),
        params: Vec::new(),
    };
    let union = scope.union;
    if scope.own_dataset {
        // `claimgraph serve`'s default graph is the union unless told otherwise; a query that
        // asks for no dataset of ours reads the server's own default graph, as on Oxigraph.
        if dialect == Dialect::Claimgraph {
            prepared
                .params
                .push(("union-default-graph", "false".to_owned()));
        }
        return Ok(prepared);
    }
    match dialect {
        Dialect::Oxigraph => {
            if union {
                prepared.params.push(("union-default-graph", String::new()));
            }
        }
        Dialect::Claimgraph => {
            let union = if union { "true" } else { "false" };
            prepared
                .params
                .push(("union-default-graph", union.to_owned()));
        }
        Dialect::Virtuoso => {
            // Only the default graph is set by pragmas: `input:named-graph-exclude` breaks
            // Virtuoso's transitive paths (no rows, or a compiler error), so `GRAPH ?g` is kept
            // from hidden graphs by a rewrite of the query instead (see `rewrite`). The
            // exclusions themselves lose rows of some queries, so a query that cannot match a
            // triple of the system graphs goes without them: its answer is the same.
            let mut pragmas = String::new();
            if union && scope.reach {
                for g in hidden {
                    if g != DEFAULT_GRAPH {
                        pragmas.push_str(&format!("define input:default-graph-exclude <{g}>\n"));
                    }
                }
            } else if !union {
                pragmas.push_str(&format!(
                    "define input:default-graph-uri <{DEFAULT_GRAPH}>\n"
                ));
            }
            prepared.text = format!("{pragmas}{text}");
        }
        Dialect::Generic => {
            let names = named()?;
            // Both ways the dataset's default graph is part of the default graph.
            prepared
                .params
                .push(("default-graph-uri", DEFAULT_GRAPH.to_owned()));
            for g in names {
                if union {
                    prepared.params.push(("default-graph-uri", g.clone()));
                }
                prepared.params.push(("named-graph-uri", g));
            }
        }
    }
    Ok(prepared)
}

/// `query` with FROM and FROM NAMED naming the data's graphs `named`, and the dataset's default
/// graph's stand-in among the FROM: the union default graph, by name, for servers that have no
/// other way (and for Virtuoso when its optimiser gives up on a query under the pragmas).
pub fn naming(mut query: spargebra::Query, named: &[String]) -> spargebra::Query {
    use spargebra::algebra::QueryDataset;
    use spargebra::term::NamedNode;
    let named: Vec<NamedNode> = named
        .iter()
        .filter_map(|g| NamedNode::new(g.as_str()).ok())
        .collect();
    let mut default = named.clone();
    default.push(NamedNode::new_unchecked(DEFAULT_GRAPH));
    let dataset = Some(QueryDataset {
        default,
        named: Some(named),
    });
    match &mut query {
        spargebra::Query::Select { dataset: d, .. }
        | spargebra::Query::Construct { dataset: d, .. }
        | spargebra::Query::Describe { dataset: d, .. }
        | spargebra::Query::Ask { dataset: d, .. } => *d = dataset,
    }
    query
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sc(union: bool, own_dataset: bool, reach: bool) -> Scope {
        Scope {
            union,
            own_dataset,
            reach,
        }
    }

    #[test]
    fn servers_are_told_apart_by_their_header() {
        assert_eq!(Dialect::detect(Some("Oxigraph/0.5.13")), Dialect::Oxigraph);
        assert_eq!(
            Dialect::detect(Some("Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu")),
            Dialect::Virtuoso
        );
        assert_eq!(
            Dialect::detect(Some("claimgraph/0.1.0")),
            Dialect::Claimgraph
        );
        assert_eq!(Dialect::detect(Some("Jetty(10)")), Dialect::Generic);
        assert_eq!(Dialect::detect(None), Dialect::Generic);
    }

    #[test]
    fn virtuoso_hides_its_system_graphs_and_keeps_the_default_graph_apart() {
        let none = || Ok(Vec::new());
        let union = prepare(
            Dialect::Virtuoso,
            &Dialect::Virtuoso.hidden_graphs("http://h/sparql"),
            "ASK {}",
            sc(true, false, true),
            &none,
        )
        .unwrap();
        assert!(union.text.contains(
            "define input:default-graph-exclude <http://www.openlinksw.com/schemas/virtrdf#>"
        ));
        assert!(!union.text.contains("named-graph-exclude"));
        assert!(!union.text.contains(&format!(
            "define input:default-graph-exclude <{DEFAULT_GRAPH}>"
        )));
        let own = prepare(
            Dialect::Virtuoso,
            &Dialect::Virtuoso.hidden_graphs("http://h/sparql"),
            "ASK {}",
            sc(false, false, true),
            &none,
        )
        .unwrap();
        assert!(
            own.text
                .contains(&format!("define input:default-graph-uri <{DEFAULT_GRAPH}>"))
        );
        assert!(own.text.ends_with("ASK {}"));
    }

    #[test]
    fn virtuoso_excludes_its_graphs_only_from_queries_that_could_read_them() {
        let none = || Ok(Vec::new());
        let hidden = Dialect::Virtuoso.hidden_graphs("http://h/sparql");
        let text = |scope| {
            prepare(Dialect::Virtuoso, &hidden, "ASK {}", scope, &none)
                .unwrap()
                .text
        };
        assert_eq!(text(sc(true, false, false)), "ASK {}");
        assert!(text(sc(true, false, true)).contains("default-graph-exclude"));
        // The dataset's own default graph is always named: it is one graph among many there.
        assert!(text(sc(false, false, false)).contains("default-graph-uri"));
    }

    #[test]
    fn naming_the_dataset_lists_every_graph_and_the_default_graphs_home() {
        let query = spargebra::SparqlParser::new()
            .parse_query("SELECT * WHERE { ?s ?p ?o }")
            .unwrap();
        let text = naming(query, &["http://g/1".to_owned()]).to_string();
        assert!(text.contains("FROM <http://g/1>"), "{text}");
        assert!(text.contains(&format!("FROM <{DEFAULT_GRAPH}>")), "{text}");
        assert!(text.contains("FROM NAMED <http://g/1>"), "{text}");
        assert!(
            !text.contains(&format!("FROM NAMED <{DEFAULT_GRAPH}>")),
            "{text}"
        );
    }

    #[test]
    fn generic_servers_get_the_union_by_name() {
        let named = || Ok(vec!["http://g/1".to_owned()]);
        let p = prepare(
            Dialect::Generic,
            &[],
            "ASK {}",
            sc(true, false, true),
            &named,
        )
        .unwrap();
        assert_eq!(p.text, "ASK {}");
        assert!(
            p.params
                .contains(&("default-graph-uri", "http://g/1".into()))
        );
        assert!(p.params.contains(&("named-graph-uri", "http://g/1".into())));
        let p = prepare(
            Dialect::Generic,
            &[],
            "ASK {}",
            sc(false, false, true),
            &named,
        )
        .unwrap();
        assert!(
            !p.params
                .contains(&("default-graph-uri", "http://g/1".into()))
        );
    }

    #[test]
    fn claimgraph_serve_is_told_which_default_graph_to_read() {
        let none = || Ok(Vec::new());
        let params = |union, own| {
            prepare(
                Dialect::Claimgraph,
                &[],
                "ASK {}",
                sc(union, own, true),
                &none,
            )
            .unwrap()
            .params
        };
        let union = |v: &str| vec![("union-default-graph", v.to_owned())];
        assert_eq!(params(true, false), union("true"));
        assert_eq!(params(false, false), union("false"));
        assert_eq!(params(true, true), union("false"));
        assert!(!Dialect::Claimgraph.has_stand_in_default_graph());
    }
}
