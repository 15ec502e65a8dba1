//! The SPARQL 1.1 Protocol: queries by GET, form POST and direct POST, with
//! `default-graph-uri` / `named-graph-uri`; updates by form or direct POST behind the token;
//! the service description; content negotiation with q-values (406 when nothing fits); and
//! every error as one line with the status that fits it.

use super::safety::Policy;
use super::stream::{self, Pipe};
use super::{Request, Response};
use crate::error::Error;
use crate::query::{self, Part, QueryOptions};
use crate::render::{Format, rdf, results};
use crate::store::Dataset;
use oxigraph::model::NamedNode;
use spargebra::algebra::QueryDataset;

/// The media types of SELECT and ASK answers, in the server's order of preference.
const RESULTS: &[(&str, Format)] = &[
    ("application/sparql-results+json", Format::Json),
    ("application/sparql-results+xml", Format::Xml),
    ("text/csv", Format::Csv),
    ("text/tab-separated-values", Format::Tsv),
    ("application/json", Format::Json),
    ("application/xml", Format::Xml),
];

/// The media types of graphs (CONSTRUCT, DESCRIBE, the Graph Store Protocol).
pub(super) const GRAPHS: &[(&str, Format)] = &[
    ("text/turtle", Format::Turtle),
    ("application/n-triples", Format::Ntriples),
    ("application/rdf+xml", Format::Rdfxml),
    ("application/trig", Format::Trig),
    ("application/n-quads", Format::Nquads),
    ("application/ld+json", Format::Jsonld),
];

/// The media types of datasets (the Graph Store Protocol asked for every graph).
pub(super) const DATASETS: &[(&str, Format)] = &[
    ("application/trig", Format::Trig),
    ("application/n-quads", Format::Nquads),
];

/// Picks the offer the `Accept` header rates highest (q-values; the most specific range
/// that matches an offer sets its q); ties go to the earlier offer. No header takes the first.
pub(super) fn negotiate<'a>(
    accept: Option<&str>,
    offers: &'a [(&'a str, Format)],
) -> Option<(&'a str, Format)> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return offers.first().copied();
    };
    let ranges: Vec<(String, f32)> = accept.split(',').filter_map(media_range).collect();
    let mut best: Option<((&str, Format), f32)> = None;
    for &(media, format) in offers {
        let q = quality(&ranges, media);
        if q > 0.0 && best.is_none_or(|(_, b)| q > b) {
            best = Some(((media, format), q));
        }
    }
    best.map(|(offer, _)| offer)
}

/// One media range of an Accept header and its q (1 unless given).
fn media_range(part: &str) -> Option<(String, f32)> {
    let mut pieces = part.split(';');
    let range = pieces.next()?.trim().to_ascii_lowercase();
    if range.is_empty() {
        return None;
    }
    let mut q = 1.0;
    for param in pieces {
        if let Some((name, value)) = param.split_once('=') {
            if name.trim().eq_ignore_ascii_case("q") {
                q = value.trim().parse::<f32>().ok()?.clamp(0.0, 1.0);
            }
        }
    }
    Some((range, q))
}

/// The q of the most specific range matching `media`: exact, then `type/*`, then `*/*`.
fn quality(ranges: &[(String, f32)], media: &str) -> f32 {
    let kind = media.split('/').next().unwrap_or_default();
    let mut best: Option<(u8, f32)> = None;
    for (range, q) in ranges {
        let specificity = if range == media {
            3
        } else if range.strip_suffix("/*") == Some(kind) {
            2
        } else if range == "*/*" {
            1
        } else {
            continue;
        };
        if best.is_none_or(|(s, _)| specificity > s) {
            best = Some((specificity, *q));
        }
    }
    best.map_or(0.0, |(_, q)| q)
}

/// What a query request carries.
struct QueryRequest {
    text: String,
    dataset: Option<QueryDataset>,
    union: bool,
}

/// `/query`: a query by any of the three ways, or the service description.
pub(super) fn query(dataset: &Dataset, policy: &Policy, request: &Request) -> Response {
    let parsed = match read_query(request) {
        Ok(Some(parsed)) => parsed,
        Ok(None) => return description(request, policy),
        Err(response) => return response,
    };
    let accept = request.get("accept");
    if negotiate(accept, RESULTS).is_none() && negotiate(accept, GRAPHS).is_none() {
        return not_acceptable(accept);
    }
    let options = QueryOptions {
        union: parsed.union,
        timeout: policy.timeout,
        dataset: parsed.dataset,
        max_rows: policy.max_rows,
        base: Some(base(request, "query")),
        ..QueryOptions::default()
    };
    let accept = accept.map(str::to_owned);
    stream::respond(dataset, policy.timeout, move |dataset, pipe| {
        let mut writer = AnswerWriter {
            accept,
            state: Writing::Start(pipe),
            failure: None,
        };
        let run = query::run_each(dataset, &parsed.text, "<query>", &options, &mut |part| {
            writer.part(part)
        });
        match (run, writer.failure.take()) {
            (_, Some(failure)) => Err(failure),
            (Err(e), None) => Err(from_error(&e)),
            (Ok(()), None) => writer.finish(),
        }
    })
}

/// What an answer's writer is at: nothing written yet, rows, a graph, or done.
enum Writing<'a> {
    Start(&'a mut Pipe),
    Rows(results::RowWriter<&'a mut Pipe>),
    Graph(rdf::StreamWriter<&'a mut Pipe>),
    Done,
}

/// Writes a query's answer into the pipe as its parts come, in the format negotiated when its
/// kind is known. A failure is kept as the answer to give, and stops the evaluation.
struct AnswerWriter<'a> {
    accept: Option<String>,
    state: Writing<'a>,
    failure: Option<Response>,
}

impl AnswerWriter<'_> {
    fn part(&mut self, part: Part<'_>) -> crate::Result<()> {
        let state = std::mem::replace(&mut self.state, Writing::Done);
        match self.write(state, part) {
            Ok(state) => {
                self.state = state;
                Ok(())
            }
            Err(failure) => {
                self.failure = Some(failure);
                Err(Error::Cancelled)
            }
        }
    }

    fn write<'a>(&self, state: Writing<'a>, part: Part<'_>) -> Result<Writing<'a>, Response> {
        let accept = self.accept.as_deref();
        let offer = |offers| negotiate(accept, offers).ok_or_else(|| not_acceptable(accept));
        match (state, part) {
            (Writing::Start(pipe), Part::Solutions(variables)) => {
                let (media, format) = offer(RESULTS)?;
                pipe.media(&format!("{media}; charset=utf-8"));
                let rows = results::RowWriter::start(pipe, variables, format);
                Ok(Writing::Rows(rows.map_err(unwritten)?))
            }
            (Writing::Start(pipe), Part::Boolean(b)) => {
                let (media, format) = offer(RESULTS)?;
                pipe.media(&format!("{media}; charset=utf-8"));
                results::write_boolean(pipe, b, format).map_err(unwritten)?;
                Ok(Writing::Done)
            }
            (Writing::Start(pipe), Part::Graph) => {
                let (media, format) = offer(GRAPHS)?;
                pipe.media(&format!("{media}; charset=utf-8"));
                let format = rdf::rdf_format(format).expect("every graph offer is an RDF format");
                Ok(Writing::Graph(rdf::StreamWriter::start(pipe, format)))
            }
            (Writing::Rows(mut rows), Part::Row(row)) => {
                rows.row(row).map_err(unwritten)?;
                Ok(Writing::Rows(rows))
            }
            (Writing::Graph(mut graph), Part::Triple(triple)) => {
                graph.triple(triple.as_ref()).map_err(unwritten)?;
                Ok(Writing::Graph(graph))
            }
            _ => Err(Response::error(500, "the answer's parts came out of order")),
        }
    }

    fn finish(self) -> Result<(), Response> {
        match self.state {
            Writing::Rows(rows) => rows.finish().map(drop).map_err(unwritten),
            Writing::Graph(graph) => graph.finish().map(drop).map_err(unwritten),
            Writing::Done => Ok(()),
            Writing::Start(_) => Err(Response::error(500, "the query gave no answer")),
        }
    }
}

/// The answer to an answer that could not be written: a character the format cannot carry
/// (XML) is 406, as the client may ask for another format; anything else is the server's.
pub(super) fn unwritten(e: std::io::Error) -> Response {
    if e.kind() == std::io::ErrorKind::InvalidData {
        Response::error(406, e.to_string())
    } else {
        Response::error(500, format!("the answer could not be written: {e}"))
    }
}

/// The base IRI of a request's relative IRIs: the endpoint it was sent to.
fn base(request: &Request, route: &str) -> String {
    format!("http://{}/{route}", host(request))
}

/// The Host header when it is a plain host and port; `localhost` otherwise, so a forged header
/// cannot put text of its own into a base IRI or the service description.
fn host(request: &Request) -> &str {
    request
        .get("host")
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost")
}

/// The parameters of a query request; `None` for a GET without a query (the description).
fn read_query(request: &Request) -> Result<Option<QueryRequest>, Response> {
    let mut params = request.params();
    let mut text = None;
    if request.method == "POST" {
        declared_utf8(request)?;
        match content_type(request).as_str() {
            "application/x-www-form-urlencoded" => {
                params.extend(form_urlencoded::parse(&request.body).into_owned());
            }
            "application/sparql-query" => text = Some(utf8(&request.body, "the query")?),
            other => {
                return Err(Response::error(
                    415,
                    format!(
                        "a query is POSTed as application/sparql-query or application/x-www-form-urlencoded, not {other:?}"
                    ),
                ));
            }
        }
    }
    let queries: Vec<&String> = values(&params, "query").collect();
    match (text.is_some(), queries.len()) {
        (true, 0) | (false, 1) => {}
        (false, 0) if request.method != "POST" => return Ok(None),
        (false, 0) => return Err(Response::error(400, "the request has no query parameter")),
        _ => {
            return Err(Response::error(
                400,
                "the request gives more than one query",
            ));
        }
    }
    let text = text.unwrap_or_else(|| queries[0].clone());
    let union = match values(&params, "union-default-graph")
        .next()
        .map(String::as_str)
    {
        None | Some("" | "true") => true,
        Some("false") => false,
        Some(other) => {
            return Err(Response::error(
                400,
                format!("union-default-graph is true or false, not {other:?}"),
            ));
        }
    };
    Ok(Some(QueryRequest {
        text,
        dataset: request_dataset(&params)?,
        union,
    }))
}

/// The dataset `default-graph-uri` and `named-graph-uri` name, if any.
fn request_dataset(params: &[(String, String)]) -> Result<Option<QueryDataset>, Response> {
    let iris = |name: &str| -> Result<Vec<NamedNode>, Response> {
        values(params, name)
            .map(|v| {
                NamedNode::new(v.as_str())
                    .map_err(|e| Response::error(400, format!("{name} {v:?} is not an IRI: {e}")))
            })
            .collect()
    };
    let default = iris("default-graph-uri")?;
    let named = iris("named-graph-uri")?;
    if default.is_empty() && named.is_empty() {
        return Ok(None);
    }
    Ok(Some(QueryDataset {
        default,
        named: Some(named),
    }))
}

fn values<'a>(params: &'a [(String, String)], name: &'a str) -> impl Iterator<Item = &'a String> {
    params
        .iter()
        .filter(move |(n, _)| n == name)
        .map(|(_, v)| v)
}

/// The media type of the body, lower-cased, without parameters.
pub(super) fn content_type(request: &Request) -> String {
    request
        .get("content-type")
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Refuses a body declared in another character set than UTF-8.
pub(super) fn declared_utf8(request: &Request) -> Result<(), Response> {
    let header = request.get("content-type").unwrap_or_default();
    for param in header.split(';').skip(1) {
        if let Some((name, value)) = param.split_once('=') {
            let value = value.trim().trim_matches('"');
            if name.trim().eq_ignore_ascii_case("charset") && !value.eq_ignore_ascii_case("utf-8") {
                return Err(Response::error(
                    415,
                    format!("the body is declared as {value}: send it as UTF-8"),
                ));
            }
        }
    }
    Ok(())
}

pub(super) fn utf8(body: &[u8], what: &str) -> Result<String, Response> {
    String::from_utf8(body.to_vec())
        .map_err(|e| Response::error(400, format!("{what} is not UTF-8: {e}")))
}

pub(super) fn not_acceptable(accept: Option<&str>) -> Response {
    let offered: Vec<&str> = RESULTS.iter().chain(GRAPHS).map(|(m, _)| *m).collect();
    Response::error(
        406,
        format!(
            "no format asked for ({}) is one claimgraph writes: {}",
            accept.unwrap_or_default(),
            offered.join(", ")
        ),
    )
}

/// The status and line of a library error.
pub(super) fn from_error(e: &Error) -> Response {
    let status = match e {
        Error::QuerySyntax { .. }
        | Error::TooDeep { .. }
        | Error::UpdateRefused { .. }
        | Error::Bind { .. }
        | Error::Usage(_)
        | Error::Value(_)
        | Error::Ambiguous { .. }
        | Error::BadValue { .. }
        | Error::Syntax { .. }
        | Error::SyntaxNoPosition { .. } => 400,
        Error::UnknownName { .. }
        | Error::NoLinks { .. }
        | Error::NoResponseLinks
        | Error::NotGrounded { .. } => 404,
        Error::Limit { .. } => 422,
        Error::Timeout { .. } | Error::Cancelled => 503,
        _ => 500,
    };
    let line = e.one_line();
    let line = line.strip_prefix("claimgraph: error: ").unwrap_or(&line);
    Response::error(status, line)
}

/// The service description, in the negotiated RDF format (Turtle unless asked otherwise).
fn description(request: &Request, policy: &Policy) -> Response {
    let host = host(request);
    let update = if policy.allow_update {
        ", sd:SPARQL11Update"
    } else {
        ""
    };
    let text = format!(
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
         @prefix f: <http://www.w3.org/ns/formats/> .
         <http://{host}/query#service> a sd:Service ;
           sd:endpoint <http://{host}/query> ;
           sd:supportedLanguage sd:SPARQL11Query{update} ;
           sd:feature sd:UnionDefaultGraph, sd:BasicFederatedQuery ;
           sd:resultFormat f:SPARQL_Results_JSON, f:SPARQL_Results_XML, f:SPARQL_Results_CSV,
             f:SPARQL_Results_TSV, f:Turtle, f:N-Triples, f:RDF_XML, f:TriG, f:N-Quads, f:JSON-LD ;
           sd:defaultDataset [ a sd:Dataset ] ."
    );
    let accept = request.get("accept");
    let Some((media, format)) = negotiate(accept, GRAPHS) else {
        return not_acceptable(accept);
    };
    let triples: Result<Vec<_>, _> =
        oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
            .for_slice(text.as_bytes())
            .map(|q| q.map(oxigraph::model::Triple::from))
            .collect();
    let Ok(triples) = triples else {
        return Response::error(
            400,
            format!("the Host header {host:?} is not usable in an IRI"),
        );
    };
    let mut body = Vec::new();
    let format = rdf::rdf_format(format).expect("every graph offer is an RDF format");
    match rdf::write_triples(&mut body, &triples, format) {
        Ok(()) => Response::new(200, &format!("{media}; charset=utf-8"), body),
        Err(e) => Response::error(500, format!("the description could not be written: {e}")),
    }
}

/// `/update`: a SPARQL update by form or direct POST, after the token check.
pub(super) fn update(dataset: &Dataset, policy: &Policy, request: &Request) -> Response {
    if let Err(refused) = policy.authorize_write(request) {
        return refused;
    }
    if let Err(refused) = declared_utf8(request) {
        return refused;
    }
    let mut params = request.params();
    let text = match content_type(request).as_str() {
        "application/sparql-update" => match utf8(&request.body, "the update") {
            Ok(text) => text,
            Err(response) => return response,
        },
        "application/x-www-form-urlencoded" => {
            params.extend(form_urlencoded::parse(&request.body).into_owned());
            let updates: Vec<&String> = values(&params, "update").collect();
            match updates.as_slice() {
                [one] => (*one).clone(),
                [] => return Response::error(400, "the request has no update parameter"),
                _ => return Response::error(400, "the request gives more than one update"),
            }
        }
        other => {
            return Response::error(
                415,
                format!(
                    "an update is POSTed as application/sparql-update or a form, not {other:?}"
                ),
            );
        }
    };
    let using = match using_dataset(&params) {
        Ok(using) => using,
        Err(response) => return response,
    };
    match run_update(dataset, &text, Some(&base(request, "update")), using) {
        Ok(()) => Response::new(204, "text/plain", Vec::new()),
        Err(e) => from_error(&e),
    }
}

/// The dataset `using-graph-uri` and `using-named-graph-uri` name for an update's WHERE.
fn using_dataset(params: &[(String, String)]) -> Result<Option<QueryDataset>, Response> {
    let renamed: Vec<(String, String)> = params
        .iter()
        .filter_map(|(n, v)| {
            let n = match n.as_str() {
                "using-graph-uri" => "default-graph-uri",
                "using-named-graph-uri" => "named-graph-uri",
                _ => return None,
            };
            Some((n.to_owned(), v.clone()))
        })
        .collect();
    request_dataset(&renamed)
}

/// Parses and runs an update on a thread with the large stack queries get, so deep nesting is
/// an error rather than an overflow. `using` is the request's dataset for every WHERE clause;
/// an update that names its own (USING, WITH) as well is refused, as the protocol says.
pub(super) fn run_update(
    dataset: &Dataset,
    text: &str,
    base: Option<&str>,
    using: Option<QueryDataset>,
) -> crate::Result<()> {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("update".into())
            .stack_size(query::limits::STACK_BYTES)
            .spawn_scoped(scope, || {
                let mut parser = query::parser();
                if let Some(base) = base {
                    parser = parser
                        .with_base_iri(base)
                        .map_err(|e| Error::Usage(format!("the base IRI {base:?}: {e}")))?;
                }
                let mut update = parser
                    .parse_update(text)
                    .map_err(|e| crate::error::from_query_syntax_error("<update>", &e))?;
                if let Some(using) = using {
                    set_using(&mut update, &using)?;
                }
                dataset.update(update)
            })
            .map_err(|e| Error::Internal(format!("no thread for the update: {e}")))?
            .join()
            .unwrap_or_else(|payload| Err(crate::store::stopped(payload)))
    })
}

/// Gives every DELETE/INSERT the request's dataset; one with USING of its own is an error.
fn set_using(update: &mut spargebra::Update, using: &QueryDataset) -> crate::Result<()> {
    for operation in &mut update.operations {
        if let spargebra::GraphUpdateOperation::DeleteInsert { using: own, .. } = operation {
            if own.is_some() {
                return Err(Error::Usage(
                    "the update has USING and the request using-graph-uri or using-named-graph-uri: give one".into(),
                ));
            }
            *own = Some(using.clone());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn q_values_choose_and_specific_ranges_win() {
        let pick = |accept| negotiate(Some(accept), RESULTS).map(|(_, f)| f);
        assert_eq!(
            pick("text/csv;q=0.9, application/sparql-results+xml"),
            Some(Format::Xml)
        );
        assert_eq!(pick("text/*;q=0.5, text/csv;q=0.1"), Some(Format::Tsv));
        assert_eq!(pick("*/*"), Some(Format::Json));
        assert_eq!(pick("text/html"), None);
        assert_eq!(pick("text/csv;q=0"), None);
        assert_eq!(
            negotiate(None, GRAPHS).map(|(_, f)| f),
            Some(Format::Turtle)
        );
    }
}
