//! RDF graph and dataset formats, written by oxigraph's serializers with the known prefixes.

use super::Format;
use crate::error::Unwritable;
use crate::vocab;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer, WriterQuadSerializer};
use oxigraph::model::Triple;
use oxigraph::model::{Quad, QuadRef, Term, TripleRef};
use std::io::{self, Write};

/// Whether XML 1.0 forbids a character outright: it has no escape for these (not even `&#0;`).
pub fn not_in_xml(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// The first character of a term that XML cannot hold, if any.
pub fn first_not_in_xml(term: &Term) -> Option<char> {
    let text = match term {
        Term::NamedNode(n) => n.as_str(),
        Term::BlankNode(b) => b.as_str(),
        Term::Literal(l) => l.value(),
        #[allow(unreachable_patterns)]
        _ => return None,
    };
    text.chars().find(|c| not_in_xml(*c))
}

/// Refuses RDF/XML output of triples holding a character XML cannot carry, before anything is
/// written, rather than writing a document no XML parser reads.
fn refuse_for_xml<'a>(triples: impl IntoIterator<Item = TripleRef<'a>>) -> io::Result<()> {
    for t in triples {
        if let Some(ch) = first_not_in_xml(&t.object.into_owned()) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                Unwritable {
                    format: "RDF/XML",
                    ch,
                    where_: format!("in the object of {} {}", t.subject, t.predicate),
                    hint: "write N-Quads, Turtle, TriG or JSON-LD, which escape it",
                },
            ));
        }
    }
    Ok(())
}

/// The RDF format of an output format, `None` for the results formats.
pub fn rdf_format(format: Format) -> Option<RdfFormat> {
    Some(match format {
        Format::Turtle => RdfFormat::Turtle,
        Format::Ntriples => RdfFormat::NTriples,
        Format::Nquads => RdfFormat::NQuads,
        Format::Trig => RdfFormat::TriG,
        Format::Jsonld => RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
        Format::Rdfxml => RdfFormat::RdfXml,
        _ => return None,
    })
}

/// A serializer that declares the known prefixes where the format has prefixes.
pub fn serializer(format: RdfFormat) -> RdfSerializer {
    vocab::PREFIXES
        .iter()
        .fold(RdfSerializer::from_format(format), |s, (p, ns)| {
            s.with_prefix(*p, *ns)
                .expect("the predeclared prefixes are valid IRIs")
        })
}

/// Writes triples or quads one by one as they come, for graphs too large to keep. RDF/XML
/// refuses a triple holding a character XML cannot carry when it comes: whatever was written
/// before stays. Formats without named graphs get the triples of quads.
pub struct StreamWriter<W: Write> {
    writer: WriterQuadSerializer<W>,
    format: RdfFormat,
}

impl<W: Write> StreamWriter<W> {
    pub fn start(out: W, format: RdfFormat) -> StreamWriter<W> {
        StreamWriter {
            writer: serializer(format).for_writer(out),
            format,
        }
    }

    pub fn triple(&mut self, triple: TripleRef<'_>) -> io::Result<()> {
        if self.format == RdfFormat::RdfXml {
            refuse_for_xml([triple])?;
        }
        self.writer.serialize_triple(triple)
    }

    pub fn quad(&mut self, quad: QuadRef<'_>) -> io::Result<()> {
        if !self.format.supports_datasets() {
            return self.triple(quad.into());
        }
        self.writer.serialize_quad(quad)
    }

    pub fn finish(self) -> io::Result<W> {
        self.writer.finish()
    }
}

pub fn write_triples(
    out: &mut (impl Write + ?Sized),
    triples: &[Triple],
    format: RdfFormat,
) -> io::Result<()> {
    if format == RdfFormat::RdfXml {
        refuse_for_xml(triples.iter().map(Triple::as_ref))?;
    }
    let mut writer = serializer(format).for_writer(out);
    for t in triples {
        writer.serialize_triple(t)?;
    }
    writer.finish()?;
    Ok(())
}

/// Writes quads; formats without named graphs (Turtle, N-Triples, RDF/XML) get the triples of
/// the quads, so callers pick one graph first when that matters.
pub fn write_quads<'a>(
    out: &mut (impl Write + ?Sized),
    quads: impl IntoIterator<Item = &'a Quad> + Clone,
    format: RdfFormat,
) -> io::Result<()> {
    if format == RdfFormat::RdfXml {
        refuse_for_xml(
            quads
                .clone()
                .into_iter()
                .map(|q| TripleRef::from(q.as_ref())),
        )?;
    }
    let mut writer = serializer(format).for_writer(out);
    for q in quads {
        if format.supports_datasets() {
            writer.serialize_quad(q)?;
        } else {
            writer.serialize_triple(q.as_ref())?;
        }
    }
    writer.finish()?;
    Ok(())
}
