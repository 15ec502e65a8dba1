//! The SPARQL 1.1 Graph Store Protocol at `/store`: GET (and HEAD) of one graph (`?graph=IRI`),
//! of the default graph (`?default`) or of the whole dataset; PUT, POST and DELETE only with
//! updates allowed and the token, each done as one SPARQL update, all or nothing.

use super::protocol::{self, DATASETS, GRAPHS, content_type, negotiate, not_acceptable};
use super::safety::Policy;
use super::stream;
use super::{Request, Response};
use crate::render::rdf;
use crate::store::{Dataset, QuadPattern};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};

/// Which graph a request names.
enum Target {
    Default,
    Named(NamedNode),
    All,
}

fn target(request: &Request) -> Result<Target, Response> {
    let params = request.params();
    let graph = params.iter().find(|(n, _)| n == "graph").map(|(_, v)| v);
    let default = params.iter().any(|(n, _)| n == "default");
    match (graph, default) {
        (Some(_), true) => Err(Response::error(
            400,
            "give ?graph=IRI or ?default, not both",
        )),
        (Some(iri), false) => NamedNode::new(iri.as_str())
            .map(Target::Named)
            .map_err(|e| Response::error(400, format!("graph {iri:?} is not an IRI: {e}"))),
        (None, true) => Ok(Target::Default),
        (None, false) => Ok(Target::All),
    }
}

/// GET /store: a graph, or every quad, in the negotiated format, streamed as it is read.
pub(super) fn read(dataset: &Dataset, policy: &Policy, request: &Request) -> Response {
    let target = match target(request) {
        Ok(t) => t,
        Err(response) => return response,
    };
    let (pattern, offers) = match &target {
        Target::Default => (QuadPattern::graph(GraphName::DefaultGraph), GRAPHS),
        Target::Named(g) => (QuadPattern::graph(g.clone().into()), GRAPHS),
        Target::All => (QuadPattern::default(), DATASETS),
    };
    let accept = request.get("accept");
    let Some((media, format)) = negotiate(accept, offers) else {
        return not_acceptable(accept);
    };
    let format = rdf::rdf_format(format).expect("every graph offer is an RDF format");
    stream::respond(dataset, policy.timeout, move |dataset, pipe| {
        let failed = |e: crate::Error| protocol::from_error(&e);
        if let Target::Named(g) = &target {
            if !exists(dataset, g).map_err(failed)? {
                return Err(Response::error(404, format!("no graph {g}")));
            }
        }
        pipe.media(&format!("{media}; charset=utf-8"));
        let mut writer = rdf::StreamWriter::start(pipe, format);
        for quad in dataset.quads(&pattern).map_err(failed)? {
            writer
                .quad(quad.map_err(failed)?.as_ref())
                .map_err(protocol::unwritten)?;
        }
        writer.finish().map(drop).map_err(protocol::unwritten)
    })
}

fn exists(dataset: &Dataset, graph: &NamedNode) -> crate::Result<bool> {
    let named = NamedOrBlankNode::from(graph.clone());
    Ok(dataset.graph_names()?.contains(&named))
}

/// PUT (replace), POST (add to) and DELETE (drop) a graph, with the token.
pub(super) fn write(dataset: &Dataset, policy: &Policy, request: &Request) -> Response {
    if let Err(refused) = policy.authorize_write(request) {
        return refused;
    }
    // A graph that did not exist before is answered 201 Created, as the protocol says.
    let mut created = false;
    let (name, into) = match target(request) {
        Ok(Target::Default) => ("DEFAULT".to_owned(), String::new()),
        Ok(Target::Named(g)) => {
            match exists(dataset, &g) {
                Ok(false) if request.method == "DELETE" => {
                    return Response::error(404, format!("no graph {g}"));
                }
                Ok(false) => created = true,
                Ok(true) => {}
                Err(e) => return protocol::from_error(&e),
            }
            (format!("GRAPH {g}"), g.to_string())
        }
        Ok(Target::All) => {
            return Response::error(400, "name the graph to write: ?graph=IRI or ?default");
        }
        Err(response) => return response,
    };
    let text = if request.method == "DELETE" {
        format!("DROP SILENT {name}")
    } else {
        let triples = match parse_body(request) {
            Ok(t) => t,
            Err(response) => return response,
        };
        let insert = if into.is_empty() {
            format!("INSERT DATA {{ {triples} }}")
        } else {
            format!("INSERT DATA {{ GRAPH {into} {{ {triples} }} }}")
        };
        match request.method.as_str() {
            "PUT" => format!("DROP SILENT {name} ; {insert}"),
            _ => insert,
        }
    };
    match protocol::run_update(dataset, &text, None, None) {
        Ok(()) if created => Response::new(201, "text/plain", Vec::new()),
        Ok(()) => Response::new(204, "text/plain", Vec::new()),
        Err(e) => protocol::from_error(&e),
    }
}

/// The body's triples as N-Triples lines (terms as oxigraph writes them, never raw input).
fn parse_body(request: &Request) -> Result<String, Response> {
    let media = content_type(request);
    let Some(format) = RdfFormat::from_media_type(&media).filter(|f| !f.supports_datasets()) else {
        return Err(Response::error(
            415,
            format!("a graph is sent as Turtle, N-Triples or RDF/XML, not {media:?}"),
        ));
    };
    let mut lines = String::new();
    for quad in RdfParser::from_format(format).for_slice(&request.body) {
        let quad = quad.map_err(|e| Response::error(400, format!("the graph sent: {e}")))?;
        lines.push_str(&format!(
            "{} {} {} .\n",
            quad.subject, quad.predicate, quad.object
        ));
    }
    Ok(lines)
}
