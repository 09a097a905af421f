//! `--diff`: the unified diff of what `--fix` would write, as bytes on disk (BOM included).

use super::{FixedFile, bytes_of};

/// The unified diff (3 lines of context) from `file.before` to `file.after`, headed
/// `--- a/PATH` / `+++ b/PATH` so `git apply` and `patch -p1` take it.
pub fn unified(file: &FixedFile) -> String {
    let before = String::from_utf8_lossy(&bytes_of(&file.before)).into_owned();
    let after = String::from_utf8_lossy(&bytes_of(&file.after)).into_owned();
    let path = file.path().trim_start_matches("./");
    similar::TextDiff::from_lines(&before, &after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
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
