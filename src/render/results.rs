//! SPARQL 1.1 results formats (JSON, XML, CSV, TSV), written by oxigraph's own serializers.

use super::Format;
use crate::query::Answer;
use oxigraph::model::Term;
use oxigraph::sparql::Variable;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use std::io::{self, Write};

/// Refuses XML results holding a character XML cannot carry, before anything is written.
fn refuse_for_xml(variables: &[String], rows: &[Vec<Option<Term>>]) -> io::Result<()> {
    for row in rows {
        for (v, term) in variables.iter().zip(row) {
            if let Some(ch) = term.as_ref().and_then(super::rdf::first_not_in_xml) {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    crate::error::Unwritable {
                        format: "SPARQL XML results",
                        ch,
                        where_: format!("in a value of ?{v}"),
                        hint: "use --format json, csv or tsv, which can carry it",
                    },
                ));
            }
        }
    }
    Ok(())
}

pub fn write(out: &mut impl Write, answer: &Answer, format: Format) -> io::Result<()> {
    let format = match format {
        Format::Csv => QueryResultsFormat::Csv,
        Format::Tsv => QueryResultsFormat::Tsv,
        Format::Xml => QueryResultsFormat::Xml,
        _ => QueryResultsFormat::Json,
    };
    let serializer = QueryResultsSerializer::from_format(format);
    match answer {
        Answer::Boolean(b) => {
            serializer.serialize_boolean_to_writer(out, *b)?;
        }
        Answer::Solutions { variables, rows } => {
            if format == QueryResultsFormat::Xml {
                refuse_for_xml(variables, rows)?;
            }
            let vars: Vec<Variable> = variables.iter().map(Variable::new_unchecked).collect();
            let mut writer = serializer.serialize_solutions_to_writer(out, vars.clone())?;
            for row in rows {
                writer.serialize(
                    vars.iter()
                        .zip(row)
                        .filter_map(|(v, t)| Some((v.as_ref(), t.as_ref()?.as_ref()))),
                )?;
            }
            writer.finish()?;
        }
        Answer::Graph(_) => unreachable!("graphs are written by render::rdf"),
    }
    Ok(())
}
