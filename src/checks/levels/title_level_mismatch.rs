//! `title-level-mismatch`: the front-matter title names a role no level of the page has.

use super::titles::family_phrase;
use crate::checks::{Check, CheckMeta, Cx};
use crate::declare_check;
use crate::model::{LevelLayout, Page};
use std::collections::BTreeSet;

declare_check! {
    /// ## What it does
    /// Flags a page whose front-matter `title` shares no word of its role phrase with any of the
    /// page's level titles: "Backend Engineer" over levels that are all "… Frontend Engineer".
    /// Ladder and management words (Senior, Manager, Director, …), role nouns (Engineer, Analyst, …)
    /// and words such as Roles, Job Family, Leadership and Management do not count, so
    /// "Widget Program Management Leadership" names the level "Director, Widget Program Management".
    /// Levels whose title is only a ladder word ("Senior") say nothing and are skipped.
    /// ## Why is this bad?
    /// The title is what search, the page list and links show. A page titled after one role that
    /// defines the levels of another was usually copied and not renamed; people looking for either
    /// role land on the wrong page.
    /// ## Example
    /// ```markdown
    /// ---
    /// title: Backend Engineer
    /// ---
    /// ### Senior Frontend Engineer
    /// ```
    /// Use instead: `title: Frontend Engineer`.
    pub struct TitleLevelMismatch { id: "title-level-mismatch", family: Levels, severity: Warning,
        summary: "the front-matter title names no level of the page", fixable: false }
}

/// Words of a title that say nothing about which role it is.
const GENERIC: &[&str] = &[
    "role",
    "roles",
    "job",
    "jobs",
    "family",
    "families",
    "responsibilities",
    "leadership",
    "management",
    "team",
    "teams",
    "and",
    "or",
    "to",
    "for",
    "in",
    "department",
    "division",
    "level",
    "levels",
    "engineer",
    "engineers",
    "engineering",
    "analyst",
    "analysts",
    "specialist",
    "specialists",
    "designer",
    "designers",
    "writer",
    "writers",
    "architect",
    "architects",
    "administrator",
    "coordinator",
    "representative",
    "researcher",
    "researchers",
    "scientist",
    "developer",
    "developers",
    "consultant",
    "lead",
    "head",
];

/// The role words of a title, singular.
fn role_words(title: &str) -> BTreeSet<String> {
    family_phrase(title)
        .split(' ')
        .filter(|w| !w.is_empty() && !GENERIC.contains(w))
        .map(|w| w.strip_suffix('s').filter(|s| s.len() > 2).unwrap_or(w).to_owned())
        .collect()
}

impl Check for TitleLevelMismatch {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn check_page(&self, page: &Page, cx: &mut Cx<'_>) {
        let Some(title) = &page.front_matter.title else { return };
        let wanted = role_words(&title.value);
        if wanted.is_empty() || page.levels.iter().any(|l| l.layout == LevelLayout::OwnPage) {
            return;
        }
        let said: Vec<BTreeSet<String>> = page
            .levels
            .iter()
            .map(|l| role_words(&l.title))
            .filter(|w| !w.is_empty())
            .collect();
        if said.is_empty() || said.iter().any(|w| !w.is_disjoint(&wanted)) {
            return;
        }
        let names: Vec<String> = page.levels.iter().take(3).map(|l| format!("`{}`", l.title)).collect();
        let more = if page.levels.len() > 3 { ", …" } else { "" };
        cx.report(
            &Self::META,
            &page.path,
            title.span,
            format!(
                "the title `{}` names no level of this page ({}{more})",
                title.value.trim(),
                names.join(", ")
            ),
        )
        .set_label("names no level")
        .set_help("title the page after the job family its levels belong to")
        .set_key("field=title;kind=no-level");
    }
}
