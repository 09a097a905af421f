//! `duplicate-section`: a sub-section repeated inside one level (two "Requirements").

use super::titles::title_key;
use crate::checks::{Check, CheckMeta, Cx};
use crate::declare_check;
use crate::model::{Level, Page, Section, SectionKind};
use crate::parse::levels::title::is_off_levels;

declare_check! {
    /// ## What it does
    /// Flags a level's sub-section (Responsibilities, Requirements, Job Grade, or any other heading
    /// under the same parent) whose name repeats an earlier one of the same level. The level's own
    /// title in the heading does not count: "Senior Widget Engineer Requirements" repeats
    /// "Requirements".
    /// ## Why is this bad?
    /// A level with two Requirements lists has no single list of requirements: readers and hiring
    /// managers see one and miss the other, often because a heading was nested at the wrong depth.
    /// ## Example
    /// ```markdown
    /// ### Senior Widget Engineer
    /// #### Job Grade
    /// ##### Requirements
    /// #### Requirements
    /// ```
    /// Use instead: one `#### Requirements` section holding every requirement.
    pub struct DuplicateSection { id: "duplicate-section", family: Levels, severity: Warning,
        summary: "a level repeats one of its sub-sections", fixable: false }
}

/// The section's name without the level's title `own` (its [`title_key`]): "Senior Widget Engineer
/// Requirements" → "requirements".
fn section_key(own: &str, section: &Section) -> String {
    let key = title_key(&section.title);
    match key.strip_prefix(own).map(str::trim_start) {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => key,
    }
}

/// True when the section sits under a Specialties, Hiring Process or similar heading inside the
/// level: its Requirements are a specialty's, not a second list of the level's.
fn under_other_topic(page: &Page, level: &Level, section: &Section) -> bool {
    let mut cur = page.headings.get(section.heading).and_then(|h| h.parent);
    for _ in 0..page.headings.len() {
        let Some(i) = cur else { return false };
        if Some(i) == level.heading {
            return false;
        }
        let Some(h) = page.headings.get(i) else { return false };
        if is_off_levels(&h.text) {
            return true;
        }
        cur = h.parent;
    }
    false
}

/// The heading a named section belongs to: the nearest enclosing heading, below the level's own,
/// that is not itself one of the level's named sections (a specialty such as "Distribution:Build"
/// or "Security Compliance", a "Territories" heading). `None` when the section belongs to the level
/// itself. Pages give each specialty its own Requirements and Responsibilities; those are not a
/// second list of the level's, while a Requirements nested under the level's Job Grade is.
fn scope(page: &Page, level: &Level, section: &Section) -> Option<usize> {
    let mut cur = page.headings.get(section.heading).and_then(|h| h.parent);
    for _ in 0..page.headings.len() {
        let i = cur?;
        if Some(i) == level.heading {
            return None;
        }
        let named = level
            .sections
            .iter()
            .any(|s| s.heading == i && s.kind != SectionKind::Other);
        if !named {
            return Some(i);
        }
        cur = page.headings.get(i).and_then(|h| h.parent);
    }
    None
}

/// The section's heading as written, lower-cased, with its level's title and the section word left
/// in: "VP, Widgets (EMEA) Requirements" and "VP, Widgets (APAC) Requirements" are two sections.
fn written(title: &str) -> String {
    title
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when two sections with the same key are one section written twice: their headings read
/// the same, or one of them is the bare section name ("Requirements"). A parenthesised qualifier
/// makes a heading its own ("Security Compliance (Commercial)" is not a bare "Security Compliance").
fn same_section(a: &Section, b: &Section, key: &str) -> bool {
    let bare = |t: &str| !t.contains('(') && title_key(t) == key;
    let (a, b) = (written(&a.title), written(&b.title));
    a == b || bare(&a) || bare(&b)
}

impl Check for DuplicateSection {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn check_page(&self, page: &Page, cx: &mut Cx<'_>) {
        let parent = |s: &Section| page.headings.get(s.heading).and_then(|h| h.parent);
        for level in &page.levels {
            // Each key once: comparing every section with each earlier one would recompute them.
            let own = title_key(&level.title);
            let keyed: Vec<(&Section, String)> = level.sections.iter().map(|s| (s, section_key(&own, s))).collect();
            for (i, (section, key)) in keyed.iter().enumerate() {
                if key.is_empty() || under_other_topic(page, level, section) {
                    continue;
                }
                // Named sections repeat anywhere in the level; other headings only among siblings
                // ("Technical" under Responsibilities and under Requirements is fine).
                let here = scope(page, level, section);
                let first = keyed.iter().take(i).find(|(s, k)| {
                    k == key
                        && same_section(s, section, key)
                        && if section.kind == SectionKind::Other {
                            parent(s) == parent(section)
                        } else {
                            scope(page, level, s) == here
                        }
                });
                let Some((first, _)) = first else { continue };
                cx.report(
                    &Self::META,
                    &page.path,
                    section.span,
                    format!("`{}` repeats a section of level `{}`", section.title, level.title),
                )
                .set_label("repeated section")
                .add_related(page.path.clone(), first.span, format!("`{}` is here", first.title))
                .set_help("merge the two sections into one, at the level's sub-section depth")
                .set_key(format!("level={};section={key};kind=duplicate", level.title));
            }
        }
    }
}
