//! The typed shape of policy and configuration files, as written (before compiling).
//! Every struct denies unknown fields; the JSON Schemas in `grammar/` say the same with messages.

use crate::diagnostic::Severity;
use crate::model::LevelName;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// A severity as configured: a level, or `off`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Error.
    Error,
    /// Warning.
    Warning,
    /// Info.
    Info,
    /// The rule does not run.
    Off,
}

impl Level {
    /// The severity, or `None` for `off`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

/// `rules/checks.yaml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct ChecksFile {
    /// Severity per rule id.
    pub severity: BTreeMap<String, Level>,
    /// Options per check id.
    pub options: BTreeMap<String, Map<String, Value>>,
    /// Declarative rules.
    pub rules: Vec<RuleSpec>,
}

/// `rules/ladder.yaml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LadderFile {
    /// The ladders, in precedence order.
    pub ladders: Vec<LadderSpec>,
}

/// One ladder as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LadderSpec {
    /// Its name.
    pub name: String,
    /// Page path globs it governs.
    #[serde(default)]
    pub paths: Vec<String>,
    /// Level title regexes it governs.
    #[serde(default)]
    pub titles: Vec<String>,
    /// Its rows.
    pub rows: Vec<RowSpec>,
}

/// One ladder row as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RowSpec {
    /// The level name.
    pub level: Option<LevelName>,
    /// A title regex.
    pub title: Option<String>,
    /// The family, for people.
    pub family: Option<String>,
    /// The grade.
    pub grade: u8,
}

/// A declarative rule as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSpec {
    /// Its id.
    pub id: String,
    /// Its default severity.
    pub severity: Level,
    /// One line.
    pub summary: String,
    /// Longer explanation.
    pub description: Option<String>,
    /// Selector.
    pub given: String,
    /// Filter schema.
    #[serde(rename = "where")]
    pub where_: Option<Value>,
    /// Assertion.
    pub then: ThenSpec,
    /// Message template.
    pub message: String,
    /// Help template.
    pub help: Option<String>,
    /// Span field.
    pub span_field: Option<String>,
    /// Message and help when the selected node's `field` is missing.
    pub absent: Option<AbsentSpec>,
    /// Examples.
    pub example: Option<ExampleSpec>,
}

/// A rule's wording for a node that is not there at all (e.g. a page without front matter).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AbsentSpec {
    /// The selected node's field whose absence means the node is not there.
    pub field: String,
    /// Message template used instead of the rule's.
    pub message: String,
    /// Help template used instead of the rule's.
    pub help: Option<String>,
}

/// A rule's examples.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct ExampleSpec {
    /// Flagged.
    pub bad: Option<String>,
    /// Not flagged.
    pub good: Option<String>,
}

/// A rule's assertion as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct ThenSpec {
    /// A JSON Schema.
    pub schema: Option<Value>,
    /// A built-in function name.
    pub function: Option<String>,
    /// The field the function reads.
    pub field: Option<String>,
    /// Fields for `required`.
    pub fields: Vec<String>,
    /// Regex for `pattern`.
    #[serde(rename = "match")]
    pub match_: Option<String>,
    /// Negative regex for `pattern`.
    pub not_match: Option<String>,
    /// Parent field for `consistent-with-parent`.
    pub parent_field: Option<String>,
    /// Regex stripped before comparing.
    pub strip: Option<String>,
    /// Drop `(…)` groups from both values before comparing (`consistent-with-parent`).
    pub ignore_parenthesized: bool,
    /// Leading words that mean the child names no title (`consistent-with-parent`).
    pub qualifiers: Vec<String>,
    /// Words the child may drop or name alone (`consistent-with-parent`).
    pub optional_words: Vec<String>,
    /// Word → words it stands for, on either side (`consistent-with-parent`).
    pub synonyms: BTreeMap<String, String>,
    /// An all-capitals word may stand for the initials of words on the other side.
    pub acronyms: bool,
}

/// `rolelint.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct ConfigFile {
    /// A config to inherit.
    pub extend: Option<String>,
    /// Run only these.
    pub select: Option<Vec<String>>,
    /// Never run these.
    pub ignore: Vec<String>,
    /// Severity per rule id.
    pub severity: BTreeMap<String, Level>,
    /// Options per check id.
    pub options: BTreeMap<String, Map<String, Value>>,
    /// Own declarative rules.
    pub rules: Vec<RuleSpec>,
    /// Extra vocabulary.
    pub vocabulary: VocabularySpec,
    /// Own ladder.
    pub ladder: Option<LadderConfigSpec>,
    /// Per-path settings.
    pub overrides: Vec<OverrideSpec>,
}

/// `[vocabulary]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct VocabularySpec {
    /// Accepted words.
    pub accept: Vec<String>,
}

/// `[ladder]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct LadderConfigSpec {
    /// Drop the default ladders.
    pub replace: bool,
    /// Ladders to add or extend.
    pub ladders: Vec<LadderSpec>,
    /// A CSV export of a job-levels sheet whose rows extend the ladders (see `policy::ladder_csv`).
    pub csv: Option<String>,
}

/// `[[overrides]]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct OverrideSpec {
    /// Globs relative to the config's directory.
    pub files: Vec<String>,
    /// Enable these.
    pub select: Vec<String>,
    /// Disable these.
    pub ignore: Vec<String>,
    /// Severity per rule id.
    pub severity: BTreeMap<String, Level>,
}
