//! Small helpers the tests share: temporary trees of files, and pieces of a rendered text.

#![allow(dead_code)]

/// Writes `files` (path, contents) under a new temporary directory.
pub fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

/// The part of `text` after the first `after` and before the next `until`; panics, naming both,
/// when `after` is missing.
pub fn between<'a>(text: &'a str, after: &str, until: &str) -> &'a str {
    let rest = text
        .split_once(after)
        .unwrap_or_else(|| panic!("`{after}` is not in the text"))
        .1;
    rest.split_once(until).map_or(rest, |(part, _)| part)
}
