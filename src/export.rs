//! Dumps of the dataset or of one graph in the RDF formats, optionally canonical (RDFC-1.0 blank
//! node labels, quads sorted) so dumps can be diffed and committed, and files written atomically.

use crate::error::{Error, Result};
use crate::render::rdf;
use crate::store::{Dataset, QuadPattern, QuadStream};
use oxigraph::io::RdfFormat;
use oxigraph::model::{BlankNode, GraphName, NamedOrBlankNode, Quad, Term};
use std::io::Write;
use std::path::{Path, PathBuf};

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
            return Err(Error::Value(format!(
                "there is no graph {g} in the dataset; `claimgraph query 'SELECT DISTINCT ?g {{ GRAPH ?g {{}} }}'` lists them"
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
///
/// RDFC-1.0 bounds its work on blank nodes it cannot tell apart (rdf-canon allows 4,000 calls of
/// its Hash N-Degree Quads step, a safeguard the specification asks for against "poison"
/// graphs): a structure beyond it is refused as input, with what to do instead. The labelling
/// recurses once per blank node along a path, so it runs on a thread with a large stack.
pub fn canonicalize(quads: &[Quad]) -> Result<(String, Vec<Quad>)> {
    let converted: Vec<oxrdf02::Quad> = quads.iter().map(to_oxrdf02).collect();
    let issued = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("canonicalize".into())
            .stack_size(crate::query::limits::STACK_BYTES)
            .spawn_scoped(scope, || rdf_canon::issue_quads(&converted))
            .map(|t| t.join())
    });
    let labels = match issued {
        Ok(Ok(Ok(labels))) => labels,
        Ok(Ok(Err(rdf_canon::CanonicalizationError::HndqCallLimitExceeded(limit)))) => {
            return Err(Error::Limit {
                what: format!(
                    "--canonical: the blank nodes are too alike to label within RDFC-1.0's bound of {limit} steps (Hash N-Degree Quads)"
                ),
                hint: "export without --canonical, or give the blank nodes IRIs",
            });
        }
        Ok(Ok(Err(e))) => return Err(Error::Internal(format!("canonicalization: {e}"))),
        Ok(Err(_)) => return Err(Error::Internal("canonicalization panicked".into())),
        Err(e) => return Err(Error::Internal(format!("no thread to canonicalize: {e}"))),
    };
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

/// Writes an output file without ever destroying what was there: a regular file (or a new one)
/// is written to a temporary file in the same folder and renamed into place only when `write`
/// succeeded, keeping the existing file's permissions (a new file gets the usual mode under the
/// umask); a symbolic link is followed, so the file it points at is replaced and the link kept;
/// devices, pipes and `/dev/stdout` are written directly, since replacing them would replace the
/// node itself. Errors name the path, not the stream.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    match destination(path)? {
        Destination::Direct => write_directly(path, write),
        Destination::Replace { path: target, mode } => replace(path, &target, mode, write),
    }
}

/// Where an output goes.
enum Destination {
    /// Write into the node as it is: a device, a pipe, a standard stream.
    Direct,
    /// Replace a regular file (or create one) at `path`, the end of any symbolic links; `mode`
    /// holds the permissions of the file replaced.
    Replace {
        path: PathBuf,
        mode: Option<std::fs::Permissions>,
    },
}

/// How many symbolic links a path may go through, as the kernel allows (ELOOP).
const MAX_LINKS: usize = 40;

fn destination(path: &Path) -> Result<Destination> {
    // The standard streams are links to whatever the process was given (a terminal, a pipe, a
    // file opened by the shell); replacing them would write somewhere nobody reads.
    let text = path.to_string_lossy();
    if ["/dev/stdout", "/dev/stderr"].contains(&text.as_ref())
        || text.starts_with("/dev/fd/")
        || text.starts_with("/proc/self/fd/")
    {
        return Ok(Destination::Direct);
    }
    let mut target = path.to_path_buf();
    for _ in 0..=MAX_LINKS {
        let meta = match std::fs::symlink_metadata(&target) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Destination::Replace {
                    path: target,
                    mode: None,
                });
            }
            Err(e) => return Err(Error::io(path, e)),
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            let link = std::fs::read_link(&target).map_err(|e| Error::io(&target, e))?;
            target = match target.parent() {
                Some(dir) => dir.join(link),
                None => link,
            };
        } else if kind.is_file() {
            return Ok(Destination::Replace {
                path: target,
                mode: Some(meta.permissions()),
            });
        } else if kind.is_dir() {
            return Err(Error::Value(format!(
                "{}: is a folder; give the path of a file to write",
                path.display()
            )));
        } else {
            return Ok(Destination::Direct);
        }
    }
    Err(Error::Value(format!(
        "{}: more than {MAX_LINKS} symbolic links in a row (a loop?)",
        path.display()
    )))
}

fn write_directly(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    let mut out = Recording::new(std::io::BufWriter::new(file));
    let written = write(&mut out);
    out.result(path, written)?;
    out.inner.flush().map_err(|e| Error::io(path, e))
}

fn replace(
    path: &Path,
    target: &Path,
    mode: Option<std::fs::Permissions>,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let new_file_mode = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::Permissions::from_mode(0o666)
    };
    let mut file = tempfile::Builder::new()
        .prefix(".claimgraph-")
        .permissions(mode.clone().unwrap_or(new_file_mode))
        .tempfile_in(dir)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::NoFolder {
                path: dir.to_path_buf(),
            },
            _ => Error::io(dir, e),
        })?;
    if let Some(mode) = mode {
        // The umask applies at creation; the mode of the file replaced is set as it was.
        file.as_file()
            .set_permissions(mode)
            .map_err(|e| Error::io(path, e))?;
    }
    {
        let mut out = Recording::new(std::io::BufWriter::new(file.as_file_mut()));
        let written = write(&mut out);
        out.result(path, written)?;
        out.inner.flush().map_err(|e| Error::io(path, e))?;
    }
    file.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    file.persist(target).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// A writer that remembers its first I/O error, so that an error raised through it is reported
/// with the file's path, whatever name the code that wrote gave the stream.
struct Recording<W> {
    inner: W,
    failed: Option<std::io::Error>,
}

impl<W: Write> Recording<W> {
    fn new(inner: W) -> Self {
        Recording {
            inner,
            failed: None,
        }
    }

    fn keep<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &result {
            if self.failed.is_none() {
                self.failed = Some(std::io::Error::new(e.kind(), e.to_string()));
            }
        }
        result
    }

    /// The outcome of a write through this writer: an I/O error is the file's.
    fn result(&mut self, path: &Path, written: Result<()>) -> Result<()> {
        match (written, self.failed.take()) {
            (Err(Error::Io { .. }), Some(e)) => Err(Error::io(path, e)),
            (other, _) => other,
        }
    }
}

impl<W: Write> Write for Recording<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let result = self.inner.write(buf);
        self.keep(result)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let result = self.inner.flush();
        self.keep(result)
    }
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
