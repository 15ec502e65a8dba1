//! The user's corpus: a workspace is a folder holding `.claimgraph/`, found from the current
//! directory upwards as cargo finds Cargo.toml (or named by `CLAIMGRAPH_WORKSPACE`). Inside,
//! `data/` is curated (loaded by every command with the bundled corpus), `drafts/` waits for
//! review (loaded with `--drafts` and by `check`), `rejected/` is remembered and never loaded.
//! Files are written all together or not at all.

use crate::error::{Error, Result};
use crate::store::DataOptions;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The folder that marks a workspace.
pub const MARKER: &str = ".claimgraph";
/// Names the workspace instead of looking for one.
pub const ENV: &str = "CLAIMGRAPH_WORKSPACE";
/// The review vocabulary: loaded with the workspace's data, not part of the bundled corpus.
pub const VOCABULARY: &str = include_str!("vocabulary.ttl");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    /// The folder that holds `.claimgraph/`.
    pub root: PathBuf,
}

impl Workspace {
    /// The workspace named by `CLAIMGRAPH_WORKSPACE`, or the nearest folder from the current
    /// one upwards that holds `.claimgraph/`.
    pub fn find() -> Option<Workspace> {
        if let Some(root) = std::env::var_os(ENV).filter(|v| !v.is_empty()) {
            return Some(Workspace {
                root: PathBuf::from(root),
            });
        }
        let cwd = std::env::current_dir().ok()?;
        cwd.ancestors()
            .find(|dir| dir.join(MARKER).is_dir())
            .map(|dir| Workspace {
                root: dir.to_path_buf(),
            })
    }

    /// The workspace commands use, or a new one in the current folder (for `ingest`).
    pub fn find_or_here() -> Result<Workspace> {
        match Workspace::find() {
            Some(w) => Ok(w),
            None => Ok(Workspace {
                root: std::env::current_dir().map_err(|e| Error::io(".", e))?,
            }),
        }
    }

    pub fn exists(&self) -> bool {
        self.dir().is_dir()
    }

    pub fn dir(&self) -> PathBuf {
        self.root.join(MARKER)
    }
    pub fn data(&self) -> PathBuf {
        self.dir().join("data")
    }
    pub fn drafts(&self) -> PathBuf {
        self.dir().join("drafts")
    }
    pub fn rejected(&self) -> PathBuf {
        self.dir().join("rejected")
    }
    pub fn record(&self, id: &str) -> PathBuf {
        self.data().join(format!("{id}.trig"))
    }
    pub fn draft(&self, id: &str) -> PathBuf {
        self.drafts().join(format!("{id}.trig"))
    }
    pub fn rejected_file(&self, id: &str) -> PathBuf {
        self.rejected().join(format!("{id}.trig"))
    }
    pub fn text(&self, id: &str) -> PathBuf {
        self.data().join("sources").join(format!("{id}.txt"))
    }
    pub fn vocabulary(&self) -> PathBuf {
        self.data().join("vocabulary.ttl")
    }

    /// How paths are shown to the user: relative to the current folder when inside it.
    pub fn show(&self, path: &Path) -> String {
        let cwd = std::env::current_dir().unwrap_or_default();
        path.strip_prefix(&cwd)
            .unwrap_or(path)
            .display()
            .to_string()
    }

    /// The ids of the registered documents, in order.
    pub fn ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = trig_files(&self.data())
            .iter()
            .filter_map(|p| p.file_stem()?.to_str().map(str::to_owned))
            .collect();
        ids.sort();
        ids
    }

    /// The files every command loads: the vocabulary and the curated documents; with `drafts`,
    /// the proposals too.
    pub fn inputs(&self, drafts: bool) -> Vec<PathBuf> {
        let mut files = Vec::new();
        if self.vocabulary().is_file() {
            files.push(self.vocabulary());
        }
        files.extend(trig_files(&self.data()));
        if drafts {
            files.extend(trig_files(&self.drafts()));
        }
        files
    }
}

fn trig_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "trig"))
        .collect();
    files.sort();
    files
}

/// The data every command opens: with neither `--data` nor `--store`, the bundled corpus and
/// the workspace's curated documents (and its drafts when asked for).
pub fn data_options(mut options: DataOptions, drafts: bool) -> DataOptions {
    if !options.data.is_empty() || options.store.is_some() {
        return options;
    }
    if let Some(w) = Workspace::find().filter(Workspace::exists) {
        options.data = w.inputs(drafts);
        options.with_corpus = true;
    }
    options
}

/// Files written together: each goes to a temporary file beside its place, and all are renamed
/// into place only at the end, unless Ctrl-C came first. Dropped unfinished, it leaves nothing.
#[derive(Default)]
pub struct Commit {
    files: Vec<(tempfile::NamedTempFile, PathBuf)>,
}

impl Commit {
    pub fn add(&mut self, path: &Path, bytes: &[u8]) -> Result<()> {
        use std::io::Write;
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut builder = tempfile::Builder::new();
        // Data the user shares and commits: readable by others, as their editor would leave it.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
        let mut file = builder.tempfile_in(dir).map_err(|e| Error::io(dir, e))?;
        file.write_all(bytes).map_err(|e| Error::io(path, e))?;
        file.as_file().sync_all().map_err(|e| Error::io(path, e))?;
        self.files.push((file, path.to_path_buf()));
        Ok(())
    }

    /// Renames every file into place, in the order added; `interrupted` set (by Ctrl-C) before
    /// that starts cancels the whole commit.
    pub fn finish(self, interrupted: &AtomicBool) -> Result<()> {
        if interrupted.load(Ordering::SeqCst) {
            return Err(Error::Cancelled);
        }
        for (file, path) in self.files {
            file.persist(&path).map_err(|e| Error::io(&path, e.error))?;
        }
        Ok(())
    }
}

/// A flag Ctrl-C sets instead of killing the process, so that a commit is whole or absent.
pub fn interrupt_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let set = flag.clone();
    // The shell installs its own handler; a second one cannot be set, and is not needed there.
    let _ = ctrlc::set_handler(move || set.store(true, Ordering::SeqCst));
    flag
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_commit_dropped_or_interrupted_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a/x.trig");
        let mut commit = Commit::default();
        commit.add(&a, b"one").unwrap();
        drop(commit);
        let mut commit = Commit::default();
        commit.add(&a, b"two").unwrap();
        assert!(commit.finish(&AtomicBool::new(true)).is_err());
        let left: Vec<_> = std::fs::read_dir(dir.path().join("a")).unwrap().collect();
        assert!(left.is_empty(), "{left:?}");
        let mut commit = Commit::default();
        commit.add(&a, b"three").unwrap();
        commit.finish(&AtomicBool::new(false)).unwrap();
        assert_eq!(std::fs::read(&a).unwrap(), b"three");
    }

    #[test]
    fn the_layout_keeps_drafts_and_rejections_out_of_the_data() {
        let w = Workspace {
            root: PathBuf::from("/r"),
        };
        assert_eq!(w.record("x"), PathBuf::from("/r/.claimgraph/data/x.trig"));
        assert_eq!(w.draft("x"), PathBuf::from("/r/.claimgraph/drafts/x.trig"));
        assert_eq!(
            w.text("x"),
            PathBuf::from("/r/.claimgraph/data/sources/x.txt")
        );
        assert!(!w.rejected_file("x").starts_with(w.data()));
    }
}
