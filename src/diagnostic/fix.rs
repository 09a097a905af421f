//! Machine-applicable fixes: byte-range edits applied as one unit.

use crate::span::Span;
use serde::Serialize;

/// Replace `span` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// The bytes to replace (empty for an insertion).
    pub span: Span,
    /// What to put there.
    pub replacement: String,
}

/// Whether a fix is safe to apply without review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Keeps the meaning: applied by `--fix`.
    Safe,
    /// Could change meaning: shown, applied only with `--unsafe-fixes`.
    Unsafe,
}

/// A fix: edits in one file, applied together or not at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, e.g. "replace `Efficency` with `Efficiency`".
    pub description: String,
    /// The edits, non-overlapping.
    pub edits: Vec<Edit>,
    /// Whether `--fix` applies it.
    pub applicability: Applicability,
}

impl Fix {
    /// A safe fix replacing one span.
    pub fn replace(span: Span, replacement: impl Into<String>, description: impl Into<String>) -> Self {
        Fix {
            description: description.into(),
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
            applicability: Applicability::Safe,
        }
    }
}

/// Applies non-overlapping fixes to `text`; edits overlapping an earlier one are skipped.
/// Returns the new text and how many fixes were applied.
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, usize) {
    let mut edits: Vec<(usize, &Edit)> = Vec::new();
    let mut taken: Vec<Span> = Vec::new();
    let mut applied = 0;
    for (i, fix) in fixes.iter().enumerate() {
        let overlaps = fix.edits.iter().any(|e| {
            taken
                .iter()
                .any(|t| e.span.start < t.end && t.start < e.span.end || e.span == *t)
                || text.get(e.span.range()).is_none()
        });
        if overlaps {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| e.span));
        edits.extend(fix.edits.iter().map(|e| (i, e)));
        applied += 1;
    }
    edits.sort_by_key(|(_, e)| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (_, e) in edits {
        let range = e.span.range();
        out.push_str(text.get(at..range.start).unwrap_or_default());
        out.push_str(&e.replacement);
        at = range.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_in_order_and_skips_overlaps() {
        let text = "Efficency and teh end";
        let a = Fix::replace(Span::new(0, 9), "Efficiency", "a");
        let b = Fix::replace(Span::new(14, 17), "the", "b");
        let c = Fix::replace(Span::new(15, 16), "x", "overlaps b");
        let (out, n) = apply(text, &[&a, &b, &c]);
        assert_eq!(out, "Efficiency and the end");
        assert_eq!(n, 2);
    }
}
