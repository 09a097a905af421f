//! Builds the [`Report`] from parsed pages, their policies and the run's findings.

use super::outlier::{OutlierClass, key_level};
use super::{Family, Finding, LevelRow, Linker, Manager, Outlier, Report, Track, VERSION};
use crate::checks::levels::titles::title_key;
use crate::diagnostic::Diagnostic;
use crate::model::{GradeSource, Level, Page};
use crate::policy::Policy;
use crate::span::LineIndex;
use foldhash::HashMap;
use foldhash::HashMapExt;
use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

/// What the report is built from.
pub struct Input<'a> {
    /// The parsed pages (not shed: the external-grade test reads links).
    pub pages: &'a [Page],
    /// The policy of each page, in the order of `pages`; `None` falls back to the built-in one.
    pub policies: &'a [Option<Arc<Policy>>],
    /// Every finding of the run.
    pub diagnostics: &'a [Diagnostic],
    /// How levels and pages are linked.
    pub linker: &'a Linker,
}

/// Builds the report: one family per page that defines levels.
pub fn build(input: &Input<'_>) -> Report {
    let mut by_path: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
    for d in input.diagnostics {
        by_path.entry(&d.path).or_default().push(d);
    }
    let builtin = Policy::builtin().ok();
    let mut report = Report {
        version: VERSION,
        ..Report::default()
    };
    // Findings are numbered as they are met; families are sorted afterwards, which keeps the numbers.
    let mut unknown_managers: Vec<(usize, String, crate::span::Span)> = Vec::new();
    for (i, page) in input.pages.iter().enumerate() {
        if page.levels.is_empty() {
            continue;
        }
        let policy = input.policies.get(i).cloned().flatten();
        let ladder = policy.as_deref().or(builtin.as_ref()).map(|p| &p.ladder);
        let index = LineIndex::new(&page.source);
        let mut levels: Vec<LevelRow> = page
            .levels
            .iter()
            .map(|level| level_row(page, level, &index, ladder, input.linker))
            .collect();
        for d in by_path.get(&*page.path).map(Vec::as_slice).unwrap_or_default() {
            let Some(li) = level_of(page, d) else { continue };
            let Some(row) = levels.get_mut(li) else { continue };
            let at = index.position(&page.source, d.span.start as usize);
            let fi = report.findings.len();
            report.findings.push(Finding {
                rule: d.rule.to_string(),
                severity: d.severity.as_str().to_owned(),
                message: d.message.clone(),
                path: d.path.to_string(),
                line: at.line,
                column: at.column,
                href: input.linker.page(&d.path),
            });
            row.findings.push(fi);
            if let Some(class) = OutlierClass::of(d) {
                row.outliers.push(Outlier {
                    class,
                    finding: Some(fi),
                });
            }
            if &*d.rule == "unknown-manager" {
                unknown_managers.push((fi, d.path.to_string(), d.span));
            }
        }
        for (row, level) in levels.iter_mut().zip(&page.levels) {
            if level.grades.is_empty() && grade_in_sheet(page, level) {
                row.grade_source = Some("external".to_owned());
                row.outliers.push(Outlier {
                    class: OutlierClass::ExternalGrade,
                    finding: None,
                });
            }
            row.outliers.sort_by_key(|o| o.class);
        }
        report.families.push(Family {
            name: family_name(page),
            division: division(&page.path),
            page: page.path.to_string(),
            href: input.linker.page(&page.path),
            levels,
        });
    }
    report.families.sort_by(|a, b| {
        (a.division.to_lowercase(), a.name.to_lowercase(), &a.page).cmp(&(
            b.division.to_lowercase(),
            b.name.to_lowercase(),
            &b.page,
        ))
    });
    report.reporting = reporting(&report.families, input.pages, &unknown_managers);
    report
}

fn level_row(
    page: &Page,
    level: &Level,
    index: &LineIndex,
    ladder: Option<&crate::policy::Ladder>,
    linker: &Linker,
) -> LevelRow {
    let anchor = level
        .heading
        .and_then(|h| page.headings.get(h))
        .map(|h| h.anchor.clone());
    LevelRow {
        level: level.title.clone(),
        level_name: level.name.map(|n| n.as_str().to_owned()),
        track: level.name.map(|n| {
            if n.is_management() {
                Track::Management
            } else {
                Track::Ic
            }
        }),
        ladder: ladder
            .and_then(|l| l.governing(level, &page.path))
            .unwrap_or("default")
            .to_owned(),
        grade: level.grade(),
        grade_source: level.primary_grade().map(|g| source_name(g.source).to_owned()),
        reports_to: level.reports_to().map(str::to_owned),
        line: index.position(&page.source, level.span.start as usize).line,
        href: linker.level(&page.path, anchor.as_deref()),
        anchor,
        outliers: Vec::new(),
        findings: Vec::new(),
    }
}

fn source_name(source: GradeSource) -> &'static str {
    match source {
        GradeSource::Sentence => "sentence",
        GradeSource::Prose => "prose",
        GradeSource::Table => "table",
        GradeSource::Heading => "heading",
        GradeSource::FrontMatter => "front-matter",
    }
}

/// The level a finding is about: the level its key names (the one whose text holds the finding,
/// when a title is defined twice), else the level whose text holds it.
fn level_of(page: &Page, d: &Diagnostic) -> Option<usize> {
    let holds = |l: &Level| l.body.start <= d.span.start && d.span.start < l.body.end.max(l.body.start + 1);
    if let Some(title) = key_level(&d.key) {
        let named = || page.levels.iter().enumerate().filter(|(_, l)| l.title == title);
        if let Some((i, _)) = named().find(|(_, l)| holds(l)).or_else(|| named().next()) {
            return Some(i);
        }
    }
    page.levels.iter().position(holds)
}

/// True when the level (or a page-wide grade section outside every level) links to a spreadsheet
/// or CSV file for its grade: the grade lives outside the page. Only asked for levels that state
/// no grade. A link to the handbook's grade table ("Read more about Job Grades") does not count:
/// it explains grades, it does not hold this level's.
fn grade_in_sheet(page: &Page, level: &Level) -> bool {
    static SHEET: LazyLock<regex::Regex> = LazyLock::new(|| {
        crate::parse::fixed_regex(
            r"(?i)(docs\.google\.com/spreadsheets|\.(csv|xlsx?|ods)([?#]|$)|sharepoint\.com/.*\.xlsx)",
        )
    });
    let grade_sections: Vec<crate::span::Span> = page
        .headings
        .iter()
        .filter(|h| h.level.is_none() && h.text.to_lowercase().contains("grade"))
        .filter(|h| {
            !page
                .levels
                .iter()
                .any(|l| l.body.start <= h.span.start && h.span.start < l.body.end)
        })
        .map(|h| h.section)
        .collect();
    let in_scope = |s: crate::span::Span| {
        let inside = |outer: crate::span::Span| outer.start <= s.start && s.end <= outer.end;
        inside(level.body) || grade_sections.iter().any(|g| inside(*g))
    };
    page.links.iter().any(|link| {
        SHEET.is_match(&link.target) && in_scope(link.span) && {
            // Only a link offered as the grade's source: its text or sentence speaks of grades.
            let around = sentence_around(page, link.span);
            let lower = around.to_lowercase();
            lower.contains("grade") || lower.contains("level")
        }
    })
}

/// The line around `span` (enough context to see what a link is for).
fn sentence_around(page: &Page, span: crate::span::Span) -> &str {
    let text = &*page.source;
    let start = text
        .get(..span.start as usize)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(span.end as usize..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| span.end as usize + i);
    text.get(start..end).unwrap_or_default()
}

/// The family's name: the front-matter title, else the first top-level heading, else the file or
/// folder name.
fn family_name(page: &Page) -> String {
    if let Some(t) = page.front_matter.title.as_ref().filter(|t| !t.value.trim().is_empty()) {
        return t.value.trim().to_owned();
    }
    if let Some(h) = page.headings.iter().find(|h| h.depth == 1 && !h.text.trim().is_empty()) {
        return h.text.trim().to_owned();
    }
    let parts: Vec<&str> = page.path.split(['/', '\\']).filter(|p| !p.is_empty()).collect();
    let file = parts.last().copied().unwrap_or_default();
    let generic = file.starts_with("index.") || file.starts_with("_index.");
    let name = if generic {
        parts.iter().rev().nth(1).copied().unwrap_or(file)
    } else {
        file
    };
    name.split('.').next().unwrap_or(name).to_owned()
}

/// The division: the folder under `job-families/`, else the folder holding the page (the folder
/// above it when the page is a folder's `index`).
pub(crate) fn division(path: &str) -> String {
    let parts: Vec<&str> = path
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .collect();
    if let Some(i) = parts.iter().position(|p| *p == "job-families")
        && parts.len() > i + 2
        && let Some(d) = parts.get(i + 1)
    {
        return (*d).to_owned();
    }
    let file = parts.last().copied().unwrap_or_default();
    let up = if file.starts_with("index.") || file.starts_with("_index.") {
        3
    } else {
        2
    };
    parts
        .len()
        .checked_sub(up)
        .and_then(|i| parts.get(i))
        .map_or_else(|| ".".to_owned(), |d| (*d).to_owned())
}

/// Reporting lines grouped by manager key; a manager is known when a linted level has its title.
fn reporting(families: &[Family], pages: &[Page], unknown: &[(usize, String, crate::span::Span)]) -> Vec<Manager> {
    let mut titles: HashMap<String, (usize, usize)> = HashMap::new();
    for (fi, f) in families.iter().enumerate() {
        for (li, l) in f.levels.iter().enumerate() {
            titles.entry(title_key(&l.level)).or_insert((fi, li));
        }
    }
    let mut pages_titled: HashMap<String, usize> = HashMap::new();
    for (fi, f) in families.iter().enumerate() {
        pages_titled.entry(title_key(&f.name)).or_insert(fi);
    }
    let by_path: HashMap<&str, &Page> = pages.iter().map(|p| (&*p.path, p)).collect();
    let mut managers: BTreeMap<String, Manager> = BTreeMap::new();
    for (fi, f) in families.iter().enumerate() {
        let page = by_path.get(f.page.as_str());
        for (li, l) in f.levels.iter().enumerate() {
            let Some(manager) = &l.reports_to else { continue };
            let key = title_key(manager);
            if key.is_empty() {
                continue;
            }
            // The unknown-manager finding whose span lies in this level's reporting line.
            let line = page
                .and_then(|p| {
                    p.levels
                        .iter()
                        .find(|pl| pl.title == l.level && pl.reports_to() == Some(manager))
                })
                .and_then(|pl| pl.reporting_lines.first())
                .map(|r| r.span);
            let finding = line.and_then(|span| {
                unknown
                    .iter()
                    .find(|(_, path, s)| *path == f.page && s.start >= span.start && s.end <= span.end)
                    .map(|(i, _, _)| *i)
            });
            let entry = managers.entry(key.clone()).or_insert_with(|| Manager {
                title: manager.clone(),
                level: titles.get(&key).copied(),
                family: pages_titled.get(&key).copied(),
                finding: None,
                reports: Vec::new(),
            });
            entry.finding = entry.finding.or(finding);
            entry.reports.push((fi, li));
        }
    }
    let mut out: Vec<Manager> = managers.into_values().collect();
    out.sort_by_key(|m| m.title.to_lowercase());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn divisions_are_folders() {
        assert_eq!(
            division("a/job-families/widgets/widget-engineer/index.html.md"),
            "widgets"
        );
        assert_eq!(division("c/content/job-families/gadgets/dev/x/_index.md"), "gadgets");
        assert_eq!(division("c/content/job-families/gadgets.md"), "job-families");
        assert_eq!(division("../shared/seeds/004.md"), "seeds");
        assert_eq!(division("page.md"), ".");
    }
}
