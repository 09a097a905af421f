//! Policy: the rules/ files (embedded) and rolelint.toml, validated against their JSON Schemas and compiled once.

pub mod vocabulary;

use crate::diagnostic::Severity;
use std::collections::BTreeMap;

/// The compiled policy in force for a page.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Severity per rule id, after configuration; `None` means the rule is off.
    pub severities: BTreeMap<String, Option<Severity>>,
    /// Words the `typo` check accepts and misspellings it knows (shipped lists plus configuration).
    pub vocabulary: vocabulary::Vocabulary,
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
