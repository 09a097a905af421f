//! Heading text → anchor id, the way the handbook's generator (Kramdown `auto_ids`, GitLab style) makes it.

use foldhash::HashMap;

/// The slug of one heading text, before de-duplication.
///
/// Lowercase; keep letters, digits, `_` and `-`; each space becomes `-` (runs are not squeezed, so
/// `A & B` gives `a--b`); everything else is dropped; leading characters that are not letters are
/// dropped (Kramdown); an empty result becomes `section`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            // Every heading is slugged: ASCII skips the Unicode case tables.
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if c == ' ' || c == '\t' {
            out.push('-');
        }
    }
    let start = out
        .char_indices()
        .find(|&(_, c)| c.is_alphabetic())
        .map_or(out.len(), |(i, _)| i);
    let trimmed = out.get(start..).unwrap_or_default();
    if trimmed.is_empty() {
        "section".to_string()
    } else {
        trimmed.to_string()
    }
}

/// Hands out unique ids in document order: the second `foo` becomes `foo-1`, the third `foo-2`.
#[derive(Debug, Default)]
pub struct Slugger {
    seen: HashMap<String, usize>,
}

impl Slugger {
    /// Reserves `id` as written (an explicit `{#id}`), so later generated slugs avoid it.
    pub fn reserve(&mut self, id: &str) {
        self.seen.entry(id.to_string()).or_insert(0);
    }

    /// The unique id for a generated slug.
    pub fn unique(&mut self, base: String) -> String {
        let Some(&count) = self.seen.get(&base) else {
            self.seen.insert(base.clone(), 0);
            return base;
        };
        let mut n = count + 1;
        let mut candidate = format!("{base}-{n}");
        while self.seen.contains_key(&candidate) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        self.seen.insert(base, n);
        self.seen.insert(candidate.clone(), 0);
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_like_the_generator() {
        assert_eq!(
            slug("Senior Manager, Channel Program"),
            "senior-manager-channel-program"
        );
        assert_eq!(slug("Infrastructure & Quality"), "infrastructure--quality");
        assert_eq!(
            slug("Group Manager, Product (GMP) - Responsibilities"),
            "group-manager-product-gmp---responsibilities"
        );
        assert_eq!(slug("New Hire Location Factor < 0.69"), "new-hire-location-factor--069");
        assert_eq!(slug("1. Getting started"), "getting-started");
        assert_eq!(slug("snake_case and-dash"), "snake_case-and-dash");
        assert_eq!(slug("Équipe Été"), "équipe-été");
        assert_eq!(slug("???"), "section");
    }

    #[test]
    fn duplicates_get_numbered_suffixes() {
        let mut s = Slugger::default();
        assert_eq!(s.unique(slug("Requirements")), "requirements");
        assert_eq!(s.unique(slug("Requirements")), "requirements-1");
        assert_eq!(s.unique(slug("Requirements")), "requirements-2");
        s.reserve("levels");
        assert_eq!(s.unique(slug("Levels")), "levels-1");
    }
}
