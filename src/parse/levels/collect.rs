//! What belongs to a level: grade statements and reporting lines in its body, and its sub-sections
//! with their list items.

use super::super::blocks::{BlockKind, TextBlock};
use super::super::sentence;
use super::facts::{BlockHits, Page};
use crate::model::{Cell, GradeSource, GradeStatement, LevelName, ReportingLine, Section, SectionKind};
use crate::span::{Span, Spanned};

/// Where to look for a level's statements.
pub struct Scope {
    /// The level's body.
    pub body: Span,
    /// The level's own heading (a grade written in it counts as a heading grade).
    pub own_heading: Option<usize>,
    /// Leave out blocks under Specialties, Hiring Process and the like.
    pub skip_off_levels: bool,
}

/// The blocks starting inside `body`, with their indices.
fn blocks_in(blocks: &[TextBlock], body: Span) -> impl Iterator<Item = (usize, &TextBlock)> {
    let first = blocks.partition_point(|b| b.span.start < body.start);
    blocks
        .get(first..)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(move |(i, b)| (first + i, b))
        .take_while(move |(_, b)| b.span.start < body.end)
}

/// A grade statement with the level its sentence's subject names ("The Senior Widget Engineer").
pub struct Claim {
    /// The statement.
    pub grade: GradeStatement,
    /// The level the subject names, when it is a claim whose subject is a role title.
    pub subject_level: Option<LevelName>,
}

/// The grade statements that belong to a level named `name`: a claim whose subject names another
/// level ("The Manager, Widgets is a grade 8" under a Senior Widget Analyst heading that also holds
/// the Manager's sub-sections) is left out, unless no statement names the level itself.
pub fn own_grades(claims: Vec<Claim>, name: Option<LevelName>) -> Vec<GradeStatement> {
    let Some(name) = name else {
        return claims.into_iter().map(|c| c.grade).collect();
    };
    let names_other = |c: &Claim| c.subject_level.is_some_and(|n| n != name);
    if claims.iter().all(names_other) {
        return claims.into_iter().map(|c| c.grade).collect();
    }
    claims
        .into_iter()
        .filter(|c| !names_other(c))
        .map(|c| c.grade)
        .collect()
}

/// The role title a sentence's subject (`range` of the block's plain text) is written as, with its
/// source span: "The Senior Widget Analyst" gives "Senior Widget Analyst"; "Each person" gives none.
fn role_subject(block: &TextBlock, range: std::ops::Range<usize>) -> Option<Spanned<String>> {
    let text = &block.plain.text;
    let r = sentence::titled_subject(text, range)?;
    let title = text.get(r.clone())?;
    super::title::names_role(title).then(|| Spanned::new(title.to_owned(), block.plain.source_span(r.start, r.end)))
}

/// A sentence's repair, with its span in the source.
fn repair(block: &TextBlock, r: &sentence::Repair) -> crate::model::Repair {
    crate::model::Repair {
        span: block.plain.source_span(r.range.start, r.range.end),
        replacement: r.replacement.clone(),
        problem: r.problem.clone(),
        certain: r.certain,
    }
}

/// The blocks of `scope` that its statements are read from, with their grade and report hits:
/// blocks under off-level headings are left out when the scope says so, and a heading only
/// counts as its own section's.
fn read_blocks<'p>(page: &'p Page<'_>, scope: &Scope) -> impl Iterator<Item = (&'p TextBlock, &'p BlockHits)> {
    let (skip_off_levels, own_heading) = (scope.skip_off_levels, scope.own_heading);
    blocks_in(page.input.blocks, scope.body).filter_map(move |(index, block)| {
        let owner = page.heading_of(block);
        if skip_off_levels
            && let Some(h) = owner
            && page.head(h).is_some_and(|f| f.off_levels || f.under_off_levels)
        {
            return None;
        }
        if block.kind == BlockKind::Heading && (owner.is_none() || owner != own_heading) {
            return None;
        }
        Some((block, page.hits(index, block)?))
    })
}

/// What a scope states, as the level evidence reads it: whether a grade statement other than bare
/// prose (a heading's, a table's, a claim sentence's), and, when there is none, whether a reporting
/// line (once a grade is found the rest is not read). The same blocks
/// as [`grades_and_reports`] are read, but no statement is built: level detection asks this of every
/// candidate heading's section, nested sections over and over.
pub fn states(page: &Page<'_>, scope: &Scope) -> (bool, bool) {
    let mut reports = false;
    for (block, hits) in read_blocks(page, scope) {
        let graded = match block.kind {
            BlockKind::Heading | BlockKind::Cell => !hits.grades.is_empty(),
            BlockKind::Paragraph | BlockKind::Item(_) => {
                reports |= !hits.reports.is_empty();
                hits.grades.iter().any(|hit| hit.claim)
            }
        };
        if graded {
            return (true, reports);
        }
    }
    (false, reports)
}

/// Grade statements and reporting lines in a scope, in document order.
pub fn grades_and_reports(page: &Page<'_>, scope: &Scope) -> (Vec<Claim>, Vec<ReportingLine>) {
    let mut grades = Vec::new();
    let mut reports = Vec::new();
    for (block, hits) in read_blocks(page, scope) {
        match block.kind {
            BlockKind::Heading => {
                for hit in &hits.grades {
                    grades.push(Claim {
                        grade: GradeStatement {
                            value: hit.value,
                            span: block.plain.source_span(hit.number.start, hit.number.end),
                            source: GradeSource::Heading,
                            subject: None,
                            repair: None,
                        },
                        subject_level: None,
                    });
                }
            }
            BlockKind::Cell => {
                for hit in &hits.grades {
                    grades.push(Claim {
                        grade: GradeStatement {
                            value: hit.value,
                            span: block.plain.source_span(hit.number.start, hit.number.end),
                            source: GradeSource::Table,
                            subject: None,
                            repair: None,
                        },
                        subject_level: None,
                    });
                }
            }
            BlockKind::Paragraph | BlockKind::Item(_) => {
                for (hit, subject_level) in hits.grades.iter().zip(&hits.subject_levels) {
                    grades.push(Claim {
                        grade: GradeStatement {
                            value: hit.value,
                            span: block.plain.source_span(hit.number.start, hit.number.end),
                            source: if hit.claim {
                                GradeSource::Sentence
                            } else {
                                GradeSource::Prose
                            },
                            subject: hit
                                .subject
                                .clone()
                                .filter(|_| hit.claim)
                                .and_then(|r| role_subject(block, r)),
                            repair: hit.repair.as_ref().map(|r| repair(block, r)),
                        },
                        subject_level: *subject_level,
                    });
                }
                for hit in &hits.reports {
                    reports.push(ReportingLine {
                        manager: hit.manager.clone(),
                        span: block.plain.source_span(hit.manager_range.start, hit.manager_range.end),
                        sentence: block.plain.source_span(hit.sentence.start, hit.sentence.end),
                        subject: hit.subject.clone().and_then(|r| role_subject(block, r)),
                        repair: hit.repair.as_ref().map(|r| repair(block, r)),
                    });
                }
            }
        }
    }
    grades.sort_by_key(|g| g.grade.span.start);
    reports.sort_by_key(|r| r.span.start);
    (grades, reports)
}

/// The sub-sections of a level: the headings in `range`.
pub fn sections(page: &Page<'_>, range: std::ops::Range<usize>) -> Vec<Section> {
    sections_of(page, range)
}

/// Sections for the given heading indices.
pub fn sections_of(page: &Page<'_>, indices: impl Iterator<Item = usize>) -> Vec<Section> {
    let input = page.input;
    let mut out = Vec::new();
    for i in indices {
        let Some(h) = input.headings.get(i) else { continue };
        let own_end = input
            .headings
            .get(i + 1)
            .map_or(h.section.end, |n| n.span.start.min(h.section.end));
        let own = Span {
            start: h.span.end,
            end: own_end.max(h.span.end),
        };
        let items_here: Vec<&TextBlock> = blocks_in(input.blocks, own)
            .map(|(_, b)| b)
            .filter(|b| matches!(b.kind, BlockKind::Item(_)))
            .collect();
        let top = items_here
            .iter()
            .filter_map(|b| match b.kind {
                BlockKind::Item(d) => Some(d),
                _ => None,
            })
            .min();
        let items = items_here
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Item(d) if Some(d) == top))
            .map(|b| {
                let plain = &b.plain;
                let lead = plain.text.len() - plain.text.trim_start().len();
                let end = plain.text.trim_end().len();
                Spanned::new(plain.text.trim().to_string(), plain.source_span(lead, end.max(lead)))
            })
            .collect();
        out.push(Section {
            kind: page.head(i).map_or(SectionKind::Other, |f| f.kind),
            title: h.text.clone(),
            span: h.span,
            heading: i,
            items,
        });
    }
    out
}

/// The grade written in a level table's cell.
pub fn table_grade(input: &super::Input<'_>, cell: &Cell) -> Option<GradeStatement> {
    let first = input.blocks.partition_point(|b| b.span.start < cell.span.start);
    let block = input
        .blocks
        .get(first..)?
        .iter()
        .take_while(|b| b.span.start == cell.span.start)
        .find(|b| b.kind == BlockKind::Cell)?;
    let hit = sentence::grades(&block.plain.text, true)
        .into_iter()
        .next()
        .or_else(|| {
            let t = block.plain.text.trim();
            let n: u8 = t.parse().ok().filter(|n| (1..=20).contains(n))?;
            let lead = block.plain.text.len() - block.plain.text.trim_start().len();
            Some(sentence::GradeHit {
                value: n,
                number: lead..lead + t.len(),
                claim: true,
                subject: None,
                repair: None,
            })
        })?;
    Some(GradeStatement {
        value: hit.value,
        span: block.plain.source_span(hit.number.start, hit.number.end),
        source: GradeSource::Table,
        subject: None,
        repair: None,
    })
}
