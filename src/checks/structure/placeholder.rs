//! `placeholder`: template text left in a published page.

use crate::checks::{Check, CheckMeta, Cx};
use crate::declare_check;
use crate::diagnostic::Fix;
use crate::model::Page;
use crate::parse::placeholder::{self, Kind};
use crate::span::Span;

declare_check! {
    /// ## What it does
    /// Flags template text that was never filled in: a `{add …}` or `{Insert …}` instruction, any
    /// other `{…}` template text in prose (braces left around a filled-in title are removed by the
    /// fix), and the tokens of `rules/placeholders.yaml`: `TBD`, `TODO`, `XXX`, `grade #`,
    /// `Lorem ipsum`, …. A section whose only content is such a token is named as such. Hugo
    /// shortcodes (`{{< … >}}`, `{{% … %}}`), ERB (`<%= … %>`), kramdown attributes (`{:.no_toc}`)
    /// and heading ids (`{#id}`) are not template text.
    ///
    /// A placeholder never satisfies another rule: "reports to TBD" is no reporting line
    /// (`missing-reports-to` still fires) and "grade #" is no grade.
    /// ## Why is this bad?
    /// The page is published: candidates read "{add the reporting position}" or "TBD" where the
    /// role should be described. GitLab's own template tells authors to search for `{add` before
    /// publishing; this does the search for them.
    /// ## Example
    /// ```markdown
    /// ### Senior Widget Analyst
    /// The Senior Widget Analyst reports to the {add the reporting position}.
    /// ```
    /// Use instead:
    /// ```markdown
    /// ### Senior Widget Analyst
    /// The Senior Widget Analyst reports to the Manager, Widget Analysis.
    /// ```
    /// ## Options
    /// The tokens are data: `rules/placeholders.yaml` (`words`, `phrases`, `instruction-words`).
    pub struct Placeholder { id: "placeholder", family: Structure, severity: Error,
        summary: "template text (`{add …}`, TBD, grade #) left in a page", fixable: true }
}

/// The text of the section (its heading's own content, up to the next heading) that holds `at`,
/// with the heading's title, when `at` is under a heading.
fn own_section(page: &Page, at: usize) -> Option<(&str, &str)> {
    let i = page
        .headings
        .partition_point(|h| (h.span.start as usize) <= at)
        .checked_sub(1)?;
    let h = page.headings.get(i)?;
    let end = page
        .headings
        .get(i + 1)
        .map_or(h.section.end, |n| n.span.start.min(h.section.end));
    let body = page.text(Span::new(h.span.end as usize, end.max(h.span.end) as usize));
    Some((h.text.as_str(), body))
}

impl Check for Placeholder {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn check_page(&self, page: &Page, cx: &mut Cx<'_>) {
        for run in &page.prose {
            let base = run.span.start as usize;
            for hit in placeholder::find(&run.text) {
                let Some(written) = run.text.get(hit.range.clone()) else {
                    continue;
                };
                let span = Span::new(base + hit.range.start, base + hit.range.end);
                let alone =
                    own_section(page, span.start as usize).filter(|(_, body)| placeholder::only_placeholders(body));
                let message = match (hit.kind, alone) {
                    (_, Some((title, _))) => format!("section `{title}` holds only the placeholder `{written}`"),
                    (Kind::Instruction, None) => format!("template instruction `{written}` left in the page"),
                    (Kind::Braces, None) => format!("template braces left around `{}`", inner(written)),
                    (Kind::Token, None) => format!("placeholder `{written}` left in the page"),
                };
                let help = match hit.kind {
                    Kind::Braces => {
                        "remove the braces: the text inside was filled in, the template's braces were not removed"
                    }
                    Kind::Instruction => "do what the instruction asks and replace it with the text, or delete it",
                    Kind::Token => {
                        "write what the placeholder stands for, or remove it (and the section, if it has nothing else)"
                    }
                };
                let d = cx
                    .report(&Self::META, &page.path, span, message)
                    .set_label("template text")
                    .set_help(help)
                    .set_policy("rules/placeholders.yaml")
                    .set_key(format!("placeholder={written}"));
                if hit.kind == Kind::Braces {
                    let text = inner(written).to_owned();
                    d.set_fix(Fix::replace(
                        span,
                        text.clone(),
                        format!("remove the braces around `{text}`"),
                    ));
                }
            }
        }
    }
}

/// The text between a placeholder's braces.
fn inner(written: &str) -> &str {
    written
        .strip_prefix('{')
        .and_then(|w| w.strip_suffix('}'))
        .unwrap_or(written)
}
