//! The set-up script's libclang detection (.ci/find-libclang) on fake folder trees: it must find
//! the C library that bindgen loads and never take libclang-cpp, the C++ interface that Debian
//! images ship on their own, for it.

mod common;
use common::repo;
use std::path::Path;
use std::process::Command;

/// Runs the detection with `root` as the file system root; returns its exit code and output.
fn find_libclang(root: &Path) -> (i32, String) {
    let out = Command::new("bash")
        .arg(repo().join(".ci/find-libclang"))
        .arg(root)
        .env_remove("LIBCLANG_PATH")
        .output()
        .expect("bash runs");
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

fn touch(root: &Path, path: &str) {
    let path = root.join(path.trim_start_matches('/'));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, b"").unwrap();
}

const HEADERS: &str = "/usr/lib/llvm-14/lib/clang/14/include/stddef.h";

#[test]
fn libclang_cpp_alone_is_missing() {
    let root = tempfile::tempdir().unwrap();
    touch(root.path(), "/usr/lib/llvm-14/lib/libclang-cpp.so.14");
    touch(root.path(), "/usr/lib/x86_64-linux-gnu/libclang-cpp.so.14");
    touch(root.path(), HEADERS);
    let (code, text) = find_libclang(root.path());
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("not found"), "{text}");
}

#[test]
fn the_c_library_is_found_where_debian_puts_it() {
    for library in [
        "/usr/lib/llvm-14/lib/libclang.so",
        "/usr/lib/llvm-14/lib/libclang.so.1",
        "/usr/lib/x86_64-linux-gnu/libclang-14.so.1",
        "/usr/local/lib/libclang.so",
    ] {
        let root = tempfile::tempdir().unwrap();
        touch(root.path(), "/usr/lib/llvm-14/lib/libclang-cpp.so.14");
        touch(root.path(), library);
        touch(root.path(), HEADERS);
        let (code, text) = find_libclang(root.path());
        assert_eq!(code, 0, "{library}: {text}");
        assert!(text.trim_end().ends_with(library), "{library}: {text}");
    }
}

#[test]
fn the_library_without_clangs_headers_is_not_enough() {
    let root = tempfile::tempdir().unwrap();
    touch(root.path(), "/usr/lib/llvm-14/lib/libclang.so.1");
    let (code, text) = find_libclang(root.path());
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("stddef.h"), "{text}");
}

#[test]
fn an_empty_machine_has_nothing() {
    let root = tempfile::tempdir().unwrap();
    assert_eq!(find_libclang(root.path()).0, 1);
}
