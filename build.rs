//! Embeds the bundled corpus (ontology/, data/, queries/) in the binary: writes a table of
//! `include_bytes!` entries so the binary answers from any directory with no set-up.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const DIRS: &[&str] = &["ontology", "data", "queries"];

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let mut files = Vec::new();
    for dir in DIRS {
        println!("cargo:rerun-if-changed={dir}");
        collect(&root, &root.join(dir), &mut files);
    }
    files.sort();
    let mut out = String::from("pub static FILES: &[(&str, &[u8])] = &[\n");
    // Paths are written relative to the crate's folder as the compiler sees it, never as the
    // absolute path this script saw: a target folder reused by another checkout of the same
    // crate (one CI cache, several work trees) may keep this output without running the script
    // again, and must still embed its own checkout's files.
    for name in &files {
        writeln!(
            out,
            "    ({name:?}, include_bytes!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {:?}))),",
            format!("/{name}")
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("corpus_files.rs");
    std::fs::write(dest, out).unwrap();
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if !entry.file_name().to_string_lossy().starts_with('.') {
            let name = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.push(name);
        }
    }
}
