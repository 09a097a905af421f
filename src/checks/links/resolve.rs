//! Resolving one link target to a linted page: site-root and relative paths, redirects, fragments.

use super::paths;
use super::redirects::Redirects;
use super::site::{Found, SiteIndex};
use super::target::{PathTarget, Target};
use foldhash::HashMap;
use std::sync::Mutex;

/// How far a chain of redirects is followed before it counts as a loop.
const MAX_REDIRECTS: usize = 5;

/// What a path target leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Resolution {
    /// A linted page (possibly through redirects); `fragment` is set when its anchor is missing.
    Page {
        /// The page's index in the handbook.
        page: usize,
        /// The fragment the page lacks, if any.
        missing_fragment: Option<String>,
    },
    /// A redirect to another site: fine offline.
    Offsite,
    /// A page exists only with other letter case; `corrected` is the target path to write instead.
    OtherCase {
        /// The page's index.
        page: usize,
        /// The written path with the page's letter case.
        corrected: String,
    },
    /// A folder of linted pages that has no index page.
    Folder,
    /// No page, in a folder that holds linted pages.
    Missing {
        /// The closest name in that folder, if one is close.
        suggestion: Option<String>,
    },
    /// No page, and no linted folder for it, below a section folder that was linted whole.
    AbsentFolder {
        /// The first folder of the written path that holds no linted page (`/a/b/`).
        folder: String,
        /// The written target with that folder replaced by a close sibling, if one is close.
        suggestion: Option<String>,
    },
    /// A redirect whose target does not exist.
    RedirectMissing {
        /// The redirect's target.
        to: String,
    },
    /// Climbs above every linted folder.
    Outside,
    /// The target's tree is not among the linted files.
    Unverifiable {
        /// Why, for `--strict-links` and the summary.
        why: String,
    },
}

/// Resolves targets against the site index and the redirects in force.
pub(crate) struct Resolver<'a> {
    /// The index of linted pages.
    pub index: &'a SiteIndex<'a>,
    /// The redirects file, when configured.
    pub redirects: Option<&'a Redirects>,
    /// The linted paths, normalised like page paths.
    pub roots: &'a [String],
    /// Site-root resolutions already worked out.
    pub memo: SiteRootMemo,
}

/// Site-root resolutions by the folder the link's first segment resolved from and the target:
/// without redirects nothing else decides them, and the pages of a folder tree link to the same
/// few targets over and over. Bounded, so a large tree's memory stays flat.
#[derive(Debug, Default)]
pub(crate) struct SiteRootMemo(Mutex<HashMap<String, (Resolution, String)>>);

/// The memo key of (site base, target path, fragment): one string, each part behind its length
/// (and the optional ones behind a mark), so no two triples share a key. One allocation per
/// lookup, where a tuple of owned strings took three.
fn memo_key(base: Option<&str>, path: &str, fragment: Option<&str>) -> String {
    let mut key = String::with_capacity(base.map_or(0, str::len) + path.len() + fragment.map_or(0, str::len) + 16);
    for part in [base, Some(path), fragment] {
        match part {
            Some(part) => {
                key.push('+');
                key.push_str(itoa::Buffer::new().format(part.len()));
                key.push(':');
                key.push_str(part);
            }
            None => key.push('-'),
        }
    }
    key
}

/// The most resolutions the memo holds; it starts over when full.
const MEMO_CAPACITY: usize = 4096;

/// The site URL a site-root `path` names, normalised (`/a//b/./c/` → `/a/b/c`); `Err` with the
/// normalised path when it climbs above the site root.
fn site_url(path: &str) -> Result<String, String> {
    // Hot: every site-root link. Most paths are already normal (no `.` or `..` part, no `\`,
    // no `//`): they lose at most their trailing `/`, without building `site…` and normalising it.
    if is_normal_site_path(path) {
        let url = path.strip_suffix('/').filter(|u| !u.is_empty()).unwrap_or(path);
        return Ok(url.to_owned());
    }
    site_url_normalised(path)
}

/// True when `path` starts with `/` and has no `\\`, no empty part but the last, and no `.` or
/// `..` part: normalising it only drops a trailing `/`.
fn is_normal_site_path(path: &str) -> bool {
    let Some(rest) = path.strip_prefix('/') else {
        return false;
    };
    let mut parts = rest.as_bytes().split(|&b| b == b'/').peekable();
    while let Some(part) = parts.next() {
        let last = parts.peek().is_none();
        if (part.is_empty() && !last) || part == b"." || part == b".." || part.contains(&b'\\') {
            return false;
        }
    }
    true
}

/// [`site_url`] by normalising `site` + `path` (the way every path went before the fast one).
fn site_url_normalised(path: &str) -> Result<String, String> {
    let sentinel = paths::normalize(&format!("site{path}"));
    let Some(url_rest) = sentinel.strip_prefix("site") else {
        return Err(sentinel);
    };
    Ok(if url_rest.is_empty() {
        "/".to_owned()
    } else {
        url_rest.to_owned()
    })
}

/// The first segment of a site URL: `job-families` in `/job-families/x/`.
fn first_segment(url: &str) -> &str {
    let rest = url.trim_start_matches('/');
    rest.split_once('/').map_or(rest, |(first, _)| first)
}

impl SiteRootMemo {
    fn get(&self, key: &str) -> Option<(Resolution, String)> {
        self.0.lock().ok()?.get(key).cloned()
    }

    fn put(&self, key: String, value: &(Resolution, String)) {
        if let Ok(mut map) = self.0.lock() {
            if map.len() >= MEMO_CAPACITY {
                map.clear();
            }
            map.insert(key, value.clone());
        }
    }
}

impl Resolver<'_> {
    /// Resolves a site-root or relative target written on page `from` (its index in the handbook).
    pub(crate) fn resolve(&self, from: usize, target: &Target) -> Option<(Resolution, String)> {
        let page_path = self.index.page_path(from);
        let dir = paths::parent(page_path);
        match target {
            Target::SiteRoot(t) => Some(self.site_root(dir, t, 0)),
            Target::Relative(t) => {
                let (mut res, mut key) = self.relative(dir, t);
                // Middleman and Hugo serve `dir/page.md` at `dir/page/`, so a relative link may be
                // written from there instead of from the file's folder.
                if !matches!(res, Resolution::Page { .. })
                    && let Some(url_dir) = url_folder(page_path)
                {
                    let (alt, alt_key) = self.relative(&url_dir, t);
                    if matches!(alt, Resolution::Page { .. }) {
                        (res, key) = (alt, alt_key);
                    }
                }
                Some((res, key))
            }
            _ => None,
        }
    }

    /// The folder the site-root target `t` on page `from` resolves from: the root of that page's
    /// site, when a linted folder holds the target's first segment.
    pub(crate) fn site_base_of(&self, from: usize, t: &PathTarget) -> Option<String> {
        let dir = paths::parent(self.index.page_path(from));
        let url = site_url(&t.path).ok()?;
        self.base_for(dir, first_segment(&url)).map(str::to_owned)
    }

    /// The folder above `dir` that holds the linted folder `first` (a site URL's first segment).
    fn base_for<'d>(&self, dir: &'d str, first: &str) -> Option<&'d str> {
        (!first.is_empty()).then(|| self.index.site_base(dir, first)).flatten()
    }

    /// Resolves `/first/rest` written in folder `dir`; returns the resolution and the normalised
    /// path it was looked up as (a grouping key for cross-page comparisons).
    pub(crate) fn site_root(&self, dir: &str, t: &PathTarget, depth: usize) -> (Resolution, String) {
        let url = match site_url(&t.path) {
            Ok(url) => url,
            Err(outside) => return (Resolution::Outside, outside),
        };
        let first = first_segment(&url).to_owned();
        let base = self.base_for(dir, &first);
        // Redirects resolve from `dir` again, for another first segment: then the base alone does
        // not decide the answer.
        let key = self
            .redirects
            .is_none()
            .then(|| memo_key(base, &t.path, t.fragment.as_deref()));
        if let Some(hit) = key.as_deref().and_then(|k| self.memo.get(k)) {
            return hit;
        }
        let resolved = self.site_root_from(base, url, first, t, dir, depth);
        if let Some(key) = key {
            self.memo.put(key, &resolved);
        }
        resolved
    }

    /// [`Resolver::site_root`] once the base folder of the first segment `first` is known.
    fn site_root_from(
        &self,
        base: Option<&str>,
        url: String,
        first: String,
        t: &PathTarget,
        dir: &str,
        depth: usize,
    ) -> (Resolution, String) {
        let path = base.map(|base| paths::join(base, url.get(1..).unwrap_or_default()));
        let found = match (base, path.as_deref()) {
            (Some(base), Some(p)) => Some(self.in_section(p, &paths::join(base, &first), t)),
            _ => None,
        };
        let key = path.clone().unwrap_or_else(|| format!("site:{url}"));
        if let Some(page @ Resolution::Page { .. }) = found {
            return (page, key);
        }
        if let Some(redirected) = self.redirected(dir, t, depth) {
            return (redirected, key);
        }
        let why = if first.is_empty() {
            "the site root is not a linted page".to_owned()
        } else {
            format!("no linted folder holds `{first}/`")
        };
        (found.unwrap_or(Resolution::Unverifiable { why }), key)
    }

    /// What `path` leads to below the linted folder `section` (the link's first segment). When the
    /// user linted that folder or one above it, every page under it was read, so a missing
    /// sub-folder means a missing page; when only a sub-folder was linted, it stays unverifiable.
    fn in_section(&self, path: &str, section: &str, t: &PathTarget) -> Resolution {
        let found = match self.found(path, t) {
            // Beside the linted pages' common folder, not above the site: a part of the site that
            // was not read (only a sub-folder was linted).
            Resolution::Outside => Resolution::Unverifiable {
                why: "only a sub-folder of its section was linted".to_owned(),
            },
            other => other,
        };
        if !matches!(found, Resolution::Unverifiable { .. }) || !self.linted_whole(section) {
            return found;
        }
        let (folder, suggestion) = self.first_absent(path, section, t);
        Resolution::AbsentFolder { folder, suggestion }
    }

    /// True when `dir` is a linted path or lies below one.
    fn linted_whole(&self, dir: &str) -> bool {
        self.roots.iter().any(|root| paths::is_within(dir, root))
    }

    /// For `path` below `section` whose folder is absent: the written prefix up to the first absent
    /// folder, and the written target with that folder replaced by a close sibling, if one is close.
    fn first_absent(&self, path: &str, section: &str, t: &PathTarget) -> (String, Option<String>) {
        let rest = path.strip_prefix(section).unwrap_or_default().trim_start_matches('/');
        let written: Vec<&str> = t.path.split('/').collect();
        // `written` is `["", first, …]`; the component `k` of `rest` is `written[k + 2]`.
        let mut existing = section.to_owned();
        for (k, part) in rest.split('/').enumerate() {
            let next = paths::join(&existing, part);
            if !self.index.is_folder(&next) {
                let upto = written.get(..k + 3).unwrap_or(&written).join("/");
                let suggestion = self.index.nearest_sibling(&next).and_then(|sibling| {
                    let mut fixed = written.clone();
                    *fixed.get_mut(k + 2)? = sibling;
                    Some(fixed.join("/"))
                });
                return (format!("{upto}/"), suggestion);
            }
            existing = next;
        }
        (t.path.clone(), None)
    }

    fn relative(&self, dir: &str, t: &PathTarget) -> (Resolution, String) {
        let path = paths::join(dir, &t.path);
        (self.found(&path, t), path)
    }

    fn found(&self, path: &str, t: &PathTarget) -> Resolution {
        match self.index.lookup(path) {
            Found::Page(page) => self.with_fragment(page, t),
            Found::OtherCase { page, path: cased } => Resolution::OtherCase {
                page,
                corrected: recase(&t.path, &cased),
            },
            Found::Folder => Resolution::Folder,
            Found::Missing => Resolution::Missing {
                suggestion: self.index.nearest_sibling(path).map(|s| replace_last(&t.path, s)),
            },
            Found::AbsentTree { folder } => Resolution::Unverifiable {
                why: format!("the folder `{}` holds no linted page", paths::file_name(&folder)),
            },
            Found::Outside => Resolution::Outside,
        }
    }

    fn with_fragment(&self, page: usize, t: &PathTarget) -> Resolution {
        let missing_fragment = t
            .fragment
            .as_ref()
            .filter(|f| !self.index.is_templated(page) && !self.index.has_anchor(page, f))
            .cloned();
        Resolution::Page { page, missing_fragment }
    }

    /// Follows the redirect for `t`, if the redirects file has one.
    fn redirected(&self, dir: &str, t: &PathTarget, depth: usize) -> Option<Resolution> {
        let to = self.redirects?.lookup(&t.path)?;
        // A redirect to itself is no redirect: nginx would serve the path (or loop); either way the
        // path has to be resolved as it is.
        if to.split(['#', '?']).next() == Some(t.path.as_str()) {
            return None;
        }
        if depth >= MAX_REDIRECTS {
            return Some(Resolution::RedirectMissing { to });
        }
        let next = match Target::classify(&to) {
            Target::External | Target::OtherScheme | Target::Templated => return Some(Resolution::Offsite),
            Target::SiteRoot(next) => next,
            // Redirect targets are site paths; one written without its slash means the same.
            Target::Relative(next) => PathTarget {
                path: format!("/{}", next.path),
                fragment: next.fragment,
            },
            _ => return Some(Resolution::RedirectMissing { to }),
        };
        let next = PathTarget {
            fragment: t.fragment.clone().or(next.fragment),
            ..next
        };
        Some(match self.site_root(dir, &next, depth + 1).0 {
            Resolution::Missing { .. } | Resolution::AbsentFolder { .. } | Resolution::Folder | Resolution::Outside => {
                Resolution::RedirectMissing { to }
            }
            other => other,
        })
    }
}

/// The folder a non-index page is served as (`dir/page.html.md` → `dir/page`).
fn url_folder(page_path: &str) -> Option<String> {
    let name = paths::file_name(page_path);
    let stem = [".html.md.erb", ".html.md", ".md.erb", ".md"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))?;
    (!matches!(stem, "index" | "_index")).then(|| paths::join(paths::parent(page_path), stem))
}

/// `written` with each component replaced by the one of `cased` that equals it ignoring case.
fn recase(written: &str, cased: &str) -> String {
    let real: Vec<&str> = cased.split('/').collect();
    written
        .split('/')
        .map(|part| real.iter().find(|r| r.eq_ignore_ascii_case(part)).map_or(part, |r| *r))
        .collect::<Vec<_>>()
        .join("/")
}

/// `written` with its last non-empty component replaced by `name`, keeping a trailing slash.
fn replace_last(written: &str, name: &str) -> String {
    let trimmed = written.trim_end_matches('/');
    let slash = written.get(trimmed.len()..).unwrap_or_default();
    let head = trimmed
        .get(..trimmed.rfind('/').map_or(0, |i| i + 1))
        .unwrap_or_default();
    format!("{head}{name}{slash}")
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn the_fast_site_url_is_the_normalised_one(path in "/?[/.\\\\ab%]{0,14}") {
            proptest::prop_assert_eq!(site_url(&path), site_url_normalised(&path));
        }
    }

    #[test]
    fn site_urls_lose_empty_and_dot_parts_and_may_climb_out() {
        assert_eq!(site_url("/a/b/"), Ok("/a/b".to_owned()));
        assert_eq!(site_url("/"), Ok("/".to_owned()));
        assert_eq!(site_url("/a//b/./c/"), Ok("/a/b/c".to_owned()));
        assert_eq!(site_url("/a/../b"), Ok("/b".to_owned()));
        assert!(site_url("/../b").is_err());
    }

    #[test]
    fn memo_keys_differ_for_every_different_triple() {
        let triples = [
            (None, "/a", None),
            (Some(""), "/a", None),
            (None, "/a", Some("")),
            (Some("x"), "/a", None),
            (Some("x+1:"), "/a", None),
            (Some("x"), "+1:/a", None),
            (None, "/a+1:x", None),
            (None, "/a", Some("x")),
        ];
        let keys: std::collections::BTreeSet<String> = triples.iter().map(|&(b, p, f)| memo_key(b, p, f)).collect();
        assert_eq!(keys.len(), triples.len());
    }

    #[test]
    fn rewrites_paths() {
        assert_eq!(recase("/a/Team/", "x/a/team"), "/a/team/");
        assert_eq!(replace_last("/a/b/", "c"), "/a/c/");
        assert_eq!(replace_last("b", "c"), "c");
        assert_eq!(url_folder("x/page.html.md").as_deref(), Some("x/page"));
        assert_eq!(url_folder("x/index.html.md"), None);
    }

    #[test]
    fn a_remembered_resolution_is_the_one_worked_out() {
        let page = |path: &str, text: &str| crate::parse::parse(&crate::read::SourceFile::from_text(path, text, false));
        let links = "[a](/job-families/eng/backend/) [b](/job-families/eng/backend/#senior) \
                     [c](/job-families/eng/backend/#nope) [d](/job-families/eng/nothing/) [e](/handbook/x/) \
                     [f](/job-families/sales/) [g](/) [h](/job-families/eng/Backend/) [i](/../../x)";
        let handbook = crate::model::Handbook::new(vec![
            page("t/job-families/eng/backend.md", &format!("## Senior\n\n{links}\n")),
            page("t/job-families/eng/frontend.md", &format!("# F\n\n{links}\n")),
            page("t/job-families/sales/index.md", &format!("# S\n\n{links}\n")),
            page("u/job-families/eng/backend.md", &format!("# B\n\n{links}\n")),
        ]);
        let index = SiteIndex::new(&handbook);
        let roots = vec!["t".to_owned()];
        let resolver = |memo| Resolver {
            index: &index,
            redirects: None,
            roots: &roots,
            memo,
        };
        let (plain, remembering) = (resolver(SiteRootMemo::default()), resolver(SiteRootMemo::default()));
        let mut answers = foldhash::HashSet::default();
        for round in 0..2 {
            for (pi, p) in handbook.pages.iter().enumerate() {
                for link in &p.links {
                    let target = Target::classify(&link.target);
                    let expected = Resolver {
                        memo: SiteRootMemo::default(),
                        ..plain
                    }
                    .resolve(pi, &target);
                    assert_eq!(
                        remembering.resolve(pi, &target),
                        expected,
                        "{round} {} {}",
                        p.path,
                        link.target
                    );
                    answers.insert(format!("{expected:?}"));
                }
            }
        }
        assert!(remembering.memo.0.lock().is_ok_and(|m| !m.is_empty()));
        assert!(answers.len() >= 6, "{answers:?}");
    }
}
