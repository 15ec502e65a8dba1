//! Aligned tables for people: IRIs shortened with the known prefixes and followed by their labels,
//! fitted to the terminal's width when there is one.

use super::Style;
use crate::query::Answer;
use crate::vocab;
use comfy_table::{ContentArrangement, Table, presets};
use oxigraph::model::Term;
use std::collections::HashMap;
use std::io::{self, Write};

pub fn write(out: &mut impl Write, answer: &Answer, style: &Style) -> io::Result<()> {
    let (variables, rows) = match answer {
        Answer::Boolean(b) => {
            return writeln!(out, "{b}");
        }
        Answer::Solutions { variables, rows } => (variables, rows),
        Answer::Graph(_) => unreachable!("graphs are written by render::rdf"),
    };
    let labels = &style.labels;
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    if let Some(width) = style.width {
        table.set_content_arrangement(ContentArrangement::Dynamic);
        table.set_width(width);
    }
    table.set_header(variables.iter().map(|v| format!("?{v}")));
    for row in rows {
        table.add_row(row.iter().map(|t| {
            let text = t.as_ref().map_or_else(String::new, |t| cell(t, labels));
            if style.terminal {
                for_terminal(&text)
            } else {
                text
            }
        }));
    }
    writeln!(out, "{table}")?;
    let n = rows.len();
    writeln!(out, "({n} row{})", if n == 1 { "" } else { "s" })
}

/// Text as a terminal should show it: control characters (an escape sequence would drive the
/// terminal: change its title, hide text, move the cursor) and invisible ones written as
/// escapes; line breaks are kept, since a cell may span lines.
pub fn for_terminal(text: &str) -> String {
    if !text
        .chars()
        .any(|c| c != '\n' && crate::error::is_invisible(c))
    {
        return text.to_owned();
    }
    text.split('\n')
        .map(crate::error::visible)
        .collect::<Vec<_>>()
        .join("\n")
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
            terminal: true,
            ..Style::default()
        };
        let mut out = Vec::new();
        write(&mut out, &answer, &style).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("?a"), "{text}");
        assert!(text.ends_with("(2 rows)\n"), "{text}");
    }
}
