//! Declarative rules, compiled: selector parsed, regexes and JSON Schemas compiled once at load.

use super::document::Document;
use super::schema::compile_user;
use super::selector::Selector;
use super::spec::{AbsentSpec, ExampleSpec, RuleSpec};
use super::{Error, Origin};
use crate::diagnostic::Severity;
use foldhash::{HashMap, HashSet};
use jsonschema::Validator;
use regex::{Regex, RegexBuilder};

/// The largest compiled size of a regex from a policy or config file.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// A declarative rule, ready to run.
#[derive(Debug)]
pub struct Rule {
    /// Its id.
    pub id: String,
    /// Its default severity.
    pub severity: Severity,
    /// One line.
    pub summary: String,
    /// Longer explanation, if given.
    pub description: Option<String>,
    /// The selector as written.
    pub given_text: String,
    /// The selector.
    pub given: Selector,
    /// A schema a node must satisfy for the rule to apply.
    pub filter: Option<Validator>,
    /// The `where` schema as written (what `filter` was compiled from): the checks read it to
    /// know which fields of a node the filter can look at.
    pub filter_schema: Option<serde_json::Value>,
    /// The assertion.
    pub assertion: Assertion,
    /// Message template.
    pub message: String,
    /// Help template.
    pub help: Option<String>,
    /// Field holding the span to report at.
    pub span_field: String,
    /// Wording for a node that is not there at all.
    pub absent: Option<AbsentSpec>,
    /// Bad and good examples.
    pub example: ExampleSpec,
    /// Where the rule is declared.
    pub origin: Origin,
}

/// What each selected node must satisfy.
#[derive(Debug)]
pub enum Assertion {
    /// The node validates against a JSON Schema.
    Schema(Validator),
    /// A field matches `matches` and does not match `not_match`.
    Pattern {
        /// The field.
        field: String,
        /// Must match.
        matches: Option<Regex>,
        /// Must not match.
        not_match: Option<Regex>,
    },
    /// Fields are present, not null and not empty.
    Required {
        /// The fields.
        fields: Vec<String>,
    },
    /// A field's value differs across the selected nodes of a page.
    Unique {
        /// The field.
        field: String,
    },
    /// A field, up to where `strip` matches, names no title or the parent's, compared word by word.
    ConsistentWithParent {
        /// The child's field.
        field: String,
        /// The parent's field.
        parent_field: String,
        /// Matches the end of the child's value that is not a title (e.g. the section's kind).
        strip: Option<Regex>,
        /// How words are compared.
        words: WordRules,
    },
}

/// How `consistent-with-parent` compares the words of a child and its parent (all lowercase).
#[derive(Debug, Default)]
pub struct WordRules {
    /// `(…)` groups are left out of the comparison (a parent's still count as words it has).
    pub ignore_parenthesized: bool,
    /// An all-capitals word may stand for the initials of consecutive words on the other side.
    pub acronyms: bool,
    /// Leading words of the child that mean no title is named.
    pub qualifiers: HashSet<String>,
    /// Words the child may drop, or name alone when the parent has them.
    pub optional: HashSet<String>,
    /// A word and the words it stands for, on either side.
    pub synonyms: HashMap<String, Vec<String>>,
}

impl WordRules {
    fn compile(then: &super::spec::ThenSpec) -> WordRules {
        let lower = |v: &[String]| v.iter().map(|w| w.trim().to_lowercase()).collect();
        WordRules {
            ignore_parenthesized: then.ignore_parenthesized,
            acronyms: then.acronyms,
            qualifiers: lower(&then.qualifiers),
            optional: lower(&then.optional_words),
            synonyms: then
                .synonyms
                .iter()
                .map(|(k, v)| {
                    let words = v.split_whitespace().map(str::to_lowercase).collect();
                    (k.trim().to_lowercase(), words)
                })
                .collect(),
        }
    }
}

/// Compiles a regex from a policy file, locating errors at `pointer`.
pub fn compile_regex(doc: &Document, pointer: &str, pattern: &str) -> Result<Regex, Error> {
    build_regex(pattern)
        .map_err(|e| doc.error_at(pointer, format!("not a valid regex: {}", first_line(&e.to_string()))))
}

/// Compiles a regex from a policy file, within the size limit of every policy regex.
pub(crate) fn build_regex(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern).size_limit(REGEX_SIZE_LIMIT).build()
}

fn first_line(s: &str) -> String {
    s.lines()
        .last()
        .unwrap_or(s)
        .trim()
        .trim_start_matches("error: ")
        .to_owned()
}

impl Rule {
    /// Compiles the rule at `pointer` (e.g. `/rules/2`) of `doc`.
    pub fn compile(doc: &Document, pointer: &str, spec: RuleSpec) -> Result<Rule, Error> {
        let given = Selector::parse(&spec.given).ok_or_else(|| {
            doc.error_at(
                &format!("{pointer}/given"),
                format!(
                    "expected a selector like `levels[*].sections[*]`, found \"{}\"",
                    spec.given
                ),
            )
        })?;
        let filter = match &spec.where_ {
            Some(schema) => Some(compile_user(doc, &format!("{pointer}/where"), schema)?),
            None => None,
        };
        let assertion = compile_assertion(doc, &format!("{pointer}/then"), &spec)?;
        let severity = spec.severity.severity().ok_or_else(|| {
            doc.error_at(
                &format!("{pointer}/severity"),
                "expected one of \"error\", \"warning\", \"info\"",
            )
        })?;
        Ok(Rule {
            id: spec.id,
            severity,
            summary: spec.summary,
            description: spec.description,
            given_text: spec.given,
            given,
            filter,
            filter_schema: spec.where_.clone(),
            assertion,
            message: spec.message,
            help: spec.help,
            span_field: spec.span_field.unwrap_or_else(|| "span".to_owned()),
            absent: spec.absent,
            example: spec.example.unwrap_or_default(),
            origin: Origin {
                file: doc.file.clone(),
                line: doc.line(pointer),
            },
        })
    }
}

fn compile_assertion(doc: &Document, pointer: &str, spec: &RuleSpec) -> Result<Assertion, Error> {
    let then = &spec.then;
    if let Some(schema) = &then.schema {
        return Ok(Assertion::Schema(compile_user(
            doc,
            &format!("{pointer}/schema"),
            schema,
        )?));
    }
    let field = || then.field.clone().unwrap_or_default();
    let regex = |key: &str, p: &Option<String>| -> Result<Option<Regex>, Error> {
        p.as_deref()
            .map(|p| compile_regex(doc, &format!("{pointer}/{key}"), p))
            .transpose()
    };
    match then.function.as_deref() {
        Some("pattern") => Ok(Assertion::Pattern {
            field: field(),
            matches: regex("match", &then.match_)?,
            not_match: regex("not-match", &then.not_match)?,
        }),
        Some("required") => Ok(Assertion::Required {
            fields: then.fields.clone(),
        }),
        Some("unique") => Ok(Assertion::Unique { field: field() }),
        Some("consistent-with-parent") => Ok(Assertion::ConsistentWithParent {
            field: field(),
            parent_field: then.parent_field.clone().unwrap_or_else(field),
            strip: regex("strip", &then.strip)?,
            words: WordRules::compile(then),
        }),
        other => Err(doc.error_at(
            &format!("{pointer}/function"),
            format!(
                "expected one of \"pattern\", \"required\", \"unique\", \"consistent-with-parent\", found {other:?}"
            ),
        )),
    }
}
