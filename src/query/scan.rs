//! A lexical pass over SPARQL text before it is parsed: how deep its brackets nest (the parser
//! recurses once per level, so deep input must be refused before it can exhaust the stack), the
//! variables it names, its first keyword and any closing bracket with nothing open. Strings, IRIs
//! and comments are skipped, so a `?x` or a `}` inside them counts for nothing.

/// The deepest nesting of `{`, `(` and `[` a query may have. Queries people write stay well under
/// twenty; generated ones rarely pass fifty.
pub const MAX_NESTING: usize = 128;

/// What the lexical pass saw.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Lexed {
    /// Variable names, without `?` or `$`, in order of appearance (repeats included).
    pub variables: Vec<String>,
    /// The first word that is not part of the prologue (PREFIX, BASE), and its byte offset.
    pub first_word: Option<(String, usize)>,
    /// The byte offset of the first bracket that nests deeper than [`MAX_NESTING`].
    pub too_deep: Option<usize>,
    /// The byte offset of the first closing bracket with nothing open.
    pub stray_close: Option<usize>,
    /// Anything other than blanks and comments.
    pub content: bool,
}

/// Characters of a variable name after its sigil (SPARQL's VARNAME, with any letter or digit).
fn is_name_char(c: char) -> bool {
    c.is_alphanumeric()
        || c == '_'
        || c == '\u{B7}'
        || ('\u{300}'..='\u{36F}').contains(&c)
        || ('\u{203F}'..='\u{2040}').contains(&c)
}

/// The byte length of an IRI reference starting at `rest` (which starts with `<`), or `None`
/// when this `<` is the less-than operator.
fn iri_len(rest: &str) -> Option<usize> {
    let body = &rest[1..];
    let end = body.find(|c: char| {
        c == '>' || c <= ' ' || matches!(c, '<' | '"' | '{' | '}' | '|' | '^' | '`' | '\\')
    })?;
    body[end..].starts_with('>').then_some(end + 2)
}

/// The byte length of a string literal starting at `rest` (at its opening quote); an unclosed
/// string runs to the end of the line (short) or of the text (long).
fn string_len(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    let quote = bytes[0];
    let long = bytes.len() >= 3 && bytes[1] == quote && bytes[2] == quote;
    let mut i = if long { 3 } else { 1 };
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\n' if !long => return i,
            b if b == quote && (!long || bytes[i..].starts_with(&[quote; 3])) => {
                return i + if long { 3 } else { 1 };
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Scans a query's text.
pub fn lex(text: &str) -> Lexed {
    let mut lexed = Lexed::default();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let rest = &text[i..];
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if c == '#' {
            i += rest.find('\n').unwrap_or(rest.len());
            continue;
        }
        lexed.content = true;
        let len = match c {
            '"' | '\'' => string_len(rest),
            '<' => iri_len(rest).unwrap_or(1),
            '?' | '$' => {
                let name: String = rest[1..].chars().take_while(|&c| is_name_char(c)).collect();
                let len = 1 + name.len();
                if !name.is_empty() {
                    lexed.variables.push(name);
                }
                len
            }
            '{' | '(' | '[' => {
                depth += 1;
                if depth > MAX_NESTING && lexed.too_deep.is_none() {
                    lexed.too_deep = Some(i);
                }
                1
            }
            '}' | ')' | ']' => {
                if depth == 0 {
                    lexed.stray_close.get_or_insert(i);
                } else {
                    depth -= 1;
                }
                1
            }
            c if c.is_alphabetic() || c == '_' => {
                let len = rest
                    .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | ':' | '.')))
                    .unwrap_or(rest.len());
                let word = rest[..len].trim_end_matches('.');
                let keyword = !word.contains(':')
                    && !word.eq_ignore_ascii_case("PREFIX")
                    && !word.eq_ignore_ascii_case("BASE");
                if keyword && lexed.first_word.is_none() {
                    lexed.first_word = Some((word.to_owned(), i));
                }
                len.max(1)
            }
            c => c.len_utf8(),
        };
        i += len;
    }
    lexed
}

/// The 1-based line and column (in characters) of a byte offset, as errors show positions.
pub fn line_column(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() as u64 + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u64 + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_in_strings_iris_and_comments_do_not_count() {
        let lexed = lex("SELECT ?s WHERE { ?s ?p \"?x\" . <http://a/?y> ?p $z } # ?w\n");
        assert_eq!(lexed.variables, ["s", "s", "p", "p", "z"]);
        assert_eq!(lexed.first_word, Some(("SELECT".to_owned(), 0)));
    }

    #[test]
    fn the_prologue_is_not_the_first_word() {
        let lexed = lex("PREFIX ex: <http://e/> BASE <http://b/>\nINSERT DATA { }");
        assert_eq!(lexed.first_word.map(|(w, _)| w).as_deref(), Some("INSERT"));
        assert!(!lex("  # nothing\n").content);
    }

    #[test]
    fn deep_and_stray_brackets_are_found() {
        let deep = format!("ASK {{ FILTER({}1{}) }}", "(".repeat(200), ")".repeat(200));
        let at = lex(&deep).too_deep.unwrap();
        assert_eq!(&deep[at..at + 1], "(");
        assert_eq!(
            lex(&format!("ASK {{ {} }}", "(".repeat(100))).too_deep,
            None
        );
        assert_eq!(lex("ASK { ?s ?p ?o } }").stray_close, Some(17));
        assert_eq!(lex("ASK { ?s ?p \"}\" }").stray_close, None);
    }

    #[test]
    fn positions_count_characters() {
        assert_eq!(line_column("ab\n“c”d", 3), (2, 1));
        assert_eq!(line_column("ab\n“c”d", "ab\n“c”".len()), (2, 4));
    }
}
