//! What level detection asks about each heading and each text block, answered once per page: the
//! rules ask the same questions about the same headings and blocks many times over (per block, per
//! ancestor, per candidate level), and the answers never change within a page.

use super::super::blocks::{BlockKind, TextBlock};
use super::super::sentence::{self, GradeHit, ReportHit};
use super::name::level_name_words;
use super::{Input, title};
use crate::model::{Heading, LevelName, SectionKind};
use std::cell::OnceCell;

/// What a heading's title says, from its normalised words.
pub struct HeadingFacts {
    /// [`title::words`] of the heading text.
    pub words: String,
    /// [`title::section_kind`].
    pub kind: SectionKind,
    /// [`title::is_off_levels`].
    pub off_levels: bool,
    /// Some enclosing heading is off levels (Specialties, Hiring Process, …).
    pub under_off_levels: bool,
    /// [`title::is_never_level`].
    pub never_level: bool,
    /// [`title::is_container`].
    pub container: bool,
    /// [`title::names_role`].
    pub names_role: bool,
}

/// The grades and reporting lines a block's text states.
pub struct BlockHits {
    /// Grade hits, read as the block's kind and section ask.
    pub grades: Vec<GradeHit>,
    /// Per grade hit: the level its claim's subject names, when the subject is a role title
    /// ("The Senior Widget Engineer is a grade 7"); only paragraphs and list items have subjects.
    pub subject_levels: Vec<Option<LevelName>>,
    /// Reporting lines (paragraphs and list items only).
    pub reports: Vec<ReportHit>,
}

/// A page's detection input with the per-heading facts and a per-block cache of sentence hits.
pub struct Page<'a> {
    /// The input.
    pub input: &'a Input<'a>,
    /// One per heading, same index.
    pub heads: Vec<HeadingFacts>,
    /// One per block, filled on first use.
    hits: Vec<OnceCell<BlockHits>>,
}

impl<'a> Page<'a> {
    /// Computes the heading facts of `input`.
    pub fn new(input: &'a Input<'a>) -> Self {
        let hs = input.headings;
        let mut heads: Vec<HeadingFacts> = hs
            .iter()
            .map(|h| {
                let words = title::words(&h.text);
                HeadingFacts {
                    kind: title::section_kind_words(&words),
                    off_levels: title::is_off_levels_words(&words),
                    under_off_levels: false,
                    never_level: title::is_never_level_words(&words),
                    container: title::is_container_words(&words),
                    names_role: title::names_role_words(&words),
                    words,
                }
            })
            .collect();
        let under: Vec<bool> = (0..hs.len()).map(|i| ancestor_off_levels(hs, &heads, i)).collect();
        for (f, u) in heads.iter_mut().zip(under) {
            f.under_off_levels = u;
        }
        Page {
            input,
            heads,
            hits: (0..input.blocks.len()).map(|_| OnceCell::new()).collect(),
        }
    }

    /// The facts of heading `i`.
    pub fn head(&self, i: usize) -> Option<&HeadingFacts> {
        self.heads.get(i)
    }

    /// True when heading `i` lies inside a section that is off levels.
    pub fn off_levels(&self, i: usize) -> bool {
        self.head(i).is_some_and(|f| f.under_off_levels)
    }

    /// Index of the heading whose section a block is in (the last heading starting at or before it).
    pub fn heading_of(&self, block: &TextBlock) -> Option<usize> {
        self.input
            .headings
            .partition_point(|h| h.span.start <= block.span.start)
            .checked_sub(1)
    }

    /// True when a block lies in a section whose heading is a Job Grade heading.
    pub fn in_grade_section(&self, block: &TextBlock) -> bool {
        block.kind != BlockKind::Heading
            && self
                .heading_of(block)
                .and_then(|i| self.head(i))
                .is_some_and(|f| f.kind == SectionKind::JobGrade)
    }

    /// The sentence hits of block `index` (computed on first use).
    pub fn hits(&self, index: usize, block: &TextBlock) -> Option<&BlockHits> {
        let cell = self.hits.get(index)?;
        Some(cell.get_or_init(|| {
            let text = &block.plain.text;
            let (grades, reports) = match block.kind {
                BlockKind::Heading => (sentence::grades(text, false), Vec::new()),
                BlockKind::Cell => (sentence::grades(text, true), Vec::new()),
                BlockKind::Paragraph | BlockKind::Item(_) => (
                    sentence::grades(text, self.in_grade_section(block)),
                    sentence::reports(text),
                ),
            };
            let subject_levels = grades
                .iter()
                .map(|hit| {
                    let prose = matches!(block.kind, BlockKind::Paragraph | BlockKind::Item(_));
                    let subject = hit.subject.clone().and_then(|r| text.get(r)).filter(|_| prose)?;
                    let w = title::words(subject);
                    title::names_role_words(&w)
                        .then(|| level_name_words(&w, true))
                        .flatten()
                })
                .collect();
            BlockHits {
                grades,
                subject_levels,
                reports,
            }
        }))
    }
}

/// Whether an enclosing heading of heading `i` is off levels (the walk stops after 64 steps).
fn ancestor_off_levels(headings: &[Heading], heads: &[HeadingFacts], i: usize) -> bool {
    let mut cur = headings.get(i).and_then(|h| h.parent);
    let mut steps = 0;
    while let Some(p) = cur {
        let Some(h) = headings.get(p) else { break };
        if heads.get(p).is_some_and(|f| f.off_levels) {
            return true;
        }
        cur = h.parent;
        steps += 1;
        if steps > 64 {
            break;
        }
    }
    false
}
