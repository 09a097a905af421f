//! The corpus-wide part of `grade-mismatch`: one title, two grades on two pages.

use super::GradeMismatch;
use super::titles::{family_phrase, title_key};
use crate::checks::Cx;
use crate::model::{GradeStatement, Handbook, Level, Page};
use std::collections::BTreeMap;

struct Stated<'h> {
    page: &'h Page,
    level: &'h Level,
    grade: &'h GradeStatement,
}

/// Reports, on each page, a level whose title has another grade on another page. Bare titles
/// ("Senior Manager", "Director") name different roles on different pages and are skipped.
pub fn check(handbook: &Handbook, cx: &mut Cx<'_>) {
    let mut by_title: BTreeMap<String, Vec<Stated<'_>>> = BTreeMap::new();
    for page in &handbook.pages {
        for level in &page.levels {
            let Some(grade) = level.primary_grade() else { continue };
            if family_phrase(&level.title).is_empty() {
                continue;
            }
            // The level name keeps "Widget Manager (Associate)" apart from "Widget Manager
            // (Intermediate)": the key drops parentheses, the name reads them.
            let name = level.name.map_or("", |n| n.as_str());
            by_title
                .entry(format!("{}|{name}", title_key(&level.title)))
                .or_default()
                .push(Stated { page, level, grade });
        }
    }
    for stated in by_title.values() {
        // Per grade: its first statement, and the first on another page than that one. The first
        // statement on another page with another grade is then among a few per grade, where
        // searching the whole list for each statement was quadratic in copies of one table.
        let mut firsts: BTreeMap<u8, (usize, Option<usize>)> = BTreeMap::new();
        for (i, s) in stated.iter().enumerate() {
            let (first, second) = firsts.entry(s.grade.value).or_insert((i, None));
            if second.is_none() && stated[*first].page.path != s.page.path {
                *second = Some(i);
            }
        }
        for here in stated {
            let first_elsewhere = firsts
                .iter()
                .filter(|&(&grade, _)| grade != here.grade.value)
                .filter_map(|(_, &(first, second))| {
                    if stated[first].page.path != here.page.path {
                        Some(first)
                    } else {
                        second
                    }
                })
                .min();
            let Some(there) = first_elsewhere.and_then(|j| stated.get(j)) else {
                continue;
            };
            cx.report(
                &GradeMismatch::META,
                &here.page.path,
                here.grade.span,
                format!(
                    "`{}` is grade {} here, but grade {} on {}",
                    here.level.title, here.grade.value, there.grade.value, there.page.path
                ),
            )
            .set_label(format!("grade {}", here.grade.value))
            .add_related(
                there.page.path.clone(),
                there.grade.span,
                format!("`{}` is grade {} here", there.level.title, there.grade.value),
            )
            .set_help("one title has one grade; correct the page that contradicts the grade ladder")
            .set_key(format!("level={};field=grade;kind=title", here.level.title));
        }
    }
}
