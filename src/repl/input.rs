//! When a query typed over several lines is complete: its braces balance and it parses, or it
//! ends with a `;` outside braces. A scanner skips strings, IRIs and comments so that braces and
//! semicolons inside them do not count.

use crate::error::Error;
use crate::query;

/// What a buffer of typed lines amounts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Completeness {
    /// Only blanks and comments: nothing to run.
    Empty,
    /// Wait for another line.
    Incomplete,
    /// Run this text (the terminating `;`, if any, removed).
    Complete(String),
}

/// What the scanner saw.
#[derive(Debug, Default)]
struct Scan {
    /// `{` minus `}` outside strings, IRIs and comments.
    depth: i64,
    /// A string is still open at the end.
    open_string: bool,
    /// Byte offset of a `;` that is the last thing outside comments, at depth 0.
    terminator: Option<usize>,
    /// Anything other than blanks and comments.
    content: bool,
    /// Byte offset just past the last character that is not a blank or in a comment.
    content_end: usize,
}

fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut scan = Scan::default();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'#' => {
                // A comment runs to the end of the line.
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b' ' | b'\t' | b'\r' | b'\n' => {
                i += 1;
                continue;
            }
            _ => {}
        }
        scan.content = true;
        scan.terminator = None;
        match c {
            b'"' | b'\'' => {
                let long = bytes[i..].starts_with(&[c, c, c]);
                let quote_len = if long { 3 } else { 1 };
                i += quote_len;
                let mut closed = false;
                while i < bytes.len() {
                    if bytes[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if !long && bytes[i] == b'\n' {
                        // A short string cannot span lines: the parser will say so.
                        break;
                    }
                    if bytes[i] == c && (!long || bytes[i..].starts_with(&[c, c, c])) {
                        i += quote_len;
                        closed = true;
                        break;
                    }
                    i += 1;
                }
                if !closed && long {
                    scan.open_string = true;
                }
                scan.content_end = i.min(bytes.len());
                continue;
            }
            b'<' => {
                // An IRI when a `>` closes it with only IRI characters between; otherwise the
                // less-than operator.
                let rest = &text[i + 1..];
                if let Some(end) = rest
                    .find(|ch: char| ch == '>' || ch.is_whitespace() || "<\"{}|^`\\".contains(ch))
                    && rest[end..].starts_with('>')
                {
                    i += end + 2;
                    scan.content_end = i;
                    continue;
                }
            }
            b'{' => scan.depth += 1,
            b'}' => scan.depth -= 1,
            b';' if scan.depth <= 0 => scan.terminator = Some(i),
            _ => {}
        }
        i += 1;
        scan.content_end = i;
    }
    scan
}

/// Decides whether `buffer` is ready to run.
pub fn assess(buffer: &str) -> Completeness {
    let scan = scan(buffer);
    if !scan.content {
        return Completeness::Empty;
    }
    if let Some(at) = scan.terminator {
        let text = &buffer[..at];
        return if scan_has_content(text) {
            Completeness::Complete(text.to_owned())
        } else {
            Completeness::Empty
        };
    }
    if scan.open_string || scan.depth > 0 {
        return Completeness::Incomplete;
    }
    match query::check_syntax(buffer, "") {
        Ok(()) => Completeness::Complete(buffer.to_owned()),
        // An error past the last thing typed means the parser wants more.
        Err(Error::QuerySyntax { line, column, .. })
            if error_offset(buffer, line, column).is_some_and(|at| at >= scan.content_end) =>
        {
            Completeness::Incomplete
        }
        // Any other error is reported when the query runs.
        Err(_) => Completeness::Complete(buffer.to_owned()),
    }
}

fn scan_has_content(text: &str) -> bool {
    scan(text).content
}

/// The byte offset a syntax error points at, from its 1-based line and column (in characters).
fn error_offset(text: &str, line: u64, column: u64) -> Option<usize> {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(usize::try_from(line).ok()?.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &text[line_start..];
    let column = usize::try_from(column).ok()?.saturating_sub(1);
    Some(
        line_start
            + rest
                .char_indices()
                .nth(column)
                .map_or(rest.len(), |(i, _)| i),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use Completeness::*;

    fn complete(text: &str) -> Completeness {
        Complete(text.to_owned())
    }

    #[test]
    fn blank_lines_and_comments_are_empty() {
        assert_eq!(assess(""), Empty);
        assert_eq!(assess("  \n# a comment { ;\n"), Empty);
        assert_eq!(assess(";"), Empty);
    }

    #[test]
    fn open_braces_wait_for_more() {
        assert_eq!(assess("SELECT * WHERE {"), Incomplete);
        assert_eq!(assess("SELECT * WHERE {\n ?s ?p ?o ;"), Incomplete);
        assert_eq!(assess("SELECT * WHERE { ?s ?p \"}\" "), Incomplete);
    }

    #[test]
    fn a_balanced_query_that_parses_is_complete() {
        let q = "SELECT * WHERE {\n ?s ?p ?o\n}";
        assert_eq!(assess(q), complete(q));
        let q = "ASK { ?s ?p <http://x/{not-a-brace}> }";
        // `{` is not an IRI character, so this `<` is an operator and the braces count: the
        // parser then reports the query, which is complete but wrong.
        assert!(matches!(assess(q), Complete(_)));
        let q = "ASK { ?s ?p <http://x/a#b> } # done {";
        assert_eq!(assess(q), complete(q));
    }

    #[test]
    fn a_query_the_parser_wants_more_of_waits() {
        assert_eq!(assess("SELECT ?s"), Incomplete);
        assert_eq!(assess("PREFIX ex: <http://example.org/>"), Incomplete);
        assert_eq!(assess("SELECT ?s\n# comment"), Incomplete);
    }

    #[test]
    fn an_error_before_the_end_is_complete_so_it_is_reported() {
        let q = "SELEKT * WHERE { ?s ?p ?o }";
        assert_eq!(assess(q), complete(q));
    }

    #[test]
    fn an_error_at_the_end_waits_since_more_may_come_and_a_semicolon_forces_it() {
        // The parser reports the furthest point it reached, here the end; the query may go on
        // (a CONSTRUCT template is followed by WHERE), so only `;` says it is all there.
        assert_eq!(assess("ASK { ?s ?p }"), Incomplete);
        assert_eq!(assess("CONSTRUCT { ?s ?p ?o }"), Incomplete);
        assert_eq!(assess("ASK { ?s ?p };"), complete("ASK { ?s ?p }"));
    }

    #[test]
    fn a_semicolon_outside_braces_ends_the_input() {
        assert_eq!(
            assess("SELECT * WHERE { ?s ?p ?o }\nLIMIT 3;"),
            complete("SELECT * WHERE { ?s ?p ?o }\nLIMIT 3")
        );
        assert_eq!(assess("SELECT ?s ;  # run it"), complete("SELECT ?s "));
        assert_eq!(
            assess("SELECT * { ?s ?p \";\" }"),
            complete("SELECT * { ?s ?p \";\" }")
        );
    }

    #[test]
    fn long_strings_hide_braces_until_closed() {
        assert_eq!(assess("ASK { ?s ?p \"\"\"a\n}"), Incomplete);
        let q = "ASK { ?s ?p \"\"\"a\n}\"\"\" }";
        assert_eq!(assess(q), complete(q));
    }

    #[test]
    fn less_than_is_an_operator_when_no_iri_follows() {
        let q = "SELECT * WHERE { ?s ?p ?o FILTER (?o < 3 && ?o > 1) }";
        assert_eq!(assess(q), complete(q));
    }
}
