//! `empty-section`: a level's Responsibilities, Requirements or Job Grade heading with nothing
//! under it.

use crate::checks::{Check, CheckMeta, Cx};
use crate::declare_check;
use crate::model::{Page, SectionKind};
use crate::span::Span;

declare_check! {
    /// ## What it does
    /// Flags a level's Responsibilities, Requirements or Job Grade sub-heading that has no content
    /// at all before the next heading.
    /// ## Why is this bad?
    /// The heading promises what the level asks for, and readers (and recruiters copying the page
    /// into a job ad) find nothing under it. Usually the list was lost in an edit, or the section
    /// was added as a placeholder and never filled in.
    /// ## Example
    /// ```markdown
    /// #### Staff Widget Engineer Requirements
    ///
    /// #### Staff Widget Engineer Performance Indicators
    /// ```
    /// Use instead: write the level's requirements under the heading, or remove the heading.
    pub struct EmptySection { id: "empty-section", family: Structure, severity: Warning,
        summary: "a level's Responsibilities, Requirements or Job Grade heading has nothing under it",
        fixable: false }
}

impl Check for EmptySection {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn check_page(&self, page: &Page, cx: &mut Cx<'_>) {
        for level in &page.levels {
            for section in &level.sections {
                let what = match section.kind {
                    SectionKind::Responsibilities => "responsibilities",
                    SectionKind::Requirements => "requirements",
                    // With no grade at all, `missing-grade` already reports the level.
                    SectionKind::JobGrade if level.grade().is_none() => continue,
                    SectionKind::JobGrade => "grade",
                    SectionKind::Other => continue,
                };
                let Some(heading) = page.headings.get(section.heading) else {
                    continue;
                };
                // The heading's section runs to the next heading of its depth or less, so deeper
                // sub-headings count as content.
                let body = page.text(Span::new(heading.span.end as usize, heading.section.end as usize));
                if !without_comments(body).trim().is_empty() {
                    continue;
                }
                let help = match section.kind {
                    SectionKind::JobGrade => format!(
                        "state the grade under this heading (\"The {} is a grade N.\"), or remove the heading",
                        level.title
                    ),
                    _ => format!(
                        "write the {what} of `{}` under this heading, or remove the heading",
                        level.title
                    ),
                };
                let d = cx.report(
                    self.meta(),
                    &page.path,
                    heading.text_span,
                    format!("`{}` has nothing under it", section.title),
                );
                d.set_label("empty section");
                d.set_help(help);
                d.set_key(format!("levels[{}].sections[{}]", level.title, section.title));
            }
        }
    }
}

/// `text` without its HTML comments (an unclosed one runs to the end): readers do not see them.
fn without_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(rest.get(..start).unwrap_or_default());
        rest = match rest.get(start + 4..).and_then(|r| r.find("-->").map(|end| (r, end))) {
            Some((r, end)) => r.get(end + 3..).unwrap_or_default(),
            None => "",
        };
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::without_comments;

    #[test]
    fn comments_are_invisible() {
        assert_eq!(without_comments("a<!-- x -->b<!-- open"), "ab");
        assert_eq!(without_comments("\n<!-- TODO -->\n").trim(), "");
    }
}
