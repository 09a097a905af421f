//! `misplaced-section`: a page section nested at level depth inside the Levels section.

use super::titles::title_key;
use crate::checks::{Check, CheckMeta, Cx};
use crate::declare_check;
use crate::diagnostic::{Applicability, Fix};
use crate::model::{Heading, Page, SectionKind};
use crate::parse::levels::title::{is_container, names_role, section_kind, words};
use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

declare_check! {
    /// ## What it does
    /// Flags a section heading at level depth inside the Levels section, after a level: a level's
    /// Requirements, Responsibilities or Job Grade, or a section such as Performance Indicators,
    /// Hiring Process or Specialties. Between two levels, or repeated after several, it belongs to
    /// the level above it and should be one level deeper; after the last level, a page section
    /// (Performance Indicators, …) should be at the depth of the Levels heading.
    /// ## Why is this bad?
    /// The table of contents and every tool that reads levels see it as one more level of the job
    /// family, and the page section it should be is missing from the page outline.
    /// ## Example
    /// ```markdown
    /// ## Levels
    /// ### Senior Widget Engineer
    /// ### Performance Indicators
    /// ```
    /// Use instead:
    /// ```markdown
    /// ## Levels
    /// ### Senior Widget Engineer
    /// ## Performance Indicators
    /// ```
    /// ## Fix safety
    /// The fix changes the heading's depth (only for a heading without sub-headings). It is unsafe:
    /// the text under a heading after the last level may belong to that level, or to the page.
    pub struct MisplacedSection { id: "misplaced-section", family: Levels, severity: Warning,
        summary: "a section heading sits at level depth inside the Levels section", fixable: true }
}

/// Sections of a whole job-family page, never part of the list of levels.
static PAGE_SECTION: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::fixed_regex(
        r"^(?:(?:primary |key )?performance indicators?|kpis?|hiring(?: process)?|specialt(?:y|ies)|specializations?|segments?|relevant links|references|compensation|benefits)$",
    )
});

/// The `#` run that opens an ATX heading, when the heading is written that way.
fn atx_marker(page: &Page, heading: &Heading) -> Option<Span> {
    let line = page.text(heading.span);
    let hashes = line.len() - line.trim_start_matches('#').len();
    (hashes == usize::from(heading.depth))
        .then(|| Span::new(heading.span.start as usize, heading.span.start as usize + hashes))
}

/// A section heading's words without the section name: "Vice President of Widgets Requirements" →
/// "Vice President of Widgets".
static SECTION_SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| crate::parse::fixed_regex(r"(?i)[\s:,-]*\b(?:job grade|grade|responsibilities|requirements)\s*$"));

/// Where a misplaced heading belongs.
enum Home<'p> {
    /// A section of a level that has no heading of its own (the heading names it).
    Headless(String),
    /// A section of the level above it: one level deeper.
    Level(&'p Heading),
    /// A section of the page: at the Levels heading's depth.
    Page,
}

impl Check for MisplacedSection {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn check_page(&self, page: &Page, cx: &mut Cx<'_>) {
        let hs = &page.headings;
        for (i, h) in hs.iter().enumerate() {
            // Hot (every heading): the cheap tests first, the heading's words only when needed.
            if h.level.is_some() {
                continue;
            }
            let named = section_kind(&h.text) != SectionKind::Other;
            if !named && !PAGE_SECTION.is_match(&words(&h.text)) {
                continue;
            }
            let Some(container) = h.parent.and_then(|p| hs.get(p)) else {
                continue;
            };
            if !is_container(&container.text) {
                continue;
            }
            let siblings = || {
                hs.iter()
                    .enumerate()
                    .filter(|(j, s)| *j != i && s.parent == h.parent && s.depth == h.depth)
            };
            let Some((_, owner)) = siblings().rfind(|(j, s)| *j < i && s.level.is_some()) else {
                continue;
            };
            let between = siblings().any(|(j, s)| j > i && s.level.is_some());
            let text = words(&h.text);
            let repeated = siblings().any(|(_, s)| words(&s.text) == text);
            let subject = SECTION_SUFFIX.replace(&h.text, "").trim().to_owned();
            let headless = named && names_role(&subject) && title_key(&subject) != title_key(&owner.text);
            let home = if headless {
                Home::Headless(subject)
            } else if named || between || repeated {
                Home::Level(owner)
            } else {
                Home::Page
            };
            let depth = match home {
                Home::Level(_) | Home::Headless(_) => h.depth.saturating_add(1),
                Home::Page => container.depth,
            };
            let marker = "#".repeat(usize::from(depth));
            let wanted = format!("{marker} {}", h.text);
            let message = match &home {
                Home::Headless(subject) => format!(
                    "`{}` is at level depth inside `{}`, so it reads as a level; level `{subject}` has no heading of its own",
                    h.text, container.text
                ),
                Home::Level(owner) => format!(
                    "`{}` is at level depth inside `{}`, so it reads as a level; as a section of `{}` it should be `{wanted}`",
                    h.text, container.text, owner.text
                ),
                Home::Page => format!(
                    "`{}` is at level depth inside `{}`; it is a page section and should be `{wanted}`",
                    h.text, container.text
                ),
            };
            let d = cx
                .report(&Self::META, &page.path, h.span, message)
                .set_label("reads as a level")
                .add_related(page.path.clone(), container.span, "the Levels section it is nested in")
                .set_help(match &home {
                    Home::Headless(subject) => format!(
                        "add a `{} {subject}` heading before its sections and nest them under it (`{wanted}`)",
                        "#".repeat(usize::from(h.depth))
                    ),
                    Home::Level(_) => format!("nest the heading under its level: `{wanted}`"),
                    Home::Page => format!("raise the heading to `{wanted}`, after the last level"),
                })
                .set_key(format!("section={};kind=misplaced", h.text));
            // Moving a heading with sub-headings would leave them behind; only a leaf is fixed.
            let has_children = hs.get(i + 1).is_some_and(|n| n.parent == Some(i));
            let fixable = !has_children && !matches!(home, Home::Headless(_));
            if fixable && let Some(span) = atx_marker(page, h) {
                let mut fix = Fix::replace(span, marker.clone(), format!("change the heading to `{wanted}`"));
                fix.applicability = Applicability::Unsafe;
                d.set_fix(fix);
            }
        }
    }
}

/// Compiles this module's patterns now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&PAGE_SECTION);
    LazyLock::force(&SECTION_SUFFIX);
}
