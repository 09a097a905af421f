//! The table of every built-in check, sorted by id, and the catalog `rolelint rules` prints
//! (built-in checks plus the declarative rules of the policy in force).

use super::meta::{ParseError, UnknownRule, UnusedSuppression};
use super::prose::{RepeatedWord, Typo};
use super::{Check, Family};
use crate::diagnostic::Severity;
use crate::policy::{Policy, Rule};
use serde::Serialize;

/// Every built-in check, sorted by id.
pub static CHECKS: &[&dyn Check] = &[
    &super::links::BrokenLink,
    &super::tables::DivergentTable,
    &super::levels::DuplicateLevel,
    &super::levels::DuplicateSection,
    &super::structure::EmptySection,
    &super::levels::GradeMismatch,
    &super::levels::LevelTitleDrift,
    &super::structure::MalformedListItem,
    &super::levels::MalformedStatement,
    &super::levels::MisplacedSection,
    &super::reporting::MissingReportsTo,
    &ParseError,
    &super::structure::Placeholder,
    &RepeatedWord,
    &super::levels::TitleLevelMismatch,
    &Typo,
    &super::levels::UnknownLadderNode,
    &super::reporting::UnknownManager,
    &UnknownRule,
    &UnusedSuppression,
];

/// The check with this id.
pub fn find(id: &str) -> Option<&'static dyn Check> {
    CHECKS.iter().copied().find(|c| c.meta().id == id)
}

/// One entry of `rolelint rules`: a built-in check or a declarative rule.
#[derive(Clone, Debug, Serialize)]
pub struct RuleInfo {
    /// The id.
    pub id: String,
    /// The family.
    pub family: Family,
    /// Default severity.
    pub severity: Severity,
    /// True when some findings carry a fix.
    pub fixable: bool,
    /// One line.
    pub summary: String,
    /// The full explanation in Markdown.
    pub explanation: String,
    /// Where a declarative rule is declared (`rules/checks.yaml:42`); `None` for built-in checks.
    pub source: Option<String>,
}

/// Every rule in force under `policy`, sorted by id.
pub fn catalog(policy: &Policy) -> Vec<RuleInfo> {
    let mut all: Vec<RuleInfo> = CHECKS
        .iter()
        .map(|c| {
            let m = c.meta();
            RuleInfo {
                id: m.id.to_owned(),
                family: m.family,
                severity: m.default_severity,
                fixable: m.fixable,
                summary: m.summary.to_owned(),
                explanation: m.explanation(),
                source: None,
            }
        })
        .collect();
    all.extend(policy.rules.iter().map(|r| declarative_info(r)));
    all.sort_by(|a, b| a.id.cmp(&b.id));
    all
}

fn declarative_info(rule: &Rule) -> RuleInfo {
    let mut text = format!("## What it does\n{}.\n", capitalised(&rule.summary));
    text.push_str(&format!(
        "Declared as data: for each `{}`, {}.\n",
        rule.given_text,
        assertion_text(rule)
    ));
    if let Some(d) = &rule.description {
        text.push_str(&format!("## Why is this bad?\n{}\n", d.trim_end()));
    }
    text.push_str(&format!("## Message\n> {}\n", rule.message));
    if rule.example.bad.is_some() || rule.example.good.is_some() {
        text.push_str("## Example\n");
        if let Some(bad) = &rule.example.bad {
            text.push_str(&format!("```markdown\n{bad}\n```\n"));
        }
        if let Some(good) = &rule.example.good {
            text.push_str(&format!("Use instead:\n```markdown\n{good}\n```\n"));
        }
    }
    RuleInfo {
        id: rule.id.clone(),
        family: Family::Declarative,
        severity: rule.severity,
        fixable: matches!(rule.assertion, crate::policy::Assertion::ConsistentWithParent { .. }),
        summary: rule.summary.clone(),
        explanation: text,
        source: Some(rule.origin.to_string()),
    }
}

fn assertion_text(rule: &Rule) -> String {
    use crate::policy::Assertion;
    match &rule.assertion {
        Assertion::Schema(_) => "the node must satisfy a JSON Schema".to_owned(),
        Assertion::Pattern { field, .. } => format!("`{field}` must match a pattern"),
        Assertion::Required { fields } => format!("`{}` must be present and not empty", fields.join("`, `")),
        Assertion::Unique { field } => format!("`{field}` must be unique on the page"),
        Assertion::ConsistentWithParent {
            field, parent_field, ..
        } => {
            format!("`{field}` must name no title, or its parent's `{parent_field}` (compared word by word)")
        }
    }
}

/// `s` with its first character in upper case.
pub(crate) fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_kebab(id: &str) -> bool {
        !id.is_empty()
            && id
                .split('-')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
            && id.as_bytes()[0].is_ascii_lowercase()
    }

    #[test]
    fn ids_are_sorted_unique_kebab_case_and_documented() {
        let ids: Vec<&str> = CHECKS.iter().map(|c| c.meta().id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted, "CHECKS must be sorted by id, without duplicates");
        for c in CHECKS {
            let m = c.meta();
            assert!(is_kebab(m.id), "{} is not kebab-case", m.id);
            for heading in ["## What it does", "## Why is this bad?", "## Example"] {
                assert!(m.explain.contains(heading), "{} lacks `{heading}`", m.id);
            }
            assert!(!m.summary.is_empty());
        }
    }

    #[test]
    fn declarative_rules_are_in_the_catalog_and_do_not_shadow_checks() {
        let policy = Policy::builtin().unwrap();
        let all = catalog(&policy);
        let ids: Vec<&str> = all.iter().map(|r| r.id.as_str()).collect();
        for id in [
            "missing-grade",
            "missing-title",
            "missing-description",
            "section-title-mismatch",
        ] {
            assert!(ids.contains(&id), "{id} missing from {ids:?}");
            assert!(is_kebab(id));
        }
        let mut dedup = ids.clone();
        dedup.dedup();
        assert_eq!(ids, dedup);
        let grade = all.iter().find(|r| r.id == "missing-grade").unwrap();
        assert!(grade.source.as_deref().unwrap().starts_with("rules/checks.yaml:"));
        assert!(grade.explanation.contains("## Example"));
    }
}
