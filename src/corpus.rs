//! The bundled corpus (ontology, data, source texts, saved queries) embedded at build time, and
//! the inputs found on disk: which files to load, in which format, and where source texts live.

use crate::error::{Error, Result};
use oxigraph::io::RdfFormat;
use std::path::{Path, PathBuf};

// `FILES`: (path relative to the repository, bytes), written by build.rs.
include!(concat!(env!("OUT_DIR"), "/corpus_files.rs"));

/// One RDF document to load.
#[derive(Debug, Clone)]
pub struct Input {
    /// How errors name it: the path as given, or `<corpus>/data/...` for bundled files.
    pub origin: String,
    pub format: RdfFormat,
    /// Relative IRIs in the document resolve against this (its `file:` URL).
    pub base_iri: String,
    pub content: Content,
}

#[derive(Debug, Clone)]
pub enum Content {
    Bundled(&'static [u8]),
    /// Text made by the program or a test, not read from a file.
    Text(std::sync::Arc<[u8]>),
    File(PathBuf),
}

impl Input {
    /// An input held in memory: `origin` names it in errors, relative IRIs resolve against
    /// `base_iri`.
    pub fn text(origin: &str, format: RdfFormat, base_iri: &str, text: &str) -> Input {
        Input {
            origin: origin.to_owned(),
            format,
            base_iri: base_iri.to_owned(),
            content: Content::Text(text.as_bytes().into()),
        }
    }

    /// The size in bytes, for progress reporting.
    pub fn len(&self) -> u64 {
        match &self.content {
            Content::Bundled(bytes) => bytes.len() as u64,
            Content::Text(bytes) => bytes.len() as u64,
            Content::File(path) => std::fs::metadata(path).map_or(0, |m| m.len()),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The format of an RDF file, from its extension.
pub fn format_of(path: &Path) -> Option<RdfFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "ttl" => RdfFormat::Turtle,
        "trig" => RdfFormat::TriG,
        "nt" => RdfFormat::NTriples,
        "nq" => RdfFormat::NQuads,
        "rdf" | "owl" | "xml" => RdfFormat::RdfXml,
        "jsonld" => RdfFormat::JsonLd {
            profile: oxigraph::io::JsonLdProfileSet::empty(),
        },
        "n3" => RdfFormat::N3,
        _ => return None,
    })
}

/// The bundled ontology and data, in a stable order (ontology first).
pub fn bundled_inputs() -> Vec<Input> {
    let mut inputs: Vec<Input> = FILES
        .iter()
        .filter(|(name, _)| name.starts_with("ontology/") || name.starts_with("data/"))
        .filter_map(|(name, bytes)| {
            Some(Input {
                origin: format!("<corpus>/{name}"),
                format: format_of(Path::new(name))?,
                base_iri: format!("file:///claimgraph/corpus/{name}"),
                content: Content::Bundled(bytes),
            })
        })
        .collect();
    inputs.sort_by_key(|i| !i.origin.starts_with("<corpus>/ontology/"));
    inputs
}

/// The bundled saved queries: (name without `.rq`, text).
pub fn bundled_queries() -> impl Iterator<Item = (&'static str, &'static str)> {
    FILES.iter().filter_map(|(name, bytes)| {
        let stem = name.strip_prefix("queries/")?.strip_suffix(".rq")?;
        Some((stem, std::str::from_utf8(bytes).ok()?))
    })
}

/// Expands `--data` paths into inputs: files as given (their extension must be known), folders
/// searched recursively for files with a known extension, in name order. Also returns the folders
/// where source texts named by `cg:textFile` are looked up: each folder given, and the folder of
/// each file given.
pub fn inputs_from_paths(paths: &[PathBuf]) -> Result<(Vec<Input>, Vec<PathBuf>)> {
    let mut inputs = Vec::new();
    let mut roots = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            let mut seen = Vec::new();
            walk(path, &mut Vec::new(), &mut seen, &mut found)?;
            found.sort();
            inputs.extend(found.into_iter().filter_map(|p| file_input(&p).ok()));
            roots.push(path.clone());
        } else {
            inputs.push(file_input(path)?);
            roots.push(
                path.parent()
                    .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
            );
        }
    }
    Ok((inputs, roots))
}

/// A folder's identity on its device, the same through every link that leads to it.
type FolderId = (u64, u64);

fn folder_id(meta: &std::fs::Metadata) -> FolderId {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

/// Collects the RDF files under `dir`. Symbolic links are followed, but a link back to a folder
/// being walked (`ancestors`) is a loop and is refused; a folder reached twice by different
/// links is read once (`seen`). Only regular files are loaded from folders: a pipe or a device
/// with an RDF extension would block or never end.
fn walk(
    dir: &Path,
    ancestors: &mut Vec<FolderId>,
    seen: &mut Vec<FolderId>,
    found: &mut Vec<PathBuf>,
) -> Result<()> {
    let id = folder_id(&std::fs::metadata(dir).map_err(|e| Error::io(dir, e))?);
    if ancestors.contains(&id) {
        return Err(Error::Value(format!(
            "{}: a symbolic link loop: this folder contains itself; remove the link or point --data below it",
            dir.display()
        )));
    }
    if seen.contains(&id) {
        return Ok(());
    }
    seen.push(id);
    ancestors.push(id);
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        entries.push(entry.map_err(|e| Error::io(dir, e))?.path());
    }
    entries.sort();
    for path in entries {
        // A dangling link has no metadata: it is skipped like any file that is not RDF.
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            walk(&path, ancestors, seen, found)?;
        } else if format_of(&path).is_some() {
            if !meta.is_file() {
                return Err(Error::Value(format!(
                    "{}: not a regular file (a pipe, socket or device); folders are searched for regular files only, so name it alone with --data if it is meant",
                    path.display()
                )));
            }
            found.push(path);
        }
    }
    ancestors.pop();
    Ok(())
}

/// The most claimgraph reads from a file that is not an RDF input (a source text, a query, a
/// script): far more than any of them needs, and a bound on a device or pipe that never ends.
pub const MAX_TEXT_BYTES: u64 = 256 << 20;

/// The longest query, or line of a script, read: far beyond any query a person writes.
pub const MAX_QUERY_BYTES: u64 = 16 << 20;

/// Reads a file of at most `limit` bytes; a longer one, or an endless device, is refused
/// without reading past the limit. `what` names the file in the error ("source text").
pub fn read_limited(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    read_stream_limited(file, &path.display().to_string(), limit, what)
}

/// Like [`read_limited`], from any reader (`origin` names it: `<stdin>`).
pub fn read_stream_limited(
    reader: impl std::io::Read,
    origin: &str,
    limit: u64,
    what: &str,
) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(origin, e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::Limit {
            what: format!(
                "{origin}: {what} longer than {} MiB, the most claimgraph reads",
                limit >> 20
            ),
            hint: "check that the path names the file meant, not a device or a pipe",
        });
    }
    Ok(bytes)
}

fn file_input(path: &Path) -> Result<Input> {
    let format = format_of(path).ok_or_else(|| Error::UnknownFormat {
        path: path.to_path_buf(),
        ext: path
            .extension()
            .map_or_else(String::new, |e| e.to_string_lossy().into_owned()),
    })?;
    let absolute = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    Ok(Input {
        origin: path.display().to_string(),
        format,
        base_iri: file_url(&absolute),
        content: Content::File(path.to_path_buf()),
    })
}

/// A `file:` URL for an absolute path, percent-encoding what an IRI may not contain.
pub fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    let text = path.to_string_lossy().replace('\\', "/");
    if !text.starts_with('/') {
        url.push('/');
    }
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            url.push(byte as char);
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

/// Where the texts of sources are found: folders on disk, then the bundled corpus.
#[derive(Debug, Clone, Default)]
pub struct Texts {
    pub roots: Vec<PathBuf>,
    pub bundled: bool,
}

impl Texts {
    /// Reads the text named by a source's `cg:textFile` (a path relative to a data folder).
    /// Returns where it was found and its bytes, or why it cannot be used: only a regular file
    /// of at most [`MAX_TEXT_BYTES`] is read, since a pipe would block and a device never end.
    pub fn read(&self, relative: &str) -> Option<std::result::Result<(String, Vec<u8>), String>> {
        if relative.contains("..") || Path::new(relative).is_absolute() {
            return None;
        }
        for root in &self.roots {
            let path = root.join(relative);
            let Ok(meta) = std::fs::metadata(&path) else {
                continue;
            };
            let origin = path.display().to_string();
            if !meta.is_file() {
                return Some(Err(format!(
                    "{origin} is not a regular file (a folder, pipe or device)"
                )));
            }
            return Some(
                read_limited(&path, MAX_TEXT_BYTES, "source text")
                    .map(|bytes| (origin, bytes))
                    .map_err(|e| e.to_string()),
            );
        }
        if self.bundled {
            let name = format!("data/{relative}");
            if let Some((_, bytes)) = FILES.iter().find(|(n, _)| *n == name) {
                return Some(Ok((format!("<corpus>/{name}"), bytes.to_vec())));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_come_from_extensions() {
        assert_eq!(format_of(Path::new("a/b.TTL")), Some(RdfFormat::Turtle));
        assert_eq!(format_of(Path::new("x.nq")), Some(RdfFormat::NQuads));
        assert_eq!(format_of(Path::new("x.txt")), None);
    }

    #[test]
    fn file_urls_are_valid_iris() {
        assert_eq!(
            file_url(Path::new("/tmp/a b/c.ttl")),
            "file:///tmp/a%20b/c.ttl"
        );
    }

    #[test]
    fn texts_refuse_to_leave_their_roots() {
        let texts = Texts {
            roots: vec![PathBuf::from("/")],
            bundled: false,
        };
        assert!(texts.read("../etc/passwd").is_none());
        assert!(texts.read("/etc/passwd").is_none());
    }
}
