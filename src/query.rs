//! SPARQL queries: preparing a user's query (predeclared prefixes, the union default graph,
//! variables bound as RDF terms, a time limit) and running the engine's own queries.

use crate::error::{self, Error, Result};
use crate::store::Dataset;
use crate::vocab;
use oxigraph::model::{Literal, NamedNode, Term};
use oxigraph::sparql::{CancellationToken, QuerySolution, SparqlSyntaxError, Variable};
use std::collections::{BTreeSet, HashMap};
use std::str::FromStr;
use std::time::Duration;

pub mod algebra;
mod answer;
pub mod limits;
pub mod scan;
pub mod watch;

pub use answer::{Answer, Part};

/// How to run a user's query.
#[derive(Clone)]
pub struct QueryOptions {
    /// Let the default graph be the union of all graphs (the default), so plain patterns see
    /// every fact; `false` leaves it as the store's own default graph.
    pub union: bool,
    pub timeout: Option<Duration>,
    pub binds: Vec<Binding>,
    /// Cancelled from elsewhere (the shell's Ctrl-C) to stop the query early.
    pub cancel: Option<CancellationToken>,
    /// The dataset a SPARQL Protocol request names (default-graph-uri, named-graph-uri): it
    /// replaces any FROM / FROM NAMED of the query, as the protocol says.
    pub dataset: Option<spargebra::algebra::QueryDataset>,
    /// More rows than this is an error naming the limit, never a silently shortened answer.
    pub max_rows: Option<usize>,
    /// The base IRI relative IRIs in the query resolve against (a server's endpoint).
    pub base: Option<String>,
}

impl Default for QueryOptions {
    fn default() -> Self {
        QueryOptions {
            union: true,
            timeout: None,
            binds: Vec::new(),
            cancel: None,
            dataset: None,
            max_rows: None,
            base: None,
        }
    }
}

/// A variable bound before evaluation, as `--bind NAME=VALUE` gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub name: String,
    pub term: Term,
    /// The text as given, for error messages.
    pub spec: String,
}

impl FromStr for Binding {
    type Err = Error;

    /// Reads `NAME=VALUE`; see [`parse_term`] for the values.
    fn from_str(spec: &str) -> Result<Self> {
        let bad = |reason: &str| Error::Bind {
            spec: spec.to_owned(),
            reason: reason.to_owned(),
        };
        let (name, value) = spec
            .split_once('=')
            .ok_or_else(|| bad("expected NAME=VALUE"))?;
        let name = name.trim_start_matches(['?', '$']);
        Variable::new(name).map_err(|_| bad("not a valid variable name"))?;
        let term = parse_term(value).map_err(|e| bad(&e))?;
        Ok(Binding {
            name: name.to_owned(),
            term,
            spec: spec.to_owned(),
        })
    }
}

/// Reads an RDF term as a user writes it: `<iri>`, `prefix:name` (known prefixes), `"text"`,
/// `"text"@en`, `"text"^^xsd:date`, a number, `true`/`false`; any other bare text is a plain string.
/// The value is never spliced into query text, so quotes and braces in it are harmless.
pub fn parse_term(value: &str) -> std::result::Result<Term, String> {
    let value = value.trim();
    if value.starts_with('<') || value.starts_with('"') || value.starts_with("_:") {
        let expanded = expand_datatype(value);
        return Term::from_str(&expanded).map_err(|e| e.to_string());
    }
    if let Ok(i) = value.parse::<i64>() {
        return Ok(Literal::from(i).into());
    }
    if value.parse::<f64>().is_ok() && value.contains('.') && !value.contains(':') {
        return Ok(Literal::new_typed_literal(value, oxigraph::model::vocab::xsd::DECIMAL).into());
    }
    if value == "true" || value == "false" {
        return Ok(Literal::from(value == "true").into());
    }
    if let Some(iri) = vocab::expand(value) {
        return NamedNode::new(iri)
            .map(Term::from)
            .map_err(|e| e.to_string());
    }
    Ok(Literal::new_simple_literal(value).into())
}

/// `"x"^^xsd:date` to `"x"^^<http://...#date>`, so the N-Triples term parser reads it.
fn expand_datatype(value: &str) -> String {
    if let Some((lexical, datatype)) = value.rsplit_once("\"^^") {
        if !datatype.starts_with('<') {
            if let Some(iri) = vocab::expand(datatype) {
                return format!("{lexical}\"^^<{iri}>");
            }
        }
    }
    value.to_owned()
}

/// Runs a user's query. `origin` names it in errors (a file path, `<query>`, `<stdin>`).
///
/// The query is parsed and evaluated on a thread of its own under watch (see [`watch::watched`]):
/// a time limit, a cancellation token (Ctrl-C in the shell) and a memory budget each stop it, and
/// the caller gets its error at once. oxigraph notices cancellation when it next reads the store,
/// and the local backend adds a check on every row (see `store/local.rs`), so an abandoned
/// evaluation stops promptly instead of keeping a core busy.
pub fn run(dataset: &Dataset, text: &str, origin: &str, options: &QueryOptions) -> Result<Answer> {
    // A cancellable dataset evaluates on its own token (see `Dataset::evaluate`), so the watch
    // must cancel that one.
    let token = dataset
        .cancel_token()
        .cloned()
        .or_else(|| options.cancel.clone())
        .unwrap_or_default();
    let (text, origin, options) = (text.to_owned(), origin.to_owned(), options.clone());
    let timeout = options.timeout;
    watch::watched(dataset, timeout, token.clone(), move |dataset| {
        evaluate(dataset, &text, &origin, &options, token)
    })
}

/// Runs a user's query on the calling thread and hands its answer to `each` as it is read, so
/// it is never kept whole. The caller provides what [`run`] does around [`evaluate`]: a thread
/// with [`limits::STACK_BYTES`] of stack and a watch that cancels `dataset`'s token at the time
/// limit (see `serve`). With `max_rows`, the first `max_rows` rows (or triples) are held back
/// until the answer is known to fit, so a longer one is an error before anything is handed on.
pub fn run_each(
    dataset: &Dataset,
    text: &str,
    origin: &str,
    options: &QueryOptions,
    each: &mut dyn FnMut(Part<'_>) -> Result<()>,
) -> Result<()> {
    let (mut parsed, lexed) = parse_user_at(text, origin, options.base.as_deref())?;
    bind(&mut parsed, &lexed, &options.binds)?;
    if let Some(named) = &options.dataset {
        set_dataset(&mut parsed, named.clone());
    }
    let token = options.cancel.clone().unwrap_or_default();
    let Some(max) = options.max_rows else {
        return dataset.evaluate_each(parsed, options.union, token, each);
    };
    let mut held = Held::default();
    dataset.evaluate_each(parsed, options.union, token, &mut |part| {
        held.take(part, max)
    })?;
    held.answer.map_or(Ok(()), |answer| answer.each(each))
}

/// The parts of an answer kept until it is known to have no more than the row limit.
#[derive(Default)]
struct Held {
    answer: Option<Answer>,
}

impl Held {
    fn take(&mut self, part: Part<'_>, max: usize) -> Result<()> {
        let over = |what: &str| Error::Limit {
            what: format!("the answer has more than the limit of {max} {what}"),
            hint: "add LIMIT to the query, or ask for a higher row limit",
        };
        match (part, &mut self.answer) {
            (Part::Solutions(variables), _) => {
                self.answer = Some(Answer::Solutions {
                    variables: variables.to_vec(),
                    rows: Vec::new(),
                });
            }
            (Part::Boolean(b), _) => self.answer = Some(Answer::Boolean(b)),
            (Part::Graph, _) => self.answer = Some(Answer::Graph(Vec::new())),
            (Part::Row(row), Some(Answer::Solutions { rows, .. })) => {
                if rows.len() == max {
                    return Err(over("rows"));
                }
                rows.push(row.to_vec());
            }
            (Part::Triple(triple), Some(Answer::Graph(triples))) => {
                if triples.len() == max {
                    return Err(over("triples"));
                }
                triples.push(triple.clone());
            }
            _ => {
                return Err(Error::Internal(
                    "an answer's parts came out of order".into(),
                ));
            }
        }
        Ok(())
    }
}

/// A `--timeout` in seconds as a duration; a limit too large to represent is no limit at all.
pub fn timeout(seconds: f64) -> Result<Duration> {
    if seconds.is_nan() || seconds <= 0.0 {
        return Err(Error::Usage(format!(
            "--timeout {seconds}: give a positive number of seconds"
        )));
    }
    Ok(Duration::try_from_secs_f64(seconds).unwrap_or(Duration::MAX))
}

/// Parses a user's query with the predeclared prefixes.
pub fn parse(text: &str) -> std::result::Result<spargebra::Query, SparqlSyntaxError> {
    parser().parse_query(text)
}

/// The SPARQL parser with the predeclared prefixes.
pub fn parser() -> spargebra::SparqlParser {
    vocab::PREFIXES
        .iter()
        .fold(spargebra::SparqlParser::new(), |p, (prefix, ns)| {
            p.with_prefix(*prefix, *ns)
                .expect("the predeclared prefixes are valid IRIs")
        })
}

/// Parses a user's query after a lexical pass that refuses nesting too deep for the parser,
/// and checks the depth of its algebra; syntax errors are explained where the parser's own words
/// would mislead (an update, an empty query, a stray closing bracket).
pub fn parse_user(text: &str, origin: &str) -> Result<(spargebra::Query, scan::Lexed)> {
    parse_user_at(text, origin, None)
}

/// [`parse_user`], with relative IRIs resolved against `base`.
fn parse_user_at(
    text: &str,
    origin: &str,
    base: Option<&str>,
) -> Result<(spargebra::Query, scan::Lexed)> {
    let lexed = scan::lex(text);
    if let Some(at) = lexed.too_deep {
        let (line, column) = scan::line_column(text, at);
        return Err(Error::TooDeep {
            origin: origin.to_owned(),
            line,
            column,
            what: format!("brackets nest more than {} deep", scan::MAX_NESTING),
        });
    }
    let parsed = match base {
        Some(base) => parser()
            .with_base_iri(base)
            .map_err(|e| Error::Usage(format!("the base IRI {base:?}: {e}")))?
            .parse_query(text),
        None => parse(text),
    };
    match parsed {
        Ok(query) if limits::fits(&query) => Ok((query, lexed)),
        Ok(_) => Err(Error::TooDeep {
            origin: origin.to_owned(),
            line: 1,
            column: 1,
            what: format!(
                "its operators (OPTIONAL, UNION, MINUS, FILTER, BIND, expressions) nest more than {} deep",
                limits::MAX_DEPTH
            ),
        }),
        Err(e) => Err(explain(text, origin, &lexed, &e)),
    }
}

/// Checks that a user's query parses, as [`run`] would, on a thread with the same large stack:
/// the shell asks this of every balanced line it reads. An update is reported as the syntax
/// error it has, if any, so the shell can tell an unfinished one from a whole one.
pub fn check_syntax(text: &str, origin: &str) -> Result<()> {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("parse".into())
            .stack_size(limits::STACK_BYTES)
            .spawn_scoped(scope, || match parse_user(text, origin) {
                // An update is refused once it is whole; until then it may be still being typed.
                Err(refused @ Error::UpdateRefused { .. }) => {
                    match spargebra::SparqlParser::new().parse_update(text) {
                        Err(e) => Err(error::from_query_syntax_error(origin, &e)),
                        Ok(_) => Err(refused),
                    }
                }
                other => other.map(drop),
            })
            .map_err(|e| Error::Internal(format!("no thread for the parser: {e}")))?
            .join()
            .unwrap_or_else(|payload| Err(crate::store::stopped(payload)))
    })
}

/// SPARQL updates: claimgraph only reads.
const UPDATES: &[&str] = &[
    "INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH",
];

/// A syntax error in the user's words where the parser's would mislead.
fn explain(text: &str, origin: &str, lexed: &scan::Lexed, e: &SparqlSyntaxError) -> Error {
    let at = |offset: usize, message: String| {
        let (line, column) = scan::line_column(text, offset);
        Error::QuerySyntax {
            origin: origin.to_owned(),
            line,
            column,
            message,
        }
    };
    let Some((word, offset)) = &lexed.first_word else {
        return at(
            text.len(),
            "the query is empty: write a SELECT, ASK, CONSTRUCT or DESCRIBE query".into(),
        );
    };
    let upper = word.to_ascii_uppercase();
    if UPDATES.contains(&upper.as_str()) {
        let (line, column) = scan::line_column(text, *offset);
        return Error::UpdateRefused {
            origin: origin.to_owned(),
            line,
            column,
            keyword: upper,
        };
    }
    let parsed = error::from_query_syntax_error(origin, e);
    if let (Some(stray), Error::QuerySyntax { line, column, .. }) = (lexed.stray_close, &parsed) {
        if scan::line_column(text, stray) < (*line, *column) {
            let bracket = &text[stray..stray + 1];
            return at(stray, format!("unexpected {bracket}: nothing is open here"));
        }
    }
    parsed
}

fn evaluate(
    dataset: &Dataset,
    text: &str,
    origin: &str,
    options: &QueryOptions,
    token: CancellationToken,
) -> Result<Answer> {
    let (mut parsed, lexed) = parse_user_at(text, origin, options.base.as_deref())?;
    bind(&mut parsed, &lexed, &options.binds)?;
    if let Some(named) = &options.dataset {
        set_dataset(&mut parsed, named.clone());
    }
    let answer = dataset
        .evaluate(parsed, options.union, token)
        .map_err(|e| match (e, options.timeout) {
            (Error::Cancelled, Some(t)) => Error::Timeout {
                seconds: t.as_secs_f64(),
            },
            (other, _) => other,
        })?;
    if let Some(max) = options.max_rows {
        within_rows(&answer, max)?;
    }
    Ok(answer)
}

/// An answer longer than `max` rows (or triples) is an error naming both numbers: a protocol
/// client must never take a shortened answer for the whole one.
fn within_rows(answer: &Answer, max: usize) -> Result<()> {
    let (count, what) = match answer {
        Answer::Solutions { rows, .. } => (rows.len(), "rows"),
        Answer::Graph(triples) => (triples.len(), "triples"),
        Answer::Boolean(_) => return Ok(()),
    };
    if count <= max {
        return Ok(());
    }
    Err(Error::Limit {
        what: format!("the answer has {count} {what}, more than the limit of {max}"),
        hint: "add LIMIT to the query, or ask for a higher row limit",
    })
}

/// Replaces the dataset a query names with the one its request names.
fn set_dataset(query: &mut spargebra::Query, named: spargebra::algebra::QueryDataset) {
    use spargebra::Query;
    match query {
        Query::Select { dataset, .. }
        | Query::Construct { dataset, .. }
        | Query::Describe { dataset, .. }
        | Query::Ask { dataset, .. } => *dataset = Some(named),
    }
}

/// Binds variables before evaluation: puts a one-row VALUES table first in the query's WHERE
/// group (below the solution modifiers and, for aggregates, the grouping), exactly where
/// `VALUES ?v { ... }` written first inside WHERE would stand, so later BINDs and FILTERs see the
/// value. The values are RDF terms in the algebra: nothing is ever spliced into query text.
///
/// A binding that could not take effect is an error, never silently dropped: a variable the
/// query does not name (outside strings and comments), one bound twice, and one the query sets
/// itself (`BIND(... AS ?v)`, `(COUNT(*) AS ?v)`), whose value would replace the bound one.
fn bind(query: &mut spargebra::Query, lexed: &scan::Lexed, binds: &[Binding]) -> Result<()> {
    use spargebra::Query;
    use spargebra::algebra::GraphPattern as P;
    if binds.is_empty() {
        return Ok(());
    }
    let select = matches!(query, Query::Select { .. });
    let pattern = match query {
        Query::Select { pattern, .. }
        | Query::Construct { pattern, .. }
        | Query::Describe { pattern, .. }
        | Query::Ask { pattern, .. } => pattern,
    };
    let mut assigned = BTreeSet::new();
    assigned_variables(pattern, select, &mut assigned);
    let mut variables = Vec::new();
    let mut row = Vec::new();
    for (i, b) in binds.iter().enumerate() {
        let refuse = |reason: String| Error::Bind {
            spec: b.spec.clone(),
            reason,
        };
        if !lexed.variables.contains(&b.name) {
            return Err(refuse(format!("the query has no variable ?{}", b.name)));
        }
        if binds[..i].iter().any(|earlier| earlier.name == b.name) {
            return Err(refuse(format!("?{} is bound twice", b.name)));
        }
        if assigned.contains(b.name.as_str()) {
            return Err(refuse(format!(
                "?{} is set by the query itself (AS ?{}), which would replace the bound value; bind a variable of its WHERE clause",
                b.name, b.name
            )));
        }
        let term = match &b.term {
            Term::NamedNode(n) => spargebra::term::GroundTerm::NamedNode(n.clone()),
            Term::Literal(l) => spargebra::term::GroundTerm::Literal(l.clone()),
            _ => {
                return Err(refuse(
                    "a blank node cannot be bound; use an IRI or a literal".into(),
                ));
            }
        };
        variables.push(Variable::new_unchecked(b.name.clone()));
        row.push(Some(term));
    }
    let first = first_of_group(where_pattern(pattern));
    let leaf = std::mem::replace(
        first,
        P::Bgp {
            patterns: Vec::new(),
        },
    );
    *first = P::Join {
        left: Box::new(P::Values {
            variables,
            bindings: vec![row],
        }),
        right: Box::new(leaf),
    };
    Ok(())
}

/// The variables a query sets with `AS` (BIND, select expressions, aggregates), outside its
/// subqueries: a subquery's result joins the outer pattern, so binding it still filters.
/// `top` is true above a SELECT's own projection, the one projection that is not a subquery.
fn assigned_variables<'a>(
    pattern: &'a spargebra::algebra::GraphPattern,
    top: bool,
    out: &mut BTreeSet<&'a str>,
) {
    use spargebra::algebra::GraphPattern as P;
    match pattern {
        P::Project { inner, .. } if top => assigned_variables(inner, false, out),
        P::Project { .. } => {}
        P::Extend {
            inner, variable, ..
        } => {
            out.insert(variable.as_str());
            assigned_variables(inner, top, out);
        }
        // What a SERVICE assigns stays on the other server.
        P::Service { .. } => {}
        _ => {
            for inner in algebra::sub_patterns(pattern) {
                assigned_variables(inner, top, out);
            }
        }
    }
}

/// The WHERE pattern under a query's solution modifiers and, for aggregates, its grouping.
fn where_pattern(
    pattern: &mut spargebra::algebra::GraphPattern,
) -> &mut spargebra::algebra::GraphPattern {
    use spargebra::algebra::GraphPattern as P;
    fn has_group(p: &P) -> bool {
        match p {
            P::Group { .. } => true,
            P::Extend { inner, .. } | P::Filter { inner, .. } => has_group(inner),
            _ => false,
        }
    }
    if matches!(pattern, P::Extend { .. } | P::Filter { .. }) && !has_group(pattern) {
        return pattern;
    }
    match pattern {
        P::Slice { inner, .. }
        | P::Distinct { inner }
        | P::Reduced { inner }
        | P::Project { inner, .. }
        | P::OrderBy { inner, .. }
        | P::Extend { inner, .. }
        | P::Filter { inner, .. } => where_pattern(inner),
        P::Group { inner, .. } => inner,
        other => other,
    }
}

/// The first element of a group graph pattern: what its BINDs, FILTERs, OPTIONALs and joins are
/// built on, leftmost.
fn first_of_group(
    pattern: &mut spargebra::algebra::GraphPattern,
) -> &mut spargebra::algebra::GraphPattern {
    use spargebra::algebra::GraphPattern as P;
    match pattern {
        P::Extend { .. }
        | P::Filter { .. }
        | P::Join { .. }
        | P::LeftJoin { .. }
        | P::Minus { .. } => match pattern {
            P::Extend { inner, .. } | P::Filter { inner, .. } => first_of_group(inner),
            P::Join { left, .. } | P::LeftJoin { left, .. } | P::Minus { left, .. } => {
                first_of_group(left)
            }
            _ => unreachable!("matched above"),
        },
        other => other,
    }
}

/// Runs one of the engine's own SELECT queries over the union of all graphs, with the
/// predeclared prefixes. A failure here is a bug in claimgraph, not in the user's input.
pub fn select(dataset: &Dataset, text: &str) -> Result<Vec<QuerySolution>> {
    select_over(dataset, text, true)
}

/// Like [`select`], but over the store's own default graph only.
pub fn select_default_graph(dataset: &Dataset, text: &str) -> Result<Vec<QuerySolution>> {
    select_over(dataset, text, false)
}

fn select_over(dataset: &Dataset, text: &str, union: bool) -> Result<Vec<QuerySolution>> {
    let parsed = parse(text).map_err(|e| Error::Internal(format!("built-in query: {e}")))?;
    match dataset.evaluate(parsed, union, CancellationToken::new())? {
        Answer::Solutions { variables, rows } => {
            let variables: std::sync::Arc<[Variable]> =
                variables.into_iter().map(Variable::new_unchecked).collect();
            Ok(rows
                .into_iter()
                .map(|row| QuerySolution::from((variables.clone(), row)))
                .collect())
        }
        _ => Err(Error::Internal("built-in query is not a SELECT".into())),
    }
}

/// The `rdfs:label` (or `skos:prefLabel`) of each IRI among `terms`, read in one query, for
/// renderers that show labels beside IRIs.
pub fn labels<'a>(
    dataset: &Dataset,
    terms: impl Iterator<Item = &'a Term>,
) -> HashMap<String, String> {
    let iris: BTreeSet<String> = terms
        .filter_map(|t| match t {
            Term::NamedNode(n) => Some(n.to_string()),
            _ => None,
        })
        .collect();
    if iris.is_empty() {
        return HashMap::new();
    }
    let values: Vec<String> = iris.into_iter().collect();
    let sparql = format!(
        "SELECT ?x (MIN(?l) AS ?label) WHERE {{ VALUES ?x {{ {} }} ?x rdfs:label|skos:prefLabel ?l }} GROUP BY ?x",
        values.join(" ")
    );
    // Labels only decorate the output: if they cannot be read, it is still right without them.
    select(dataset, &sparql)
        .map(|rows| {
            rows.iter()
                .filter_map(|r| Some((str_of(r, "x")?.to_owned(), str_of(r, "label")?.to_owned())))
                .collect()
        })
        .unwrap_or_default()
}

/// The lexical form of a literal, or the IRI of a named node, bound to `var`.
pub fn str_of<'a>(row: &'a QuerySolution, var: &str) -> Option<&'a str> {
    match row.get(var)? {
        Term::Literal(l) => Some(l.value()),
        Term::NamedNode(n) => Some(n.as_str()),
        _ => None,
    }
}

/// The integer value of a literal bound to `var`.
pub fn int_of(row: &QuerySolution, var: &str) -> Option<i64> {
    match row.get(var)? {
        Term::Literal(l) => l.value().parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn binding_values_become_terms() {
        let t = |v: &str| parse_term(v).unwrap().to_string();
        assert_eq!(t("<http://x.org/a>"), "<http://x.org/a>");
        assert_eq!(
            t("actor:attaullah-tarar"),
            "<https://claimgraph.org/id/actor/attaullah-tarar>"
        );
        assert_eq!(t("\"Kabul\"@en"), "\"Kabul\"@en");
        assert_eq!(
            t("42"),
            "\"42\"^^<http://www.w3.org/2001/XMLSchema#integer>"
        );
        assert_eq!(
            t("\"2025-10-29\"^^xsd:date"),
            "\"2025-10-29\"^^<http://www.w3.org/2001/XMLSchema#date>"
        );
        assert_eq!(t("Tarar"), "\"Tarar\"");
        assert_eq!(t("a\"} } DROP ALL"), "\"a\\\"} } DROP ALL\"");
    }

    #[test]
    fn bindings_need_a_name_and_a_value() {
        assert!("x".parse::<Binding>().is_err());
        assert!("a b=2".parse::<Binding>().is_err());
        assert!("x=<not an iri>".parse::<Binding>().is_err());
        assert_eq!("?x=1".parse::<Binding>().unwrap().name, "x");
    }

    #[test]
    fn a_bound_variable_is_a_term_not_text() {
        let dataset = Dataset::in_memory(Default::default()).unwrap();
        let options = QueryOptions {
            binds: vec![
                "v=\"} } INSERT DATA { <a:b> <a:b> <a:b> }\""
                    .parse()
                    .unwrap(),
            ],
            ..Default::default()
        };
        let answer = run(
            &dataset,
            "SELECT ?v ?len WHERE { BIND(STRLEN(?v) AS ?len) }",
            "q",
            &options,
        )
        .unwrap();
        let Answer::Solutions { rows, .. } = answer else {
            panic!("not solutions")
        };
        assert_eq!(rows.len(), 1);
        assert_eq!(
            rows[0][1].as_ref().map(ToString::to_string).as_deref(),
            Some("\"37\"^^<http://www.w3.org/2001/XMLSchema#integer>")
        );
        assert!(dataset.is_empty().unwrap());
    }

    #[test]
    fn a_long_query_is_cancelled_at_its_timeout() {
        let dataset = Dataset::in_memory(Default::default()).unwrap();
        let options = QueryOptions {
            timeout: Some(Duration::from_millis(50)),
            ..Default::default()
        };
        let slow = "SELECT (COUNT(*) AS ?n) WHERE { VALUES ?a { 1 2 3 4 5 6 7 8 9 10 } VALUES ?b { 1 2 3 4 5 6 7 8 9 10 } VALUES ?c { 1 2 3 4 5 6 7 8 9 10 } VALUES ?d { 1 2 3 4 5 6 7 8 9 10 } VALUES ?e { 1 2 3 4 5 6 7 8 9 10 } VALUES ?f { 1 2 3 4 5 6 7 8 9 10 } VALUES ?g { 1 2 3 4 5 6 7 8 9 10 } VALUES ?h { 1 2 3 4 5 6 7 8 9 10 } }";
        assert!(matches!(
            run(&dataset, slow, "q", &options),
            Err(Error::Timeout { .. })
        ));
    }

    #[test]
    fn a_running_query_stops_when_its_token_is_cancelled() {
        let dataset = Dataset::in_memory(Default::default()).unwrap();
        let token = CancellationToken::new();
        let options = QueryOptions {
            cancel: Some(token.clone()),
            ..Default::default()
        };
        let values: String = "abcdefghij"
            .chars()
            .map(|v| format!("VALUES ?{v} {{ 1 2 3 4 5 6 7 8 9 10 }} "))
            .collect();
        let slow = format!("SELECT (COUNT(*) AS ?n) WHERE {{ {values} }}");
        let canceller = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            token.cancel();
        });
        let started = Instant::now();
        assert!(matches!(
            run(&dataset, &slow, "q", &options),
            Err(Error::Cancelled)
        ));
        assert!(started.elapsed() < Duration::from_secs(10));
        canceller.join().unwrap();
    }
}
