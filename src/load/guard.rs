//! A reader between an RDF input and its parser that refuses what the parsers would mishandle,
//! at the exact line and column, as the bytes stream by (nothing is read twice): bytes that are
//! not UTF-8, input past a size limit (a pipe or device that never ends), and, for RDF/XML,
//! what [`super::xml`] refuses. It also turns a leading byte order mark into a space, which the
//! Turtle family of parsers would take for the start of a term.

use super::xml::XmlGuard;
use std::io::{self, BufRead, Read};

/// Why an input was refused, carried through the parser inside an `io::Error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub line: u64,
    pub column: u64,
    pub kind: RefusalKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefusalKind {
    NotUtf8,
    /// The input is not well-formed: what is wrong.
    Syntax(String),
    /// A bound was reached: which, and what to do about it.
    Limit(String, &'static str),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match &self.kind {
            RefusalKind::NotUtf8 => "not valid UTF-8",
            RefusalKind::Syntax(m) | RefusalKind::Limit(m, _) => m,
        };
        write!(f, "{}:{}: {what}", self.line, self.column)
    }
}

impl std::error::Error for Refusal {}

impl Refusal {
    pub fn into_io(self) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, self)
    }

    /// The refusal inside an error a parser returned, if it is one.
    pub fn find(e: &io::Error) -> Option<&Refusal> {
        let mut inner: Option<&(dyn std::error::Error + 'static)> = Some(e.get_ref()?);
        while let Some(error) = inner {
            if let Some(refusal) = error.downcast_ref::<Refusal>() {
                return Some(refusal);
            }
            inner = error.source();
        }
        None
    }
}

/// A line and column (1-based, in characters) that follows the bytes it is shown.
#[derive(Debug, Clone, Copy)]
pub struct Position {
    pub line: u64,
    pub column: u64,
}

impl Default for Position {
    fn default() -> Self {
        Position { line: 1, column: 1 }
    }
}

impl Position {
    /// Moves past one byte: a newline starts a line; a UTF-8 continuation byte is part of the
    /// character before it.
    #[inline]
    pub fn advance(&mut self, byte: u8) {
        if byte == b'\n' {
            self.line += 1;
            self.column = 1;
        } else if byte & 0xC0 != 0x80 {
            self.column += 1;
        }
    }

    pub fn refuse(self, kind: RefusalKind) -> Refusal {
        Refusal {
            line: self.line,
            column: self.column,
            kind,
        }
    }
}

/// What to do with a byte order mark at the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bom {
    /// Leave it: the parser skips it (RDF/XML, JSON-LD).
    Keep,
    /// Replace it with a space, which keeps every column where the editor shows it.
    Space,
}

/// The guarding reader; see the module documentation.
pub struct Guard<R> {
    inner: R,
    bom: Bom,
    started: bool,
    /// The end of a character split between two reads.
    partial: Vec<u8>,
    /// Where the next byte stands.
    position: Position,
    read: u64,
    limit: Option<u64>,
    xml: Option<XmlGuard>,
    failed: Option<Refusal>,
}

impl<R: BufRead> Guard<R> {
    /// Guards `inner`; `limit` bounds how many bytes are read, `xml` checks RDF/XML.
    pub fn new(inner: R, bom: Bom, limit: Option<u64>, xml: bool) -> Self {
        Guard {
            inner,
            bom,
            started: false,
            partial: Vec::new(),
            position: Position::default(),
            read: 0,
            limit,
            xml: xml.then(XmlGuard::default),
            failed: None,
        }
    }

    /// Checks a chunk that is about to be handed to the parser.
    fn check(&mut self, chunk: &[u8]) -> Result<(), Refusal> {
        self.read += chunk.len() as u64;
        if let Some(limit) = self.limit.filter(|l| self.read > *l) {
            return Err(self.position.refuse(RefusalKind::Limit(
                format!(
                    "input longer than {} MiB from a pipe or device",
                    limit >> 20
                ),
                "save it to a file first: files are read whatever their size",
            )));
        }
        if let Some(xml) = &mut self.xml {
            xml.feed(chunk, self.read)?;
        }
        let mut joined;
        let bytes = if self.partial.is_empty() {
            chunk
        } else {
            joined = std::mem::take(&mut self.partial);
            joined.extend_from_slice(chunk);
            &joined[..]
        };
        let valid = match std::str::from_utf8(bytes) {
            Ok(_) => bytes.len(),
            Err(e) if e.error_len().is_none() => {
                // A character cut by the end of this read: check it with the next one.
                self.partial = bytes[e.valid_up_to()..].to_vec();
                e.valid_up_to()
            }
            Err(e) => {
                let mut at = self.position;
                bytes[..e.valid_up_to()].iter().for_each(|b| at.advance(*b));
                return Err(at.refuse(RefusalKind::NotUtf8));
            }
        };
        bytes[..valid]
            .iter()
            .for_each(|b| self.position.advance(*b));
        Ok(())
    }

    fn finish(&mut self) -> Result<(), Refusal> {
        if !self.partial.is_empty() {
            return Err(self.position.refuse(RefusalKind::NotUtf8));
        }
        match &mut self.xml {
            Some(xml) => xml.finish(),
            None => Ok(()),
        }
    }
}

impl<R: BufRead> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(refusal) = &self.failed {
            return Err(refusal.clone().into_io());
        }
        if !self.started {
            self.started = true;
            if self.bom == Bom::Space && self.inner.fill_buf()?.starts_with(b"\xEF\xBB\xBF") {
                self.inner.consume(3);
                if let Some(first) = buf.first_mut() {
                    *first = b' ';
                    self.read += 3;
                    self.position.advance(b' ');
                    return Ok(1);
                }
            }
        }
        let n = self.inner.read(buf)?;
        let checked = if n == 0 {
            self.finish()
        } else {
            self.check(&buf[..n])
        };
        match checked {
            Ok(()) => Ok(n),
            Err(refusal) => {
                self.failed = Some(refusal.clone());
                Err(refusal.into_io())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8], bom: Bom, limit: Option<u64>) -> Result<Vec<u8>, Refusal> {
        // One byte at a time, the worst case for characters cut between reads (but the byte
        // order mark is looked for in the first buffer, as a file's reader fills it).
        let capacity = if bom == Bom::Space { 8 } else { 1 };
        let reader = io::BufReader::with_capacity(capacity, bytes);
        let mut guard = Guard::new(reader, bom, limit, false);
        let mut out = Vec::new();
        guard
            .read_to_end(&mut out)
            .map_err(|e| Refusal::find(&e).cloned().unwrap())?;
        Ok(out)
    }

    #[test]
    fn invalid_utf8_is_placed_exactly() {
        let text = "ab\n“c”\u{e9}".as_bytes();
        assert_eq!(read_all(text, Bom::Keep, None).unwrap(), text);
        let mut bad = "ab\n“c”".as_bytes().to_vec();
        bad.push(0xFF);
        let refusal = read_all(&bad, Bom::Keep, None).unwrap_err();
        assert_eq!((refusal.line, refusal.column), (2, 4));
        let cut = &"é".as_bytes()[..1];
        assert_eq!(
            read_all(cut, Bom::Keep, None).unwrap_err().kind,
            RefusalKind::NotUtf8
        );
    }

    #[test]
    fn a_byte_order_mark_becomes_a_space() {
        let out = read_all(b"\xEF\xBB\xBF<a> <b> <c> .", Bom::Space, None).unwrap();
        assert_eq!(out, b" <a> <b> <c> .");
    }

    #[test]
    fn a_limit_stops_an_endless_input() {
        let refusal = read_all(&[b'a'; 100], Bom::Keep, Some(10)).unwrap_err();
        assert!(matches!(refusal.kind, RefusalKind::Limit(..)));
    }
}
