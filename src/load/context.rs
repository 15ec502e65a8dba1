//! Parse errors whose message needs the input's own text to be clear: a literal where N-Quads
//! wants a graph name (the parser calls it a bad subject), and a remote JSON-LD context (the
//! parser names an internal callback, and no position). The text is read again line by line,
//! only as far as the line needed and never more than a bounded part of any line.

use crate::corpus::{Content, Input};
use crate::error::Error;
use oxigraph::io::RdfFormat;
use std::io::{BufRead, BufReader, Read};

/// The most of one line read for an error message.
const MAX_LINE_BYTES: u64 = 64 << 10;

/// Rewords an input's parse error where the parser's words mislead.
pub fn reword(input: &Input, error: Error) -> Error {
    match error {
        Error::Syntax {
            origin,
            line,
            column,
            message,
        } if input.format == RdfFormat::NQuads && message.contains("subject") => {
            let message = match lines(input).and_then(|mut l| l.nth(line as usize - 1)) {
                Some(text) if literal_after_terms(&text, column) => {
                    "a literal cannot name a graph: the fourth term of an N-Quads line is an IRI or a blank node".to_owned()
                }
                _ => message,
            };
            Error::Syntax {
                origin,
                line,
                column,
                message,
            }
        }
        Error::SyntaxNoPosition { origin, message } if message.contains("LoadDocumentCallback") => {
            let found = lines(input).and_then(|lines| {
                lines
                    .enumerate()
                    .find_map(|(i, text)| remote_context(&text).map(|(c, iri)| (i, c, iri)))
            });
            let what = "remote JSON-LD contexts are not fetched (claimgraph reads no network); put the context in the file";
            match found {
                Some((i, column, iri)) => Error::Syntax {
                    origin,
                    line: i as u64 + 1,
                    column,
                    message: format!("the context {iri} is remote: {what}"),
                },
                None => Error::SyntaxNoPosition {
                    origin,
                    message: what.to_owned(),
                },
            }
        }
        other => other,
    }
}

/// The input's lines (each cut at [`MAX_LINE_BYTES`]), read lazily; `None` for an input that
/// cannot be read twice (a pipe).
fn lines(input: &Input) -> Option<Box<dyn Iterator<Item = String> + '_>> {
    let reader: Box<dyn BufRead> = match &input.content {
        Content::Bundled(bytes) => Box::new(*bytes),
        Content::Text(bytes) => Box::new(&bytes[..]),
        Content::File(path) => {
            let file = std::fs::File::open(path).ok()?;
            if !file.metadata().ok()?.is_file() {
                return None;
            }
            Box::new(BufReader::new(file))
        }
    };
    let mut reader = reader;
    Some(Box::new(std::iter::from_fn(move || {
        let mut line = Vec::new();
        let n = (&mut reader)
            .take(MAX_LINE_BYTES)
            .read_until(b'\n', &mut line)
            .ok()?;
        if n == 0 {
            return None;
        }
        if !line.ends_with(b"\n") {
            // Cut at the bound: skip the rest of the line.
            reader.skip_until(b'\n').ok()?;
        }
        Some(String::from_utf8_lossy(&line).into_owned())
    })))
}

/// Whether the character at `column` (1-based) starts a literal that follows other terms.
fn literal_after_terms(line: &str, column: u64) -> bool {
    let at = column.saturating_sub(1) as usize;
    let before: String = line.chars().take(at).collect();
    let here = line.chars().nth(at);
    matches!(here, Some('"' | '\'')) && !before.trim().is_empty()
}

/// Where `"@context"` names a remote document on this line: the column of its value and the
/// IRI.
fn remote_context(line: &str) -> Option<(u64, String)> {
    let key = line.find("\"@context\"")?;
    let rest = &line[key + "\"@context\"".len()..];
    let value = rest.trim_start().strip_prefix(':')?.trim_start();
    let value = value.strip_prefix('[').map_or(value, str::trim_start);
    let iri = value.strip_prefix('"')?.split('"').next()?.to_owned();
    let offset = line.len() - value.len();
    Some((line[..offset].chars().count() as u64 + 1, iri))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_literal_graph_name_is_told_from_a_subject() {
        let line = "<http://a/s> <http://a/p> <http://a/o> \"g\" .";
        assert!(literal_after_terms(line, 40));
        assert!(!literal_after_terms("\"s\" <p> <o> .", 1));
    }

    #[test]
    fn remote_contexts_are_found_on_their_line() {
        let line = "{ \"@context\": \"http://example.org/ctx\", \"@id\": \"x\" }";
        let (column, iri) = remote_context(line).unwrap();
        assert_eq!(iri, "http://example.org/ctx");
        assert_eq!(&line[column as usize - 1..column as usize], "\"");
        assert!(remote_context("{ \"@context\": { \"a\": \"b\" } }").is_none());
    }
}
