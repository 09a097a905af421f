//! The site index: every linted page by normalised path, its folders, a lowercase map and its anchors.
//! Built once per run from the [`Handbook`]; lookups never touch the file system.

use super::options::LINK_RULES;
use super::paths;
use crate::checks::similarity::similarity_at_least;
use crate::model::Handbook;
use foldhash::{HashMap, HashSet};
use foldhash::{HashMapExt, HashSetExt};
use rayon::prelude::*;
use std::collections::BTreeSet;

/// Where a path leads among the linted files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// The page with this index in the handbook.
    Page(usize),
    /// Only a page whose path differs in letter case; `path` is the path as it should be written.
    OtherCase {
        /// The page's index.
        page: usize,
        /// The link path with the page's letter case.
        path: String,
    },
    /// A folder of linted pages that has no index page.
    Folder,
    /// Nothing, in a folder that holds linted pages: broken.
    Missing,
    /// Nothing, and the folder that would hold it has no linted page: unverifiable.
    AbsentTree {
        /// That folder.
        folder: String,
    },
    /// The path climbs above every linted folder.
    Outside,
}

/// Every linted page and folder, indexed for link resolution; borrows the pages' anchors, since
/// the index lives only while the checks run and a copy of every id would be most of its size.
#[derive(Debug)]
pub(crate) struct SiteIndex<'h> {
    pages: HashMap<String, usize>,
    lower: HashMap<String, usize>,
    dirs: HashSet<String>,
    /// Folder name → the folders that hold a linted folder of that name (`site_base` without joins).
    holders: HashMap<String, HashSet<String>>,
    /// Folder → the names in it, sorted, each with its lowercase form (compared on every miss).
    children: HashMap<String, Vec<(String, String)>>,
    root: Option<String>,
    page_paths: Vec<String>,
    anchors: Vec<HashSet<&'h str>>,
    templated: Vec<bool>,
    handbook: &'h Handbook,
}

impl<'h> SiteIndex<'h> {
    /// Indexes the handbook's pages.
    pub(crate) fn new(handbook: &'h Handbook) -> Self {
        // What is per page is worked out by several threads; the folder maps, which merge pages,
        // by one.
        let page_paths: Vec<String> = handbook.pages.par_iter().map(|p| paths::normalize(&p.path)).collect();
        let mut pages = HashMap::new();
        let mut lower = HashMap::new();
        let mut dirs = HashSet::new();
        let mut children: HashMap<String, BTreeSet<String>> = HashMap::new();
        for (i, path) in page_paths.iter().enumerate() {
            pages.entry(path.clone()).or_insert(i);
            lower.entry(path.to_lowercase()).or_insert(i);
            if let Some(name) = url_name(paths::file_name(path)) {
                children.entry(paths::parent(path).to_owned()).or_default().insert(name);
            }
            for dir in paths::ancestors(paths::parent(path)) {
                if !dirs.insert(dir.to_owned()) {
                    break;
                }
                if !matches!(dir, "" | "/") && !dir.ends_with("..") {
                    let name = paths::file_name(dir).to_owned();
                    children.entry(paths::parent(dir).to_owned()).or_default().insert(name);
                }
            }
        }
        let mut holders: HashMap<String, HashSet<String>> = HashMap::new();
        for dir in &dirs {
            holders
                .entry(paths::file_name(dir).to_owned())
                .or_default()
                .insert(paths::parent(dir).to_owned());
        }
        let root = paths::common_root(page_paths.iter().map(|p| paths::parent(p)));
        let children = children
            .into_iter()
            .map(|(dir, names)| {
                let names = names
                    .into_iter()
                    .map(|name| {
                        let lower = name.to_lowercase();
                        (name, lower)
                    })
                    .collect();
                (dir, names)
            })
            .collect();
        let anchors = handbook
            .pages
            .par_iter()
            .map(|p| {
                let mut ids: HashSet<&str> = p.anchors.iter().map(|a| a.id.as_str()).collect();
                ids.extend(p.headings.iter().map(|h| h.anchor.as_str()));
                ids
            })
            .collect();
        // ERB and shortcodes can emit headings and ids the Markdown does not show.
        let templated = handbook.pages.par_iter().map(|p| p.templated()).collect();
        SiteIndex {
            pages,
            lower,
            dirs,
            holders,
            children,
            root,
            page_paths,
            anchors,
            templated,
            handbook,
        }
    }

    /// The normalised path of page `i`.
    pub(crate) fn page_path(&self, i: usize) -> &str {
        self.page_paths.get(i).map_or("", String::as_str)
    }

    /// The linted folders directly inside `dir` (a site's sections: `job-families`, `handbook`).
    pub(crate) fn sub_folders(&self, dir: &str) -> Vec<&str> {
        self.children
            .get(dir)
            .into_iter()
            .flatten()
            .map(|(name, _)| name.as_str())
            .filter(|name| self.dirs.contains(&paths::join(dir, name)))
            .collect()
    }

    /// True when page `i` defines anchor `id`.
    pub(crate) fn has_anchor(&self, i: usize, id: &str) -> bool {
        self.anchors.get(i).is_some_and(|a| a.contains(id))
    }

    /// The anchors of page `i`, sorted.
    pub(crate) fn anchors_of(&self, i: usize) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .anchors
            .get(i)
            .map(|a| a.iter().copied().collect())
            .unwrap_or_default();
        ids.sort_unstable();
        ids
    }

    /// The anchors of page `i`'s top sections, in page order: the headings of the smallest depth
    /// below the page title's (H2 on most pages).
    pub(crate) fn section_anchors(&self, i: usize) -> Vec<&'h str> {
        let Some(page) = self.handbook.pages.get(i) else {
            return Vec::new();
        };
        let top = page.headings.iter().map(|h| h.depth).filter(|&d| d > 1).min();
        page.headings
            .iter()
            .filter(|h| Some(h.depth) == top)
            .map(|h| h.anchor.as_str())
            .collect()
    }

    /// True when page `i` is a template whose rendered anchors cannot be known from its text.
    pub(crate) fn is_templated(&self, i: usize) -> bool {
        self.templated.get(i).copied().unwrap_or(false)
    }

    /// The folder a site-root path `/first/…` is resolved from: the nearest ancestor of `page_dir`
    /// that holds a linted folder named `first`.
    pub(crate) fn site_base<'p>(&self, page_dir: &'p str, first: &str) -> Option<&'p str> {
        // `a` holds a folder `first` when `a/first` is a linted folder; for a plain name that is a
        // folder whose parent is `a`. Hot: runs for every site-root link, up every ancestor.
        if matches!(first, "" | "." | "..") || first.contains(['/', '\\']) {
            return paths::ancestors(page_dir).find(|a| self.dirs.contains(&paths::join(a, first)));
        }
        let holders = self.holders.get(first)?;
        paths::ancestors(page_dir).find(|a| holders.contains(*a))
    }

    /// What the normalised path `path` leads to.
    pub(crate) fn lookup(&self, path: &str) -> Found {
        if self.root.as_deref().is_some_and(|root| !paths::is_within(path, root)) {
            return Found::Outside;
        }
        if let Some(i) = self.find(path, false) {
            return Found::Page(i);
        }
        if let Some(i) = self.find(path, true) {
            return Found::OtherCase {
                page: i,
                path: self.cased_like(path, i),
            };
        }
        if self.dirs.contains(path) {
            return Found::Folder;
        }
        let folder = paths::parent(path);
        if self.dirs.contains(folder) {
            Found::Missing
        } else {
            Found::AbsentTree {
                folder: folder.to_owned(),
            }
        }
    }

    /// True when `path` is a folder holding linted pages.
    pub(crate) fn is_folder(&self, path: &str) -> bool {
        self.dirs.contains(path)
    }

    /// The names in the folder that holds `path` closest to its last component (for "did you mean").
    pub(crate) fn nearest_sibling(&self, path: &str) -> Option<&str> {
        let name = paths::file_name(path).to_lowercase();
        let name = name.strip_suffix(".html").unwrap_or(&name);
        self.children
            .get(paths::parent(path))?
            .iter()
            .filter_map(|(c, lower)| similarity_at_least(name, lower, 0.75).map(|score| (score, c)))
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
            .map(|(_, c)| c.as_str())
    }

    fn find(&self, path: &str, fold_case: bool) -> Option<usize> {
        let hit = |candidate: &str| {
            if fold_case {
                self.lower.get(&candidate.to_lowercase()).copied()
            } else {
                self.pages.get(candidate).copied()
            }
        };
        if let Some(i) = hit(path) {
            return Some(i);
        }
        // Hot: runs for every internal link; the candidates are written into one buffer.
        let mut candidate = String::with_capacity(path.len() + 24);
        let stem = path.strip_suffix(".html");
        for base in std::iter::once(path).chain(stem) {
            for layout in &LINK_RULES.layouts {
                candidate.clear();
                fill_layout(&mut candidate, layout, base);
                if let Some(i) = hit(&candidate) {
                    return Some(i);
                }
            }
        }
        None
    }

    /// `path` with the letter case of page `i`'s path, component by component from the end.
    fn cased_like(&self, path: &str, i: usize) -> String {
        let real: Vec<&str> = self.page_path(i).split('/').collect();
        let mut out: Vec<String> = path.split('/').map(str::to_owned).collect();
        for part in out.iter_mut() {
            if let Some(r) = real.iter().find(|r| r.eq_ignore_ascii_case(part) && *r != part) {
                *part = (*r).to_owned();
            }
        }
        out.join("/")
    }
}

/// Writes `layout` with every `{}` replaced by `path` (as `str::replace` would) into `out`.
fn fill_layout(out: &mut String, layout: &str, path: &str) {
    for (k, part) in layout.split("{}").enumerate() {
        if k > 0 {
            out.push_str(path);
        }
        out.push_str(part);
    }
}

/// The URL name a page file gives its folder listing: `page.html.md` → `page`; index files give none.
fn url_name(file: &str) -> Option<String> {
    let stem = [".html.md.erb", ".html.md", ".md.erb", ".md", ".markdown"]
        .iter()
        .find_map(|ext| file.strip_suffix(ext))
        .unwrap_or(file);
    (!matches!(stem, "index" | "_index" | "README")).then(|| stem.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filled_layout_is_the_layout_with_the_path_replaced() {
        for layout in LINK_RULES
            .layouts
            .iter()
            .map(String::as_str)
            .chain(["", "{}", "{}{}/x", "a{}b{"])
        {
            for path in ["", "a/b", "/job-families/x.html", "{}"] {
                let mut out = String::new();
                fill_layout(&mut out, layout, path);
                assert_eq!(out, layout.replace("{}", path), "{layout} {path}");
            }
        }
    }
}
