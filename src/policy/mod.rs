//! Policy: the rules/ files (embedded) and rolelint.toml, validated against their JSON Schemas and compiled once.
//!
//! Input: `rules/checks.yaml`, `rules/ladder.yaml` and the `rolelint.toml` chain of a directory.
//! Output: one [`Policy`] per configuration, shared by reference across rayon threads.

mod config;
pub mod declarative;
mod discover;
pub mod document;
mod error;
pub mod frequency;
pub mod ladder;
pub mod ladder_csv;
pub mod pattern;
pub mod schema;
mod select;
pub mod selector;
mod shipped;
pub mod spec;
pub mod vocabulary;
pub mod word_lists;

pub use config::load_config;
pub use declarative::{Assertion, Rule, WordRules};
pub use discover::{CONFIG_FILE, Resolver};
pub use error::Error;
pub use ladder::{Ladder, Row};
pub use select::{Override, Selection};

use crate::diagnostic::Severity;
use document::Document;
use schema::Kind;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, LazyLock};

/// `rules/checks.yaml`, embedded.
pub const CHECKS_YAML: &str = include_str!("../../rules/checks.yaml");
/// `rules/ladder.yaml`, embedded.
pub const LADDER_YAML: &str = include_str!("../../rules/ladder.yaml");

/// Where something in a policy or config file is written, for help texts (`rules/ladder.yaml:23`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: u32,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// The compiled policy in force for a page.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Severity per rule id (or family name), after configuration; `None` means the rule is off.
    pub severities: BTreeMap<String, Option<Severity>>,
    /// Globs naming pages whose tables are canonical for `divergent-table` (`[divergent-table] canonical`).
    pub canonical_tables: Vec<String>,
    /// Options of the `broken-link` check (`--strict-links`, the redirects file).
    pub links: crate::checks::links::LinkOptions,
    /// Options per check id (`[options.missing-reports-to] mode = "required"`).
    pub options: BTreeMap<String, Map<String, Value>>,
    /// Declarative rules, from rules/checks.yaml and the configuration's `[[rules]]`.
    pub rules: Vec<Arc<Rule>>,
    /// The grade ladder.
    pub ladder: Ladder,
    /// Words the configuration accepts as spelled (`[vocabulary] accept`), for the typo check.
    pub accept_words: Vec<String>,
    /// `select` of the configuration: run only these ids or families (`None`: all).
    pub select: Option<Vec<String>>,
    /// `ignore` of the configuration.
    pub ignore: Vec<String>,
    /// Per-path settings, in order.
    pub overrides: Vec<Override>,
    /// The configuration files it was built from, root-most first (empty for the default policy).
    pub config_files: Vec<String>,
    /// Words the `typo` check accepts and misspellings it knows (shipped lists plus configuration).
    pub vocabulary: vocabulary::Vocabulary,
}

static BUILTIN: LazyLock<Result<Policy, Error>> = LazyLock::new(|| {
    // The embedded files are fixed at compile time and a test validates them against their
    // schemas and compiles their patterns; compiling the schemas to validate them again cost
    // every run ~9 M instructions.
    let mut policy = Policy::default();
    policy.apply_checks(&Document::yaml("rules/checks.yaml", CHECKS_YAML)?)?;
    policy.apply_embedded_ladder(&Document::yaml("rules/ladder.yaml", LADDER_YAML)?)?;
    Ok(policy)
});

/// Loads the embedded policy now (see [`crate::warm_up`]): the walk that runs meanwhile does not
/// need it, and the first page's policy does. Its ladder's title patterns compile next (x1: 10 M
/// instructions that the first pages' grade checks paid on their turn).
pub(crate) fn warm_up() {
    if let Ok(policy) = LazyLock::force(&BUILTIN) {
        policy.ladder.compile_patterns();
    }
}

impl Policy {
    /// The default policy, from the embedded rules/ files.
    pub fn builtin() -> Result<Policy, Error> {
        BUILTIN.clone()
    }

    /// The configured severity of rule `id`: `None` when the configuration does not mention it.
    pub fn severity_of(&self, id: &str) -> Option<Severity> {
        self.severities.get(id).copied().flatten()
    }

    /// False when the configuration turns rule `id` off.
    pub fn is_enabled(&self, id: &str) -> bool {
        !matches!(self.severities.get(id), Some(None))
    }

    /// The options of check `id` (empty when none are set).
    pub fn options(&self, id: &str) -> &Map<String, Value> {
        static EMPTY: LazyLock<Map<String, Value>> = LazyLock::new(Map::new);
        self.options.get(id).unwrap_or(&EMPTY)
    }

    /// One option of check `id` as a string, e.g. `option_str("missing-reports-to", "mode")`.
    pub fn option_str(&self, id: &str, key: &str) -> Option<&str> {
        self.options(id).get(key).and_then(Value::as_str)
    }

    /// The declarative rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Arc<Rule>> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Applies a checks file (the schema of rules/checks.yaml) written in YAML.
    pub fn apply_checks_file(&mut self, file: &str, text: &str) -> Result<(), Error> {
        let doc = Document::yaml(file, text)?;
        schema::validate(&doc, Kind::Checks)?;
        self.apply_checks(&doc)
    }

    /// Applies a checks document already known to satisfy its schema.
    fn apply_checks(&mut self, doc: &Document) -> Result<(), Error> {
        let spec: spec::ChecksFile = typed(doc)?;
        for (id, level) in spec.severity {
            self.severities.insert(id, level.severity());
        }
        self.merge_options(spec.options);
        self.add_rules(doc, "/rules", spec.rules)
    }

    /// Applies a ladder file (the schema of rules/ladder.yaml) written in YAML.
    pub fn apply_ladder_file(&mut self, file: &str, text: &str) -> Result<(), Error> {
        let doc = Document::yaml(file, text)?;
        schema::validate(&doc, Kind::Ladder)?;
        self.apply_ladder(&doc)
    }

    /// Applies a ladder document already known to satisfy its schema.
    fn apply_ladder(&mut self, doc: &Document) -> Result<(), Error> {
        let spec: spec::LadderFile = typed(doc)?;
        self.ladder.extend(doc, "/ladders", spec.ladders)
    }

    /// Applies the embedded ladder, whose title patterns compile when first matched.
    fn apply_embedded_ladder(&mut self, doc: &Document) -> Result<(), Error> {
        let spec: spec::LadderFile = typed(doc)?;
        self.ladder.extend_embedded(doc, "/ladders", spec.ladders)
    }

    fn merge_options(&mut self, options: BTreeMap<String, Map<String, Value>>) {
        for (id, opts) in options {
            self.options.entry(id).or_default().extend(opts);
        }
    }

    fn add_rules(&mut self, doc: &Document, pointer: &str, rules: Vec<spec::RuleSpec>) -> Result<(), Error> {
        for (i, spec) in rules.into_iter().enumerate() {
            let at = format!("{pointer}/{i}");
            if crate::checks::registry::find(&spec.id).is_some() {
                return Err(doc.error_at(
                    &format!("{at}/id"),
                    format!("`{}` is a built-in check; give the rule its own id", spec.id),
                ));
            }
            let rule = Arc::new(Rule::compile(doc, &at, spec)?);
            match self.rules.iter_mut().find(|r| r.id == rule.id) {
                Some(existing) => *existing = rule,
                None => self.rules.push(rule),
            }
        }
        Ok(())
    }
}

/// Deserialises a schema-valid document into its typed form.
fn typed<T: serde::de::DeserializeOwned>(doc: &Document) -> Result<T, Error> {
    serde_json::from_value(doc.value.clone()).map_err(|e| doc.error_at("", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_policy_loads() {
        let p = Policy::builtin().unwrap();
        assert!(p.rule("missing-grade").is_some());
        assert!(!p.ladder.ladders.is_empty());
    }

    #[test]
    fn embedded_files_satisfy_their_schemas() {
        // `Policy::builtin` trusts them without validating; this is the check it skips.
        let checks = Document::yaml("rules/checks.yaml", CHECKS_YAML).unwrap();
        schema::validate(&checks, Kind::Checks).unwrap();
        let ladder = Document::yaml("rules/ladder.yaml", LADDER_YAML).unwrap();
        schema::validate(&ladder, Kind::Ladder).unwrap();
        let mut validated = Policy::default();
        validated.apply_checks_file("rules/checks.yaml", CHECKS_YAML).unwrap();
        validated.apply_ladder_file("rules/ladder.yaml", LADDER_YAML).unwrap();
        let builtin = Policy::builtin().unwrap();
        assert_eq!(
            format!("{:?}", validated.severities),
            format!("{:?}", builtin.severities)
        );
        // Rules hold hash sets, whose Debug order varies: compare what identifies them.
        let key = |p: &Policy| -> Vec<String> {
            p.rules
                .iter()
                .map(|r| format!("{} {:?} {} {}", r.id, r.severity, r.origin, r.given_text))
                .collect()
        };
        assert_eq!(key(&validated), key(&builtin));
        assert_eq!(format!("{:?}", validated.ladder), format!("{:?}", builtin.ladder));
    }
}
