//! Counts of a run: files, findings per severity, unreadable files, and the closing sentence.

use crate::Run;
use crate::diagnostic::Severity;
use serde::Serialize;

/// How many files and findings a run had.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files read and checked.
    pub files: usize,
    /// Error-severity findings.
    pub errors: usize,
    /// Warning-severity findings.
    pub warnings: usize,
    /// Info-severity findings.
    pub infos: usize,
    /// Files that could not be read.
    pub unreadable: usize,
    /// Links not checked because their target tree is not among the linted files
    /// (reported only with `--strict-links`).
    pub unverifiable_links: u64,
}

impl Summary {
    /// Counts `run`.
    pub fn of(run: &Run) -> Self {
        let count = |s: Severity| run.diagnostics.iter().filter(|d| d.severity == s).count();
        Summary {
            files: run.sources.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            unreadable: run.errors.len(),
            unverifiable_links: run.counters.get("broken-link.unverifiable").copied().unwrap_or(0),
        }
    }

    /// The closing line of human and concise output, e.g. `Found 3 errors and 7 warnings in 5 files.`
    pub fn sentence(&self) -> String {
        let files = plural(self.files, "file", "files");
        let mut parts = Vec::new();
        if self.errors > 0 {
            parts.push(plural(self.errors, "error", "errors"));
        }
        if self.warnings > 0 {
            parts.push(plural(self.warnings, "warning", "warnings"));
        }
        if self.infos > 0 {
            parts.push(plural(self.infos, "info", "infos"));
        }
        let unreadable = match self.unreadable {
            0 => String::new(),
            1 => "1 file could not be read.".to_owned(),
            n => format!("{n} files could not be read."),
        };
        let mut line = match (parts.is_empty(), unreadable.is_empty()) {
            (true, true) => format!("All checks passed on {files}."),
            // "All checks passed" would be wrong when some files were never checked.
            (true, false) => format!("No findings in {files};"),
            (false, _) => format!("Found {} in {files}.", join_and(&parts)),
        };
        if !unreadable.is_empty() {
            line.push(' ');
            line.push_str(&unreadable);
        }
        if self.unverifiable_links > 0 {
            let n = self.unverifiable_links;
            let (links, their) = if n == 1 { ("link", "its") } else { ("links", "their") };
            line.push_str(&format!(
                " {n} {links} could not be verified: {their} target is outside the linted files (--strict-links reports them)."
            ));
        }
        line
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences() {
        let s = |files, errors, warnings, infos, unreadable| {
            Summary {
                files,
                errors,
                warnings,
                infos,
                unreadable,
                unverifiable_links: 0,
            }
            .sentence()
        };
        assert_eq!(s(5, 3, 7, 0, 0), "Found 3 errors and 7 warnings in 5 files.");
        assert_eq!(s(1, 1, 0, 2, 0), "Found 1 error and 2 infos in 1 file.");
        assert_eq!(s(2, 1, 1, 1, 0), "Found 1 error, 1 warning and 1 info in 2 files.");
        assert_eq!(s(4, 0, 0, 0, 0), "All checks passed on 4 files.");
        assert_eq!(s(4, 0, 0, 0, 1), "No findings in 4 files; 1 file could not be read.");
        let with_links = Summary {
            files: 2,
            unverifiable_links: 3,
            ..Summary::default()
        };
        assert_eq!(
            with_links.sentence(),
            "All checks passed on 2 files. 3 links could not be verified: their target is outside the linted files \
             (--strict-links reports them)."
        );
        assert_eq!(s(1, 1, 0, 0, 2), "Found 1 error in 1 file. 2 files could not be read.");
    }
}
