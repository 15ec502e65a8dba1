//! Aligned tables for people: IRIs shortened with the known prefixes and followed by their labels,
//! fitted to the terminal's width when there is one.

use super::Style;
use crate::query::{self, Answer};
use crate::vocab;
use comfy_table::{ContentArrangement, Table, presets};
use oxigraph::model::Term;
use oxigraph::store::Store;
use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};

pub fn write(out: &mut impl Write, answer: &Answer, style: &Style<'_>) -> io::Result<()> {
    let (variables, rows) = match answer {
        Answer::Boolean(b) => {
            return writeln!(out, "{b}");
        }
        Answer::Solutions { variables, rows } => (variables, rows),
        Answer::Graph(_) => unreachable!("graphs are written by render::rdf"),
    };
    let labels = style
        .labels_from
        .map(|store| labels(store, rows.iter().flatten().flatten()))
        .unwrap_or_default();
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    if let Some(width) = style.width {
        table.set_content_arrangement(ContentArrangement::Dynamic);
        table.set_width(width);
    }
    table.set_header(variables.iter().map(|v| format!("?{v}")));
    for row in rows {
        table.add_row(
            row.iter()
                .map(|t| t.as_ref().map_or_else(String::new, |t| cell(t, &labels))),
        );
    }
    writeln!(out, "{table}")?;
    let n = rows.len();
    writeln!(out, "({n} row{})", if n == 1 { "" } else { "s" })
}

/// How a term reads in a table cell.
pub fn cell(term: &Term, labels: &HashMap<String, String>) -> String {
    match term {
        Term::NamedNode(n) => {
            let short = vocab::shorten(n.as_str()).unwrap_or_else(|| format!("<{}>", n.as_str()));
            match labels.get(n.as_str()) {
                Some(label) => format!("{short} ({label})"),
                None => short,
            }
        }
        Term::BlankNode(b) => b.to_string(),
        Term::Literal(l) => match l.language() {
            Some(lang) => format!("{}@{lang}", l.value()),
            None => l.value().to_owned(),
        },
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// The `rdfs:label` (or `skos:prefLabel`) of each IRI among `terms`, read in one query.
pub fn labels<'a>(store: &Store, terms: impl Iterator<Item = &'a Term>) -> HashMap<String, String> {
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
    // Labels only decorate the table: if they cannot be read, the table is still right without them.
    query::select(store, &sparql)
        .map(|rows| {
            rows.iter()
                .filter_map(|r| {
                    Some((
                        query::str_of(r, "x")?.to_owned(),
                        query::str_of(r, "label")?.to_owned(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode};

    #[test]
    fn cells_shorten_iris_and_show_labels() {
        let mut labels = HashMap::new();
        labels.insert(
            "https://claimgraph.org/id/actor/x".to_owned(),
            "X".to_owned(),
        );
        let iri = Term::from(NamedNode::new_unchecked(
            "https://claimgraph.org/id/actor/x",
        ));
        assert_eq!(cell(&iri, &labels), "actor:x (X)");
        let other = Term::from(NamedNode::new_unchecked("http://example.org/y"));
        assert_eq!(cell(&other, &labels), "<http://example.org/y>");
        let lit = Term::from(Literal::new_language_tagged_literal_unchecked(
            "Kabul", "en",
        ));
        assert_eq!(cell(&lit, &labels), "Kabul@en");
    }

    #[test]
    fn tables_end_with_the_row_count() {
        let answer = Answer::Solutions {
            variables: vec!["a".into()],
            rows: vec![vec![Some(Literal::from(1).into())], vec![None]],
        };
        let style = Style {
            format: None,
            terminal: true,
            width: None,
            labels_from: None,
        };
        let mut out = Vec::new();
        write(&mut out, &answer, &style).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("?a"), "{text}");
        assert!(text.ends_with("(2 rows)\n"), "{text}");
    }
}
