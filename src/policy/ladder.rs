//! The grade ladder (`rules/ladder.yaml`, extended by `[ladder]` in rolelint.toml): which grade a
//! level should have, by level name, by title pattern (family-specific rows) and by ladder (sales…).

use super::declarative::compile_regex;
use super::document::Document;
use super::pattern::Pattern;
use super::spec::{LadderSpec, RowSpec};
use super::{Error, Origin};
use crate::model::{Level, LevelName};
use foldhash::HashMap;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::fmt;

/// Every ladder, in precedence order.
#[derive(Debug, Clone, Default)]
pub struct Ladder {
    /// The ladders; the first whose paths or titles match a level governs it, else the first with neither.
    pub ladders: Vec<LadderTable>,
}

/// One named ladder.
#[derive(Debug, Clone)]
pub struct LadderTable {
    /// Its name (`default`, `sales`, …).
    pub name: String,
    paths: Option<GlobSet>,
    titles: Vec<Pattern>,
    /// Its rows, title-specific ones first in file order.
    pub rows: Vec<Row>,
}

/// One row: a grade for a level name and/or a title pattern.
#[derive(Debug, Clone)]
pub struct Row {
    /// The level name it applies to (any when `None`).
    pub level: Option<LevelName>,
    /// A pattern the level title must match (any when `None`).
    pub title: Option<Pattern>,
    /// The job family, for people.
    pub family: Option<String>,
    /// The grade.
    pub grade: u8,
    /// Where the row is written.
    pub origin: Origin,
}

impl fmt::Display for Row {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.origin)?;
        if let Some(family) = &self.family {
            write!(f, "{family} ")?;
        } else if let Some(title) = &self.title {
            write!(f, "/{}/ ", title.as_str())?;
        }
        match self.level {
            Some(level) => write!(f, "{} → {}", level.as_str(), self.grade),
            None => write!(f, "→ {}", self.grade),
        }
    }
}

impl LadderTable {
    fn governs(&self, level: &Level, page_path: &str) -> bool {
        self.paths.as_ref().is_some_and(|g| g.is_match(page_path))
            || self.titles.iter().any(|t| t.is_match(&level.title))
    }

    fn is_fallback(&self) -> bool {
        self.paths.is_none() && self.titles.is_empty()
    }

    fn row_for(&self, level: &Level) -> Option<&Row> {
        let level_ok = |r: &Row| r.level.is_none() || r.level == level.name;
        self.rows
            .iter()
            // The level first: a row for another level never compiles its title pattern.
            .find(|r| level_ok(r) && r.title.as_ref().is_some_and(|t| t.is_match(&level.title)))
            .or_else(|| {
                self.rows
                    .iter()
                    .find(|r| r.title.is_none() && r.level.is_some() && r.level == level.name)
            })
    }
}

impl Ladder {
    /// Compiles every title pattern now (see [`super::warm_up`]); each compiles once, shared by
    /// the policy's clones.
    pub(crate) fn compile_patterns(&self) {
        for pattern in self.patterns() {
            pattern.compile();
        }
    }

    /// Every title pattern: each ladder's own, then its rows'.
    fn patterns(&self) -> impl Iterator<Item = &Pattern> {
        self.ladders
            .iter()
            .flat_map(|t| t.titles.iter().chain(t.rows.iter().filter_map(|r| r.title.as_ref())))
    }

    /// The grade `level` (on the page at `page_path`) should have, and the row that says so.
    pub fn expected(&self, level: &Level, page_path: &str) -> Option<(u8, &Row)> {
        let table = self
            .ladders
            .iter()
            .find(|t| t.governs(level, page_path))
            .or_else(|| self.ladders.iter().find(|t| t.is_fallback()))?;
        table.row_for(level).map(|r| (r.grade, r))
    }

    /// The name of the ladder that governs `level` on the page at `page_path` (as [`Ladder::expected`]
    /// chooses it), for the ladder report.
    pub fn governing(&self, level: &Level, page_path: &str) -> Option<&str> {
        self.ladders
            .iter()
            .find(|t| t.governs(level, page_path))
            .or_else(|| self.ladders.iter().find(|t| t.is_fallback()))
            .map(|t| t.name.as_str())
    }

    /// Adds the ladders of `specs` (at `pointer` in `doc`): a ladder named like an existing one puts
    /// its rows first; a new one goes before the existing ones.
    pub fn extend(&mut self, doc: &Document, pointer: &str, specs: Vec<LadderSpec>) -> Result<(), Error> {
        self.add(doc, pointer, specs, Patterns::AtLoad)
    }

    /// [`Ladder::extend`] for the embedded ladder, whose title patterns a test compiles: they are
    /// compiled when first matched, so a run pays only for those its levels reach.
    pub(super) fn extend_embedded(
        &mut self,
        doc: &Document,
        pointer: &str,
        specs: Vec<LadderSpec>,
    ) -> Result<(), Error> {
        self.add(doc, pointer, specs, Patterns::OnFirstMatch)
    }

    fn add(&mut self, doc: &Document, pointer: &str, specs: Vec<LadderSpec>, patterns: Patterns) -> Result<(), Error> {
        let mut tables = specs
            .into_iter()
            .enumerate()
            .map(|(i, spec)| compile_table(doc, &format!("{pointer}/{i}"), spec, patterns))
            .collect::<Result<Vec<_>, _>>()?;
        if let Patterns::OnFirstMatch = patterns {
            share_patterns(&mut tables);
        }
        let mut new = Vec::new();
        for table in tables {
            match self.ladders.iter_mut().find(|t| t.name == table.name) {
                Some(existing) => {
                    let mut rows = table.rows;
                    rows.append(&mut existing.rows);
                    existing.rows = rows;
                    if table.paths.is_some() {
                        existing.paths = table.paths;
                    }
                    if !table.titles.is_empty() {
                        existing.titles = table.titles;
                    }
                }
                None => new.push(table),
            }
        }
        new.append(&mut self.ladders);
        self.ladders = new;
        Ok(())
    }
}

/// When the title patterns of a ladder file are compiled.
#[derive(Clone, Copy)]
enum Patterns {
    /// At load, reporting a bad one at its place in the file.
    AtLoad,
    /// When first matched (the embedded ladder, known to compile).
    OnFirstMatch,
}

/// Makes the deferred patterns written alike one pattern: the embedded ladder names one title in
/// several rows (a family's levels), which would otherwise each compile the same regex.
fn share_patterns(tables: &mut [LadderTable]) {
    let mut seen: HashMap<String, Pattern> = HashMap::default();
    for table in tables {
        let rows = table.rows.iter_mut().filter_map(|r| r.title.as_mut());
        for p in table.titles.iter_mut().chain(rows) {
            let shared = seen.entry(p.as_str().to_owned()).or_insert_with(|| p.clone());
            *p = shared.clone();
        }
    }
}

fn pattern(doc: &Document, pointer: &str, source: &str, patterns: Patterns) -> Result<Pattern, Error> {
    match patterns {
        Patterns::AtLoad => compile_regex(doc, pointer, source).map(Pattern::compiled),
        Patterns::OnFirstMatch => Ok(Pattern::deferred(source)),
    }
}

fn compile_table(doc: &Document, pointer: &str, spec: LadderSpec, patterns: Patterns) -> Result<LadderTable, Error> {
    let paths = if spec.paths.is_empty() {
        None
    } else {
        let mut builder = GlobSetBuilder::new();
        for (i, p) in spec.paths.iter().enumerate() {
            let glob = Glob::new(p)
                .map_err(|e| doc.error_at(&format!("{pointer}/paths/{i}"), format!("not a valid glob: {e}")))?;
            builder.add(glob);
        }
        Some(
            builder
                .build()
                .map_err(|e| doc.error_at(&format!("{pointer}/paths"), e.to_string()))?,
        )
    };
    let titles = spec
        .titles
        .iter()
        .enumerate()
        .map(|(i, t)| pattern(doc, &format!("{pointer}/titles/{i}"), t, patterns))
        .collect::<Result<Vec<_>, _>>()?;
    let rows = spec
        .rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| compile_row(doc, &format!("{pointer}/rows/{i}"), r, patterns))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(LadderTable {
        name: spec.name,
        paths,
        titles,
        rows,
    })
}

fn compile_row(doc: &Document, pointer: &str, spec: RowSpec, patterns: Patterns) -> Result<Row, Error> {
    Ok(Row {
        level: spec.level,
        title: spec
            .title
            .as_deref()
            .map(|t| pattern(doc, &format!("{pointer}/title"), t, patterns))
            .transpose()?,
        family: spec.family,
        grade: spec.grade,
        origin: Origin {
            file: doc.file.clone(),
            line: doc.line(pointer),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every title pattern of the ladder: its ladders' and their rows'.
    fn patterns(ladder: &Ladder) -> Vec<&Pattern> {
        ladder.patterns().collect()
    }

    #[test]
    fn the_embedded_ladder_compiles_each_title_pattern_written_alike_once() {
        let policy = crate::policy::Policy::builtin().expect("the embedded policy loads");
        let all = patterns(&policy.ladder);
        let mut repeated = 0;
        for (i, a) in all.iter().enumerate() {
            for b in all.iter().skip(i + 1) {
                assert_eq!(
                    a.as_str() == b.as_str(),
                    a.is_shared_with(b),
                    "{} / {}",
                    a.as_str(),
                    b.as_str()
                );
                repeated += usize::from(a.as_str() == b.as_str());
            }
        }
        // The embedded ladder does repeat titles (a family's levels), or this test shows nothing.
        assert!(repeated > 0);
    }

    /// A user's ladder is compiled at load; the embedded one's patterns wait for their first match,
    /// or for [`Ladder::compile_patterns`] (the policy warm-up of a folder run), which compiles
    /// each, shared with the clones already made.
    #[test]
    fn compiling_the_patterns_compiles_each_deferred_one_for_every_clone() {
        // A policy of its own: the embedded one is shared with every other test of this binary.
        let doc = crate::policy::Document::yaml("rules/ladder.yaml", include_str!("../../rules/ladder.yaml"))
            .expect("the embedded ladder parses");
        let mut policy = crate::policy::Policy::default();
        policy.apply_embedded_ladder(&doc).expect("the embedded ladder loads");
        let ladder = policy.ladder;
        let clone = ladder.clone();
        assert!(patterns(&clone).len() > 10);
        assert!(
            patterns(&clone).iter().all(|p| !p.is_compiled()),
            "deferred until asked"
        );
        ladder.compile_patterns();
        assert!(
            patterns(&clone).iter().all(|p| p.is_compiled()),
            "the clone shares the work"
        );
    }
}
