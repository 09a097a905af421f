//! A site's redirect list (`redirects.yml`: `sources`, `target`, `comp_op`), matched as nginx does.

use regex::Regex;
use serde::Deserialize;
use std::collections::HashMap;

/// Redirects, compiled once: exact sources, `^~` prefixes and `~` regular expressions.
#[derive(Clone, Debug, Default)]
pub struct Redirects {
    exact: HashMap<String, String>,
    /// Longest prefix first, so the first match is nginx's pick.
    prefix: Vec<(String, String)>,
    /// In file order: nginx tries regular expressions in the order written. Each is anchored at
    /// the start of the path (see [`Redirects::parse`]).
    regex: Vec<(Regex, String)>,
    /// Entries whose pattern is not a valid regular expression for the `regex` crate.
    skipped: usize,
}

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

/// File names a site keeps its redirects under, tried in each ancestor of a linted path
/// (Middleman's `data/redirects.yml` first).
pub const REDIRECT_FILES: &[&str] = &["data/redirects.yml", "redirects.yml"];

/// Finds and parses the redirects file of the site around `paths` with no configuration: the first
/// of [`REDIRECT_FILES`] in a linted path or one of its ancestors. A file found that does not parse
/// is returned as the error, so the caller can say so instead of silently checking without it.
pub fn discover(
    paths: &[std::path::PathBuf],
) -> Option<Result<(std::path::PathBuf, Redirects), (std::path::PathBuf, RedirectsError)>> {
    for path in paths {
        let start = crate::read::absolute(path);
        for dir in start.ancestors() {
            for name in REDIRECT_FILES {
                let candidate = dir.join(name);
                if !candidate.is_file() {
                    continue;
                }
                let parsed = std::fs::read_to_string(&candidate)
                    .map_err(|e| RedirectsError(e.to_string()))
                    .and_then(|text| Redirects::parse(&text));
                return Some(match parsed {
                    Ok(r) => Ok((candidate, r)),
                    Err(e) => Err((candidate, e)),
                });
            }
        }
    }
    None
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
                            .size_limit(1 << 20)
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
        self.regex.iter().find_map(|(re, target)| {
            re.captures(path).map(|caps| {
                let mut out = String::new();
                caps.expand(target, &mut out);
                out
            })
        })
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
    fn rejects_a_file_that_is_not_a_list() {
        assert!(Redirects::parse("sources: /a").is_err());
    }
}
