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

/// `path` as a `canonical` entry to suggest: relative to the folder of the `rolelint.toml` that
/// governs the page (else the repository root, where one would go), `/`-separated; never an
/// absolute path, which would tie the config to one checkout.
pub fn suggested_glob(path: &str) -> String {
    let absolute = crate::read::absolute(std::path::Path::new(path));
    let home = absolute
        .ancestors()
        .skip(1)
        .find(|dir| dir.join("rolelint.toml").is_file())
        .or_else(|| absolute.ancestors().skip(1).find(|dir| dir.join(".git").exists()));
    match home {
        Some(dir) => crate::baseline::relative(&absolute, dir),
        None => {
            let unified = path.replace('\\', "/");
            let trimmed = unified.trim_start_matches("./");
            // No config and no repository: the file name still matches, as a trailing part.
            match trimmed.starts_with('/') || trimmed.starts_with("../") {
                true => trimmed.rsplit('/').next().unwrap_or(trimmed).to_owned(),
                false => trimmed.to_owned(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Canonical, suggested_glob};

    #[test]
    fn matches_whole_paths_and_trailing_parts() {
        let c = Canonical::new(&["product/*.md".to_owned()]);
        assert!(c.contains("product/tpm.md"));
        assert!(c.contains("../handbook/product/tpm.md"));
        assert!(c.contains("./product/tpm.md"));
        assert!(!c.contains("engineering/tpm.md"));
        assert!(!Canonical::new(&[]).contains("product/tpm.md"));
    }

    #[test]
    fn suggestions_are_relative_to_the_config() {
        let dir = tempfile::tempdir().unwrap();
        let handbook = dir.path().join("handbook");
        std::fs::create_dir_all(handbook.join("product")).unwrap();
        std::fs::write(handbook.join("rolelint.toml"), "").unwrap();
        let page = handbook.join("product/tpm.md");
        let glob = suggested_glob(&page.to_string_lossy());
        assert_eq!(glob, "product/tpm.md");
        assert!(Canonical::new(&[glob]).contains(&page.to_string_lossy()));
        let loose = dir.path().join("loose/x.md");
        assert_eq!(suggested_glob(&loose.to_string_lossy()), "x.md");
    }
}
