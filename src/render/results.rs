//! SPARQL 1.1 results formats (JSON, XML, CSV, TSV), written by oxigraph's own serializers.

use super::Format;
use crate::query::Answer;
use oxigraph::model::Term;
use oxigraph::sparql::Variable;
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsSerializer, WriterSolutionsSerializer,
};
use std::io::{self, Write};

/// Refuses XML results holding a character XML cannot carry, before anything is written.
fn refuse_for_xml<'a>(
    variables: &[String],
    rows: impl IntoIterator<Item = &'a [Option<Term>]>,
) -> io::Result<()> {
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

fn results_format(format: Format) -> QueryResultsFormat {
    match format {
        Format::Csv => QueryResultsFormat::Csv,
        Format::Tsv => QueryResultsFormat::Tsv,
        Format::Xml => QueryResultsFormat::Xml,
        _ => QueryResultsFormat::Json,
    }
}

/// Writes a boolean answer (ASK).
pub fn write_boolean(out: impl Write, value: bool, format: Format) -> io::Result<()> {
    QueryResultsSerializer::from_format(results_format(format))
        .serialize_boolean_to_writer(out, value)
        .map(drop)
}

/// Writes solutions row by row as they come, for answers too large to keep. XML refuses a row
/// holding a character it cannot carry when the row comes: whatever was written before stays.
pub struct RowWriter<W: Write> {
    writer: WriterSolutionsSerializer<W>,
    names: Vec<String>,
    variables: Vec<Variable>,
    xml: bool,
}

impl<W: Write> RowWriter<W> {
    pub fn start(out: W, variables: &[String], format: Format) -> io::Result<RowWriter<W>> {
        let format = results_format(format);
        let vars: Vec<Variable> = variables.iter().map(Variable::new_unchecked).collect();
        let writer = QueryResultsSerializer::from_format(format)
            .serialize_solutions_to_writer(out, vars.clone())?;
        Ok(RowWriter {
            writer,
            names: variables.to_vec(),
            variables: vars,
            xml: format == QueryResultsFormat::Xml,
        })
    }

    pub fn row(&mut self, row: &[Option<Term>]) -> io::Result<()> {
        if self.xml {
            refuse_for_xml(&self.names, [row])?;
        }
        self.writer.serialize(
            self.variables
                .iter()
                .zip(row)
                .filter_map(|(v, t)| Some((v.as_ref(), t.as_ref()?.as_ref()))),
        )
    }

    pub fn finish(self) -> io::Result<W> {
        self.writer.finish()
    }
}

pub fn write(out: &mut impl Write, answer: &Answer, format: Format) -> io::Result<()> {
    let format = results_format(format);
    let serializer = QueryResultsSerializer::from_format(format);
    match answer {
        Answer::Boolean(b) => {
            serializer.serialize_boolean_to_writer(out, *b)?;
        }
        Answer::Solutions { variables, rows } => {
            if format == QueryResultsFormat::Xml {
                refuse_for_xml(variables, rows.iter().map(Vec::as_slice))?;
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
