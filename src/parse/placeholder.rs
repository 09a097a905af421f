//! Template text left in a page: `{add …}` instructions, `{Title}` braces, `TBD`, `grade #`. The
//! tokens are data (`rules/placeholders.yaml`); the sentence parser asks here so that a placeholder
//! never counts as a manager, and the `placeholder` check reports each one.

use serde::Deserialize;
use std::ops::Range;
use std::sync::LazyLock;

/// The data in `rules/placeholders.yaml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PlaceholderRules {
    /// Whole words, exact case.
    pub words: Vec<String>,
    /// Whole phrases, any case, not followed by a letter or digit.
    pub phrases: Vec<String>,
    /// First words of a `{…}` instruction, lowercase.
    pub instruction_words: Vec<String>,
}

/// `rules/placeholders.yaml`, embedded.
pub const PLACEHOLDERS_YAML: &str = include_str!("../../rules/placeholders.yaml");

/// The embedded rules, parsed once. A broken embedded file is a build defect caught by the unit
/// test below; at run time it degrades to no tokens rather than aborting.
pub static RULES: LazyLock<PlaceholderRules> =
    LazyLock::new(|| serde_saphyr::from_str(PLACEHOLDERS_YAML).unwrap_or_default());

/// What kind of template text was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A token from `words` or `phrases`.
    Token,
    /// A `{…}` instruction that was never carried out ("{add the role name}").
    Instruction,
    /// Braces left around text that was filled in ("{Senior Widget Analyst}").
    Braces,
}

/// One placeholder in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// What it is.
    pub kind: Kind,
    /// Where, in bytes of the text.
    pub range: Range<usize>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// True when `text` has no word character just before `start` nor just after `end`.
fn whole(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|h| h.chars().next_back());
    let after = text.get(end..).and_then(|t| t.chars().next());
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

/// Longest `{…}` looked at, in bytes.
const MAX_BRACES: usize = 400;

/// The `{…}` template texts of `text`. Hugo shortcodes (`{{< >}}`, `{{% %}}`), kramdown attribute
/// lists (`{:.no_toc}`), heading ids (`{#id}`), `${var}` and a lone `{x}` are not template text.
fn braces(text: &str, rules: &PlaceholderRules, out: &mut Vec<Hit>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(p) = text.get(i..).and_then(|t| t.find('{')) {
        let start = i + p;
        i = start + 1;
        let prev = start.checked_sub(1).and_then(|b| bytes.get(b)).copied();
        if matches!(prev, Some(b'{' | b'$' | b'%' | b'\\')) {
            continue;
        }
        let Some(inner) = text.get(start + 1..) else { break };
        if !inner.starts_with(|c: char| c.is_alphabetic()) {
            continue;
        }
        let Some(close) = inner.find(['}', '{']) else { break };
        if close > MAX_BRACES || inner.get(close..).is_some_and(|r| r.starts_with('{')) {
            continue;
        }
        let content = inner.get(..close).unwrap_or_default();
        let end = start + 1 + close + 1;
        if text.get(end..).is_some_and(|r| r.starts_with('}')) {
            continue;
        }
        let first = content.split(|c: char| !c.is_alphanumeric()).next().unwrap_or_default();
        let kind = if rules.instruction_words.iter().any(|w| w.eq_ignore_ascii_case(first)) {
            Kind::Instruction
        } else if first.starts_with(|c: char| c.is_uppercase()) {
            Kind::Braces
        } else if content.contains(' ') {
            Kind::Instruction
        } else {
            continue;
        };
        out.push(Hit {
            kind,
            range: start..end,
        });
        i = end;
    }
}

/// Every placeholder in `text`, in order.
pub fn find(text: &str) -> Vec<Hit> {
    find_with(text, &RULES)
}

/// [`find`] with the given rules.
pub fn find_with(text: &str, rules: &PlaceholderRules) -> Vec<Hit> {
    let mut out = Vec::new();
    if text.contains('{') {
        braces(text, rules, &mut out);
    }
    for w in &rules.words {
        for (at, _) in text.match_indices(w.as_str()) {
            if whole(text, at, at + w.len()) {
                out.push(Hit {
                    kind: Kind::Token,
                    range: at..at + w.len(),
                });
            }
        }
    }
    if !rules.phrases.is_empty() {
        let lower = text.to_lowercase();
        // Lowercasing may change lengths outside ASCII; phrases are then looked up in ASCII only.
        let haystack = if lower.len() == text.len() {
            lower
        } else {
            text.to_ascii_lowercase()
        };
        for phrase in &rules.phrases {
            let phrase = phrase.to_lowercase();
            for (at, _) in haystack.match_indices(phrase.as_str()) {
                if whole(text, at, at + phrase.len()) && text.is_char_boundary(at + phrase.len()) {
                    out.push(Hit {
                        kind: Kind::Token,
                        range: at..at + phrase.len(),
                    });
                }
            }
        }
    }
    out.sort_by_key(|h| (h.range.start, h.range.end));
    out.dedup_by(|b, a| b.range.start < a.range.end);
    out
}

/// True when `text` is nothing but placeholders (and punctuation or list markers).
pub fn only_placeholders(text: &str) -> bool {
    let hits = find(text);
    if hits.is_empty() {
        return false;
    }
    let mut rest = String::with_capacity(text.len());
    let mut at = 0;
    for h in &hits {
        rest.push_str(text.get(at..h.range.start).unwrap_or_default());
        rest.push(' ');
        at = h.range.end;
    }
    rest.push_str(text.get(at..).unwrap_or_default());
    !rest.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        find(text).into_iter().map(|h| (h.kind, &text[h.range])).collect()
    }

    #[test]
    fn embedded_rules_validate_and_parse() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../grammar/placeholders.schema.json")).unwrap();
        let data: serde_json::Value = serde_saphyr::from_str(PLACEHOLDERS_YAML).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        assert!(
            validator.is_valid(&data),
            "rules/placeholders.yaml does not match its schema"
        );
        let rules: PlaceholderRules = serde_saphyr::from_str(PLACEHOLDERS_YAML).unwrap();
        assert!(rules.words.contains(&"TBD".to_owned()));
        // Unquoted, YAML would read `grade #` as `grade` and a comment.
        assert!(rules.phrases.contains(&"grade #".to_owned()));
        assert!(rules.instruction_words.contains(&"add".to_owned()));
    }

    #[test]
    fn template_text() {
        assert_eq!(
            kinds("The {add the role name} is a"),
            [(Kind::Instruction, "{add the role name}")]
        );
        assert_eq!(
            kinds("{Insert steps here.}"),
            [(Kind::Instruction, "{Insert steps here.}")]
        );
        assert_eq!(kinds("The {Widget Analyst} is a"), [(Kind::Braces, "{Widget Analyst}")]);
        assert_eq!(kinds("- TBD"), [(Kind::Token, "TBD")]);
        assert_eq!(kinds("is a grade #."), [(Kind::Token, "grade #")]);
        assert_eq!(kinds("Lorem Ipsum dolor"), [(Kind::Token, "Lorem Ipsum")]);
    }

    #[test]
    fn not_template_text() {
        for text in [
            "{{< ref \"x\" >}}",
            "{{% note %}}",
            "{:.no_toc}",
            "## Heading {#anchor}",
            "a ${var} and {x}",
            "is a grade #9",
            "tbd by the team, TBDs, XXXL, TODOs",
            "<%= partial \"x\" %>",
        ] {
            assert_eq!(kinds(text), [], "{text}");
        }
    }

    #[test]
    fn sections_of_placeholders_only() {
        assert!(only_placeholders("- TBD\n- TBD\n"));
        assert!(only_placeholders("{add 3-5 KPIs}"));
        assert!(!only_placeholders("To Be Defined (TBD)"));
        assert!(!only_placeholders("Widgets"));
    }
}
