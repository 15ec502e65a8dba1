//! claimgraph's own answers as JSON, for the web page and for programs, under `/api/`. Each
//! calls the library function its command calls, with the same renderer, so an answer here is
//! byte for byte what the command prints:
//!
//! - `chain?from=ACT` | `to=ACT` | `between=A&between=B` | `all` (`min_length`, `max_depth`):
//!   `claimgraph chain ... --format json`; `chain.svg` the same as `--format svg` (Graphviz);
//! - `mutual` (`actors`, `max_cycle`): `claimgraph mutual --format json`;
//! - `why?act=ACT` | `why?link=A&link=B` | `why?s=S&p=P&o=O` (any may be left out): the
//!   shell's `.why`, as JSON;
//! - `events` (`actor`, `side`, `from`, `to`, `code`, `document`): `claimgraph events --format
//!   jsonl` with the same filters (an actor's acts, the timeline);
//! - `timeline.svg?between=A&between=B` (`actors`, `by=quad`): `claimgraph plot timeline`;
//! - `queries`: `claimgraph queries --format json`; `run?name=NAME&bind=NAME=VALUE...`:
//!   `claimgraph run NAME --bind ... --format json`, under the server's time and row limits;
//! - `search?q=TEXT`: `claimgraph search TEXT`'s hits (labels, aliases, quotes), each with
//!   what it is (actor, act, other).

use super::protocol::from_error;
use super::safety::Policy;
use super::{Request, Response};
use crate::chain::{Level, Way};
use crate::error::{Error, Result};
use crate::events::args::{EventsArgs, FilterArgs};
use crate::query::{self, Answer, Binding, QueryOptions};
use crate::render::chain::GraphFormat;
use crate::report::{self, MutualSearch, Walk};
use crate::store::Dataset;
use crate::why::{self, Target};
use oxigraph::model::{NamedNode, Term};

/// Routes `/api/NAME` to its answer.
pub(super) fn answer(dataset: &Dataset, policy: &Policy, request: &Request) -> Response {
    let params = Params(request.params());
    let name = request.path.trim_start_matches("/api/");
    let (media, result) = match name {
        "chain" => (
            "application/json",
            chain(dataset, &params, GraphFormat::Json),
        ),
        "chain.svg" => ("image/svg+xml", chain(dataset, &params, GraphFormat::Svg)),
        "mutual" => ("application/json", mutual(dataset, &params)),
        "why" => ("application/json", why_json(dataset, &params)),
        "events" => ("application/x-ndjson", events(dataset, &params)),
        "search" => ("application/json", search(dataset, &params)),
        "timeline.svg" => ("image/svg+xml", timeline(dataset, &params)),
        "queries" => ("application/json", queries()),
        "run" => (
            "application/sparql-results+json",
            run(dataset, policy, &params),
        ),
        _ => return Response::error(404, format!("no API answer named {name:?}")),
    };
    match result {
        Ok(body) => Response::new(200, &format!("{media}; charset=utf-8"), body),
        Err(e) => from_error(&e),
    }
}

/// A request's parameters.
struct Params(Vec<(String, String)>);

impl Params {
    fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    fn one(&self, name: &str) -> Option<String> {
        self.all(name).into_iter().next()
    }

    fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(n, _)| n == name)
    }

    fn number(&self, name: &str) -> Result<Option<usize>> {
        self.one(name)
            .map(|v| {
                v.parse::<usize>()
                    .map_err(|_| Error::Usage(format!("{name} is a whole number, not {v:?}")))
            })
            .transpose()
    }
}

/// The walk the parameters ask for, as `chain`'s options give it.
fn walk(params: &Params) -> Result<Walk> {
    let between = params.all("between");
    let max_depth = params.number("max_depth")?;
    Ok(if let Some(act) = params.one("from") {
        Walk::Act {
            name: act,
            way: Way::Forward,
            max_depth,
        }
    } else if let Some(act) = params.one("to") {
        Walk::Act {
            name: act,
            way: Way::Backward,
            max_depth,
        }
    } else if let [a, b] = between.as_slice() {
        Walk::Between(a.clone(), b.clone())
    } else if params.has("all") {
        Walk::All {
            min_length: params.number("min_length")?.unwrap_or(2),
        }
    } else {
        return Err(Error::Usage(
            "give from=ACT, to=ACT, between=ACTOR&between=ACTOR, or all".into(),
        ));
    })
}

fn chain(dataset: &Dataset, params: &Params, format: GraphFormat) -> Result<Vec<u8>> {
    let walk = walk(params)?;
    let graph = report::graph_for(dataset, &walk)?;
    let mut out = Vec::new();
    report::write_chain(&mut out, dataset, &graph, &walk, format)?;
    Ok(out)
}

fn mutual(dataset: &Dataset, params: &Params) -> Result<Vec<u8>> {
    let search = MutualSearch {
        level: if params.has("actors") {
            Level::Actors
        } else {
            Level::Sides
        },
        max_cycle: params.number("max_cycle")?.unwrap_or(4),
    };
    let graph = report::whole_graph(dataset)?;
    let mut out = Vec::new();
    report::write_mutual(&mut out, dataset, &graph, search, GraphFormat::Json)?;
    Ok(out)
}

/// An act by IRI, prefixed name or label, as `chain` resolves it.
fn act(dataset: &Dataset, name: &str) -> Result<NamedNode> {
    if let Some(iri) = crate::chain::as_iri(name.trim()) {
        if let Ok(node) = NamedNode::new(iri) {
            return Ok(node);
        }
    }
    let graph = report::whole_graph(dataset)?;
    let found = graph.resolve_act(dataset, name)?;
    Ok(NamedNode::new_unchecked(graph.graph[found].iri.clone()))
}

fn why_json(dataset: &Dataset, params: &Params) -> Result<Vec<u8>> {
    let link = params.all("link");
    let target = match (params.one("act"), link.as_slice()) {
        (Some(name), []) => Target::Resource(act(dataset, &name)?),
        (None, [a, b]) => Target::Link(act(dataset, a)?, act(dataset, b)?),
        (None, []) if params.has("s") || params.has("p") || params.has("o") => Target::Triple(
            pattern_term(params.one("s"))?,
            pattern_term(params.one("p"))?,
            pattern_term(params.one("o"))?,
        ),
        _ => {
            return Err(Error::Usage(
                "give act=ACT, link=ACT&link=ACT for the link between two acts, or any of s, p, o for a triple".into(),
            ));
        }
    };
    let grounds = why::why(dataset, &target)?;
    let mut out = Vec::new();
    crate::render::why::write_json(&mut out, &target, &grounds)
        .map_err(|e| Error::io("<output>", e))?;
    Ok(out)
}

/// A term of a triple pattern as a user writes it (`?` or nothing for any; `a` for rdf:type).
fn pattern_term(value: Option<String>) -> Result<Option<Term>> {
    match value.as_deref().map(str::trim) {
        None | Some("" | "?") => Ok(None),
        Some("a") => Ok(Some(
            NamedNode::new_unchecked(oxigraph::model::vocab::rdf::TYPE.as_str()).into(),
        )),
        Some(text) => query::parse_term(text)
            .map(Some)
            .map_err(|e| Error::Usage(format!("{text:?} is not an RDF term: {e}"))),
    }
}

fn events(dataset: &Dataset, params: &Params) -> Result<Vec<u8>> {
    let args = EventsArgs {
        format: crate::render::events::EventFormat::Jsonl,
        filter: FilterArgs {
            from: params.one("from"),
            to: params.one("to"),
            actor: params.all("actor"),
            side: params.all("side"),
            code: params.all("code"),
            document: params.all("document"),
        },
        output: None,
    };
    let mut out = Vec::new();
    crate::events::command::write_events(dataset, &args, &mut out)?;
    Ok(out)
}

/// The search of the page and of `claimgraph search`: labels, aliases and quotes, any case or
/// accent, small typos forgiven; at most 25 things, best first, each with what it is.
fn search(dataset: &Dataset, params: &Params) -> Result<Vec<u8>> {
    let text = params.one("q").unwrap_or_default();
    if text.trim().chars().count() < 2 {
        return Err(Error::Usage("search for at least two characters".into()));
    }
    let hits = crate::search::Index::read(dataset)?.search(&text, 25);
    let found: Vec<serde_json::Value> = hits
        .iter()
        .map(|hit| {
            serde_json::json!({
                "iri": hit.iri,
                "short": crate::chain::short(&hit.iri),
                "kind": kind(&hit.iri),
                "field": hit.field.name(),
                "label": hit.text,
                "score": hit.score,
            })
        })
        .collect();
    serde_json::to_vec_pretty(&found).map_err(|e| Error::Internal(e.to_string()))
}

/// What the page does with a thing found: an actor's acts, an act's chain, or nothing more.
fn kind(iri: &str) -> &'static str {
    let local = iri.strip_prefix(crate::vocab::ID).unwrap_or_default();
    match local.split('/').next().unwrap_or_default() {
        "actor" => "actor",
        "statement" | "claim" | "event" => "act",
        _ => "other",
    }
}

fn timeline(dataset: &Dataset, params: &Params) -> Result<Vec<u8>> {
    let between = params.all("between");
    if between.len() != 2 {
        return Err(Error::Usage(
            "give the two parties: between=A&between=B".into(),
        ));
    }
    let args = crate::events::args::TimelineArgs {
        between,
        actors: params.has("actors"),
        by: match params.one("by").as_deref() {
            None | Some("goldstein") => crate::events::timeline::Measure::Goldstein,
            Some("quad") => crate::events::timeline::Measure::Quad,
            Some(other) => {
                return Err(Error::Usage(format!(
                    "by is goldstein or quad, not {other:?}"
                )));
            }
        },
        filter: FilterArgs::default(),
        output: None,
    };
    let mut out = Vec::new();
    crate::events::command::write_timeline(dataset, &args, &mut out)?;
    Ok(out)
}

fn queries() -> Result<Vec<u8>> {
    let all = crate::saved::all(None)?;
    let mut out = serde_json::to_vec_pretty(&all).map_err(|e| Error::Internal(e.to_string()))?;
    out.push(b'\n');
    Ok(out)
}

/// A saved query run with its bound variables, as `run` does, in SPARQL JSON results.
fn run(dataset: &Dataset, policy: &Policy, params: &Params) -> Result<Vec<u8>> {
    let name = params
        .one("name")
        .ok_or_else(|| Error::Usage("give the saved query's name: name=NAME".into()))?;
    let saved = crate::saved::find(None, &name)?;
    let binds = params
        .all("bind")
        .iter()
        .map(|b| b.parse::<Binding>())
        .collect::<Result<Vec<_>>>()?;
    let options = QueryOptions {
        binds,
        timeout: policy.timeout,
        max_rows: policy.max_rows,
        ..QueryOptions::default()
    };
    let answer = query::run(dataset, &saved.text, &saved.origin, &options)?;
    if let Answer::Graph(_) = answer {
        return Err(Error::Usage(format!(
            "{name} gives a graph, not rows: send its text to /query for RDF"
        )));
    }
    let mut out = Vec::new();
    crate::render::results::write(&mut out, &answer, crate::render::Format::Json)
        .map_err(|e| Error::io("<output>", e))?;
    Ok(out)
}
