//! A site's redirect list (`redirects.yml`: `sources`, `target`, `comp_op`), matched as nginx does.

use foldhash::HashMap;
use regex::{Regex, RegexSet};
use serde::Deserialize;

/// Redirects, compiled once: exact sources, `^~` prefixes and `~` regular expressions.
#[derive(Clone, Debug, Default)]
pub struct Redirects {
    exact: HashMap<String, String>,
    /// Longest prefix first, so the first match is nginx's pick.
    prefix: Vec<(String, String)>,
    /// In file order: nginx tries regular expressions in the order written. Each is anchored at
    /// the start of the path (see [`Redirects::parse`]).
    regex: Vec<(Regex, String)>,
    /// All of `regex` in one automaton, so a lookup is one pass over the path, not one per pattern;
    /// `None` when the set would exceed its size bound (then they are tried one by one).
    regex_set: Option<RegexSet>,
    /// Entries whose pattern is not a valid regular expression for the `regex` crate.
    skipped: usize,
}

/// The compiled size one `~` pattern may reach; the file is user input.
const REGEX_LIMIT: usize = 1 << 20;

/// The compiled size of all `~` patterns together as one set.
const REGEX_SET_LIMIT: usize = 1 << 26;

/// A redirects file that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("invalid redirects file: {0}")]
pub struct RedirectsError(String);

#[derive(Deserialize)]
struct Entry {
    sources: Sources,
    target: String,
    #[serde(default)]
    comp_op: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Sources {
    One(String),
    Many(Vec<String>),
}

/// File names a site keeps its redirects under, tried in each folder from a linted path up to its
/// repository's top (Middleman's `data/redirects.yml` first).
pub const REDIRECT_FILES: &[&str] = &["data/redirects.yml", "redirects.yml"];

/// Finds and parses the redirects file of the site around `paths` with no configuration: the first
/// of [`REDIRECT_FILES`] in a linted path or one of its ancestors up to the top of the git
/// repository holding it (outside a repository, in the linted folder only). Climbing further would
/// pick up an unrelated file above the repository (`/tmp/redirects.yml`, a home folder). A file
/// found that does not parse is returned as the error, so the caller can say so instead of silently
/// checking without it.
pub fn discover(
    paths: &[std::path::PathBuf],
) -> Option<Result<(std::path::PathBuf, Redirects), (std::path::PathBuf, RedirectsError)>> {
    crate::read::git::first_above(paths, 0, |dir| {
        REDIRECT_FILES.iter().find_map(|name| {
            let candidate = dir.join(name);
            if !candidate.is_file() {
                return None;
            }
            let parsed = std::fs::read_to_string(&candidate)
                .map_err(|e| RedirectsError(e.to_string()))
                .and_then(|text| Redirects::parse(&text));
            Some(match parsed {
                Ok(r) => Ok((candidate, r)),
                Err(e) => Err((candidate, e)),
            })
        })
    })
}

impl Redirects {
    /// Parses a redirects file's text.
    ///
    /// `~` sources are matched from the start of the path. nginx would match them anywhere, but every
    /// source in such files is written as a path: unanchored, `/product/` would catch
    /// `/job-families/product/…` and send a whole section to one unrelated page.
    pub fn parse(text: &str) -> Result<Redirects, RedirectsError> {
        let entries: Vec<Entry> = serde_saphyr::from_str(text).map_err(|e| RedirectsError(e.to_string()))?;
        let mut redirects = Redirects::default();
        for entry in entries {
            let sources = match entry.sources {
                Sources::One(s) => vec![s],
                Sources::Many(v) => v,
            };
            let target = entry.target.trim().to_owned();
            match entry.comp_op.as_deref().map(str::trim).unwrap_or("=") {
                "^~" => redirects
                    .prefix
                    .extend(sources.into_iter().map(|s| (s.trim().to_owned(), target.clone()))),
                "~" => {
                    for source in sources {
                        let source = source.trim();
                        let anchored = source.strip_prefix('^').unwrap_or(source);
                        // The redirects file is user input: bound what one pattern may compile to.
                        let built = regex::RegexBuilder::new(&format!("^(?:{anchored})"))
                            .size_limit(REGEX_LIMIT)
                            .build();
                        match built {
                            Ok(re) => redirects.regex.push((re, target.clone())),
                            Err(_) => redirects.skipped += 1,
                        }
                    }
                }
                _ => {
                    for source in sources {
                        redirects
                            .exact
                            .entry(source.trim().to_owned())
                            .or_insert_with(|| target.clone());
                    }
                }
            }
        }
        redirects
            .prefix
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        redirects.regex_set = regex::RegexSetBuilder::new(redirects.regex.iter().map(|(re, _)| re.as_str()))
            .size_limit(REGEX_SET_LIMIT)
            .build()
            .ok();
        Ok(redirects)
    }

    /// Where a request for `path` (a site-root URL path without fragment) is redirected, if anywhere.
    pub fn lookup(&self, path: &str) -> Option<String> {
        if let Some(target) = self.exact.get(path) {
            return Some(target.clone());
        }
        if let Some((_, target)) = self.prefix.iter().find(|(p, _)| path.starts_with(p.as_str())) {
            return Some(target.clone());
        }
        let expand = |(re, target): &(Regex, String)| {
            re.captures(path).map(|caps| {
                let mut out = String::new();
                caps.expand(target, &mut out);
                out
            })
        };
        match &self.regex_set {
            // The set reports every pattern that matches; nginx takes the first in file order.
            Some(set) => set
                .matches(path)
                .iter()
                .next()
                .and_then(|i| self.regex.get(i))
                .and_then(expand),
            None => self.regex.iter().find_map(expand),
        }
    }

    /// How many redirects the file holds (all three kinds).
    pub fn len(&self) -> usize {
        self.exact.len() + self.prefix.len() + self.regex.len()
    }

    /// True when the file holds no usable redirect.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Regular-expression sources that could not be compiled and are ignored.
    pub fn skipped(&self) -> usize {
        self.skipped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
- sources: /a/old/
  target: /a/new/
  comp_op: '='
- sources:
  - /b/one
  - /b/two/
  target: /b/
  comp_op: "="
- sources: /c/legacy
  target: /c/current/
  comp_op: ^~
- sources: /c/legacy-long
  target: /c/longer/
  comp_op: '^~'
- sources: ^/d/(\w+)-old/$
  target: /d/$1/
  comp_op: '~'
- sources: /product/
  target: /stages/
  comp_op: '~'
- sources: /e/(unclosed
  target: /e/
  comp_op: '~'
"#;

    #[test]
    fn matches_like_nginx() {
        let r = Redirects::parse(FILE).unwrap();
        assert_eq!(r.lookup("/a/old/").as_deref(), Some("/a/new/"));
        assert_eq!(r.lookup("/a/old"), None);
        assert_eq!(r.lookup("/b/two/").as_deref(), Some("/b/"));
        assert_eq!(r.lookup("/c/legacy/x").as_deref(), Some("/c/current/"));
        assert_eq!(r.lookup("/c/legacy-longer").as_deref(), Some("/c/longer/"));
        assert_eq!(r.lookup("/d/team-old/").as_deref(), Some("/d/team/"));
        assert_eq!(r.lookup("/z/"), None);
        assert_eq!(r.lookup("/product/x").as_deref(), Some("/stages/"));
        assert_eq!(r.lookup("/job-families/product/x"), None);
        assert_eq!((r.len(), r.skipped()), (7, 1));
    }

    #[test]
    fn the_first_matching_pattern_in_file_order_wins() {
        let r = Redirects::parse(
            "- {sources: /f/(\\w+)/, target: /first/$1/, comp_op: '~'}\n\
             - {sources: /f/a/, target: /second/, comp_op: '~'}\n",
        )
        .unwrap();
        assert!(r.regex_set.is_some());
        assert_eq!(r.lookup("/f/a/").as_deref(), Some("/first/a/"));
        assert_eq!(r.lookup("/g/a/"), None);
    }

    #[test]
    fn discovery_stops_at_the_repository_top() {
        let dir = tempfile::tempdir().unwrap();
        let outer = dir.path();
        std::fs::write(outer.join("redirects.yml"), "- {sources: /a, target: /b}\n").unwrap();
        let linted = outer.join("repo/site/job-families");
        std::fs::create_dir_all(&linted).unwrap();
        // Outside any repository, only the linted folder itself is searched.
        assert!(discover(std::slice::from_ref(&linted)).is_none());
        // In a repository, up to its top and not above it.
        std::fs::create_dir(outer.join("repo/.git")).unwrap();
        assert!(discover(std::slice::from_ref(&linted)).is_none());
        std::fs::write(outer.join("repo/redirects.yml"), "- {sources: /c, target: /d}\n").unwrap();
        let (found, r) = discover(std::slice::from_ref(&linted)).unwrap().unwrap();
        assert_eq!(found, outer.join("repo/redirects.yml"));
        assert_eq!(r.lookup("/c").as_deref(), Some("/d"));
        // A linted file searches from its folder.
        let page = linted.join("page.md");
        std::fs::write(&page, "# P\n").unwrap();
        assert!(discover(&[page]).is_some());
    }

    #[test]
    fn rejects_a_file_that_is_not_a_list() {
        assert!(Redirects::parse("sources: /a").is_err());
    }
}
