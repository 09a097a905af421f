//! Levels: headings, the page itself, or table rows → [`Level`]s with grades, reporting lines and sections.
//!
//! Precision first. A heading is a level when it names a role and either sits directly under a
//! Levels-like section, or carries level evidence itself (a grade claim, a reporting line, a Job Grade
//! sub-section; or Responsibilities/Requirements plus an explicit ladder word or a sibling level).
//! Failing that, the page is one level when its title names a role and it states a grade; failing
//! that, a table with a Level/Role/Title column and a Grade column lists the levels.

mod collect;
pub mod external;
mod facts;
pub mod name;
pub mod title;

use super::blocks::TextBlock;
use crate::model::{Heading, Level, LevelLayout, SectionKind, Table};
use crate::span::{Span, Spanned};
use collect::{Scope, grades_and_reports, own_grades, sections, table_grade};
use facts::Page;

/// What level detection reads.
pub struct Input<'a> {
    /// The page text.
    pub text: &'a str,
    /// Headings with parents and sections.
    pub headings: &'a [Heading],
    /// Text blocks sorted by start.
    pub blocks: &'a [TextBlock],
    /// Tables.
    pub tables: &'a [Table],
    /// The front-matter title.
    pub title: Option<&'a Spanned<String>>,
    /// Where the Markdown body starts.
    pub body_start: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Evidence {
    None,
    /// Responsibilities or Requirements sub-sections.
    Weak,
    /// A reporting line.
    Reports,
    /// A grade claim or a Job Grade sub-section.
    Grade,
}

/// Finds the levels of a page.
pub fn detect(input: &Input<'_>) -> Vec<Level> {
    let page = Page::new(input);
    let mut levels = heading_levels(&page);
    if levels.is_empty()
        && let Some(level) = own_page_level(&page)
    {
        levels.push(level);
    }
    if levels.is_empty() {
        levels = table_levels(input);
    } else {
        attach_table_grades(input, &mut levels);
    }
    name::individual_contributor_managers(&mut levels);
    levels
}

/// Index range of the headings inside heading `i`'s section (its descendants).
fn descendants(headings: &[Heading], i: usize) -> std::ops::Range<usize> {
    let Some(h) = headings.get(i) else { return 0..0 };
    let end = headings
        .iter()
        .skip(i + 1)
        .position(|d| d.span.start >= h.section.end)
        .map_or(headings.len(), |p| i + 1 + p);
    i + 1..end
}

fn evidence(page: &Page<'_>, i: usize) -> Evidence {
    let Some(h) = page.input.headings.get(i) else {
        return Evidence::None;
    };
    let sub = descendants(page.input.headings, i);
    let kinds: Vec<SectionKind> = page.heads.get(sub).unwrap_or_default().iter().map(|d| d.kind).collect();
    if kinds.contains(&SectionKind::JobGrade) {
        return Evidence::Grade;
    }
    let scope = Scope {
        body: h.section,
        own_heading: Some(i),
        skip_off_levels: true,
    };
    let (graded, reports) = collect::states(page, &scope);
    if graded {
        return Evidence::Grade;
    }
    if reports {
        return Evidence::Reports;
    }
    if kinds
        .iter()
        .any(|k| matches!(k, SectionKind::Responsibilities | SectionKind::Requirements))
    {
        Evidence::Weak
    } else {
        Evidence::None
    }
}

fn heading_levels(page: &Page<'_>) -> Vec<Level> {
    let input = page.input;
    let hs = input.headings;
    let facts = &page.heads;
    let mut chosen = vec![false; hs.len()];
    let mut graded = vec![false; hs.len()];
    let mut layout = vec![LevelLayout::SiblingHeadings; hs.len()];
    let h1_count = hs.iter().filter(|h| h.depth == 1).count();
    let eligible = |h: &Heading, f: &facts::HeadingFacts| {
        // A page's only H1 is its title; the page-level rule reads it.
        let page_title = h.depth == 1 && h1_count == 1;
        // Ladder words alone ("### Senior") pass here and need a stated grade below.
        !page_title && !f.never_level && f.kind == SectionKind::Other
    };
    let mut weak = Vec::new();
    for ((i, h), f) in hs.iter().enumerate().zip(facts) {
        if !eligible(h, f) {
            continue;
        }
        let under_container = h.parent.and_then(|p| facts.get(p)).is_some_and(|p| p.container);
        let ev = evidence(page, i);
        let names_role = f.names_role
            || (under_container && input.title.is_some_and(|t| title::names_family_role(&h.text, &t.value)));
        // A heading that states a grade is a role whatever its noun; otherwise the title must name one.
        if !names_role && ev != Evidence::Grade {
            continue;
        }
        let strong = ev == Evidence::Grade || ev == Evidence::Reports;
        if let Some(g) = graded.get_mut(i) {
            *g = ev == Evidence::Grade;
        }
        // Under Specialties, Hiring Process and the like only strong evidence makes a level.
        if page.off_levels(i) && !strong {
            continue;
        }
        if under_container || strong {
            chosen[i] = true;
            if under_container {
                layout[i] = LevelLayout::LevelsSection;
            }
        } else if ev == Evidence::Weak {
            weak.push(i);
        }
    }
    let strong_groups: foldhash::HashSet<(Option<usize>, u8)> = hs
        .iter()
        .zip(&chosen)
        .filter(|(_, c)| **c)
        .map(|(h, _)| (h.parent, h.depth))
        .collect();
    for i in weak {
        let (Some(h), Some(f)) = (hs.get(i), facts.get(i)) else {
            continue;
        };
        let explicit =
            name::level_name_words(&f.words, f.names_role).is_some_and(|n| n != crate::model::LevelName::Intermediate);
        if explicit || strong_groups.contains(&(h.parent, h.depth)) {
            chosen[i] = true;
        }
    }
    // Prefer the innermost: a chosen heading that holds other chosen headings is a group, not a level.
    // One that holds a Levels heading introduces the family, even when its levels follow as siblings.
    for i in 0..hs.len() {
        if chosen.get(i) == Some(&true)
            && descendants(hs, i).any(|d| {
                chosen.get(d) == Some(&true)
                    || facts
                        .get(d)
                        .is_some_and(|f| f.container && f.kind != SectionKind::JobGrade)
            })
        {
            chosen[i] = false;
        }
    }
    // Under a Levels section, a shallower role heading outside it is the family's introduction.
    let in_section: Vec<&Heading> = (0..hs.len())
        .filter(|&i| chosen.get(i) == Some(&true) && layout.get(i) == Some(&LevelLayout::LevelsSection))
        .filter_map(|i| hs.get(i))
        .collect();
    let section_depth = in_section.iter().map(|h| h.depth).min();
    let section_start = in_section.first().map_or(0, |h| h.span.start);
    let mut levels = Vec::new();
    for (i, h) in hs.iter().enumerate() {
        if chosen.get(i) != Some(&true) {
            continue;
        }
        if section_depth.is_some_and(|d| h.depth < d)
            && h.span.start < section_start
            && layout.get(i) == Some(&LevelLayout::SiblingHeadings)
        {
            continue;
        }
        let scope = Scope {
            body: h.section,
            own_heading: Some(i),
            skip_off_levels: false,
        };
        let (claims, reporting_lines) = grades_and_reports(page, &scope);
        let name = facts.get(i).and_then(|f| {
            let is_role = graded.get(i) == Some(&true) || f.names_role;
            name::level_name_words(&f.words, is_role)
        });
        let grades = own_grades(claims, name);
        levels.push(Level {
            title: h.text.clone(),
            title_span: h.text_span,
            name,
            span: h.span,
            body: h.section,
            heading: Some(i),
            layout: layout.get(i).copied().unwrap_or(LevelLayout::SiblingHeadings),
            grades,
            reporting_lines,
            sections: sections(page, descendants(hs, i)),
            external_grade: None,
        });
    }
    levels
}

fn own_page_level(page: &Page<'_>) -> Option<Level> {
    let input = page.input;
    let h1 = input.headings.iter().position(|h| h.depth == 1);
    let (title, title_span) = match (input.title, h1.and_then(|i| input.headings.get(i))) {
        (Some(t), _) => (t.value.trim().to_string(), t.span),
        (None, Some(h)) => (h.text.clone(), h.text_span),
        (None, None) => return None,
    };
    if !title::names_role(&title) {
        return None;
    }
    let body = Span::new(input.body_start, input.text.len());
    let scope = Scope {
        body,
        own_heading: None,
        skip_off_levels: true,
    };
    let (claims, reporting_lines) = grades_and_reports(page, &scope);
    let grades = own_grades(claims, name::level_name(&title));
    let has_grade_section = page
        .heads
        .iter()
        .any(|f| f.kind == SectionKind::JobGrade && !f.under_off_levels);
    let claims = grades.iter().any(|g| g.source != crate::model::GradeSource::Prose);
    if !claims && !has_grade_section {
        return None;
    }
    let title_words = title::words(&title);
    let heading = h1.filter(|&i| page.head(i).is_some_and(|f| f.words == title_words));
    let all = 0..input.headings.len();
    let kept = all.filter(|&i| {
        input.headings.get(i).is_some_and(|h| h.depth > 1)
            && page.head(i).is_some_and(|f| !f.off_levels && !f.under_off_levels)
    });
    Some(Level {
        name: name::level_name(&title),
        title,
        title_span,
        span: heading
            .and_then(|i| input.headings.get(i))
            .map_or(title_span, |h| h.span),
        body,
        heading,
        layout: LevelLayout::OwnPage,
        grades,
        reporting_lines,
        sections: collect::sections_of(page, kept),
        external_grade: None,
    })
}

/// Column indices of (title, grade) when the table lists levels.
pub fn level_columns(table: &Table) -> Option<(usize, usize)> {
    let header: Vec<String> = table.header.cells.iter().map(|c| title::words(&c.text)).collect();
    let title = header.iter().position(|h| {
        matches!(
            h.as_str(),
            "level" | "levels" | "role" | "roles" | "title" | "job title" | "position"
        )
    })?;
    let grade = header
        .iter()
        .position(|h| matches!(h.as_str(), "grade" | "job grade" | "grades"))?;
    Some((title, grade))
}

fn table_levels(input: &Input<'_>) -> Vec<Level> {
    let mut levels = Vec::new();
    for table in input.tables {
        let Some((t, g)) = level_columns(table) else { continue };
        for row in &table.rows {
            let (Some(title_cell), Some(grade_cell)) = (row.cells.get(t), row.cells.get(g)) else {
                continue;
            };
            if title_cell.text.is_empty() {
                continue;
            }
            levels.push(Level {
                title: title_cell.text.clone(),
                title_span: title_cell.span,
                name: name::level_name(&title_cell.text),
                span: row.span,
                body: row.span,
                heading: None,
                layout: LevelLayout::Table,
                grades: table_grade(input, grade_cell)
                    .map(|g| with_row_title(g, title_cell))
                    .into_iter()
                    .collect(),
                reporting_lines: Vec::new(),
                sections: Vec::new(),
                external_grade: None,
            });
        }
    }
    levels
}

/// A table grade with its row's title cell as the title it names.
fn with_row_title(grade: crate::model::GradeStatement, cell: &crate::model::Cell) -> crate::model::GradeStatement {
    crate::model::GradeStatement {
        subject: Some(Spanned::new(cell.text.clone(), cell.span)),
        ..grade
    }
}

/// Adds the grade a level table gives to the heading level it names (same title, or same level name
/// when the table only writes the ladder word).
fn attach_table_grades(input: &Input<'_>, levels: &mut [Level]) {
    for table in input.tables {
        let Some((t, g)) = level_columns(table) else { continue };
        for row in &table.rows {
            let (Some(title_cell), Some(grade_cell)) = (row.cells.get(t), row.cells.get(g)) else {
                continue;
            };
            let Some(grade) = table_grade(input, grade_cell) else {
                continue;
            };
            let want = title::words(&title_cell.text);
            let by_title: Vec<usize> = (0..levels.len())
                .filter(|&i| levels.get(i).is_some_and(|l| title::words(&l.title) == want))
                .collect();
            let matches = if by_title.is_empty() && !title::names_role(&title_cell.text) {
                let name = name::level_name(&title_cell.text);
                (0..levels.len())
                    .filter(|&i| name.is_some() && levels.get(i).is_some_and(|l| l.name == name))
                    .collect()
            } else {
                by_title
            };
            if let [only] = matches.as_slice()
                && let Some(level) = levels.get_mut(*only)
            {
                level.grades.push(with_row_title(grade, title_cell));
                level.grades.sort_by_key(|g| g.span.start);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every Markdown page under `fixtures/` and the shared corpus beside the checkout, if there.
    fn texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![root.join("fixtures"), root.join("../shared/corpus")];
        let mut files = Vec::new();
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "md") {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 20, "pages found: {}", files.len());
        files.iter().filter_map(|f| std::fs::read_to_string(f).ok()).collect()
    }

    #[test]
    fn states_says_what_the_statements_of_the_scope_say() {
        let mut graded_scopes = 0;
        let mut reporting_scopes = 0;
        for text in texts() {
            crate::parse::with_level_input(&text, |input| {
                let page = Page::new(input);
                for (i, h) in input.headings.iter().enumerate() {
                    for skip_off_levels in [true, false] {
                        let scope = Scope {
                            body: h.section,
                            own_heading: Some(i),
                            skip_off_levels,
                        };
                        let (grades, reports) = grades_and_reports(&page, &scope);
                        let graded = grades
                            .iter()
                            .any(|g| g.grade.source != crate::model::GradeSource::Prose);
                        let (fast_graded, fast_reports) = collect::states(&page, &scope);
                        assert_eq!(fast_graded, graded, "{}", h.text);
                        if !graded {
                            assert_eq!(fast_reports, !reports.is_empty(), "{}", h.text);
                        }
                        graded_scopes += usize::from(graded);
                        reporting_scopes += usize::from(!graded && !reports.is_empty());
                    }
                }
            });
        }
        assert!(
            graded_scopes > 100 && reporting_scopes > 10,
            "{graded_scopes} {reporting_scopes}"
        );
    }
}
