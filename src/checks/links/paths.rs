//! Lexical path arithmetic on `/`-separated strings: no file system access, ever.
//!
//! A normalised path has no `.` or empty components and no `..` after a normal component; a relative
//! path may start with `..` components, an absolute one starts with `/`. The current folder is `""`.

/// Normalises `path` (backslashes count as separators).
pub(crate) fn normalize(path: &str) -> String {
    normalize_parts(path, "")
}

/// `base` joined with the relative `rel`, normalised.
pub(crate) fn join(base: &str, rel: &str) -> String {
    if base.is_empty() {
        normalize(rel)
    } else {
        normalize_parts(base, rel)
    }
}

/// `first` then `then` (as if joined by `/`), normalised. Hot: every link lookup normalises a few
/// paths, so the components are written straight into the result: `..` truncates it.
fn normalize_parts(first: &str, then: &str) -> String {
    let absolute = first.starts_with('/') || first.starts_with('\\');
    let mut out = String::with_capacity(first.len() + then.len() + 1);
    if absolute {
        out.push('/');
    }
    let root = out.len();
    for part in first.split(['/', '\\']).chain(then.split(['/', '\\'])) {
        match part {
            "" | "." => {}
            ".." => {
                let body = out.get(root..).unwrap_or_default();
                let last_at = body.rfind('/').map_or(0, |i| i + 1);
                let last = body.get(last_at..).unwrap_or_default();
                if !body.is_empty() && last != ".." {
                    // Drop the last component and the `/` before it.
                    out.truncate(root + last_at.saturating_sub(1));
                } else if !absolute {
                    // Above `/` there is nothing; above a relative start, `..` stays.
                    if !body.is_empty() {
                        out.push('/');
                    }
                    out.push_str("..");
                }
            }
            _ => {
                if out.len() > root {
                    out.push('/');
                }
                out.push_str(part);
            }
        }
    }
    out
}

/// The folder holding `path` (`""` for a bare name, `/` for a name at the file system root).
pub(crate) fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) => "/",
        Some(i) => path.get(..i).unwrap_or_default(),
        None => "",
    }
}

/// The last component of `path`.
pub(crate) fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or_default()
}

/// `path` itself, then each folder above it, up to the top of the lexical path.
pub(crate) fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    let mut next = Some(path);
    std::iter::from_fn(move || {
        let current = next?;
        next = match current {
            "" | "/" => None,
            _ if current.rsplit('/').next() == Some("..") => None,
            _ => Some(parent(current)),
        };
        Some(current)
    })
}

/// True when `path` is `dir` or lies below it.
pub(crate) fn is_within(path: &str, dir: &str) -> bool {
    match dir {
        "" => !path.starts_with('/') && path != ".." && !path.starts_with("../"),
        "/" => path.starts_with('/'),
        // `..`, `../..`: every relative path that climbs no higher lies below (the working
        // folder is inside them), which a prefix test misses.
        _ if dir.split('/').all(|c| c == "..") => {
            !path.starts_with('/') && path.split('/').take_while(|c| *c == "..").count() <= dir.split('/').count()
        }
        _ => path == dir || path.strip_prefix(dir).is_some_and(|rest| rest.starts_with('/')),
    }
}

/// The deepest folder that holds every one of `dirs`; `None` when they mix absolute and relative paths.
pub(crate) fn common_root<'a>(mut dirs: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut root = dirs.next()?.to_owned();
    for dir in dirs {
        if dir.starts_with('/') != root.starts_with('/') {
            return None;
        }
        while !is_within(dir, &root) {
            root = if root.is_empty() {
                "..".to_owned()
            } else if root.split('/').all(|c| c == "..") {
                format!("{root}/..")
            } else {
                parent(&root).to_owned()
            };
        }
    }
    Some(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain normalisation: components collected, `..` pops, joined.
    fn normalize_plain(path: &str) -> String {
        let absolute = path.starts_with('/') || path.starts_with('\\');
        let mut parts: Vec<&str> = Vec::new();
        for part in path.split(['/', '\\']) {
            match part {
                "" | "." => {}
                ".." => match parts.last() {
                    Some(&last) if last != ".." => {
                        parts.pop();
                    }
                    _ if absolute => {}
                    _ => parts.push(".."),
                },
                _ => parts.push(part),
            }
        }
        let joined = parts.join("/");
        if absolute { format!("/{joined}") } else { joined }
    }

    fn join_plain(base: &str, rel: &str) -> String {
        if base.is_empty() {
            normalize_plain(rel)
        } else {
            normalize_plain(&format!("{base}/{rel}"))
        }
    }

    proptest::proptest! {
        #[test]
        fn normalising_in_place_is_the_plain_normalisation(
            base in r"(/|\\|\.\.|\.|a|bc|é)*",
            rel in r"(/|\\|\.\.|\.|a|bc|é)*",
        ) {
            proptest::prop_assert_eq!(normalize(&base), normalize_plain(&base));
            proptest::prop_assert_eq!(join(&base, &rel), join_plain(&base, &rel));
        }
    }

    #[test]
    fn normalizes_lexically() {
        assert_eq!(normalize("a/./b//c/../d"), "a/b/d");
        assert_eq!(normalize("../x/../../y"), "../../y");
        assert_eq!(normalize("/a/../../etc"), "/etc");
        assert_eq!(normalize("a\\b"), "a/b");
        assert_eq!(join("", "a/b"), "a/b");
        assert_eq!(join("a/b", "../../../c"), "../c");
    }

    #[test]
    fn walks_ancestors_and_roots() {
        assert_eq!(ancestors("a/b").collect::<Vec<_>>(), ["a/b", "a", ""]);
        assert_eq!(ancestors("/a").collect::<Vec<_>>(), ["/a", "/"]);
        assert_eq!(ancestors("../a").collect::<Vec<_>>(), ["../a", ".."]);
        assert!(is_within("a/b", "a") && !is_within("ab", "a") && !is_within("../a", ""));
        assert_eq!(
            common_root(["a/b/c", "a/b/d", "a/b"].into_iter()).as_deref(),
            Some("a/b")
        );
        assert_eq!(common_root(["/x/a", "/y"].into_iter()).as_deref(), Some("/"));
        assert_eq!(common_root(["x", "../y"].into_iter()).as_deref(), Some(".."));
        assert_eq!(common_root(["x", "/y"].into_iter()), None);
        assert_eq!(parent("a/b.md"), "a");
        assert_eq!(file_name("a/b.md"), "b.md");
    }
}
