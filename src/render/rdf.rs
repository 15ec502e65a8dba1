//! RDF graph and dataset formats, written by oxigraph's serializers with the known prefixes.

use super::Format;
use crate::vocab;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{Quad, Triple};
use std::io::{self, Write};

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

pub fn write_triples(
    out: &mut (impl Write + ?Sized),
    triples: &[Triple],
    format: RdfFormat,
) -> io::Result<()> {
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
    quads: impl IntoIterator<Item = &'a Quad>,
    format: RdfFormat,
) -> io::Result<()> {
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
