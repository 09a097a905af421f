//! What a link target is: empty, malformed, external, or a path (site-root or relative) plus a fragment.

/// A link target, classified once per link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// `[text]()` or `[text](#)`: a placeholder that goes nowhere.
    Empty,
    /// `[text]((/x))`: the destination is wrapped in a second pair of parentheses.
    Doubled {
        /// The destination without the extra parentheses.
        inner: String,
    },
    /// `http(s)://…` or `//host/…`: checked only online.
    External,
    /// `mailto:`, `tel:` and other schemes: never checked.
    OtherScheme,
    /// ERB or template syntax (`<%= … %>`, `{{ … }}`): only known once rendered.
    Templated,
    /// `#fragment` on the same page.
    SameDoc {
        /// The fragment, percent-decoded, without `#`.
        fragment: String,
    },
    /// `/section/page/#fragment`: resolved from the site root.
    SiteRoot(PathTarget),
    /// `../page/#fragment` or `page.md`: resolved from the page's folder.
    Relative(PathTarget),
}

/// The path and fragment of a site-root or relative target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PathTarget {
    /// The path, percent-decoded, without query or fragment.
    pub path: String,
    /// The fragment, percent-decoded, without `#`; `None` when absent or empty.
    pub fragment: Option<String>,
}

impl Target {
    /// Classifies a destination as written (reference links already resolved by the parser).
    pub(crate) fn classify(raw: &str) -> Target {
        let t = raw.trim();
        if t.is_empty() || t == "#" {
            return Target::Empty;
        }
        if let Some(rest) = t.strip_prefix('(') {
            let inner = rest.strip_suffix(')').unwrap_or(rest);
            return Target::Doubled {
                inner: inner.trim().to_owned(),
            };
        }
        // `[x](<%= url %>)` reaches us without its angle brackets: `%= url %`.
        if t.contains("<%") || t.contains("%>") || t.contains("{{") || t.starts_with("%=") {
            return Target::Templated;
        }
        if t.starts_with("//") {
            return Target::External;
        }
        if let Some(scheme) = scheme_of(t) {
            return if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") {
                Target::External
            } else {
                Target::OtherScheme
            };
        }
        let (before_fragment, fragment) = match t.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (t, None),
        };
        let path = before_fragment.split_once('?').map_or(before_fragment, |(p, _)| p);
        let fragment = fragment.map(percent_decode).filter(|f| !f.is_empty());
        let path = percent_decode(path);
        if path.is_empty() {
            return match fragment {
                Some(fragment) => Target::SameDoc { fragment },
                None => Target::Empty,
            };
        }
        let target = PathTarget { path, fragment };
        if target.path.starts_with('/') {
            Target::SiteRoot(target)
        } else {
            Target::Relative(target)
        }
    }
}

/// The URI scheme of `t` (`https` in `https://…`), when it has one.
fn scheme_of(t: &str) -> Option<&str> {
    let (scheme, _) = t.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

/// Decodes `%XX` escapes; a malformed escape or invalid UTF-8 leaves the text as written.
pub(crate) fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    String::from_utf8(percent_decode_bytes(s)).unwrap_or_else(|_| s.to_owned())
}

/// The bytes `s` stands for once its `%XX` escapes are decoded; a malformed escape stays as written.
pub(crate) fn percent_decode_bytes(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (b, hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(p: &str, f: Option<&str>) -> PathTarget {
        PathTarget {
            path: p.into(),
            fragment: f.map(Into::into),
        }
    }

    #[test]
    fn classifies_every_form() {
        assert_eq!(Target::classify(""), Target::Empty);
        assert_eq!(Target::classify("#"), Target::Empty);
        assert_eq!(Target::classify("(/a/b)"), Target::Doubled { inner: "/a/b".into() });
        assert_eq!(Target::classify("https://x.org/a"), Target::External);
        assert_eq!(Target::classify("//cdn.x.org/a"), Target::External);
        assert_eq!(Target::classify("mailto:a@b.c"), Target::OtherScheme);
        assert_eq!(Target::classify("<%= url %>"), Target::Templated);
        assert_eq!(Target::classify("%= url %"), Target::Templated);
        assert_eq!(Target::classify("#a%20b"), Target::SameDoc { fragment: "a b".into() });
        assert_eq!(
            Target::classify("/a/b/?q=1#f"),
            Target::SiteRoot(path("/a/b/", Some("f")))
        );
        assert_eq!(Target::classify("../a#"), Target::Relative(path("../a", None)));
        assert_eq!(Target::classify("C:/x"), Target::OtherScheme);
    }

    #[test]
    fn percent_decoding_keeps_malformed_text() {
        assert_eq!(percent_decode("a%2Fb"), "a/b");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%c3%a9"), "%zzé");
        assert_eq!(percent_decode("%ff"), "%ff");
    }
}
