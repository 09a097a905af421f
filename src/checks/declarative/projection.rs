//! Which parts of the serialized page a set of declarative rules can read, and the page as JSON
//! with only those parts. Building and dropping a page's whole JSON (every level with its grades,
//! reporting lines and section items) costs far more than running the rules on it, and a rule
//! reads a handful of fields: its selector's path, the fields its `where` schema, assertion,
//! templates and spans name. Anything the analysis cannot bound (a schema keyword that looks at
//! every key, a schema assertion) keeps the whole node, so every rule sees the values it saw.

use crate::model::{FrontMatter, Level, Page, Section};
use crate::policy::selector::Index;
use crate::policy::{Assertion, Rule};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// What of a JSON value the rules can read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Need {
    /// The value as it is.
    All,
    /// Of an object, only these keys (each with what of its value is read); of an array, the same
    /// of each element; a scalar is kept as it is.
    Keys(BTreeMap<String, Need>),
}

impl Need {
    fn none() -> Need {
        Need::Keys(BTreeMap::new())
    }

    /// Adds what `other` reads.
    fn merge(&mut self, other: Need) {
        match (&mut *self, other) {
            (Need::All, _) => {}
            (_, Need::All) => *self = Need::All,
            (Need::Keys(mine), Need::Keys(theirs)) => {
                for (key, need) in theirs {
                    match mine.get_mut(&key) {
                        Some(m) => m.merge(need),
                        None => {
                            mine.insert(key, need);
                        }
                    }
                }
            }
        }
    }

    /// Adds key `key`, read whole.
    fn add(&mut self, key: &str) {
        self.merge(Need::Keys(BTreeMap::from([(key.to_owned(), Need::All)])));
    }

    /// Adds the first step of the dotted path `path` (`field` reads `a.b` through `a`), read whole.
    fn add_path(&mut self, path: &str) {
        self.add(path.split('.').next().unwrap_or_default());
    }
}

/// What `rules` read of the page's JSON, from its root.
pub fn rules_need(rules: &[std::sync::Arc<Rule>]) -> Need {
    let mut need = Need::none();
    for rule in rules {
        need.merge(rule_need(rule));
    }
    need
}

/// What one rule reads, from the page's root.
fn rule_need(rule: &Rule) -> Need {
    let steps = &rule.given.steps;
    // needs[k]: what is read of the node reached after k steps (0 is the page).
    let mut needs = vec![Need::none(); steps.len() + 1];
    let Some(selected) = needs.last_mut() else {
        return Need::All;
    };
    selected.merge(node_need(rule));
    let mut parent = Need::none();
    parent.add("span");
    if let Assertion::ConsistentWithParent { parent_field, .. } = &rule.assertion {
        parent.add_path(parent_field);
        // A child may name a heading written above it within its parent's body.
        parent.add("body");
    }
    for name in template_names(rule) {
        if let Some(p) = name.strip_prefix("parent.") {
            parent.add_path(p);
        }
    }
    if let Some(n) = steps.len().checked_sub(1)
        && let Some(p) = needs.get_mut(n)
    {
        p.merge(parent);
    }
    for (k, step) in steps.iter().enumerate().rev() {
        let Some(mut child) = needs.get(k + 1).cloned() else {
            return Need::All;
        };
        // A selected element's structural key is named by its `title`.
        if step.index != Index::Whole {
            child.add("title");
        }
        let Some(node) = needs.get_mut(k) else {
            return Need::All;
        };
        node.merge(Need::Keys(BTreeMap::from([(step.field.clone(), child)])));
    }
    needs.into_iter().next().unwrap_or(Need::All)
}

/// What a rule reads of each node it selects.
fn node_need(rule: &Rule) -> Need {
    let mut need = match &rule.filter_schema {
        Some(schema) => schema_need(schema),
        None if rule.filter.is_some() => Need::All,
        None => Need::none(),
    };
    need.add("span");
    need.add_path(&rule.span_field);
    if let Some(absent) = &rule.absent {
        need.add_path(&absent.field);
    }
    match &rule.assertion {
        Assertion::Schema(_) => need = Need::All,
        Assertion::Pattern { field, .. }
        | Assertion::Unique { field }
        | Assertion::ConsistentWithParent { field, .. } => need.add_path(field),
        Assertion::Required { fields } => fields.iter().for_each(|f| need.add_path(f)),
    }
    for name in template_names(rule) {
        if !name.starts_with("parent.") {
            need.add_path(name);
        }
    }
    need
}

/// The `{name}`s of a rule's message and help templates, found as the renderer finds them.
fn template_names(rule: &Rule) -> Vec<&str> {
    let absent = rule.absent.iter().flat_map(|a| [Some(&a.message), a.help.as_ref()]);
    let mut names = Vec::new();
    for template in [Some(&rule.message), rule.help.as_ref()]
        .into_iter()
        .chain(absent)
        .flatten()
    {
        let mut rest = template.as_str();
        while let Some((_, after)) = rest.split_once('{') {
            let Some((name, tail)) = after.split_once('}') else {
                break;
            };
            names.push(name);
            rest = tail;
        }
    }
    names
}

/// What a JSON Schema can read of the value it validates: the keys its `properties` and `required`
/// name, through `not`, `anyOf`, `allOf`, `oneOf` and `if`/`then`/`else`. A keyword that can look at
/// other keys or compare the whole value (`additionalProperties`, `enum`, `$ref`, …) reads it all.
pub fn schema_need(schema: &Value) -> Need {
    let Value::Object(o) = schema else {
        return if schema.is_boolean() { Need::none() } else { Need::All };
    };
    let mut need = Need::none();
    for (keyword, v) in o {
        match keyword.as_str() {
            "properties" => {
                let Some(props) = v.as_object() else { return Need::All };
                props.keys().for_each(|k| need.add(k));
            }
            "required" => {
                let Some(names) = v.as_array() else { return Need::All };
                for name in names {
                    let Some(name) = name.as_str() else { return Need::All };
                    need.add(name);
                }
            }
            "not" | "if" | "then" | "else" => need.merge(schema_need(v)),
            "anyOf" | "allOf" | "oneOf" => {
                let Some(subs) = v.as_array() else { return Need::All };
                subs.iter().for_each(|s| need.merge(schema_need(s)));
            }
            // These constrain only scalars or say nothing of the value: an object keeps its type
            // when keys are left out, so they answer the same.
            "type" | "title" | "description" | "$comment" | "default" | "examples" | "deprecated" | "readOnly"
            | "writeOnly" | "minLength" | "maxLength" | "pattern" | "format" | "minimum" | "maximum"
            | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf" => {}
            _ => return Need::All,
        }
    }
    need
}

/// The page as JSON with what `need` reads; `None` when a part fails to serialize.
pub fn page_value(page: &Page, need: &Need) -> Option<Value> {
    let Need::Keys(keys) = need else {
        return serde_json::to_value(page).ok();
    };
    let mut map = Map::new();
    for (name, need) in keys {
        let value = match name.as_str() {
            "front_matter" => front_matter_value(&page.front_matter, need),
            "levels" => match need {
                Need::All => to_value(&page.levels),
                Need::Keys(_) => array(page.levels.iter().map(|l| level_value(l, need))),
            },
            _ => match page_field(page, name) {
                Some(v) => project(v.ok()?, need),
                // Not a field of the page: absent from its JSON too.
                None => continue,
            },
        };
        map.insert(name.clone(), value?);
    }
    Some(Value::Object(map))
}

fn array(items: impl Iterator<Item = Option<Value>>) -> Option<Value> {
    items.collect::<Option<Vec<_>>>().map(Value::Array)
}

fn to_value<T: Serialize + ?Sized>(t: &T) -> Option<Value> {
    serde_json::to_value(t).ok()
}

/// One top-level field of the serialized page, by name; `None` for a name the page lacks.
pub fn page_field(page: &Page, name: &str) -> Option<serde_json::Result<Value>> {
    use serde_json::to_value;
    Some(match name {
        "path" => to_value(&page.path),
        "front_matter" => to_value(&page.front_matter),
        "headings" => to_value(&page.headings),
        "levels" => to_value(&page.levels),
        "tables" => to_value(&page.tables),
        "links" => to_value(&page.links),
        "anchors" => to_value(&page.anchors),
        "prose" => to_value(&page.prose),
        "directives" => to_value(&page.directives),
        "list_items" => to_value(&page.list_items),
        "problems" => to_value(&page.problems),
        _ => return None,
    })
}

/// `value` with what `need` leaves out of it removed.
pub fn project(value: Value, need: &Need) -> Option<Value> {
    let Need::Keys(keys) = need else { return Some(value) };
    Some(match value {
        Value::Object(o) => {
            let mut out = Map::new();
            for (k, v) in o {
                if let Some(n) = keys.get(&k) {
                    out.insert(k, project(v, n)?);
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(|v| project(v, need)).collect::<Option<_>>()?),
        scalar => scalar,
    })
}

/// Builds an object from the fields `need` names, each serialized by `field` (`None` for a name
/// the object lacks) and projected.
fn object(need: &Need, field: impl Fn(&str) -> Option<Option<Value>>) -> Option<Value> {
    let Need::Keys(keys) = need else { return None };
    let mut map = Map::new();
    for (name, need) in keys {
        if let Some(value) = field(name) {
            map.insert(name.clone(), project(value?, need)?);
        }
    }
    Some(Value::Object(map))
}

fn front_matter_value(fm: &FrontMatter, need: &Need) -> Option<Value> {
    match need {
        Need::All => to_value(fm),
        Need::Keys(_) => object(need, |name| front_matter_field(fm, name)),
    }
}

/// One field of the serialized front matter, by name.
fn front_matter_field(fm: &FrontMatter, name: &str) -> Option<Option<Value>> {
    Some(match name {
        "span" => to_value(&fm.span),
        "raw" => Some(fm.raw.clone()),
        "value_spans" => to_value(&fm.value_spans),
        "title" => to_value(&fm.title),
        "description" => to_value(&fm.description),
        _ => return None,
    })
}

/// A level as JSON with what `need` reads (its sections built the same way).
fn level_value(level: &Level, need: &Need) -> Option<Value> {
    let Need::Keys(keys) = need else { return to_value(level) };
    let mut map = Map::new();
    for (name, need) in keys {
        let value = match (name.as_str(), need) {
            ("sections", Need::Keys(_)) => array(level.sections.iter().map(|s| section_value(s, need))),
            _ => match level_field(level, name) {
                Some(v) => project(v?, need),
                None => continue,
            },
        };
        map.insert(name.clone(), value?);
    }
    Some(Value::Object(map))
}

/// One field of the serialized level, by name (as `Level`'s `Serialize` writes it).
fn level_field(level: &Level, name: &str) -> Option<Option<Value>> {
    Some(match name {
        "title" => to_value(&level.title),
        "title_span" => to_value(&level.title_span),
        "name" => to_value(&level.name),
        "grade" => to_value(&level.grade()),
        "reports_to" => to_value(&level.reports_to()),
        "span" => to_value(&level.span),
        "body" => to_value(&level.body),
        "heading" => to_value(&level.heading),
        "layout" => to_value(&level.layout),
        "grades" => to_value(&level.grades),
        "reporting_lines" => to_value(&level.reporting_lines),
        "sections" => to_value(&level.sections),
        "external_grade" => to_value(&level.external_grade),
        _ => return None,
    })
}

fn section_value(section: &Section, need: &Need) -> Option<Value> {
    match need {
        Need::All => to_value(section),
        Need::Keys(_) => object(need, |name| section_field(section, name)),
    }
}

/// One field of the serialized section, by name.
fn section_field(section: &Section, name: &str) -> Option<Option<Value>> {
    Some(match name {
        "kind" => to_value(&section.kind),
        "title" => to_value(&section.title),
        "span" => to_value(&section.span),
        "heading" => to_value(&section.heading),
        "items" => to_value(&section.items),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::SourceFile;

    /// Every key `name` of the serialized object `whole` is known to `field`, with the same value:
    /// a field added to the model's serialization must be added to these lists too, or rules
    /// reading it would see it missing.
    fn known(what: &str, whole: Value, field: impl Fn(&str) -> Option<Option<Value>>) {
        let Value::Object(whole) = whole else {
            panic!("{what} serializes to an object");
        };
        for (name, value) in &whole {
            let found = field(name).unwrap_or_else(|| panic!("the {what} fields lack `{name}`"));
            assert_eq!(found.as_ref(), Some(value), "{what}.{name}");
        }
    }

    #[test]
    fn the_field_lists_know_every_serialized_field() {
        let text = "---\ntitle: \"Widget Engineer\"\ndescription: Builds widgets.\n---\n## Levels\n\n\
            ### Senior Widget Engineer\n\nThe Senior Widget Engineer is a grade 7 and reports to the \
            Manager, Widgets.\n\n#### Responsibilities\n\n- Builds widgets\n";
        let page = crate::parse::parse(&SourceFile::from_text("widget.md", text, false));
        let fm = &page.front_matter;
        known("front matter", serde_json::to_value(fm).unwrap(), |name| {
            front_matter_field(fm, name)
        });
        let level = page.levels.first().expect("the page has a level");
        known("level", serde_json::to_value(level).unwrap(), |name| {
            level_field(level, name)
        });
        let section = level.sections.first().expect("the level has a section");
        known("section", serde_json::to_value(section).unwrap(), |name| {
            section_field(section, name)
        });
    }
}
