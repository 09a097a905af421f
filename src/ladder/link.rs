//! Where a family or level is read: its page and heading on the site when the site's URL is known,
//! else the file, relative to where the report is written (so the report works as a CI artifact).

use std::path::{Component, Path, PathBuf};

/// Builds the links of one report.
#[derive(Clone, Debug, Default)]
pub struct Linker {
    /// The site's base URL (`https://handbook.example.com`), from `--site-url`.
    pub site_url: Option<String>,
    /// The folder the report is written to; file links are relative to it (`None`: stdout, so
    /// relative to the working directory).
    pub out_dir: Option<PathBuf>,
    /// The linted roots, for pages outside any `job-families/` folder.
    pub roots: Vec<PathBuf>,
}

impl Linker {
    /// The link to a page.
    pub fn page(&self, path: &str) -> String {
        match &self.site_url {
            Some(base) => format!("{}/{}", base.trim_end_matches('/'), self.site_path(path)),
            None => encode(&self.file_path(path)),
        }
    }

    /// The link to a level: the page, at the heading's anchor on the site.
    pub fn level(&self, path: &str, anchor: Option<&str>) -> String {
        match (&self.site_url, anchor) {
            (Some(_), Some(anchor)) => format!("{}#{}", self.page(path), encode(anchor)),
            _ => self.page(path),
        }
    }

    /// The page's path on the site: from `job-families/` on (else from its linted root), without
    /// the source's file name (`index.html.md`, `_index.md`) or extension, with a final `/`, as
    /// Middleman and Hugo publish it.
    fn site_path(&self, path: &str) -> String {
        let parts: Vec<&str> = path.split(['/', '\\']).filter(|p| !p.is_empty() && *p != ".").collect();
        let from = parts.iter().position(|p| *p == "job-families").or_else(|| {
            let abs = crate::read::absolute(Path::new(path));
            self.roots.iter().find_map(|r| {
                let root = crate::read::absolute(r);
                let rest = abs.strip_prefix(&root).ok()?;
                Some(parts.len().saturating_sub(rest.components().count()))
            })
        });
        let mut kept: Vec<&str> = parts
            .get(from.unwrap_or(parts.len().saturating_sub(1))..)
            .unwrap_or_default()
            .to_vec();
        if let Some(last) = kept.pop() {
            let stem = if ["index.html.md.erb", "index.html.md", "_index.md", "index.md"].contains(&last) {
                ""
            } else {
                last.strip_suffix(".html.md.erb")
                    .or_else(|| last.strip_suffix(".html.md"))
                    .or_else(|| last.strip_suffix(".md"))
                    .unwrap_or(last)
            };
            if !stem.is_empty() {
                kept.push(stem);
            }
        }
        let mut out = kept.iter().map(|p| encode(p)).collect::<Vec<_>>().join("/");
        out.push('/');
        out
    }

    /// The file's path relative to the report's folder (as given when that cannot be worked out).
    fn file_path(&self, path: &str) -> String {
        let Some(dir) = &self.out_dir else {
            return path.replace('\\', "/");
        };
        let target = crate::read::absolute(Path::new(path));
        let base = crate::read::absolute(dir);
        relative(&base, &target).map_or_else(|| path.replace('\\', "/"), |p| p.to_string_lossy().replace('\\', "/"))
    }
}

/// `target` relative to the folder `base` (both absolute); `None` across drives.
fn relative(base: &Path, target: &Path) -> Option<PathBuf> {
    let b: Vec<Component> = base.components().collect();
    let t: Vec<Component> = target.components().collect();
    if b.first() != t.first() {
        return None;
    }
    let common = b.iter().zip(&t).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in t.get(common..).unwrap_or_default() {
        out.push(c.as_os_str());
    }
    Some(out)
}

/// Percent-encodes what would end or break a URL path or fragment.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            ' ' => out.push_str("%20"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            '%' => out.push_str("%25"),
            '"' => out.push_str("%22"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_follow_the_generators() {
        let l = Linker {
            site_url: Some("https://handbook.example.com/".into()),
            ..Linker::default()
        };
        assert_eq!(
            l.page("x/www/job-families/widgets/widget-engineer/index.html.md"),
            "https://handbook.example.com/job-families/widgets/widget-engineer/"
        );
        assert_eq!(
            l.level("c/content/job-families/widgets/gadget.md", Some("senior-gadget")),
            "https://handbook.example.com/job-families/widgets/gadget/#senior-gadget"
        );
        assert_eq!(
            l.page("c/content/job-families/widgets/dev/_index.md"),
            "https://handbook.example.com/job-families/widgets/dev/"
        );
    }

    #[test]
    fn file_links_are_relative_to_the_report() {
        let l = Linker {
            out_dir: Some(PathBuf::from("/w/out")),
            ..Linker::default()
        };
        assert_eq!(l.page("/w/pages/a b.md"), "../pages/a%20b.md");
        assert_eq!(l.level("/w/pages/a.md", Some("x")), "../pages/a.md");
    }
}
