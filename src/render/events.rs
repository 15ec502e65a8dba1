//! Event records as the files conflict researchers' tools read: CSV (RFC 4180) and TSV with a
//! header row of GDELT/ICEWS-like column names, and JSON Lines with typed values. [`COLUMNS`] is
//! the one list of names and types: README's column table is checked against it.

use crate::events::Record;
use std::io::{self, Write};

/// The value type of a column, as README documents it and readers should parse it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A day, YYYY-MM-DD.
    Date,
    Integer,
    Float,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Text => "string",
            Kind::Date => "date",
            Kind::Integer => "integer",
            Kind::Float => "float",
        }
    }
}

/// One cell of a record.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Text(&'a str),
    Integer(Option<i64>),
    Float(Option<f64>),
}

type Get = for<'a> fn(&'a Record) -> Cell<'a>;

/// Every column, in the order written: name, type, and how to read it from a record.
pub const COLUMNS: &[(&str, Kind, Get)] = &[
    ("record_id", Kind::Integer, |r| {
        Cell::Integer(Some(r.record_id as i64))
    }),
    ("act_id", Kind::Text, |r| Cell::Text(&r.act_id)),
    ("act_kind", Kind::Text, |r| Cell::Text(r.act_kind)),
    ("statement_id", Kind::Text, |r| Cell::Text(&r.statement_id)),
    ("event_date", Kind::Date, |r| Cell::Text(&r.event_date)),
    ("date_earliest", Kind::Date, |r| {
        Cell::Text(&r.date_earliest)
    }),
    ("date_latest", Kind::Date, |r| Cell::Text(&r.date_latest)),
    ("date_precision", Kind::Text, |r| {
        Cell::Text(r.date_precision)
    }),
    ("source_actor", Kind::Text, |r| Cell::Text(&r.source.actor)),
    ("source_name", Kind::Text, |r| Cell::Text(&r.source.name)),
    ("source_side", Kind::Text, |r| Cell::Text(&r.source.side)),
    ("source_side_name", Kind::Text, |r| {
        Cell::Text(&r.source.side_name)
    }),
    ("source_country", Kind::Text, |r| {
        Cell::Text(&r.source.country)
    }),
    ("target_actor", Kind::Text, |r| Cell::Text(&r.target.actor)),
    ("target_name", Kind::Text, |r| Cell::Text(&r.target.name)),
    ("target_side", Kind::Text, |r| Cell::Text(&r.target.side)),
    ("target_side_name", Kind::Text, |r| {
        Cell::Text(&r.target.side_name)
    }),
    ("target_country", Kind::Text, |r| {
        Cell::Text(&r.target.country)
    }),
    ("act_type", Kind::Text, |r| Cell::Text(&r.coding.act_type)),
    ("act_type_label", Kind::Text, |r| {
        Cell::Text(&r.coding.act_type_label)
    }),
    ("cameo_code", Kind::Text, |r| {
        Cell::Text(&r.coding.cameo_code)
    }),
    ("cameo_base_code", Kind::Text, |r| {
        Cell::Text(prefix(&r.coding.cameo_code, 3))
    }),
    ("cameo_root_code", Kind::Text, |r| {
        Cell::Text(prefix(&r.coding.cameo_code, 2))
    }),
    ("cameo_label", Kind::Text, |r| {
        Cell::Text(&r.coding.cameo_label)
    }),
    ("plover_type", Kind::Text, |r| {
        Cell::Text(&r.coding.plover_type)
    }),
    ("plover_mode", Kind::Text, |r| {
        Cell::Text(&r.coding.plover_mode)
    }),
    ("plover_context", Kind::Text, |r| {
        Cell::Text(&r.coding.plover_context)
    }),
    ("quad_class", Kind::Integer, |r| {
        Cell::Integer(r.coding.quad_class)
    }),
    ("quad_class_label", Kind::Text, |r| {
        Cell::Text(&r.coding.quad_class_label)
    }),
    ("goldstein", Kind::Float, |r| {
        Cell::Float(r.coding.goldstein)
    }),
    ("attribution", Kind::Text, |r| Cell::Text(r.attribution)),
    ("attribution_modes", Kind::Text, |r| {
        Cell::Text(&r.attribution_modes)
    }),
    ("hedge", Kind::Text, |r| Cell::Text(&r.hedge)),
    ("channel", Kind::Text, |r| Cell::Text(&r.channel)),
    ("reported_by", Kind::Text, |r| Cell::Text(&r.reported_by)),
    ("document_id", Kind::Text, |r| Cell::Text(&r.document_id)),
    ("document_title", Kind::Text, |r| {
        Cell::Text(&r.document_title)
    }),
    ("document_url", Kind::Text, |r| Cell::Text(&r.document_url)),
    ("document_publisher", Kind::Text, |r| {
        Cell::Text(&r.document_publisher)
    }),
    ("document_date", Kind::Date, |r| {
        Cell::Text(&r.document_date)
    }),
    ("mention_id", Kind::Text, |r| Cell::Text(&r.mention_id)),
    ("quote", Kind::Text, |r| Cell::Text(&r.quote)),
    ("quote_start", Kind::Integer, |r| {
        Cell::Integer(r.quote_start)
    }),
    ("quote_end", Kind::Integer, |r| Cell::Integer(r.quote_end)),
];

/// The root (2 digits) or base (3 digits) of a CAMEO code; the code itself when shorter.
fn prefix(code: &str, n: usize) -> &str {
    code.get(..n).unwrap_or(code)
}

/// The file formats of `events`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EventFormat {
    /// Comma-separated values (RFC 4180): fields with commas, quotes or line breaks are quoted.
    Csv,
    /// Tab-separated values: a tab or line break inside a value is written as a space.
    Tsv,
    /// JSON Lines: one object per record, numbers as numbers, missing values as null.
    Jsonl,
}

/// Writes the records in `format`, with a header row for CSV and TSV.
pub fn write(out: &mut impl Write, records: &[Record], format: EventFormat) -> io::Result<()> {
    match format {
        EventFormat::Csv | EventFormat::Tsv => {
            let sep = if format == EventFormat::Csv {
                ","
            } else {
                "\t"
            };
            let header: Vec<&str> = COLUMNS.iter().map(|(name, _, _)| *name).collect();
            writeln!(out, "{}", header.join(sep))?;
            for r in records {
                let cells: Vec<String> = COLUMNS
                    .iter()
                    .map(|(_, _, get)| {
                        let text = plain(&get(r));
                        if format == EventFormat::Csv {
                            csv_field(&text)
                        } else {
                            text.replace(['\t', '\n', '\r'], " ")
                        }
                    })
                    .collect();
                writeln!(out, "{}", cells.join(sep))?;
            }
            Ok(())
        }
        EventFormat::Jsonl => {
            for r in records {
                let object: serde_json::Map<String, serde_json::Value> = COLUMNS
                    .iter()
                    .map(|(name, _, get)| ((*name).to_owned(), json(&get(r))))
                    .collect();
                serde_json::to_writer(&mut *out, &object)?;
                writeln!(out)?;
            }
            Ok(())
        }
    }
}

/// A cell as text; missing values are empty.
fn plain(cell: &Cell<'_>) -> String {
    match cell {
        Cell::Text(t) => (*t).to_owned(),
        Cell::Integer(i) => i.map(|i| i.to_string()).unwrap_or_default(),
        Cell::Float(f) => f.map(|f| format!("{f:.1}")).unwrap_or_default(),
    }
}

fn json(cell: &Cell<'_>) -> serde_json::Value {
    use serde_json::Value;
    match cell {
        Cell::Text("") => Value::Null,
        Cell::Text(t) => Value::String((*t).to_owned()),
        Cell::Integer(i) => i.map_or(Value::Null, Value::from),
        Cell::Float(f) => f.map_or(Value::Null, Value::from),
    }
}

/// A CSV field, quoted when it holds a comma, a quote or a line break (quotes doubled).
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_would_break_a_row() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn every_format_writes_one_line_per_record_and_a_header() {
        let record = Record {
            record_id: 7,
            act_id: "claim:x".into(),
            quote: "a \"quoted\", tab\there".into(),
            ..Record::default()
        };
        let run = |f| {
            let mut out = Vec::new();
            write(&mut out, std::slice::from_ref(&record), f).unwrap();
            String::from_utf8(out).unwrap()
        };
        let csv = run(EventFormat::Csv);
        assert_eq!(csv.lines().count(), 2);
        assert!(csv.starts_with("record_id,act_id,"), "{csv}");
        assert!(csv.contains("\"a \"\"quoted\"\", tab\there\""), "{csv}");
        let tsv = run(EventFormat::Tsv);
        assert_eq!(
            tsv.lines().nth(1).unwrap().split('\t').count(),
            COLUMNS.len()
        );
        let jsonl = run(EventFormat::Jsonl);
        let v: serde_json::Value = serde_json::from_str(jsonl.trim()).unwrap();
        assert_eq!(v["record_id"], 7);
        assert_eq!(v["goldstein"], serde_json::Value::Null);
        assert_eq!(v["quote"], "a \"quoted\", tab\there");
    }

    #[test]
    fn cameo_roots_and_bases_keep_leading_zeros() {
        assert_eq!(prefix("0871", 2), "08");
        assert_eq!(prefix("0871", 3), "087");
        assert_eq!(prefix("112", 3), "112");
        assert_eq!(prefix("", 2), "");
    }
}
