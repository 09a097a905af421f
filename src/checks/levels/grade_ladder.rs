//! The per-level parts of `grade-mismatch`: the grade against the ladder, and two different grades
//! stated for one level.

use super::GradeMismatch;
use super::titles::source_text;
use crate::checks::Cx;
use crate::model::{LevelName, Page};
use crate::policy::Row;

/// What the ladder said about each level of a page, in the order of `Page::levels`.
#[derive(Debug, Default)]
pub struct LadderVerdicts {
    /// The grade the ladder gives the level, if any row does.
    pub expected: Vec<Option<u8>>,
    /// True when the level's grade contradicts the ladder (and was reported).
    pub flagged: Vec<bool>,
}

/// The level name as people write it ("senior manager", "VP").
pub fn level_words(name: LevelName) -> String {
    match name {
        LevelName::Vp => "VP".to_owned(),
        LevelName::SeniorVp => "senior VP".to_owned(),
        LevelName::Evp => "EVP".to_owned(),
        other => other.as_str().replace('-', " "),
    }
}

/// Where a ladder row is written, as the diagnostics' `policy` field names it.
fn row_policy(row: &Row) -> String {
    if row.origin.file == "rules/ladder.yaml" {
        format!("{} (embedded)", row.origin)
    } else {
        row.origin.to_string()
    }
}

/// Compares each named level's grade with the ladder; reports contradictions.
pub fn check(page: &Page, cx: &mut Cx<'_>) -> LadderVerdicts {
    let policy = cx.policy;
    let mut verdicts = LadderVerdicts::default();
    for level in &page.levels {
        let found = level
            .name
            .and_then(|name| policy.ladder.expected(level, &page.path).map(|(g, row)| (name, g, row)));
        verdicts.expected.push(found.map(|(_, g, _)| g));
        let (Some((name, want, row)), Some(stated)) = (found, level.primary_grade()) else {
            verdicts.flagged.push(false);
            continue;
        };
        if stated.value == want {
            verdicts.flagged.push(false);
            continue;
        }
        verdicts.flagged.push(true);
        let ladder = row.family.as_deref().map_or_else(String::new, |f| format!("{f} "));
        let words = level_words(name);
        cx.report(
            &GradeMismatch::META,
            &page.path,
            stated.span,
            format!(
                "`{}` is grade {}, but the {ladder}ladder gives {words} levels grade {want}",
                level.title, stated.value
            ),
        )
        .set_label(format!("the ladder says {want}"))
        .set_help(format!(
            "the ladder row `{row}` gives {want}; state grade {want}, or change the ladder if the page is right"
        ))
        .set_policy(row_policy(row))
        .set_key(format!("level={};field=grade;kind=ladder", level.title));
    }
    verdicts
}

/// Reports a level that states two different grades (a Job Grade sentence vs prose or a table).
/// A level with three or more different grades is left alone: its statements are more likely
/// about several levels than wrong.
pub fn check_statements(page: &Page, cx: &mut Cx<'_>) {
    for level in &page.levels {
        let Some(primary) = level.primary_grade() else { continue };
        let mut values: Vec<u8> = level.grades.iter().map(|g| g.value).collect();
        values.sort_unstable();
        values.dedup();
        if values.len() != 2 {
            continue;
        }
        let Some(other) = level.grades.iter().find(|g| g.value != primary.value) else {
            continue;
        };
        cx.report(
            &GradeMismatch::META,
            &page.path,
            other.span,
            format!(
                "`{}` is grade {} here, but grade {} in {} of the same level",
                level.title,
                other.value,
                primary.value,
                source_text(primary.source)
            ),
        )
        .set_label(format!("grade {}", other.value))
        .add_related(
            page.path.clone(),
            primary.span,
            format!("grade {} stated here", primary.value),
        )
        .set_help("state one grade per level; keep the one the ladder gives and delete or correct the other")
        .set_key(format!("level={};field=grade;kind=conflict", level.title));
    }
}
