//! Hover on a rule id in a `<!-- rolelint-disable… RULE -->` comment: the rule's explanation.

use crate::checks::registry;
use crate::policy::Resolver;
use crate::read::SourceFile;
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};
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
    let policy = Resolver::new(config.map(Path::to_path_buf)).policy_for(path)?;
    let rule = registry::catalog(&policy).into_iter().find(|r| r.id == id.value)?;
    let value = format!(
        "**{}** ({}, {} by default)\n\n{}\n\n{}",
        rule.id,
        rule.family.as_str(),
        rule.severity.as_str(),
        rule.summary,
        rule.explanation.trim_end()
    );
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: None,
    })
}
