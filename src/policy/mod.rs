//! Policy: the rules/ files (embedded) and rolelint.toml, validated against their JSON Schemas and compiled once.

pub mod vocabulary;

use crate::diagnostic::Severity;
use std::collections::BTreeMap;

/// The compiled policy in force for a page.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Severity per rule id, after configuration; `None` means the rule is off.
    pub severities: BTreeMap<String, Option<Severity>>,
    /// Globs naming pages whose tables are canonical for `divergent-table` (`[divergent-table] canonical`).
    pub canonical_tables: Vec<String>,
    /// Options of the `broken-link` check (`--strict-links`, the redirects file).
    pub links: crate::checks::links::LinkOptions,
}

impl Policy {
    /// The configured severity of rule `id`: `None` when the configuration does not mention it.
    pub fn severity_of(&self, id: &str) -> Option<Severity> {
        self.severities.get(id).copied().flatten()
    }

    /// False when the configuration turns rule `id` off.
    pub fn is_enabled(&self, id: &str) -> bool {
        !matches!(self.severities.get(id), Some(None))
    }
}
