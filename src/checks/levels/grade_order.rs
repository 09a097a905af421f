//! The page-wide parts of `grade-mismatch`: grades that do not rise with seniority within a track,
//! and a manager graded no higher than someone who reports to it.

use super::GradeMismatch;
use super::grade_ladder::{LadderVerdicts, level_words};
use super::titles::{family_phrase, title_key};
use crate::checks::Cx;
use crate::model::{GradeStatement, Level, LevelName, Page};
use std::collections::BTreeMap;

/// A graded, named level the ladder did not already flag.
struct Ranked<'p> {
    level: &'p Level,
    name: LevelName,
    grade: &'p GradeStatement,
    expected: Option<u8>,
}

fn ranked<'p>(page: &'p Page, verdicts: &LadderVerdicts) -> Vec<Option<Ranked<'p>>> {
    page.levels
        .iter()
        .enumerate()
        .map(|(i, level)| {
            if verdicts.flagged.get(i).copied().unwrap_or(false) {
                return None;
            }
            Some(Ranked {
                level,
                name: level.name?,
                grade: level.primary_grade()?,
                expected: verdicts.expected.get(i).copied().flatten(),
            })
        })
        .collect()
}

/// Within one track (individual contributors or managers of one family phrase), a more senior
/// level must have a higher grade than every less senior one. Equal grades are accepted when the
/// ladder gives both levels the same grade, or gives either of them one (then the ladder part has
/// already judged it).
pub fn check_seniority(page: &Page, verdicts: &LadderVerdicts, cx: &mut Cx<'_>) {
    let mut tracks: BTreeMap<(bool, String), Vec<Ranked<'_>>> = BTreeMap::new();
    for r in ranked(page, verdicts).into_iter().flatten() {
        tracks
            .entry((r.name.is_management(), family_phrase(&r.level.title)))
            .or_default()
            .push(r);
    }
    let rank = |a: &Ranked<'_>| (a.grade.value, std::cmp::Reverse(a.grade.span.start));
    for track in tracks.values() {
        // The highest-graded level of each name, then for each name the highest among all less
        // senior names: one pass, where comparing every level with every other was quadratic.
        let mut best: BTreeMap<LevelName, &Ranked<'_>> = BTreeMap::new();
        for a in track {
            let kept = best.entry(a.name).or_insert(a);
            if rank(a) >= rank(kept) {
                *kept = a;
            }
        }
        let mut below: BTreeMap<LevelName, &Ranked<'_>> = BTreeMap::new();
        let mut highest: Option<&Ranked<'_>> = None;
        for (&name, &a) in &best {
            if let Some(h) = highest {
                below.insert(name, h);
            }
            if highest.is_none_or(|h| rank(a) >= rank(h)) {
                highest = Some(a);
            }
        }
        for b in track {
            let Some(&a) = below.get(&b.name) else { continue };
            let lower = b.grade.value < a.grade.value;
            let flat = b.grade.value == a.grade.value && a.expected.is_none() && b.expected.is_none();
            if !lower && !flat {
                continue;
            }
            let relation = if lower { "lower than" } else { "the same as" };
            cx.report(
                &GradeMismatch::META,
                &page.path,
                b.grade.span,
                format!(
                    "`{}` ({}) is grade {}, {relation} the less senior `{}` ({}, grade {})",
                    b.level.title,
                    level_words(b.name),
                    b.grade.value,
                    a.level.title,
                    level_words(a.name),
                    a.grade.value
                ),
            )
            .set_label(format!("grade {}", b.grade.value))
            .add_related(
                page.path.clone(),
                a.grade.span,
                format!("`{}` is grade {}", a.level.title, a.grade.value),
            )
            .set_help("grades rise with seniority within a job family; check both levels against the grade ladder")
            .set_key(format!("level={};field=grade;kind=seniority", b.level.title));
        }
    }
}

/// A level that reports to another level of the page must be graded below it; a manager of people
/// may equal the grade of an individual contributor who reports to it (Staff 8 → Manager 8 is the
/// usual ladder), but not of a manager who does.
pub fn check_managers(page: &Page, verdicts: &LadderVerdicts, cx: &mut Cx<'_>) {
    let levels = ranked(page, verdicts);
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    for (i, level) in page.levels.iter().enumerate() {
        by_key.entry(title_key(&level.title)).or_insert(i);
    }
    for (ri, report) in levels.iter().enumerate() {
        let Some(report) = report else { continue };
        for line in &report.level.reporting_lines {
            let Some(&mi) = by_key.get(&title_key(&line.manager)) else {
                continue;
            };
            let Some(Some(manager)) = levels.get(mi) else { continue };
            if mi == ri || !manager.name.is_management() {
                continue;
            }
            let (r, m) = (report.grade.value, manager.grade.value);
            let inverted = r > m || (r == m && report.name.is_management());
            if !inverted {
                continue;
            }
            let relation = if r > m { "lower than" } else { "the same as" };
            cx.report(
                &GradeMismatch::META,
                &page.path,
                manager.grade.span,
                format!(
                    "`{}` is grade {m}, {relation} `{}` (grade {r}), who reports to it",
                    manager.level.title, report.level.title
                ),
            )
            .set_label(format!("grade {m}"))
            .add_related(
                page.path.clone(),
                line.span,
                format!("`{}` reports to `{}` here", report.level.title, line.manager),
            )
            .add_related(
                page.path.clone(),
                report.grade.span,
                format!("`{}` is grade {r}", report.level.title),
            )
            .set_help("a manager is graded above the managers who report to it; check both grades against the ladder")
            .set_key(format!(
                "level={};field=grade;kind=manager;report={}",
                manager.level.title, report.level.title
            ));
        }
    }
}
