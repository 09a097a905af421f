//! The site's own URLs: an absolute link to one of them (`https://handbook.example.com/job-families/…`)
//! is a site-root link and breaks like one. The URLs come from `[options.broken-link] site-urls`,
//! else from the site generator's configuration (Hugo `baseURL`, Jekyll `url`), else from the links.

use super::resolve::{Resolution, Resolver};
use super::target::Target;
use crate::model::Handbook;
use foldhash::HashSet;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// One URL the linted site is published at: a host and the path the site lives under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteUrl {
    /// Lower-case host, with its port if written.
    host: String,
    /// The path prefix without a trailing slash (`""` for a site at the host's root).
    prefix: String,
}

impl SiteUrl {
    /// Reads `https://host/prefix/`, `//host` or a bare `host/prefix`; `None` when there is no host.
    pub fn parse(url: &str) -> Option<SiteUrl> {
        let url = url.trim();
        let rest = match split_scheme(url) {
            Some((_, rest)) => rest,
            None => url.strip_prefix("//").unwrap_or(url),
        };
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let host = host.rsplit('@').next().unwrap_or(host).to_lowercase();
        if host.is_empty() || host.contains(['?', '#', ' ']) {
            return None;
        }
        let prefix = path.split(['?', '#']).next().unwrap_or_default().trim_end_matches('/');
        let prefix = if prefix.is_empty() {
            String::new()
        } else {
            format!("/{prefix}")
        };
        Some(SiteUrl { host, prefix })
    }

    /// The site-root form of `target` (path, query and fragment) when it is a URL on this site.
    pub(crate) fn site_path(&self, target: &str) -> Option<String> {
        let (host, rest) = split_http(target)?;
        if host != self.host {
            return None;
        }
        let rest = rest.strip_prefix(self.prefix.as_str())?;
        match rest.chars().next() {
            None => Some("/".to_owned()),
            Some('/') => Some(rest.to_owned()),
            Some('?' | '#') => Some(format!("/{rest}")),
            // `/docs` prefix and `/docsearch`: another path, not below the site.
            Some(_) => None,
        }
    }
}

/// The site-root form of `target` under the first of `urls` it belongs to.
pub(crate) fn site_path(urls: &[SiteUrl], target: &str) -> Option<String> {
    urls.iter().find_map(|u| u.site_path(target))
}

/// `(scheme, rest after "://")` of an absolute URL.
fn split_scheme(url: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    let valid = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some((scheme, rest))
}

/// `(lower-case host, path-query-fragment)` of an `http(s)://` or `//` URL.
fn split_http(target: &str) -> Option<(String, &str)> {
    let t = target.trim();
    let rest = match split_scheme(t) {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") => rest,
        Some(_) => return None,
        None => t.strip_prefix("//")?,
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest.get(..end)?;
    let host = host.rsplit('@').next().unwrap_or(host).to_lowercase();
    (!host.is_empty()).then(|| (host, rest.get(end..).unwrap_or_default()))
}

/// Links to a host that must lead to linted pages before the host counts as the site's own.
const MIN_RESOLVED_PAGES: usize = 3;

/// Infers the site's own hosts from the links: a host is the site's when its links lead to at
/// least [`MIN_RESOLVED_PAGES`] different linted pages and at least two in three of its links that
/// can be judged (their section is linted) resolve. Links into sections no linted folder holds
/// (a foreign site's `/docs/…`, the handbook beside the job families) count for nothing either
/// way, so a foreign site is never made local by a handful of coincidences, and a host whose
/// linted-looking paths mostly fail is not the linted site.
pub(crate) fn infer(handbook: &Handbook, resolver: &Resolver<'_>) -> Vec<SiteUrl> {
    #[derive(Default)]
    struct Tally {
        pages: HashSet<usize>,
        resolved: usize,
        failed: usize,
    }
    // Pages are tallied in parallel and the tallies added up: at x100 this was a serial sixth
    // of the corpus-wide checks.
    let hosts = handbook
        .pages
        .par_iter()
        .enumerate()
        .fold(BTreeMap::<String, Tally>::new, |mut hosts, (pi, page)| {
            for link in &page.links {
                let Some((host, rest)) = split_http(&link.target) else {
                    continue;
                };
                let path = if rest.starts_with('/') {
                    rest.to_owned()
                } else {
                    format!("/{rest}")
                };
                let target = Target::classify(&path);
                if !matches!(target, Target::SiteRoot(_)) {
                    continue;
                }
                let Some((resolution, _)) = resolver.resolve(pi, &target) else {
                    continue;
                };
                let tally = hosts.entry(host).or_default();
                match resolution {
                    Resolution::Page { page, .. } => {
                        tally.resolved += 1;
                        tally.pages.insert(page);
                    }
                    Resolution::Unverifiable { .. } | Resolution::Offsite | Resolution::Outside => {}
                    _ => tally.failed += 1,
                }
            }
            hosts
        })
        .reduce(BTreeMap::new, |mut all, more| {
            for (host, tally) in more {
                let sum = all.entry(host).or_default();
                sum.pages.extend(tally.pages);
                sum.resolved += tally.resolved;
                sum.failed += tally.failed;
            }
            all
        });
    hosts
        .into_iter()
        .filter(|(_, t)| t.pages.len() >= MIN_RESOLVED_PAGES && t.resolved * 3 >= (t.resolved + t.failed) * 2)
        .map(|(host, _)| SiteUrl {
            host,
            prefix: String::new(),
        })
        .collect()
}

/// Generator configuration files that name the site's URL, with the key that holds it.
const GENERATOR_CONFIGS: &[(&str, &str)] = &[
    ("hugo.toml", "baseURL"),
    ("hugo.yaml", "baseURL"),
    ("hugo.yml", "baseURL"),
    ("hugo.json", "baseURL"),
    ("config.toml", "baseURL"),
    ("config.yaml", "baseURL"),
    ("config.yml", "baseURL"),
    ("config.json", "baseURL"),
    ("_config.yml", "url"),
    ("_config.yaml", "url"),
];

/// How many folders above a linted folder are searched for a generator configuration when it lies
/// in no git repository (Hugo keeps it above `content/`, pages sit below `content/<section>/`).
const LEVELS_OUTSIDE_A_REPOSITORY: usize = 3;

/// The site URL named by the generator configuration nearest above the linted `paths` (up to the
/// repository's top), if any. A file that cannot be read or names no URL is passed over.
pub fn discover(paths: &[PathBuf]) -> Option<SiteUrl> {
    crate::read::git::first_above(paths, LEVELS_OUTSIDE_A_REPOSITORY, |dir| {
        GENERATOR_CONFIGS.iter().find_map(|(name, key)| {
            let file = dir.join(name);
            if !file.is_file() {
                return None;
            }
            let text = std::fs::read_to_string(&file).ok()?;
            let url = config_value(name, &text, key).and_then(|u| SiteUrl::parse(&u))?;
            // Jekyll keeps the path prefix apart, in `baseurl`.
            let base = (*key == "url")
                .then(|| config_value(name, &text, "baseurl"))
                .flatten()
                .map(|b| b.trim_matches('/').to_owned())
                .filter(|b| !b.is_empty());
            Some(match base {
                Some(b) => SiteUrl {
                    prefix: format!("{}/{b}", url.prefix),
                    ..url
                },
                None => url,
            })
        })
    })
}

/// The top-level string `key` of a TOML, YAML or JSON configuration file (by its name).
fn config_value(name: &str, text: &str, key: &str) -> Option<String> {
    let value: serde_json::Value = if name.ends_with(".toml") {
        toml::from_str(text).ok()?
    } else if name.ends_with(".json") {
        serde_json::from_str(text).ok()?
    } else {
        serde_saphyr::from_str(text).ok()?
    };
    value
        .get(key)?
        .as_str()
        .map(str::to_owned)
        .filter(|s| !s.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_stay_on_the_site() {
        let site = SiteUrl::parse("https://Handbook.Example.com/docs/").unwrap();
        assert_eq!(
            site.site_path("https://handbook.example.com/docs/job-families/x/#a")
                .as_deref(),
            Some("/job-families/x/#a")
        );
        assert_eq!(site.site_path("http://handbook.example.com/docs").as_deref(), Some("/"));
        assert_eq!(site.site_path("//handbook.example.com/docs/a").as_deref(), Some("/a"));
        assert_eq!(site.site_path("https://handbook.example.com/docsearch/a"), None);
        assert_eq!(site.site_path("https://example.com/docs/a"), None);
        assert_eq!(site.site_path("https://handbook.example.com.evil.org/docs/a"), None);
        assert_eq!(site.site_path("ftp://handbook.example.com/docs/a"), None);
        assert_eq!(SiteUrl::parse("https://"), None);
        assert_eq!(
            SiteUrl::parse("widgets.example.org")
                .unwrap()
                .site_path("https://widgets.example.org")
                .as_deref(),
            Some("/")
        );
    }

    #[test]
    fn reads_hugo_and_jekyll_configuration() {
        assert_eq!(
            config_value("hugo.toml", "baseURL = 'https://h.example.com/'\n", "baseURL").as_deref(),
            Some("https://h.example.com/")
        );
        assert_eq!(
            config_value("config.yaml", "baseURL: https://y.example.com\n", "baseURL").as_deref(),
            Some("https://y.example.com")
        );
        assert_eq!(config_value("hugo.json", "{\"baseURL\": \"\"}", "baseURL"), None);
        assert_eq!(config_value("hugo.toml", "not [ toml", "baseURL"), None);
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("site/content/job-families")).unwrap();
        std::fs::write(
            dir.path().join("site/_config.yml"),
            "url: https://jekyll.example.com\nbaseurl: /handbook/\n",
        )
        .unwrap();
        let found = discover(&[dir.path().join("site/content/job-families")]).unwrap();
        assert_eq!(
            found
                .site_path("https://jekyll.example.com/handbook/job-families/a/")
                .as_deref(),
            Some("/job-families/a/")
        );
    }
}
