//! Baselines: today's findings recorded by fingerprint, so a team adopting rolelint on a legacy
//! handbook fails only on new findings. `changes` uses the same matching for `--changed-since`.
//!
//! A fingerprint is built from the page's path (relative to the baseline file), the rule and the
//! finding's structural key (level, field, cell), never from a line number: inserting lines above
//! a finding keeps it matched. Findings with the same parts are told apart by a salt counter in
//! page order, so when a page had two such findings and now has three, one is new; which one is
//! told by position hints (`position`): the text of its line and neighbours, hashed.

pub mod changes;
mod file;
mod position;
mod renames;

pub use file::parent;

pub use file::{BaselineError, Entry, VERSION};

use crate::Run;
use crate::diagnostic::Diagnostic;
use crate::report::fingerprints;
use foldhash::HashMapExt;
use foldhash::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A set of recorded findings and the directory their paths are relative to.
#[derive(Clone, Debug, Default)]
pub struct Baseline {
    /// The entries, sorted by path, rule, message and fingerprint.
    pub entries: Vec<Entry>,
    /// The directory entry paths are relative to (the baseline file's).
    pub dir: PathBuf,
}

/// What applying a baseline did to a run.
#[derive(Clone, Debug, Default)]
pub struct Applied {
    /// Findings dropped because the baseline records them.
    pub matched: usize,
    /// Entries on pages of this run that matched no finding (fixed, or changed beyond recognition).
    pub stale: Vec<Entry>,
}

impl Baseline {
    /// The baseline of every finding in `run`, with paths relative to `dir`.
    pub fn of(run: &Run, dir: &Path) -> Self {
        let texts = texts(run);
        let mut entries: Vec<Entry> = keyed(&run.diagnostics, dir)
            .into_iter()
            .map(|(d, path, fingerprint)| {
                let hint = hint_of(d, &texts);
                Entry {
                    path,
                    rule: d.rule.to_string(),
                    fingerprint,
                    message: d.message.clone(),
                    line_hash: hint.line,
                    nearby_hash: hint.nearby,
                }
            })
            .collect();
        entries.sort_by(|a, b| a.order().cmp(&b.order()));
        Baseline {
            entries,
            dir: dir.to_path_buf(),
        }
    }

    /// Drops the findings of `run` the baseline records, and lists the entries that matched
    /// nothing on the pages this run reported on (entries for pages not linted are not stale).
    pub fn apply(&self, run: &mut Run) -> Applied {
        let recorded: HashMap<&str, &Entry> = self.entries.iter().map(|e| (e.fingerprint.as_str(), e)).collect();
        let keys = keyed(&run.diagnostics, &self.dir);
        let found: HashSet<String> = keys.iter().map(|(_, _, fp)| fp.clone()).collect();
        let mut keep: Vec<bool> = keys
            .iter()
            .map(|(_, _, fp)| !recorded.contains_key(fp.as_str()))
            .collect();
        by_position(&keys, &recorded, &texts(run), &mut keep);
        let matched = keep.iter().filter(|k| !**k).count();
        let mut flags = keep.into_iter();
        run.diagnostics.retain(|_| flags.next().unwrap_or(true));
        let linted: HashSet<String> = run
            .sources
            .iter()
            .map(|s| relative(Path::new(&*s.path), &self.dir))
            .collect();
        let stale = self
            .entries
            .iter()
            .filter(|e| linted.contains(&e.path) && !found.contains(&e.fingerprint))
            .cloned()
            .collect();
        Applied { matched, stale }
    }
}

/// Among identical findings (same path, rule and key) of which the baseline records fewer than
/// there are now, the salts say how many are old but not which: the recorded ones are those the
/// entries' position hints point to, and the others are kept as new.
fn by_position(
    keys: &[(&Diagnostic, String, String)],
    recorded: &HashMap<&str, &Entry>,
    texts: &HashMap<&str, &str>,
    keep: &mut [bool],
) {
    let mut groups: HashMap<(&str, &str, &str), Vec<usize>> = HashMap::new();
    for (i, (d, path, _)) in keys.iter().enumerate() {
        let identity = if d.key.is_empty() { &d.message } else { &d.key };
        groups.entry((path, &d.rule, identity)).or_default().push(i);
    }
    for mut members in groups.into_values() {
        let old: Vec<position::Hint> = members
            .iter()
            .filter_map(|&i| keys.get(i).and_then(|(_, _, fp)| recorded.get(fp.as_str())))
            .map(|e| e.hint())
            .collect();
        if old.is_empty() || old.len() >= members.len() {
            continue;
        }
        members.sort_by_key(|&i| keys.get(i).map(|(d, _, _)| d.sort_key()));
        let found: Vec<position::Hint> = members
            .iter()
            .map(|&i| keys.get(i).map(|(d, _, _)| hint_of(d, texts)).unwrap_or_default())
            .collect();
        for (&i, was) in members.iter().zip(position::recorded_ones(&found, &old)) {
            if let Some(k) = keep.get_mut(i) {
                *k = !was;
            }
        }
    }
}

/// The text of each page of `run`, by path as diagnostics carry it.
fn texts(run: &Run) -> HashMap<&str, &str> {
    run.sources.iter().map(|s| (&*s.path, &*s.text)).collect()
}

/// The position hint of `d`; empty when its page's text is not at hand.
fn hint_of(d: &Diagnostic, texts: &HashMap<&str, &str>) -> position::Hint {
    texts
        .get(&*d.path)
        .map(|text| position::Hint::at(text, d.span.start as usize))
        .unwrap_or_default()
}

/// Each diagnostic with its path relative to `dir` and its fingerprint over that path.
fn keyed<'d>(diagnostics: &'d [Diagnostic], dir: &Path) -> Vec<(&'d Diagnostic, String, String)> {
    let mut paths: HashMap<&str, Arc<str>> = HashMap::new();
    let moved: Vec<Diagnostic> = diagnostics
        .iter()
        .map(|d| {
            let path = paths
                .entry(&d.path)
                .or_insert_with(|| Arc::from(relative(Path::new(&*d.path), dir)))
                .clone();
            // Only the parts the fingerprint reads matter; the clone is cheap next to the hash.
            Diagnostic::new(d.rule.clone(), d.severity, path, d.span, d.message.clone()).with_key(d.key.clone())
        })
        .collect();
    let mut order: Vec<usize> = (0..moved.len()).collect();
    // Salts follow page order, so they must not depend on the order findings came in.
    order.sort_by(|&a, &b| moved[a].sort_key().cmp(&moved[b].sort_key()));
    let salted = fingerprints(order.iter().map(|&i| &moved[i]));
    let mut out: Vec<Option<(&Diagnostic, String, String)>> = vec![None; diagnostics.len()];
    for (&i, fp) in order.iter().zip(salted) {
        if let (Some(slot), Some(d), Some(m)) = (out.get_mut(i), diagnostics.get(i), moved.get(i)) {
            *slot = Some((d, m.path.to_string(), fp));
        }
    }
    out.into_iter().flatten().collect()
}

/// `path` relative to `dir`, `/`-separated; with `..` steps when it lies outside `dir`.
pub fn relative(path: &Path, dir: &Path) -> String {
    let path = crate::read::absolute(path);
    let dir = crate::read::absolute(dir);
    let common = path
        .components()
        .zip(dir.components())
        .take_while(|(a, b)| a == b)
        .count();
    let ups = dir.components().count().saturating_sub(common);
    let mut parts: Vec<String> = std::iter::repeat_n("..".to_owned(), ups).collect();
    parts.extend(
        path.components()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(relative(Path::new("/a/b/c.md"), Path::new("/a")), "b/c.md");
        assert_eq!(relative(Path::new("/a/b/c.md"), Path::new("/a/d")), "../b/c.md");
        assert_eq!(relative(Path::new("/a/./b/../b/c.md"), Path::new("/a/")), "b/c.md");
    }
}
