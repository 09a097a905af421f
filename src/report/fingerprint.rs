//! Fingerprints: stable per finding across edits that move lines, unique within a run.

use crate::diagnostic::Diagnostic;
use foldhash::{HashMap, HashSet};
use foldhash::{HashMapExt, HashSetExt};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::fmt::Write;

/// One fingerprint per diagnostic, in the order given (report order, so salting is stable).
///
/// Built from path, rule and the structural key (the message when the key is empty), never
/// from line numbers; a salt counter makes two findings with the same parts differ.
///
/// The k-th finding with given parts gets salt k (counted per parts, so 10,000 identical findings
/// cost 10,000 hashes, not 50 million); the `seen` check only guards against a hash collision.
pub fn fingerprints<'d>(diagnostics: impl IntoIterator<Item = &'d Diagnostic>) -> Vec<String> {
    fingerprints_at(diagnostics.into_iter().map(|d| (d, &*d.path)))
}

/// Like [`fingerprints`], but over the path given with each diagnostic (the repository-relative
/// one in CI reports, so a fingerprint does not depend on where rolelint ran from).
pub fn fingerprints_at<'d>(diagnostics: impl IntoIterator<Item = (&'d Diagnostic, &'d str)>) -> Vec<String> {
    let diagnostics: Vec<(&Diagnostic, &str)> = diagnostics.into_iter().collect();
    let identity = |d: &'d Diagnostic| if d.key.is_empty() { &d.message } else { &d.key };
    // Most findings take salt 0: those hashes are worked out by several threads up front.
    let unsalted: Vec<String> = diagnostics
        .par_iter()
        .map(|&(d, path)| hash(&[path, &d.rule, identity(d)], 0))
        .collect();
    let mut seen = HashSet::new();
    let mut next_salt: HashMap<(&str, &str, &str), u32> = HashMap::new();
    diagnostics
        .iter()
        .zip(unsalted)
        .map(|(&(d, path), unsalted)| {
            let identity = identity(d);
            let counter = next_salt.entry((path, &d.rule, identity)).or_insert(0);
            let mut salt = *counter;
            let mut fp = if salt == 0 {
                unsalted
            } else {
                hash(&[path, &d.rule, identity], salt)
            };
            loop {
                salt = salt.saturating_add(1);
                if seen.insert(fp.clone()) {
                    *counter = salt;
                    break fp;
                }
                fp = hash(&[path, &d.rule, identity], salt);
            }
        })
        .collect()
}

fn hash(parts: &[&str], salt: u32) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        // Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    if salt > 0 {
        hasher.update(salt.to_le_bytes());
    }
    let digest = hasher.finalize();
    digest.iter().take(16).fold(String::with_capacity(32), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::span::Span;

    #[test]
    fn same_parts_get_salted_and_lines_do_not_matter() {
        let d = |start| {
            Diagnostic::new("typo", Severity::Error, "a.md".into(), Span::new(start, start + 3), "x")
                .with_key("word=teh;n=1")
        };
        let a = fingerprints([&d(0), &d(10)]);
        assert_eq!(a.len(), 2);
        assert_ne!(a[0], a[1]);
        assert_eq!(a[0].len(), 32);
        assert_eq!(a, fingerprints([&d(50), &d(70)]));
    }
}
