//! The embedded JSON Schemas of policy and configuration files, compiled once, and the translation
//! of a schema error into a located [`Error`] that says what was expected.

use super::Error;
use super::document::{Document, escape};
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::{Value, json};
use std::sync::LazyLock;

/// `grammar/policy.schema.json`, embedded.
pub const POLICY_SCHEMA: &str = include_str!("../../grammar/policy.schema.json");
/// `grammar/config.schema.json`, embedded.
pub const CONFIG_SCHEMA: &str = include_str!("../../grammar/config.schema.json");

/// Which file kind a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `rules/checks.yaml`.
    Checks,
    /// `rules/ladder.yaml`.
    Ladder,
    /// `rolelint.toml`.
    Config,
}

struct Compiled {
    schema: Value,
    validator: Option<Validator>,
}

fn compile(schema: Value) -> Compiled {
    Compiled {
        validator: jsonschema::validator_for(&schema).ok(),
        schema,
    }
}

fn policy_part(def: &str) -> Compiled {
    let policy: Value = serde_json::from_str(POLICY_SCHEMA).unwrap_or(Value::Null);
    compile(json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": policy.get("$defs").cloned().unwrap_or(Value::Null),
        "$ref": format!("#/$defs/{def}"),
    }))
}

static CHECKS: LazyLock<Compiled> = LazyLock::new(|| policy_part("checks-file"));
static LADDER: LazyLock<Compiled> = LazyLock::new(|| policy_part("ladder-file"));
static CONFIG: LazyLock<Compiled> =
    LazyLock::new(|| compile(serde_json::from_str(CONFIG_SCHEMA).unwrap_or(Value::Null)));

/// Validates `doc` against the schema of `kind`; the first error (in file order) is returned.
pub fn validate(doc: &Document, kind: Kind) -> Result<(), Error> {
    let compiled: &Compiled = match kind {
        Kind::Checks => &CHECKS,
        Kind::Ladder => &LADDER,
        Kind::Config => &CONFIG,
    };
    let Some(validator) = &compiled.validator else {
        return Err(Error::file(
            &doc.file,
            "internal error: the embedded schema does not compile",
        ));
    };
    let mut errors: Vec<Error> = validator
        .iter_errors(&doc.value)
        .map(|e| to_error(doc, &compiled.schema, &e))
        .collect();
    errors.sort_by_key(|e| (e.line, e.column));
    match errors.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Compiles a user-written JSON Schema (a rule's `where` or `then.schema`), locating errors at `pointer`.
pub fn compile_user(doc: &Document, pointer: &str, schema: &Value) -> Result<Validator, Error> {
    jsonschema::validator_for(schema).map_err(|e| doc.error_at(pointer, format!("not a valid JSON Schema: {e}")))
}

fn to_error(doc: &Document, schema: &Value, e: &ValidationError<'_>) -> Error {
    let pointer = e.instance_path().as_str().to_owned();
    match e.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let key = unexpected.first().cloned().unwrap_or_default();
            let allowed = allowed_keys(schema, e);
            let mut message = format!("unknown key `{key}`");
            if !allowed.is_empty() {
                message.push_str(&format!("; expected one of: {}", allowed.join(", ")));
            }
            let err = doc.error_at_key(&format!("{pointer}/{}", escape(&key)), message);
            match did_you_mean(&key, &allowed) {
                Some(s) => err.with_help(format!("did you mean `{s}`?")),
                None => err,
            }
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().map_or_else(|| property.to_string(), str::to_owned);
            doc.error_at_key(&pointer, format!("missing required key `{name}`"))
        }
        ValidationErrorKind::Enum { options } => {
            let list: Vec<String> = options
                .as_array()
                .map(|a| a.iter().map(Value::to_string).collect())
                .unwrap_or_default();
            let found = e.instance().to_string();
            let err = doc.error_at(&pointer, format!("expected one of {}, found {found}", list.join(", ")));
            let plain: Vec<String> = list.iter().map(|s| s.trim_matches('"').to_owned()).collect();
            match did_you_mean(found.trim_matches('"'), &plain) {
                Some(s) => err.with_help(format!("did you mean \"{s}\"?")),
                None => err,
            }
        }
        ValidationErrorKind::Type { kind } => {
            let want = match kind {
                TypeKind::Single(t) => t.to_string(),
                TypeKind::Multiple(set) => format!("{set:?}"),
            };
            doc.error_at(&pointer, format!("expected {want}, found {}", type_name(e.instance())))
        }
        ValidationErrorKind::Pattern { pattern } if pattern.starts_with("^[a-z][a-z0-9]*(-") => doc.error_at(
            &pointer,
            format!(
                "expected a kebab-case id (like `missing-grade`), found {}",
                e.instance()
            ),
        ),
        ValidationErrorKind::Pattern { .. } if pointer.ends_with("/given") => doc.error_at(
            &pointer,
            format!(
                "expected a selector like `levels[*].sections[*]`, found {}",
                e.instance()
            ),
        ),
        _ => doc.error_at(&pointer, format!("expected {}", e)),
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "a table",
    }
}

/// The keys the schema object that raised `additionalProperties` allows.
fn allowed_keys(schema: &Value, e: &ValidationError<'_>) -> Vec<String> {
    let from_fragment = e
        .absolute_keyword_location()
        .and_then(|uri| uri.fragment().map(|f| f.as_str().to_owned()));
    let candidates = [Some(e.schema_path().as_str().to_owned()), from_fragment];
    for path in candidates.into_iter().flatten() {
        let parent = path.strip_suffix("/additionalProperties").unwrap_or(&path);
        if let Some(props) = schema
            .pointer(parent)
            .and_then(|s| s.get("properties"))
            .and_then(Value::as_object)
        {
            return props.keys().cloned().collect();
        }
    }
    Vec::new()
}

/// The closest candidate to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<S: AsRef<str>>(word: &str, candidates: &[S]) -> Option<String> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c.as_ref()), c.as_ref()))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_schemas_compile() {
        assert!(CHECKS.validator.is_some());
        assert!(LADDER.validator.is_some());
        assert!(CONFIG.validator.is_some());
    }

    #[test]
    fn shared_defs_are_identical() {
        let policy: Value = serde_json::from_str(POLICY_SCHEMA).unwrap();
        let config: Value = serde_json::from_str(CONFIG_SCHEMA).unwrap();
        for (name, def) in policy["$defs"].as_object().unwrap() {
            if name.ends_with("-file") {
                continue;
            }
            assert_eq!(
                Some(def),
                config["$defs"].get(name),
                "$defs/{name} differs between the schemas"
            );
        }
    }

    #[test]
    fn unknown_key_names_the_allowed_ones() {
        let doc = Document::toml("rolelint.toml", "selct = [\"typo\"]\n").unwrap();
        let e = validate(&doc, Kind::Config).unwrap_err();
        assert_eq!((e.line, e.column), (1, 1));
        assert!(e.message.starts_with("unknown key `selct`; expected one of: "), "{e}");
    }
}
