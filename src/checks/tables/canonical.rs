//! Which pages hold the canonical copy of a table (`[options.divergent-table] canonical = ["…"]`).

use globset::{Glob, GlobSet, GlobSetBuilder};

/// The compiled `canonical` globs; a page is canonical when a glob matches its path or a trailing
/// part of it (so `product/tpm.md` matches `../handbook/product/tpm.md`).
#[derive(Debug)]
pub struct Canonical {
    globs: Option<GlobSet>,
}

impl Canonical {
    /// Compiles the globs; a glob that does not compile is skipped (the config loader reports it).
    pub fn new(patterns: &[String]) -> Self {
        if patterns.is_empty() {
            return Canonical { globs: None };
        }
        let mut builder = GlobSetBuilder::new();
        for pattern in patterns {
            if let Ok(glob) = Glob::new(pattern.trim_start_matches("./")) {
                builder.add(glob);
            }
        }
        Canonical {
            globs: builder.build().ok(),
        }
    }

    /// True when `path` is named canonical.
    pub fn contains(&self, path: &str) -> bool {
        let Some(globs) = &self.globs else {
            return false;
        };
        let path = path.replace('\\', "/");
        let path = path.trim_start_matches("./");
        globs.is_match(path)
            || path
                .match_indices('/')
                .any(|(i, _)| path.get(i + 1..).is_some_and(|rest| globs.is_match(rest)))
    }
}

#[cfg(test)]
mod tests {
    use super::Canonical;

    #[test]
    fn matches_whole_paths_and_trailing_parts() {
        let c = Canonical::new(&["product/*.md".to_owned()]);
        assert!(c.contains("product/tpm.md"));
        assert!(c.contains("../handbook/product/tpm.md"));
        assert!(c.contains("./product/tpm.md"));
        assert!(!c.contains("engineering/tpm.md"));
        assert!(!Canonical::new(&[]).contains("product/tpm.md"));
    }
}
