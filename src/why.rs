//! Provenance on demand: which named graphs state a resource's facts, a triple, or a link between
//! two acts, and the quotes those graphs are derived from, each placed back in its sentence.

use crate::error::{Error, Result};
use crate::provenance::{self, TextCache};
use crate::query;
use crate::store::Dataset;
use oxigraph::model::{NamedNode, Term};
use std::collections::BTreeMap;

/// What to find the provenance of.
#[derive(Debug, Clone)]
pub enum Target {
    /// Every fact with this resource as subject.
    Resource(NamedNode),
    /// Triples matching a pattern; `None` matches anything.
    Triple(Option<Term>, Option<Term>, Option<Term>),
    /// The response or causal links between two acts, either way, including links stated between
    /// the claims they convey.
    Link(NamedNode, NamedNode),
}

/// A named graph that states some of the facts, and the words it is derived from.
#[derive(Debug, Clone)]
pub struct Ground {
    pub graph: String,
    /// Set when the graph is a claim's proposition: its facts are claimed, not reported as true.
    pub claim: Option<String>,
    /// The facts of the target stated in this graph: subject, predicate, object.
    pub facts: Vec<[Term; 3]>,
    /// What this graph says of the blank nodes among the facts' objects (a status report, a
    /// figure), keyed by the blank node as written: without it such a fact would read `_:b12`.
    pub blanks: BTreeMap<String, Vec<(Term, Term)>>,
    pub quotes: Vec<Quote>,
}

/// One quote a graph is derived from.
#[derive(Debug, Clone)]
pub struct Quote {
    pub mention: String,
    pub source: String,
    pub exact: String,
    /// Code point offsets (half-open) in the source text, when they are known.
    pub span: Option<(usize, usize)>,
    /// The sentence or sentences around the quote, split before, inside and after it; `None`
    /// when the source text could not be read.
    pub context: Option<[String; 3]>,
}

fn pattern(target: &Target) -> String {
    let t = |term: &Option<Term>| term.as_ref().map(ToString::to_string);
    match target {
        Target::Resource(r) => format!("VALUES ?s {{ {r} }} GRAPH ?g {{ ?s ?p ?o }}"),
        Target::Triple(s, p, o) => {
            let mut values = String::new();
            for (var, term) in [("s", t(s)), ("p", t(p)), ("o", t(o))] {
                if let Some(term) = term {
                    values.push_str(&format!("VALUES ?{var} {{ {term} }} "));
                }
            }
            format!("{values} GRAPH ?g {{ ?s ?p ?o }}")
        }
        Target::Link(a, b) => format!(
            "VALUES (?a ?b) {{ ({a} {b}) ({b} {a}) }}
             ?a cg:conveys? ?s . ?b cg:conveys? ?o .
             GRAPH ?g {{ ?s ?p ?o }}
             FILTER EXISTS {{
               VALUES ?link {{ cg:respondsTo cg:causallyLinkedTo cg:restates cg:sameActAs }}
               ?p rdfs:subPropertyOf* ?link
             }}"
        ),
    }
}

/// Finds the graphs that state the target's facts and the quotes behind them, in the order of
/// the source text. Facts in graphs not derived from a mention (the ontology) are left out.
pub fn why(dataset: &Dataset, target: &Target) -> Result<Vec<Ground>> {
    let text = format!(
        "SELECT DISTINCT ?s ?p ?o ?bp ?bo ?g ?claim ?mention ?source ?file ?exact ?start ?end WHERE {{
           {}
           FILTER (!isBlank(?s))
           OPTIONAL {{ FILTER isBlank(?o) GRAPH ?g {{ ?o ?bp ?bo }} }}
           ?g prov:wasDerivedFrom ?mention .
           ?mention oa:hasSource ?source ; oa:hasSelector ?quote .
           ?quote a oa:TextQuoteSelector ; oa:exact ?exact .
           OPTIONAL {{
             ?mention oa:hasSelector ?position .
             ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
           }}
           OPTIONAL {{ ?source cg:textFile ?file }}
           OPTIONAL {{ ?claim cg:propositionGraph ?g }}
         }}",
        pattern(target)
    );
    let rows = query::select(dataset, &text)?;
    let mut texts = TextCache::new(&dataset.texts);
    let mut grounds: BTreeMap<String, Ground> = BTreeMap::new();
    for row in &rows {
        add_row(&mut grounds, &mut texts, row);
    }
    let mut grounds: Vec<Ground> = grounds.into_values().collect();
    for g in &mut grounds {
        g.facts
            .sort_by_key(|f| f.iter().map(ToString::to_string).collect::<Vec<_>>());
        g.quotes.sort_by_key(|q| (q.span, q.mention.clone()));
        for pairs in g.blanks.values_mut() {
            pairs.sort_by_key(|(p, o)| (p.to_string(), o.to_string()));
        }
    }
    grounds.sort_by_key(|g| (g.quotes.first().and_then(|q| q.span), g.graph.clone()));
    if grounds.is_empty() {
        return Err(Error::NotGrounded {
            what: describe(target),
        });
    }
    Ok(grounds)
}

/// Adds one answer row to the grounds: its fact, the description of a blank node object, and
/// its quote (once per mention), with the sentence around it where the text is at hand.
fn add_row(
    grounds: &mut BTreeMap<String, Ground>,
    texts: &mut TextCache<'_>,
    row: &oxigraph::sparql::QuerySolution,
) {
    let (Some(s), Some(p), Some(o), Some(g)) =
        (row.get("s"), row.get("p"), row.get("o"), row.get("g"))
    else {
        return;
    };
    let ground = grounds.entry(g.to_string()).or_insert_with(|| Ground {
        graph: term_iri(g),
        claim: row.get("claim").map(term_iri),
        facts: Vec::new(),
        blanks: BTreeMap::new(),
        quotes: Vec::new(),
    });
    let fact = [s.clone(), p.clone(), o.clone()];
    if !ground.facts.contains(&fact) {
        ground.facts.push(fact);
    }
    if let (Term::BlankNode(_), Some(bp), Some(bo)) = (o, row.get("bp"), row.get("bo")) {
        let described = ground.blanks.entry(o.to_string()).or_default();
        let pair = (bp.clone(), bo.clone());
        if !described.contains(&pair) {
            described.push(pair);
        }
    }
    let mention = row.get("mention").map(term_iri).unwrap_or_default();
    if ground.quotes.iter().any(|q| q.mention == mention) {
        return;
    }
    let source = row.get("source").map(term_iri).unwrap_or_default();
    let span = match (query::int_of(row, "start"), query::int_of(row, "end")) {
        (Some(start), Some(end)) if start >= 0 && end >= start => {
            Some((start as usize, end as usize))
        }
        _ => None,
    };
    let context = span.and_then(|(start, end)| {
        let text = texts
            .get(&source, query::str_of(row, "file"))
            .as_ref()
            .ok()?;
        context(&text.text, start, end)
    });
    ground.quotes.push(Quote {
        mention,
        source,
        exact: query::str_of(row, "exact").unwrap_or_default().to_owned(),
        span,
        context,
    });
}

fn term_iri(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => n.as_str().to_owned(),
        other => other.to_string(),
    }
}

/// How the target reads in messages.
pub fn describe(target: &Target) -> String {
    use crate::chain::short;
    let term = |t: &Option<Term>| match t {
        Some(Term::NamedNode(n)) => short(n.as_str()),
        Some(other) => other.to_string(),
        None => "?".to_owned(),
    };
    match target {
        Target::Resource(r) => short(r.as_str()),
        Target::Triple(s, p, o) => format!("{} {} {}", term(s), term(p), term(o)),
        Target::Link(a, b) => format!(
            "a link between {} and {}",
            short(a.as_str()),
            short(b.as_str())
        ),
    }
}

/// The sentences that hold `start..end`, cut into the part before the quote, the quote, and the
/// part after.
fn context(text: &str, start: usize, end: usize) -> Option<[String; 3]> {
    let sentences = provenance::sentences(text);
    let around: Vec<_> = sentences
        .iter()
        .filter(|s| s.start < end.max(start + 1) && s.end > start)
        .collect();
    let from = around.first().map_or(start, |s| s.start.min(start));
    let to = around.last().map_or(end, |s| s.end.max(end));
    Some([
        provenance::slice(text, from, start)?.to_owned(),
        provenance::slice(text, start, end)?.to_owned(),
        provenance::slice(text, end, to)?.to_owned(),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_is_shown_inside_its_sentence() {
        let text = "Title\nFirst one. The minister said “no” twice. Last one.";
        let start = text.chars().position(|c| c == '“').unwrap();
        let end = start + "“no”".chars().count();
        assert_eq!(
            context(text, start, end).unwrap(),
            [
                "The minister said ".to_owned(),
                "“no”".to_owned(),
                " twice.".to_owned()
            ]
        );
    }

    #[test]
    fn a_quote_over_two_sentences_shows_both() {
        let text = "A b. C d. E f.";
        assert_eq!(
            context(text, 2, 7).unwrap(),
            ["A ".to_owned(), "b. C ".to_owned(), "d.".to_owned()]
        );
    }

    #[test]
    fn offsets_outside_the_text_give_no_context() {
        assert_eq!(context("short", 3, 40), None);
    }
}
