//! Which rules run on a file and at what severity: the policy's severities, `select`/`ignore`,
//! per-path overrides and the command line's `--select`/`--ignore`, decided in one place.

use super::Policy;
use crate::checks::Family;
use crate::diagnostic::Severity;
use globset::GlobSet;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// `--select` / `--ignore` from the command line; applied after every configuration.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// Run only these ids or families (empty: no restriction).
    pub select: Vec<String>,
    /// Do not run these ids or families.
    pub ignore: Vec<String>,
}

/// `[[overrides]]`: settings for the files its globs match.
#[derive(Clone, Debug)]
pub struct Override {
    /// The directory the globs are relative to (absolute).
    pub base: PathBuf,
    /// The compiled `files` globs.
    pub files: GlobSet,
    /// Rules enabled for matching files.
    pub select: Vec<String>,
    /// Rules disabled for matching files.
    pub ignore: Vec<String>,
    /// Severities for matching files.
    pub severities: BTreeMap<String, Option<Severity>>,
}

impl Override {
    /// True when `file` (absolute) is under `base` and matches a glob.
    pub fn matches(&self, file: &Path) -> bool {
        file.strip_prefix(&self.base).is_ok_and(|rel| self.files.is_match(rel))
    }
}

/// True when `selector` (an id, a family name or `all`) names rule `id` of `family`.
pub fn names(selector: &str, id: &str, family: Family) -> bool {
    selector == "all" || selector == id || selector == family.as_str()
}

fn any(list: &[String], id: &str, family: Family) -> bool {
    list.iter().any(|s| names(s, id, family))
}

fn configured(map: &BTreeMap<String, Option<Severity>>, id: &str, family: Family) -> Option<Option<Severity>> {
    map.get(id).or_else(|| map.get(family.as_str())).copied()
}

impl Policy {
    /// The severity rule `id` (of `family`, `default` severity) has for `file` (absolute), or
    /// `None` when it does not run there.
    pub fn effective_severity(
        &self,
        id: &str,
        family: Family,
        default: Severity,
        file: &Path,
        cli: &Selection,
    ) -> Option<Severity> {
        let named_exactly = |list: &[String]| list.iter().any(|s| s == id);
        let mut severity = configured(&self.severities, id, family).unwrap_or(Some(default));
        if severity.is_none() && (self.select.as_deref().is_some_and(named_exactly) || named_exactly(&cli.select)) {
            severity = Some(default);
        }
        let mut enabled = severity.is_some();
        if let Some(select) = &self.select
            && !any(select, id, family)
        {
            enabled = false;
        }
        if any(&self.ignore, id, family) {
            enabled = false;
        }
        for o in self.overrides.iter().filter(|o| o.matches(file)) {
            if any(&o.select, id, family) {
                enabled = true;
                severity = severity.or(Some(default));
            }
            if any(&o.ignore, id, family) {
                enabled = false;
            }
            match configured(&o.severities, id, family) {
                Some(Some(s)) => severity = Some(s),
                Some(None) => enabled = false,
                None => {}
            }
        }
        if !cli.select.is_empty() && !any(&cli.select, id, family) {
            enabled = false;
        }
        if any(&cli.ignore, id, family) {
            enabled = false;
        }
        if enabled { severity } else { None }
    }
}
