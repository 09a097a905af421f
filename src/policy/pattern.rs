//! A regex of a policy file that may be compiled on first use: the embedded ladder's title patterns
//! cost more to compile than linting a small page does, and a run matches only those its levels
//! reach. Patterns from users' files are compiled at load, so a bad one is still reported there.

use regex::Regex;
use std::fmt;
use std::sync::{Arc, OnceLock};

/// A regex from a policy file, compiled at load or when first matched.
#[derive(Clone)]
pub struct Pattern {
    source: Arc<str>,
    /// Shared by the clones of a policy, so each pattern compiles once per run; `None` if it does
    /// not compile (a deferred pattern is one the embedded policy's tests compile).
    compiled: Arc<OnceLock<Option<Regex>>>,
}

impl Pattern {
    /// A pattern already compiled.
    pub fn compiled(regex: Regex) -> Pattern {
        Pattern {
            source: Arc::from(regex.as_str()),
            compiled: Arc::new(OnceLock::from(Some(regex))),
        }
    }

    /// A pattern compiled by `super::declarative::build_regex` when first matched.
    pub fn deferred(source: &str) -> Pattern {
        Pattern {
            source: Arc::from(source),
            compiled: Arc::new(OnceLock::new()),
        }
    }

    /// True when `text` matches (never for a pattern that does not compile).
    pub fn is_match(&self, text: &str) -> bool {
        self.compile().is_some_and(|r| r.is_match(text))
    }

    /// The compiled regex, compiled now if it was deferred (`None` if it does not compile).
    pub fn compile(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| super::declarative::build_regex(&self.source).ok())
            .as_ref()
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// True once compiled (at load, on first match or by [`Pattern::compile`]).
    #[cfg(test)]
    pub fn is_compiled(&self) -> bool {
        self.compiled.get().is_some()
    }

    /// True when `other` is this pattern shared (one compilation serves both).
    #[cfg(test)]
    pub fn is_shared_with(&self, other: &Pattern) -> bool {
        Arc::ptr_eq(&self.compiled, &other.compiled)
    }
}

impl fmt::Debug for Pattern {
    /// As [`Regex`] shows itself, compiled or not.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Regex").field(&self.as_str()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deferred_patterns_match_like_compiled_ones_and_clones_share_the_work() {
        let source = r"(?i)\bproduct manager\b";
        let eager = Pattern::compiled(super::super::declarative::build_regex(source).unwrap());
        let lazy = Pattern::deferred(source);
        let clone = lazy.clone();
        assert!(clone.compiled.get().is_none());
        for text in ["Senior Product Manager", "product managers", "Manager"] {
            assert_eq!(lazy.is_match(text), eager.is_match(text), "{text}");
        }
        assert!(clone.compiled.get().is_some(), "the clone reuses the compiled regex");
        assert_eq!(format!("{lazy:?}"), format!("{:?}", Regex::new(source).unwrap()));
        assert_eq!(lazy.as_str(), source);
        assert!(!Pattern::deferred("(unclosed").is_match("(unclosed"));
    }
}
