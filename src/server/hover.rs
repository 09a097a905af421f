//! Hover: the explanation of the rule named in a `<!-- rolelint-disable… RULE -->` comment, or of
//! the rules whose findings lie under the cursor.

use crate::checks::registry::{self, RuleInfo};
use crate::diagnostic::Diagnostic;
use crate::policy::Resolver;
use crate::read::SourceFile;
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Range};
use std::path::Path;

/// The explanation of the rule named at byte `offset` of `text` (the page at `path`), if any.
pub fn rule_at(path: &Path, text: &str, offset: usize, config: Option<&Path>) -> Option<Hover> {
    let (text, offset) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, offset.checked_sub('\u{feff}'.len_utf8())?),
        None => (text, offset),
    };
    let source = SourceFile::from_text(path.display().to_string(), text, false);
    let page = crate::parse::parse(&source);
    let offset = u32::try_from(offset).ok()?;
    let id = page
        .directives
        .iter()
        .flat_map(|d| &d.rules)
        .find(|r| r.span.start <= offset && offset <= r.span.end)?;
    let rule = rules(path, config).into_iter().find(|r| r.id == id.value)?;
    Some(markdown(explain(&rule), None))
}

/// The explanations of the rules of `findings` (those under the cursor, with the range of the
/// first), each rule once: what the finding's message does not say, why the rule exists.
pub fn findings(path: &Path, findings: &[(&Diagnostic, Range)], config: Option<&Path>) -> Option<Hover> {
    let (_, range) = findings.first()?;
    let catalog = rules(path, config);
    let mut seen: Vec<&str> = Vec::new();
    let mut parts = Vec::new();
    for (d, _) in findings {
        if seen.contains(&&*d.rule) {
            continue;
        }
        seen.push(&d.rule);
        if let Some(rule) = catalog.iter().find(|r| *r.id == *d.rule) {
            parts.push(format!("{}\n\n{}", d.message, explain(rule)));
        }
    }
    (!parts.is_empty()).then(|| markdown(parts.join("\n\n---\n\n"), Some(*range)))
}

/// The rules in force for the page at `path` (none when its configuration is broken).
fn rules(path: &Path, config: Option<&Path>) -> Vec<RuleInfo> {
    Resolver::new(config.map(Path::to_path_buf))
        .policy_for(path)
        .map(|policy| registry::catalog(&policy))
        .unwrap_or_default()
}

/// One rule as `rolelint rule ID` explains it, under a line naming it.
fn explain(rule: &RuleInfo) -> String {
    format!(
        "**{}** ({}, {} by default)\n\n{}\n\n{}",
        rule.id,
        rule.family.as_str(),
        rule.severity.as_str(),
        rule.summary,
        rule.explanation.trim_end()
    )
}

fn markdown(value: String, range: Option<Range>) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range,
    }
}
