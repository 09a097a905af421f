//! Suppression comments, as markdownlint spells them: `<!-- rolelint-disable-next-line RULE -->`,
//! `rolelint-disable-line`, `rolelint-disable` … `rolelint-enable`, `rolelint-disable-file`.
//! A directive naming no rule covers every rule. Drops the findings they cover, and reports
//! directives that name unknown rules or suppress nothing.

use super::Diagnostic;
use crate::checks::meta::{UnknownRule, UnusedSuppression};
use crate::model::{Directive, DirectiveKind};
use crate::span::{LineIndex, Span};
use std::ops::RangeInclusive;
use std::sync::Arc;

/// What suppression needs to know about rules.
pub trait RuleIndex {
    /// True when `selector` is a rule id or family name.
    fn is_known(&self, selector: &str) -> bool;
    /// True when `selector` (an id or family) names the rule `rule`.
    fn names(&self, selector: &str, rule: &str) -> bool;
    /// True when the rule(s) `selector` names run on this page (otherwise an unused directive is
    /// not reported: the finding it is for was never looked for).
    fn is_active(&self, selector: &str) -> bool;
    /// The known id closest to `word`.
    fn suggest(&self, word: &str) -> Option<String>;
}

/// A range that contains no offset (a next-line directive at the end of the page).
#[allow(clippy::reversed_empty_ranges)]
const NOWHERE: RangeInclusive<u32> = 1..=0;

/// One rule of one directive and the bytes it covers.
struct Slot {
    rule: Option<String>,
    at: Span,
    kind: DirectiveKind,
    covers: RangeInclusive<u32>,
    used: bool,
}

/// Applies the `directives` of the page at `path` (text `source`) to its `diagnostics`.
/// Returns the findings kept, and the `unknown-rule` and `unused-suppression` findings about the
/// directives (at their default severities; the caller configures them).
pub fn apply(
    path: &Arc<str>,
    source: &str,
    directives: &[Directive],
    diagnostics: Vec<Diagnostic>,
    rules: &dyn RuleIndex,
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    if directives.is_empty() {
        return (diagnostics, Vec::new());
    }
    let index = LineIndex::new(source);
    let end = u32::try_from(source.len()).unwrap_or(u32::MAX);
    let mut meta = Vec::new();
    let mut slots: Vec<Slot> = Vec::new();
    for (i, d) in directives.iter().enumerate() {
        let named: Vec<(Option<String>, Span)> = if d.rules.is_empty() {
            vec![(None, d.span)]
        } else {
            d.rules.iter().map(|r| (Some(r.value.clone()), r.span)).collect()
        };
        for (rule, at) in named {
            if let Some(id) = &rule
                && !rules.is_known(id)
            {
                let mut diag = Diagnostic::new(
                    UnknownRule::META.id,
                    UnknownRule::META.default_severity,
                    path.clone(),
                    at,
                    format!("unknown rule `{id}` in a suppression comment"),
                )
                .with_key(format!("{}:{id}", kind_name(d.kind)));
                if let Some(s) = rules.suggest(id) {
                    diag = diag.with_help(format!("did you mean `{s}`?"));
                }
                meta.push(diag);
                continue;
            }
            let covers = match d.kind {
                DirectiveKind::DisableFile => 0..=end,
                DirectiveKind::DisableLine => lines(&index, source, d.span.start, d.span.end),
                DirectiveKind::DisableNextLine => next_line(&index, source, d.span.end).unwrap_or(NOWHERE),
                DirectiveKind::Disable => d.span.end..=block_end(directives, i, rule.as_deref(), rules).unwrap_or(end),
                DirectiveKind::Enable => {
                    if !closes_something(directives, i, rule.as_deref(), rules) {
                        let what = rule.as_deref().map_or_else(String::new, |r| format!(" {r}"));
                        meta.push(unused(
                            path,
                            at,
                            format!("`rolelint-enable{what}` has no matching `rolelint-disable`"),
                            d.kind,
                            &rule,
                        ));
                    }
                    continue;
                }
            };
            slots.push(Slot {
                rule,
                at,
                kind: d.kind,
                covers,
                used: false,
            });
        }
    }
    let mut kept = Vec::with_capacity(diagnostics.len());
    for diag in diagnostics {
        let mut suppressed = false;
        for slot in slots.iter_mut() {
            let rule_ok = slot.rule.as_deref().is_none_or(|r| rules.names(r, &diag.rule));
            if rule_ok && slot.covers.contains(&diag.span.start) {
                slot.used = true;
                suppressed = true;
            }
        }
        if !suppressed {
            kept.push(diag);
        }
    }
    for slot in slots.iter().filter(|s| !s.used) {
        if slot.rule.as_deref().is_some_and(|r| !rules.is_active(r)) {
            continue;
        }
        let what = slot.rule.as_deref().map_or_else(String::new, |r| format!(" {r}"));
        let message = format!("`{}{what}` suppresses nothing", kind_name(slot.kind));
        meta.push(unused(path, slot.at, message, slot.kind, &slot.rule));
    }
    (kept, meta)
}

fn unused(path: &Arc<str>, at: Span, message: String, kind: DirectiveKind, rule: &Option<String>) -> Diagnostic {
    Diagnostic::new(
        UnusedSuppression::META.id,
        UnusedSuppression::META.default_severity,
        path.clone(),
        at,
        message,
    )
    .with_help("delete the comment (or the rule id) if the finding it was for is gone")
    .with_key(format!("{}:{}", kind_name(kind), rule.as_deref().unwrap_or("*")))
}

fn kind_name(kind: DirectiveKind) -> &'static str {
    match kind {
        DirectiveKind::DisableNextLine => "rolelint-disable-next-line",
        DirectiveKind::DisableLine => "rolelint-disable-line",
        DirectiveKind::Disable => "rolelint-disable",
        DirectiveKind::Enable => "rolelint-enable",
        DirectiveKind::DisableFile => "rolelint-disable-file",
    }
}

/// The bytes of the lines from the one holding `start` to the one holding `end`.
fn lines(index: &LineIndex, source: &str, start: u32, end: u32) -> RangeInclusive<u32> {
    let first = index.line_range(source, index.line_of(start as usize)).start;
    let last = index.line_range(source, index.line_of(end as usize)).end;
    to_u32(first)..=to_u32(last)
}

/// The bytes of the first non-blank line after the one holding `after`.
fn next_line(index: &LineIndex, source: &str, after: u32) -> Option<RangeInclusive<u32>> {
    let from = index.line_of(after as usize) + 1;
    (from..index.line_count())
        .map(|l| index.line_range(source, l))
        .find(|r| source.get(r.clone()).is_some_and(|t| !t.trim().is_empty()))
        .map(|r| to_u32(r.start)..=to_u32(r.end))
}

fn to_u32(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// True when an enable for `rule` (all rules when `None`) names what a disable covers.
fn enable_matches(enable: &Directive, rule: Option<&str>, rules: &dyn RuleIndex) -> bool {
    enable.rules.is_empty()
        || rule.is_some_and(|r| enable.rules.iter().any(|e| e.value == r || rules.names(&e.value, r)))
}

/// Where the block opened by directive `i` for `rule` ends: the start of the first later enable
/// that names it.
fn block_end(directives: &[Directive], i: usize, rule: Option<&str>, rules: &dyn RuleIndex) -> Option<u32> {
    directives
        .iter()
        .skip(i + 1)
        .find(|d| d.kind == DirectiveKind::Enable && enable_matches(d, rule, rules))
        .map(|d| d.span.start)
}

/// True when rule `rule` (all when `None`) of the enable at `i` ends a block an earlier disable opened.
fn closes_something(directives: &[Directive], i: usize, rule: Option<&str>, rules: &dyn RuleIndex) -> bool {
    let Some(enable) = directives.get(i) else {
        return false;
    };
    directives
        .iter()
        .take(i)
        .enumerate()
        .filter(|(_, d)| d.kind == DirectiveKind::Disable)
        .any(|(j, d)| {
            let opened: Vec<Option<&str>> = if d.rules.is_empty() {
                vec![None]
            } else {
                d.rules.iter().map(|r| Some(r.value.as_str())).collect()
            };
            opened.into_iter().any(|r| {
                let same = match (rule, r) {
                    (None, _) => true,
                    (Some(x), Some(r)) => x == r || rules.names(x, r),
                    (Some(_), None) => false,
                };
                same && block_end(directives, j, r, rules) == Some(enable.span.start)
            })
        })
}
