//! `--diff`: the unified diff of what `--fix` would write, as bytes on disk (BOM included).

use super::{FixedFile, bytes_of};

/// The unified diff (3 lines of context) from `file.before` to `file.after`, headed
/// `--- a/PATH` / `+++ b/PATH` so `git apply` and `patch -p1` take it.
pub fn unified(file: &FixedFile) -> String {
    let before = String::from_utf8_lossy(&bytes_of(&file.before)).into_owned();
    let after = String::from_utf8_lossy(&bytes_of(&file.after)).into_owned();
    let path = file.path().trim_start_matches("./");
    if file.before.cr && before != after {
        return whole_line(path, &before, &after);
    }
    similar::TextDiff::from_lines(&before, &after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// The diff of a page whose lines end in a lone CR: `patch` and `git apply` split lines at LF
/// only, so to them the whole file is one line without a final newline, and it is replaced whole
/// (a hunk of CR-separated lines is rejected as a patch that ends in the middle of a line).
fn whole_line(path: &str, before: &str, after: &str) -> String {
    format!(
        "--- a/{path}\n+++ b/{path}\n@@ -1 +1 @@\n-{before}\n\\ No newline at end of file\n+{after}\n\\ No newline at end of file\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::SourceFile;

    #[test]
    fn diff_of_one_word() {
        let file = FixedFile {
            before: SourceFile::from_text("./p.md", "a\nrecieve\nc", false),
            after: SourceFile::from_text("./p.md", "a\nreceive\nc", false),
            applied: 1,
        };
        assert_eq!(
            unified(&file),
            "--- a/p.md\n+++ b/p.md\n@@ -1,3 +1,3 @@\n a\n-recieve\n+receive\n c\n\\ No newline at end of file\n"
        );
    }
}
