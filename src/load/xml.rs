//! What the RDF/XML parser accepts but should not, checked on the bytes as they stream by:
//! entity expansion beyond a small bound (a 652-byte file of nested entities expands to a
//! gigabyte), entities that are undefined, external or recursive, characters XML forbids, tags
//! that close the wrong element, and a document that is empty or ends before its elements are
//! closed (truncated files loaded as if whole). Each refusal names its line and column.

use super::guard::{Position, Refusal, RefusalKind};
use std::collections::HashMap;

/// The most one entity reference may expand to. Entities in RDF/XML abbreviate namespace IRIs,
/// tens of bytes each.
pub const MAX_ENTITY_BYTES: u64 = 64 << 10;
/// The most all references together may expand to, beyond four times the bytes read.
pub const MAX_EXPANSION_BYTES: u64 = 16 << 20;
/// The most a DOCTYPE (where entities are declared) may hold.
const MAX_DOCTYPE_BYTES: usize = 1 << 20;
/// The longest entity name followed.
const MAX_NAME_BYTES: usize = 256;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum State {
    #[default]
    Text,
    /// After `<`.
    Open,
    /// In the name of a start tag (`end` false) or end tag.
    Name {
        end: bool,
    },
    /// In a start tag after its name; `slash` when the last byte was `/`.
    Attributes {
        slash: bool,
    },
    /// In an attribute value closed by `quote`.
    Value {
        quote: u8,
    },
    /// After an end tag's name, before `>`.
    EndRest,
    /// After `<!`: a comment, a CDATA section or a DOCTYPE.
    Bang,
    Comment,
    CData,
    Instruction,
    Doctype,
}

/// The streaming checker; [`XmlGuard::feed`] takes each chunk, [`XmlGuard::finish`] the end.
#[derive(Debug, Default)]
pub struct XmlGuard {
    state: State,
    position: Position,
    /// The last three bytes, to see `-->`, `]]>` and `?>` across chunks.
    tail: [u8; 3],
    /// Bytes collected by the state: a tag name, the opening of `<!`, a DOCTYPE.
    buffer: Vec<u8>,
    /// Where the tag or declaration being read started.
    started_at: Option<(u64, u64)>,
    /// Open elements, with where each started.
    open: Vec<(String, u64, u64)>,
    root_seen: bool,
    /// An entity reference being read (`&name;`), from where and in which state.
    reference: Option<(Vec<u8>, Position, State)>,
    /// Declared entities and what each expands to, in bytes.
    entities: HashMap<String, u64>,
    expanded: u64,
}

impl XmlGuard {
    /// Checks the next chunk; `read` is how many bytes the input has given so far.
    pub fn feed(&mut self, chunk: &[u8], read: u64) -> Result<(), Refusal> {
        for &byte in chunk {
            if byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r') {
                return Err(
                    self.refuse(format!("the character U+{byte:04X} is not allowed in XML"))
                );
            }
            if self.reference.is_some() {
                self.reference_byte(byte, read)?;
            } else {
                self.byte(byte)?;
            }
            self.tail = [self.tail[1], self.tail[2], byte];
            self.position.advance(byte);
        }
        Ok(())
    }

    /// The input ended: it must have held a root element, and closed everything it opened.
    pub fn finish(&mut self) -> Result<(), Refusal> {
        if let Some((name, line, column)) = self.open.last() {
            return Err(self.refuse(format!(
                "the document ends before <{name}>, opened at {line}:{column}, is closed (is the file truncated?)"
            )));
        }
        if self.state != State::Text || self.reference.is_some() {
            return Err(self.refuse(
                "the document ends inside a tag, comment or declaration (is the file truncated?)"
                    .into(),
            ));
        }
        if !self.root_seen {
            return Err(self.refuse(
                "no element: an RDF/XML document holds at least <rdf:RDF> or one node element"
                    .into(),
            ));
        }
        Ok(())
    }

    fn refuse(&self, message: String) -> Refusal {
        self.position.refuse(RefusalKind::Syntax(message))
    }

    fn here(&self) -> (u64, u64) {
        (self.position.line, self.position.column)
    }

    fn byte(&mut self, byte: u8) -> Result<(), Refusal> {
        use State as S;
        self.state = match (self.state, byte) {
            (S::Text, b'<') => {
                self.started_at = Some(self.here());
                self.buffer.clear();
                S::Open
            }
            (S::Text, b'&') | (S::Value { .. }, b'&') => {
                self.reference = Some((Vec::new(), self.position, self.state));
                self.state
            }
            (S::Text, _) => S::Text,
            (S::Open, b'/') => S::Name { end: true },
            (S::Open, b'!') => S::Bang,
            (S::Open, b'?') => S::Instruction,
            (S::Open, _) => {
                self.buffer.push(byte);
                S::Name { end: false }
            }
            (S::Name { end }, b) if b.is_ascii_whitespace() || b == b'>' || b == b'/' => {
                let name = String::from_utf8_lossy(&self.buffer).into_owned();
                if end {
                    self.close(&name)?;
                    if b == b'>' { S::Text } else { S::EndRest }
                } else {
                    let (line, column) = self.started_at.unwrap_or((1, 1));
                    self.root_seen = true;
                    self.open.push((name, line, column));
                    match b {
                        b'>' => S::Text,
                        b'/' => S::Attributes { slash: true },
                        _ => S::Attributes { slash: false },
                    }
                }
            }
            (S::Name { end }, _) => {
                self.buffer.push(byte);
                S::Name { end }
            }
            (S::Attributes { slash }, b'>') => {
                if slash {
                    self.open.pop();
                }
                S::Text
            }
            (S::Attributes { .. }, b'"' | b'\'') => S::Value { quote: byte },
            (S::Attributes { .. }, b'/') => S::Attributes { slash: true },
            (S::Attributes { .. }, _) => S::Attributes { slash: false },
            (S::Value { quote }, b) if b == quote => S::Attributes { slash: false },
            (S::Value { quote }, b'<') => {
                return Err(self.refuse(format!(
                    "`<` inside an attribute value (opened by {})",
                    quote as char
                )));
            }
            (S::Value { quote }, _) => S::Value { quote },
            (S::EndRest, b'>') => S::Text,
            (S::EndRest, _) => S::EndRest,
            (S::Bang, _) => {
                self.buffer.push(byte);
                self.bang()?
            }
            (S::Comment, b'>') if self.tail[1..] == *b"--" => S::Text,
            (S::CData, b'>') if self.tail[1..] == *b"]]" => S::Text,
            (S::Instruction, b'>') if self.tail[2] == b'?' => S::Text,
            (s @ (S::Comment | S::CData | S::Instruction), _) => s,
            (S::Doctype, _) => {
                self.buffer.push(byte);
                self.doctype()?
            }
        };
        Ok(())
    }

    /// Decides what `<!` opens once enough of it is read.
    fn bang(&mut self) -> Result<State, Refusal> {
        let seen = self.buffer.as_slice();
        for (opening, state) in [
            (&b"--"[..], State::Comment),
            (b"[CDATA[", State::CData),
            (b"DOCTYPE", State::Doctype),
        ] {
            if seen == opening {
                if state == State::Doctype {
                    self.buffer = b"<!DOCTYPE".to_vec();
                }
                return Ok(state);
            }
            if opening.starts_with(seen) {
                return Ok(State::Bang);
            }
        }
        Err(self.refuse(format!(
            "unexpected <!{}: only comments, CDATA sections and a DOCTYPE begin with <!",
            String::from_utf8_lossy(seen)
        )))
    }

    /// Collects the DOCTYPE until its end, then reads its entity declarations.
    fn doctype(&mut self) -> Result<State, Refusal> {
        if self.buffer.len() > MAX_DOCTYPE_BYTES {
            return Err(self.position.refuse(RefusalKind::Limit(
                format!("a DOCTYPE longer than {} KiB", MAX_DOCTYPE_BYTES >> 10),
                "RDF/XML needs no DOCTYPE beyond a few entity declarations",
            )));
        }
        if self.buffer.last() != Some(&b'>') || !doctype_complete(&self.buffer) {
            return Ok(State::Doctype);
        }
        let (line, column) = self.started_at.unwrap_or((1, 1));
        let at = Position { line, column };
        self.entities =
            entity_sizes(&String::from_utf8_lossy(&self.buffer)).map_err(|kind| at.refuse(kind))?;
        Ok(State::Text)
    }

    fn close(&mut self, name: &str) -> Result<(), Refusal> {
        match self.open.pop() {
            Some((open, _, _)) if open == name => Ok(()),
            Some((open, line, column)) => Err(self.refuse(format!(
                "</{name}> does not close <{open}>, opened at {line}:{column}"
            ))),
            None => Err(self.refuse(format!("</{name}> closes no element"))),
        }
    }

    /// A byte of an entity reference: its name up to `;`.
    fn reference_byte(&mut self, byte: u8, read: u64) -> Result<(), Refusal> {
        let Some((name, at, state)) = &mut self.reference else {
            return Ok(());
        };
        if byte != b';' {
            if name.len() < MAX_NAME_BYTES && !byte.is_ascii_whitespace() && byte != b'<' {
                name.push(byte);
                return Ok(());
            }
            // Not a reference: the parser reports the bare `&`.
            let state = *state;
            self.reference = None;
            self.state = state;
            return self.byte(byte);
        }
        let (name, at, state) = (String::from_utf8_lossy(name).into_owned(), *at, *state);
        self.reference = None;
        self.state = state;
        if name.starts_with('#') || ["lt", "gt", "amp", "apos", "quot"].contains(&name.as_str()) {
            return Ok(());
        }
        let Some(&size) = self.entities.get(&name) else {
            return Err(at.refuse(RefusalKind::Syntax(format!(
                "the entity &{name}; is not declared"
            ))));
        };
        self.expanded = self.expanded.saturating_add(size);
        let bound = MAX_EXPANSION_BYTES.saturating_add(read.saturating_mul(4));
        if self.expanded > bound {
            return Err(at.refuse(RefusalKind::Limit(
                format!(
                    "entity references expand to more than {} MiB here, four times the {} bytes read plus {} MiB",
                    bound >> 20,
                    read,
                    MAX_EXPANSION_BYTES >> 20
                ),
                "write the text itself instead of entity references; claimgraph bounds entity expansion",
            )));
        }
        Ok(())
    }
}

/// Whether a DOCTYPE ending in `>` is complete: outside quotes, its internal subset is closed.
fn doctype_complete(text: &[u8]) -> bool {
    let mut quote = None;
    let mut depth = 0i32;
    for &b in text {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'[') => depth += 1,
            (None, b']') => depth -= 1,
            _ => {}
        }
    }
    quote.is_none() && depth <= 0
}

/// The entities a DOCTYPE declares, with the bytes each expands to; entities that cannot be
/// expanded safely (external, parameter, recursive, undeclared, too large) are refused.
fn entity_sizes(doctype: &str) -> Result<HashMap<String, u64>, RefusalKind> {
    let syntax = |m: String| RefusalKind::Syntax(m);
    let mut values: HashMap<String, String> = HashMap::new();
    for declaration in doctype.split("<!ENTITY").skip(1) {
        let declaration = declaration.trim_start();
        if declaration.starts_with('%') {
            return Err(syntax(
                "parameter entities (<!ENTITY % ...>) are not supported".into(),
            ));
        }
        let name: String = declaration
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect();
        let rest = declaration[name.len()..].trim_start();
        let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            return Err(syntax(format!(
                "the entity &{name}; is external (SYSTEM or PUBLIC): claimgraph reads no other file or address"
            )));
        };
        if quote == '\'' {
            return Err(syntax(format!(
                "the value of the entity &{name}; is in single quotes, which the RDF/XML parser does not read; use double quotes"
            )));
        }
        let Some(end) = rest[1..].find(quote) else {
            return Err(syntax(format!(
                "the value of the entity &{name}; is not closed"
            )));
        };
        values.insert(name, rest[1..1 + end].to_owned());
    }
    let mut sizes = HashMap::new();
    for name in values.keys() {
        size_of(name, &values, &mut sizes, &mut Vec::new())?;
    }
    Ok(sizes)
}

/// The expanded size of an entity, with the sizes of those it uses; `path` holds the entities
/// being expanded, to find recursion. Sizes stop growing at the bound, which is refused.
fn size_of(
    name: &str,
    values: &HashMap<String, String>,
    sizes: &mut HashMap<String, u64>,
    path: &mut Vec<String>,
) -> Result<u64, RefusalKind> {
    if let Some(&size) = sizes.get(name) {
        return Ok(size);
    }
    if path.iter().any(|p| p == name) {
        return Err(RefusalKind::Syntax(format!(
            "the entity &{name}; refers to itself through {}",
            path.join(", ")
        )));
    }
    let Some(value) = values.get(name) else {
        return Err(RefusalKind::Syntax(format!(
            "the entity &{name}; is used in a declaration but never declared"
        )));
    };
    path.push(name.to_owned());
    let mut size = 0u64;
    let mut rest = value.as_str();
    while let Some(amp) = rest.find('&') {
        size += amp as u64;
        let after = &rest[amp + 1..];
        let Some(semi) = after.find(';') else {
            size += after.len() as u64 + 1;
            break;
        };
        let inner = &after[..semi];
        size += if inner.starts_with('#') || ["lt", "gt", "amp", "apos", "quot"].contains(&inner) {
            4
        } else {
            size_of(inner, values, sizes, path)?
        };
        if size > MAX_ENTITY_BYTES {
            break;
        }
        rest = &after[semi + 1..];
    }
    if !rest.contains('&') {
        size += rest.len() as u64;
    }
    path.pop();
    if size > MAX_ENTITY_BYTES {
        return Err(RefusalKind::Limit(
            format!(
                "the entity &{name}; expands to more than {} KiB; claimgraph expands entities of at most {} KiB",
                MAX_ENTITY_BYTES >> 10,
                MAX_ENTITY_BYTES >> 10
            ),
            "write the text itself instead of nested entity references",
        ));
    }
    sizes.insert(name.to_owned(), size);
    Ok(size)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Result<(), Refusal> {
        let mut guard = XmlGuard::default();
        // In small pieces, so every state is crossed by a chunk boundary somewhere.
        for piece in text.as_bytes().chunks(3) {
            guard.feed(piece, text.len() as u64)?;
        }
        guard.finish()
    }

    const RDF: &str = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">";

    #[test]
    fn a_whole_document_passes() {
        let doc = format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [ <!ENTITY x \"http://x/\"> ]>\n{RDF}<!-- a <comment> -->\n<rdf:Description rdf:about=\"&x;a\" a=\"1>2\"><p><![CDATA[<]]>&amp;</p><q/></rdf:Description></rdf:RDF>\n"
        );
        check(&doc).unwrap();
    }

    #[test]
    fn truncated_and_empty_documents_are_refused() {
        let e = check(&format!("{RDF}\n<rdf:Description>")).unwrap_err();
        assert!(
            format!("{e}").contains("<rdf:Description>, opened at 2:1"),
            "{e}"
        );
        assert!(check("").unwrap_err().to_string().contains("no element"));
        assert!(check("<?xml version=\"1.0\"?>\n").is_err());
        let e = check(&format!("{RDF}<a></b></rdf:RDF>")).unwrap_err();
        assert!(e.to_string().contains("</b> does not close <a>"), "{e}");
    }

    #[test]
    fn entity_expansion_is_bounded() {
        let mut decls = String::from("<!ENTITY a \"aaaaaaaaaa\">");
        for (prev, name) in ["a", "b", "c", "d", "e"]
            .iter()
            .zip(["b", "c", "d", "e", "f"])
        {
            decls.push_str(&format!(
                "<!ENTITY {name} \"{}\">",
                format!("&{prev};").repeat(10)
            ));
        }
        let doc = format!("<!DOCTYPE r [{decls}]>{RDF}<p>&f;</p></rdf:RDF>");
        let e = check(&doc).unwrap_err();
        assert!(matches!(e.kind, RefusalKind::Limit(..)), "{e}");
        let many = format!(
            "<!DOCTYPE r [<!ENTITY d \"{}\">]>{RDF}<p>{}</p></rdf:RDF>",
            "x".repeat(60_000),
            "&d;".repeat(400)
        );
        assert!(matches!(
            check(&many).unwrap_err().kind,
            RefusalKind::Limit(..)
        ));
    }

    #[test]
    fn bad_entities_are_refused_where_they_stand() {
        let e = check(&format!("{RDF}\n<p>x &nope;</p></rdf:RDF>")).unwrap_err();
        assert_eq!((e.line, e.column), (2, 6));
        let rec = "<!DOCTYPE r [<!ENTITY a \"&b;\"><!ENTITY b \"&a;\">]><r/>";
        assert!(
            check(rec)
                .unwrap_err()
                .to_string()
                .contains("refers to itself")
        );
        let ext = "<!DOCTYPE r [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><r/>";
        assert!(check(ext).unwrap_err().to_string().contains("external"));
        assert!(
            check("<r>\0</r>")
                .unwrap_err()
                .to_string()
                .contains("U+0000")
        );
    }
}
