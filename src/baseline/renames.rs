//! `--changed-since`: the new site path of a page the change renamed, for a link still written
//! with the old one.

use crate::diagnostic::Diagnostic;

/// The help for `d` when it is a broken link into a page renamed by the change (`renames` holds
/// `(old, new)` file paths relative to the repository's top): the link written with the new path.
pub(crate) fn help(renames: &[(String, String)], d: &Diagnostic) -> Option<String> {
    if &*d.rule != "broken-link" {
        return None;
    }
    let written = d.key.strip_prefix("target=")?;
    let (path, rest) = written.split_at(written.find(['?', '#']).unwrap_or(written.len()));
    let (old, new) = renames.iter().find_map(|(old, new)| {
        let fixed = relinked(path, &url_parts(old), &url_parts(new))?;
        Some((old, fixed))
    })?;
    Some(format!("the change renamed `{old}`: link `{new}{rest}` instead"))
}

/// `path` (a site-root link path) rewritten from the page at `old` to the page at `new`, when it
/// names `old` (the link's components are the last ones of `old`'s URL path).
fn relinked(path: &str, old: &[&str], new: &[&str]) -> Option<String> {
    let written: Vec<&str> = path.strip_prefix('/')?.split('/').filter(|c| !c.is_empty()).collect();
    if written.is_empty() || written.len() > old.len() {
        return None;
    }
    let root = old.len() - written.len();
    if old.get(root..)? != written.as_slice() || old.get(..root)? != new.get(..root)? {
        return None;
    }
    let slash = if path.ends_with('/') { "/" } else { "" };
    Some(format!("/{}{slash}", new.get(root..)?.join("/")))
}

/// The URL components of a page file: `a/b/index.html.md` and `a/b.md` are both `a/b`.
fn url_parts(file: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = file.split('/').filter(|c| !c.is_empty()).collect();
    let Some(last) = parts.pop() else { return parts };
    let stem = [".html.md.erb", ".html.md", ".md.erb", ".md", ".markdown"]
        .iter()
        .find_map(|ext| last.strip_suffix(ext))
        .unwrap_or(last);
    if !matches!(stem, "index" | "_index" | "README") {
        parts.push(stem);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_a_link_to_the_renamed_page() {
        let old = url_parts("site/job-families/widget/index.html.md");
        let new = url_parts("site/job-families/widgets/engineer.md");
        assert_eq!(
            relinked("/job-families/widget/", &old, &new).as_deref(),
            Some("/job-families/widgets/engineer/")
        );
        assert_eq!(
            relinked("/job-families/widget", &old, &new).as_deref(),
            Some("/job-families/widgets/engineer")
        );
        assert_eq!(relinked("/job-families/gadget/", &old, &new), None);
        assert_eq!(relinked("widget/", &old, &new), None);
        // Moved to another site root: no guess.
        assert_eq!(
            relinked("/job-families/widget/", &old, &url_parts("other/job-families/w.md")),
            None
        );
    }
}
