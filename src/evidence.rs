//! Proof with every answer: the quotes behind each row of a SELECT, added as one more column
//! (`?evidence`), so that every result format carries them. A row's facts are taken to be the
//! triples of named graphs that join two of the terms it binds (the subject an IRI of the row,
//! the object another of its terms); when none does, the graphs that type the row's IRIs stand
//! in. Each such graph's mentions give the evidence: source, code point offsets and quote.
//!
//! A row of a query that groups (COUNT, SUM ... with or without GROUP BY) is an aggregate: its
//! terms are often only numbers and labels, and its facts are those of the rows it counts. Its
//! evidence is theirs: the query's pattern under the grouping is run on its own (with the same
//! bindings), each of those rows gets its evidence as above, and an aggregate row gathers the
//! evidence of the rows that share its group keys. Group keys the row does not show are left out
//! of the match, so such a row gathers the evidence of every group that shows as it does.

use crate::error::Result;
use crate::query::{self, Answer, QueryOptions, int_of, str_of};
use crate::store::{Dataset, QuadPattern};
use crate::vocab::{self, RDF};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Term};
use std::collections::{BTreeSet, HashMap, HashSet};

/// One quote: where it stands and what it says.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Quote {
    pub source: String,
    pub start: i64,
    pub end: i64,
    pub exact: String,
}

impl std::fmt::Display for Quote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let source = vocab::shorten(&self.source).unwrap_or_else(|| self.source.clone());
        write!(f, "{source} {}–{} “{}”", self.start, self.end, self.exact)
    }
}

/// Between two quotes of one row's evidence.
pub const SEPARATOR: &str = " ‖ ";

/// The answer of `text` (run with `options`) with an `?evidence` column: each row's quotes, in
/// source order. ASK and graph answers are returned as they are.
pub fn with_evidence(
    dataset: &Dataset,
    answer: Answer,
    text: &str,
    origin: &str,
    options: &QueryOptions,
) -> Result<Answer> {
    let Answer::Solutions {
        mut variables,
        rows,
    } = answer
    else {
        return Ok(answer);
    };
    let quotes = quotes_by_graph(dataset)?;
    let mut facts = Facts::default();
    let members = match members_query(text, origin)? {
        Some((members, keys)) => {
            let answer = query::run(dataset, &members, origin, options)?;
            Some(Members::gather(
                dataset, &mut facts, answer, &keys, &variables,
            )?)
        }
        None => None,
    };
    let mut out = Vec::with_capacity(rows.len());
    for mut row in rows {
        let graphs = match &members {
            Some(members) => members.graphs_of(&row),
            None => facts.graphs_of(dataset, &row)?,
        };
        let evidence: BTreeSet<&Quote> = graphs
            .iter()
            .flat_map(|g| quotes.get(g).into_iter().flatten())
            .collect();
        let text: Vec<String> = evidence.iter().map(ToString::to_string).collect();
        row.push(
            (!text.is_empty())
                .then(|| Term::from(Literal::new_simple_literal(text.join(SEPARATOR)))),
        );
        out.push(row);
    }
    variables.push("evidence".to_owned());
    Ok(Answer::Solutions {
        variables,
        rows: out,
    })
}

/// For a SELECT that groups at its top (under its projection and solution modifiers, not in a
/// subquery): the query of the rows it counts, `SELECT * WHERE { pattern under the grouping }`,
/// and the group keys. None for any other query.
fn members_query(text: &str, origin: &str) -> Result<Option<(String, Vec<String>)>> {
    use spargebra::algebra::GraphPattern as P;
    let (query, _) = query::parse_user(text, origin)?;
    let spargebra::Query::Select {
        dataset,
        pattern,
        base_iri,
    } = query
    else {
        return Ok(None);
    };
    let mut at = &pattern;
    let (inner, keys) = loop {
        match at {
            P::Project { inner, .. }
            | P::Distinct { inner }
            | P::Reduced { inner }
            | P::Slice { inner, .. }
            | P::OrderBy { inner, .. }
            | P::Extend { inner, .. }
            | P::Filter { inner, .. } => at = inner,
            P::Group {
                inner, variables, ..
            } => break (inner, variables),
            _ => return Ok(None),
        }
    };
    let members = spargebra::Query::Select {
        dataset,
        pattern: (**inner).clone(),
        base_iri,
    };
    let keys = keys.iter().map(|v| v.as_str().to_owned()).collect();
    Ok(Some((members.to_string(), keys)))
}

/// The graphs of the rows an aggregate counts, by the values of the group keys its rows show.
struct Members {
    /// The group keys shown in the aggregate's rows, as indices into its variables.
    shown: Vec<usize>,
    graphs: HashMap<Vec<Option<Term>>, BTreeSet<String>>,
}

impl Members {
    /// Reads the counted rows (`answer`), each with its graphs, into groups.
    fn gather(
        dataset: &Dataset,
        facts: &mut Facts,
        answer: Answer,
        keys: &[String],
        variables: &[String],
    ) -> Result<Members> {
        let shown_keys: Vec<&String> = keys.iter().filter(|k| variables.contains(k)).collect();
        let shown = shown_keys
            .iter()
            .filter_map(|k| variables.iter().position(|v| v == *k))
            .collect();
        let mut graphs: HashMap<Vec<Option<Term>>, BTreeSet<String>> = HashMap::new();
        if let Answer::Solutions {
            variables: member_variables,
            rows,
        } = answer
        {
            let at: Vec<Option<usize>> = shown_keys
                .iter()
                .map(|k| member_variables.iter().position(|v| v == *k))
                .collect();
            for row in rows {
                let key = at.iter().map(|i| i.and_then(|i| row[i].clone())).collect();
                let found = facts.graphs_of(dataset, &row)?;
                graphs.entry(key).or_default().extend(found);
            }
        }
        Ok(Members { shown, graphs })
    }

    /// The graphs of the counted rows that share the aggregate row's keys.
    fn graphs_of(&self, row: &[Option<Term>]) -> BTreeSet<String> {
        let key: Vec<Option<Term>> = self.shown.iter().map(|&i| row[i].clone()).collect();
        self.graphs.get(&key).cloned().unwrap_or_default()
    }
}

/// The quotes of the mentions each graph is derived from, by graph.
fn quotes_by_graph(dataset: &Dataset) -> Result<HashMap<String, Vec<Quote>>> {
    let mut quotes: HashMap<String, Vec<Quote>> = HashMap::new();
    for row in query::select(
        dataset,
        "SELECT DISTINCT ?g ?source ?exact ?start ?end WHERE { ?g prov:wasDerivedFrom ?m .
            ?m oa:hasSource ?source ; oa:hasSelector ?q . ?q oa:exact ?exact .
            OPTIONAL { ?m oa:hasSelector ?p . ?p oa:start ?start ; oa:end ?end } }",
    )? {
        let (Some(Term::NamedNode(g)), Some(Term::NamedNode(source)), Some(exact)) =
            (row.get("g"), row.get("source"), str_of(&row, "exact"))
        else {
            continue;
        };
        quotes
            .entry(g.as_str().to_owned())
            .or_default()
            .push(Quote {
                source: source.as_str().to_owned(),
                start: int_of(&row, "start").unwrap_or(-1),
                end: int_of(&row, "end").unwrap_or(-1),
                exact: exact.to_owned(),
            });
    }
    Ok(quotes)
}

/// The named-graph quads of each subject, read once.
#[derive(Default)]
struct Facts {
    by_subject: HashMap<String, Vec<(Term, String, bool)>>,
}

impl Facts {
    /// (object, graph, whether the quad is an rdf:type) of the subject's quads in named graphs.
    fn of(&mut self, dataset: &Dataset, subject: &NamedNode) -> Result<&[(Term, String, bool)]> {
        if !self.by_subject.contains_key(subject.as_str()) {
            let pattern = QuadPattern {
                subject: Some(NamedOrBlankNode::NamedNode(subject.clone())),
                ..Default::default()
            };
            let rdf_type = format!("{RDF}type");
            let mut found = Vec::new();
            for quad in dataset.quads(&pattern)? {
                let quad = quad?;
                if let GraphName::NamedNode(g) = &quad.graph_name {
                    let typing = quad.predicate.as_str() == rdf_type;
                    found.push((quad.object, g.as_str().to_owned(), typing));
                }
            }
            self.by_subject.insert(subject.as_str().to_owned(), found);
        }
        Ok(&self.by_subject[subject.as_str()])
    }

    /// The graphs stating the row's facts: those with a triple joining two of its terms, else
    /// those typing its IRIs.
    fn graphs_of(&mut self, dataset: &Dataset, row: &[Option<Term>]) -> Result<BTreeSet<String>> {
        let terms: HashSet<&Term> = row.iter().flatten().collect();
        let mut joining = BTreeSet::new();
        let mut typing = BTreeSet::new();
        for term in &terms {
            let Term::NamedNode(subject) = term else {
                continue;
            };
            for (object, graph, is_type) in self.of(dataset, subject)? {
                if *is_type {
                    typing.insert(graph.clone());
                }
                if object != *term && terms.contains(object) {
                    joining.insert(graph.clone());
                }
            }
        }
        Ok(if joining.is_empty() { typing } else { joining })
    }
}
