//! Dumps of the dataset or of one graph in the RDF formats, optionally canonical (RDFC-1.0 blank
//! node labels, quads sorted) so dumps can be diffed and committed, and files written atomically.

use crate::error::{Error, Result};
use crate::render::rdf;
use crate::store::{Dataset, QuadPattern, QuadStream};
use oxigraph::io::RdfFormat;
use oxigraph::model::{BlankNode, GraphName, NamedOrBlankNode, Quad, Term};
use std::io::Write;
use std::path::Path;

/// Which part of the dataset to dump.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    All,
    /// One graph: a named graph, or the default graph.
    Graph(GraphName),
}

/// Writes the selected quads in `format`.
pub fn export(
    dataset: &Dataset,
    selection: &Selection,
    format: RdfFormat,
    canonical: bool,
    out: &mut dyn Write,
) -> Result<()> {
    if *selection == Selection::All && !format.supports_datasets() {
        return Err(Error::Usage(format!(
            "{} holds one graph, and the dataset has many: pick one with --graph IRI (or --graph default), or export as nquads or trig",
            format.name()
        )));
    }
    if let Selection::Graph(GraphName::NamedNode(g)) = selection {
        if !dataset
            .graph_names()?
            .iter()
            .any(|n| n.as_ref() == g.as_ref().into())
        {
            return Err(Error::Usage(format!(
                "there is no graph {g} in the dataset"
            )));
        }
    }
    let io = |e: std::io::Error| Error::io("<output>", e);
    let mut quads = Vec::new();
    for quad in selected(dataset, selection)? {
        quads.push(quad?);
    }
    if canonical {
        let (lines, quads) = canonicalize(&quads)?;
        if format == RdfFormat::NQuads {
            return out.write_all(lines.as_bytes()).map_err(io);
        }
        return rdf::write_quads(out, &quads, format).map_err(io);
    }
    rdf::write_quads(out, &quads, format).map_err(io)
}

fn selected<'a>(dataset: &'a Dataset, selection: &Selection) -> Result<QuadStream<'a>> {
    let pattern = match selection {
        Selection::All => QuadPattern::default(),
        Selection::Graph(g) => QuadPattern::graph(g.clone()),
    };
    dataset.quads(&pattern)
}

/// RDFC-1.0: relabels blank nodes canonically and sorts the quads by their canonical N-Quads line.
/// Returns the canonical N-Quads document and the relabelled, sorted quads.
pub fn canonicalize(quads: &[Quad]) -> Result<(String, Vec<Quad>)> {
    let converted: Vec<oxrdf02::Quad> = quads.iter().map(to_oxrdf02).collect();
    let labels = rdf_canon::issue_quads(&converted)
        .map_err(|e| Error::Internal(format!("canonicalization: {e}")))?;
    let relabel = |b: &BlankNode| {
        BlankNode::new_unchecked(
            labels
                .get(b.as_str())
                .cloned()
                .unwrap_or_else(|| b.as_str().to_owned()),
        )
    };
    let mut relabelled: Vec<(String, Quad)> = quads
        .iter()
        .map(|q| {
            let subject = match &q.subject {
                NamedOrBlankNode::BlankNode(b) => relabel(b).into(),
                other => other.clone(),
            };
            let object = match &q.object {
                Term::BlankNode(b) => relabel(b).into(),
                other => other.clone(),
            };
            let graph_name = match &q.graph_name {
                GraphName::BlankNode(b) => relabel(b).into(),
                other => other.clone(),
            };
            let quad = Quad::new(subject, q.predicate.clone(), object, graph_name);
            (canonical_line(&quad), quad)
        })
        .collect();
    relabelled.sort_by(|a, b| a.0.cmp(&b.0));
    relabelled.dedup_by(|a, b| a.0 == b.0);
    let document = relabelled.iter().map(|(l, _)| l.as_str()).collect();
    Ok((document, relabelled.into_iter().map(|(_, q)| q).collect()))
}

/// A quad as one line of canonical N-Quads (rdf-canon's serializer, so escapes follow RDFC-1.0).
fn canonical_line(quad: &Quad) -> String {
    let mut dataset = oxrdf02::Dataset::new();
    dataset.insert(&to_oxrdf02(quad));
    rdf_canon::serialize(&dataset)
}

fn to_oxrdf02(q: &Quad) -> oxrdf02::Quad {
    use oxrdf02 as o;
    let subject: o::Subject = match &q.subject {
        NamedOrBlankNode::NamedNode(n) => o::NamedNode::new_unchecked(n.as_str()).into(),
        NamedOrBlankNode::BlankNode(b) => o::BlankNode::new_unchecked(b.as_str()).into(),
    };
    let predicate = o::NamedNode::new_unchecked(q.predicate.as_str());
    let object: o::Term = match &q.object {
        Term::NamedNode(n) => o::NamedNode::new_unchecked(n.as_str()).into(),
        Term::BlankNode(b) => o::BlankNode::new_unchecked(b.as_str()).into(),
        Term::Literal(l) => match l.language() {
            Some(lang) => o::Literal::new_language_tagged_literal_unchecked(l.value(), lang).into(),
            None => o::Literal::new_typed_literal(
                l.value(),
                o::NamedNode::new_unchecked(l.datatype().as_str()),
            )
            .into(),
        },
        #[allow(unreachable_patterns)]
        _ => unreachable!("RDF 1.2 triple terms are not enabled"),
    };
    let graph: o::GraphName = match &q.graph_name {
        GraphName::NamedNode(n) => o::NamedNode::new_unchecked(n.as_str()).into(),
        GraphName::BlankNode(b) => o::BlankNode::new_unchecked(b.as_str()).into(),
        GraphName::DefaultGraph => o::GraphName::DefaultGraph,
    };
    o::Quad::new(subject, predicate, object, graph)
}

/// Writes a file through a temporary file in the same folder, renamed into place only when
/// `write` succeeded, so a failed export never leaves a truncated file behind.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, e))?;
    {
        let mut buffered = std::io::BufWriter::new(file.as_file_mut());
        write(&mut buffered)?;
        buffered.flush().map_err(|e| Error::io(path, e))?;
    }
    file.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    file.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode};

    fn quads(label: &str) -> Vec<Quad> {
        let b = BlankNode::new_unchecked(label);
        let p = NamedNode::new_unchecked("http://x.org/p");
        let s = NamedNode::new_unchecked("http://x.org/s");
        vec![
            Quad::new(s.clone(), p.clone(), b.clone(), GraphName::DefaultGraph),
            Quad::new(b, p, Literal::from("v"), GraphName::DefaultGraph),
        ]
    }

    #[test]
    fn canonical_form_ignores_blank_node_labels_and_order() {
        let (a, _) = canonicalize(&quads("first")).unwrap();
        let mut reversed = quads("other");
        reversed.reverse();
        let (b, _) = canonicalize(&reversed).unwrap();
        assert_eq!(a, b);
        assert!(a.contains("_:c14n0"), "{a}");
    }

    #[test]
    fn a_failed_write_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.nq");
        let result = write_atomically(&path, |w| {
            w.write_all(b"partial").unwrap();
            Err(Error::Internal("boom".into()))
        });
        assert!(result.is_err());
        assert!(!path.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
