//! `duplicate-level`: one level defined twice on a page.

use super::titles::title_key;
use crate::checks::{Check, CheckMeta, Cx};
use crate::declare_check;
use crate::model::Page;
use std::collections::BTreeMap;

declare_check! {
    /// ## What it does
    /// Flags a level whose title (case, `Sr.`/`Senior`, `&`/`and` and "(Intermediate)" ignored)
    /// was already defined earlier on the same page.
    /// ## Why is this bad?
    /// Readers, links and tools find the first definition; the second one drifts out of date
    /// unnoticed, or was meant to be another level and kept a copied title.
    /// ## Example
    /// ```markdown
    /// ### Senior Widget Engineer
    /// ...
    /// ### Senior Widget Engineer
    /// ```
    /// Use instead: merge the two sections, or give the second the title of the level it describes
    /// (`### Staff Widget Engineer`).
    pub struct DuplicateLevel { id: "duplicate-level", family: Levels, severity: Warning,
        summary: "a level is defined twice on one page", fixable: false }
}

impl Check for DuplicateLevel {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn check_page(&self, page: &Page, cx: &mut Cx<'_>) {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (i, level) in page.levels.iter().enumerate() {
            let key = title_key(&level.title);
            if key.is_empty() {
                continue;
            }
            let Some(&first) = seen.get(&key) else {
                seen.insert(key, i);
                continue;
            };
            let Some(earlier) = page.levels.get(first) else {
                continue;
            };
            cx.report(
                &Self::META,
                &page.path,
                level.span,
                format!("level `{}` is already defined on this page", level.title),
            )
            .set_label("second definition")
            .add_related(page.path.clone(), earlier.span, "first defined here")
            .set_help("merge the two definitions, or rename this one after the level it describes")
            .set_key(format!("level={};kind=duplicate", level.title));
        }
    }
}
