//! Configuration discovery: the nearest `rolelint.toml` in a file's directory or an ancestor
//! (or the one `--config` names), each loaded once and cached per directory.

use super::{Error, Policy, load_config};
use foldhash::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The configuration file name looked for.
pub const CONFIG_FILE: &str = "rolelint.toml";

/// Finds and loads the policy of each linted file; remembers what it found per directory.
#[derive(Debug, Default)]
pub struct Resolver {
    explicit: Option<PathBuf>,
    nearest: HashMap<PathBuf, Option<PathBuf>>,
    policies: HashMap<Option<PathBuf>, Option<Arc<Policy>>>,
    errors: Vec<Error>,
}

impl Resolver {
    /// A resolver; `explicit` (from `--config`) replaces discovery.
    pub fn new(explicit: Option<PathBuf>) -> Self {
        Resolver {
            explicit,
            ..Default::default()
        }
    }

    /// The configuration file that governs `file`, if any.
    pub fn config_for(&mut self, file: &Path) -> Option<PathBuf> {
        if let Some(explicit) = &self.explicit {
            return Some(explicit.clone());
        }
        let abs = crate::read::absolute_unresolved(file);
        let mut visited = Vec::new();
        let mut found = None;
        for dir in abs.ancestors().skip(1) {
            if let Some(known) = self.nearest.get(dir) {
                found = known.clone();
                break;
            }
            visited.push(dir.to_path_buf());
            let candidate = dir.join(super::CONFIG_FILE);
            // Not only regular files: a FIFO or device named rolelint.toml is refused with an
            // error when read, rather than silently linting without the configuration.
            if candidate.exists() {
                found = Some(candidate);
                break;
            }
        }
        for dir in visited {
            self.nearest.insert(dir, found.clone());
        }
        found
    }

    /// The policy for `file`; `None` when its configuration is broken (the error is kept).
    pub fn policy_for(&mut self, file: &Path) -> Option<Arc<Policy>> {
        let config = self.config_for(file);
        if let Some(cached) = self.policies.get(&config) {
            return cached.clone();
        }
        let loaded = match &config {
            Some(path) => load_config(path),
            None => Policy::builtin(),
        };
        let policy = match loaded {
            Ok(p) => Some(Arc::new(p)),
            Err(e) => {
                self.errors.push(e);
                None
            }
        };
        self.policies.insert(config, policy.clone());
        policy
    }

    /// The policy for the working directory (used by corpus-wide checks and `rolelint rules`).
    pub fn policy_for_cwd(&mut self) -> Option<Arc<Policy>> {
        self.policy_for(Path::new("./.rolelint-cwd"))
    }

    /// The configuration errors met so far.
    pub fn into_errors(self) -> Vec<Error> {
        self.errors
    }
}
