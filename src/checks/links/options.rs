//! What `broken-link` reads besides the model: run options and the embedded `rules/links.yaml`.

use super::redirects::Redirects;
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock};
use std::time::Duration;

/// Run options of the link check, set from the command line and `rolelint.toml`.
#[derive(Clone, Debug, Default)]
pub struct LinkOptions {
    /// `--strict-links`: also report links whose target tree is not among the linted files.
    pub strict: bool,
    /// The redirects file named in the configuration, parsed.
    pub redirects: Option<Arc<Redirects>>,
    /// `--online`: also fetch external `http(s)` links (HEAD or GET only).
    pub online: bool,
    /// `[options.broken-link] timeout-seconds`: budget of one request (default 10 s).
    pub timeout: Option<Duration>,
    /// `[options.broken-link] cache-max-age-hours`: how long a passing answer is reused (default 1 day).
    pub cache_max_age: Option<Duration>,
    /// `--cache-dir`: where the online check keeps `links.json` (default `.rolelint-cache`).
    pub cache_dir: Option<PathBuf>,
    /// The paths the run was asked to lint (and read as context), as written: a site-root link
    /// whose section folder lies under one of them is verifiable even where its sub-folder is absent.
    pub roots: Vec<String>,
    /// The URLs the linted site is published at (`[options.broken-link] site-urls`, else the site
    /// generator's configuration); empty means inferred from the links.
    pub site_urls: Vec<super::own_site::SiteUrl>,
}

/// The policy data in `rules/links.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct LinkRules {
    /// File layouts tried for a link path; `{}` stands for the path.
    pub layouts: Vec<String>,
    /// Site-root sections a link must not name without its leading slash.
    pub site_sections: Vec<String>,
    /// Link texts never compared across pages (lowercase).
    pub generic_texts: Vec<String>,
}

/// The text of `rules/links.yaml`, embedded at build time.
pub(crate) const LINK_RULES_YAML: &str = include_str!("../../../rules/links.yaml");

/// The embedded link rules, parsed once. A broken embedded file is a build defect caught by the unit
/// test below; at run time it degrades to no layouts rather than aborting.
pub(crate) static LINK_RULES: LazyLock<LinkRules> = LazyLock::new(|| {
    serde_saphyr::from_str(LINK_RULES_YAML).unwrap_or_else(|_| LinkRules {
        layouts: Vec::new(),
        site_sections: Vec::new(),
        generic_texts: Vec::new(),
    })
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_parse() {
        let rules: LinkRules = serde_saphyr::from_str(LINK_RULES_YAML).unwrap();
        assert_eq!(rules.layouts.len(), 7);
        assert!(rules.layouts.iter().all(|l| l.contains("{}")));
        assert_eq!(rules.site_sections, ["job-families", "handbook", "company"]);
        assert!(rules.generic_texts.iter().all(|t| t == &t.to_lowercase()));
    }
}
