//! Runs the declarative rules of a policy (`rules/checks.yaml`, `[[rules]]` in rolelint.toml) on
//! the serialized page: select nodes, keep those `where` admits, check the assertion, report.

pub mod consistent;
mod projection;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::model::Page;
use crate::policy::selector::Index;
use crate::policy::{Assertion, Rule};
use crate::span::Span;
use foldhash::HashMap;
use foldhash::HashMapExt;
use projection::Need;
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

/// A node a selector picked, with the object it hangs from and its structural key.
struct Selected<'v> {
    node: &'v Value,
    parent: Option<&'v Value>,
    key: String,
}

/// Runs `rules` on `page`, appending their findings (at each rule's default severity) to `out`.
pub fn run_rules(page: &Page, rules: &[Arc<Rule>], out: &mut Vec<Diagnostic>) {
    if rules.is_empty() {
        return;
    }
    let Some(value) = projection::page_value(page, &need_of(rules)) else {
        return;
    };
    for rule in rules {
        run_rule(page, &value, rule, out);
    }
}

/// A set of rules and what they read.
type Remembered = (Vec<Arc<Rule>>, Rc<Need>);

/// What `rules` read of a page, worked out once per set of rules (a thread keeps the last set:
/// every page of a run, bar overrides, has the same).
fn need_of(rules: &[Arc<Rule>]) -> Rc<Need> {
    thread_local! {
        static LAST: RefCell<Option<Remembered>> = const { RefCell::new(None) };
    }
    LAST.with_borrow_mut(|last| {
        if let Some((seen, need)) = last.as_ref()
            && seen.len() == rules.len()
            && seen.iter().zip(rules).all(|(a, b)| Arc::ptr_eq(a, b))
        {
            return need.clone();
        }
        // The cache holds the rules themselves, so a pointer it compares can never be reused.
        let need = Rc::new(projection::rules_need(rules));
        *last = Some((rules.to_vec(), need.clone()));
        need
    })
}

fn select<'v>(root: &'v Value, rule: &Rule) -> Vec<Selected<'v>> {
    let mut current = vec![Selected {
        node: root,
        parent: None,
        key: String::new(),
    }];
    for step in &rule.given.steps {
        let mut next = Vec::new();
        for sel in current {
            let Some(child) = sel.node.get(&step.field) else {
                continue;
            };
            let base = if sel.key.is_empty() {
                step.field.clone()
            } else {
                format!("{}.{}", sel.key, step.field)
            };
            let mut push = |node: &'v Value, key: String| {
                if !node.is_null() || step.index == Index::Whole {
                    next.push(Selected {
                        node,
                        parent: Some(sel.node),
                        key,
                    });
                }
            };
            match step.index {
                Index::Whole => push(child, base),
                Index::All => {
                    for (i, item) in child.as_array().into_iter().flatten().enumerate() {
                        push(
                            item,
                            format!("{base}[{}]", name_of(item).unwrap_or_else(|| i.to_string())),
                        );
                    }
                }
                Index::At(i) => {
                    if let Some(item) = child.get(i) {
                        push(
                            item,
                            format!("{base}[{}]", name_of(item).unwrap_or_else(|| i.to_string())),
                        );
                    }
                }
            }
        }
        current = next;
    }
    current
        .into_iter()
        .filter(|s| rule.filter.as_ref().is_none_or(|f| f.is_valid(s.node)))
        .collect()
}

fn name_of(node: &Value) -> Option<String> {
    node.get("title").and_then(text_of).filter(|t| !t.is_empty())
}

/// A field's value as text: strings as they are, numbers and booleans printed, `{value: …}`
/// (a spanned value) unwrapped; `None` for null, arrays and other objects.
fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Object(o) => o.get("value").and_then(text_of),
        _ => None,
    }
}

fn field<'v>(node: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(node, |v, part| v.get(part))
}

fn is_missing(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.contains_key("value") && is_missing(o.get("value")),
        Some(_) => false,
    }
}

fn span_of(v: &Value) -> Option<Span> {
    let start = v.get("start")?.as_u64()?;
    let end = v.get("end")?.as_u64()?;
    Some(Span::new(start as usize, end as usize))
}

fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches([':', '.', ','])
        .to_lowercase()
}

struct Finding {
    vars: Vec<(&'static str, String)>,
    key_suffix: Option<String>,
    related: Option<(Span, String)>,
    /// Where exactly the finding is, when the function knows better than the node's span.
    at: Option<Span>,
    /// An edit at `at` and its description.
    fix: Option<(String, String)>,
}

fn run_rule(page: &Page, root: &Value, rule: &Rule, out: &mut Vec<Diagnostic>) {
    let selected = select(root, rule);
    let mut seen: HashMap<String, Span> = HashMap::new();
    for sel in &selected {
        let findings = assess(page, rule, sel, &mut seen);
        for f in findings {
            let render = |template: &str| render(template, sel, &f.vars);
            // A node's span can cover many lines (a front matter block); editors want its first.
            let span = f.at.unwrap_or_else(|| {
                let node = sel
                    .node
                    .get(&rule.span_field)
                    .and_then(span_of)
                    .or_else(|| sel.node.get("span").and_then(span_of))
                    .or_else(|| sel.parent.and_then(|p| p.get("span")).and_then(span_of))
                    .unwrap_or_default();
                first_line(page, node)
            });
            let absent = rule.absent.as_ref().filter(|a| is_missing(field(sel.node, &a.field)));
            let (message, help) = match absent {
                Some(a) => (&a.message, a.help.as_ref()),
                None => (&rule.message, rule.help.as_ref()),
            };
            let key = match &f.key_suffix {
                Some(s) => format!("{}.{s}", sel.key),
                None => sel.key.clone(),
            };
            let mut d = Diagnostic::new(
                rule.id.as_str(),
                rule.severity,
                page.path.clone(),
                span,
                render(message),
            )
            .with_policy(rule.origin.to_string())
            .with_key(key);
            if let Some(help) = help {
                d = d.with_help(render(help));
            }
            if let Some((at, message)) = f.related {
                d = d.with_related(page.path.clone(), at, message);
            }
            if let (Some((replacement, description)), Some(at)) = (f.fix, f.at) {
                d = d.with_fix(Fix {
                    description,
                    edits: vec![Edit { span: at, replacement }],
                    applicability: Applicability::Unsafe,
                });
            }
            out.push(d);
        }
    }
}

/// The part of `span` on its first line (line break excluded).
fn first_line(page: &Page, span: Span) -> Span {
    match page.text(span).find('\n') {
        Some(i) => {
            let line = page.text(span).get(..i).unwrap_or_default().trim_end_matches('\r');
            Span::new(span.start as usize, span.start as usize + line.len())
        }
        None => span,
    }
}

fn assess(page: &Page, rule: &Rule, sel: &Selected<'_>, seen: &mut HashMap<String, Span>) -> Vec<Finding> {
    let one = |vars: Vec<(&'static str, String)>| {
        vec![Finding {
            vars,
            key_suffix: None,
            related: None,
            at: None,
            fix: None,
        }]
    };
    match &rule.assertion {
        Assertion::Schema(validator) => match validator.iter_errors(sel.node).next() {
            Some(e) => one(vec![("error", e.to_string())]),
            None => Vec::new(),
        },
        Assertion::Pattern {
            field: f,
            matches,
            not_match,
        } => {
            let Some(value) = field(sel.node, f).and_then(text_of) else {
                return Vec::new();
            };
            let bad = matches.as_ref().is_some_and(|re| !re.is_match(&value))
                || not_match.as_ref().is_some_and(|re| re.is_match(&value));
            if bad {
                one(vec![("value", value), ("field", f.clone())])
            } else {
                Vec::new()
            }
        }
        Assertion::Required { fields } => fields
            .iter()
            .filter(|f| is_missing(field(sel.node, f)))
            .map(|f| Finding {
                vars: vec![("field", f.clone())],
                key_suffix: Some(f.clone()),
                related: None,
                at: None,
                fix: None,
            })
            .collect(),
        Assertion::Unique { field: f } => {
            let Some(value) = field(sel.node, f).and_then(text_of) else {
                return Vec::new();
            };
            let here = sel.node.get("span").and_then(span_of).unwrap_or_default();
            match seen.get(&normalise(&value)) {
                Some(first) => vec![Finding {
                    vars: vec![("value", value.clone()), ("field", f.clone())],
                    key_suffix: None,
                    related: Some((*first, format!("`{value}` first appears here"))),
                    at: None,
                    fix: None,
                }],
                None => {
                    seen.insert(normalise(&value), here);
                    Vec::new()
                }
            }
        }
        Assertion::ConsistentWithParent {
            field: f,
            parent_field,
            strip,
            words,
        } => {
            let child = field(sel.node, f).and_then(text_of);
            let parent = sel.parent.and_then(|p| field(p, parent_field)).and_then(text_of);
            let (Some(child), Some(parent)) = (child, parent) else {
                return Vec::new();
            };
            let Some(mismatch) = consistent::compare(&child, &parent, strip.as_ref(), words) else {
                return Vec::new();
            };
            let title = child.get(mismatch.prefix.clone()).unwrap_or_default().to_owned();
            if names_a_heading_above(page, sel.parent, sel.node, &title) {
                return Vec::new();
            }
            let at = written_at(page, sel.node, &child, mismatch.prefix.clone());
            let fix = (!parent.trim().is_empty()).then(|| {
                (
                    parent.trim().to_owned(),
                    format!("replace `{title}` with `{}`", parent.trim()),
                )
            });
            vec![Finding {
                vars: vec![
                    ("value", title),
                    ("field", f.clone()),
                    ("difference", mismatch.difference()),
                    ("missing", mismatch.missing.join(" ")),
                    ("extra", mismatch.extra.join(" ")),
                ],
                key_suffix: None,
                related: None,
                at,
                fix,
            }]
        }
    }
}

/// True when `title` is the text of a heading inside `parent`'s body written before `node`: a
/// level that introduces a specialty (`#### UX Widgets`) may head its sections with it
/// (`### UX Widgets Requirements`), which names no other title.
fn names_a_heading_above(page: &Page, parent: Option<&Value>, node: &Value, title: &str) -> bool {
    let body = parent.and_then(|p| p.get("body")).and_then(span_of);
    let here = node.get("span").and_then(span_of);
    let (Some(body), Some(here)) = (body, here) else {
        return false;
    };
    let title = normalise(title);
    !title.is_empty()
        && page
            .headings
            .iter()
            .filter(|h| body.contains(h.span) && h.span.end <= here.start)
            .any(|h| normalise(&h.text) == title)
}

/// The longest node text `written_at` aligns with its value.
const MAX_ALIGN: usize = 4096;

/// Where the bytes `part` of `value` are written in the source under the node's `span`. The
/// value is plain text, so inline markup (`*`, `_`, `` ` ``) in the source is skipped over.
fn written_at(page: &Page, node: &Value, value: &str, part: std::ops::Range<usize>) -> Option<Span> {
    let span = node.get("span").and_then(span_of)?;
    let source = page.text(span);
    // Aligning is quadratic in the worst case; a heading is short, a pathological line is not.
    if source.len() > MAX_ALIGN {
        return None;
    }
    let is_markup = |c: char| matches!(c, '*' | '_' | '`' | '~');
    let value: Vec<(usize, char)> = value.char_indices().collect();
    let first = value.first()?.1;
    for (start, c) in source.char_indices() {
        if c != first {
            continue;
        }
        // Align value and source from here: the source position of each value character.
        let mut at = Vec::with_capacity(value.len());
        let mut rest = source.get(start..)?.char_indices().peekable();
        for &(_, want) in &value {
            while rest.peek().is_some_and(|&(_, got)| got != want && is_markup(got)) {
                rest.next();
            }
            match rest.next() {
                Some((offset, got)) if got == want => at.push((start + offset, got.len_utf8())),
                _ => break,
            }
        }
        if at.len() < value.len() {
            continue;
        }
        let begin = value.iter().position(|&(i, _)| i >= part.start)?;
        let end = value.iter().rposition(|&(i, _)| i < part.end)?;
        let (from, _) = at.get(begin)?;
        let (to, len) = at.get(end)?;
        return Some(Span::new(span.start as usize + from, span.start as usize + to + len));
    }
    None
}

/// Fills `{name}`, `{parent.name}` and the finding's own variables (`{value}`, `{field}`, `{error}`).
fn render(template: &str, sel: &Selected<'_>, vars: &[(&'static str, String)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let Some((name, tail)) = after.split_once('}') else {
            out.push('{');
            out.push_str(after);
            return out;
        };
        let filled = vars
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
            .or_else(|| match name.strip_prefix("parent.") {
                Some(p) => sel.parent.and_then(|parent| field(parent, p)).and_then(text_of),
                None => field(sel.node, name).and_then(text_of),
            });
        match filled {
            Some(v) => out.push_str(&v),
            None => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod field_tests {
    use super::*;
    use crate::read::SourceFile;

    #[test]
    fn each_field_serializes_as_in_the_whole_page() {
        let text = "---\ntitle: \"A\"\n---\n## A\n\n### Senior A (Grade 7)\n\nReports to [B](/b/).\n\n| x | y |\n|---|---|\n| 1 | 2 |\n";
        let page = crate::parse::parse(&SourceFile::from_text("a.md", text, false));
        let Ok(Value::Object(whole)) = serde_json::to_value(&page) else {
            panic!("a page serializes to an object");
        };
        for (name, value) in &whole {
            let field = projection::page_field(&page, name).unwrap_or_else(|| panic!("page_field lacks `{name}`"));
            assert_eq!(&field.unwrap(), value, "{name}");
        }
    }

    /// Rules that read what the shipped ones do not: other top-level fields, `[n]` and whole
    /// selectors, `$`, schema assertions, dotted fields, templates naming absent fields.
    const EXTRA_RULES: &str = r#"
rules:
  - id: t-unique
    severity: warning
    summary: x
    given: levels[*]
    then: { function: unique, field: name }
    message: "{value} again at {title_span.start}, under {parent.path} ({reports_to})"
  - id: t-pattern
    severity: warning
    summary: x
    given: headings[*]
    where: { anyOf: [ { properties: { depth: { minimum: 3 } } }, { required: [explicit_id] } ] }
    then: { function: pattern, field: text, not-match: "(?i)senior" }
    message: "{text} ({anchor})"
  - id: t-schema
    severity: warning
    summary: x
    given: tables[0]
    then: { schema: { required: [caption] } }
    message: "{error}"
  - id: t-whole
    severity: warning
    summary: x
    given: levels[1].sections
    where: { minItems: 1 }
    then: { function: required, fields: [nothing] }
    message: "{nothing} {parent.grade}"
  - id: t-root
    severity: warning
    summary: x
    given: $
    where: { properties: { links: { type: array, minItems: 1 } } }
    then: { function: required, fields: [front_matter.title.value, directives] }
    message: "{field}"
  - id: t-items
    severity: warning
    summary: x
    given: levels[*].sections[*].items[0]
    where: { additionalProperties: true }
    then: { function: pattern, field: value, not-match: "e" }
    message: "{value} under {parent.kind}"
"#;

    fn rule_sets() -> Vec<Vec<Arc<Rule>>> {
        let builtin = crate::policy::Policy::builtin().unwrap_or_else(|e| panic!("{e}"));
        let mut extended = crate::policy::Policy::builtin().unwrap_or_else(|e| panic!("{e}"));
        extended
            .apply_checks_file("extra.yaml", EXTRA_RULES)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(extended.rules.len() >= builtin.rules.len() + 6);
        let each = extended.rules.iter().map(|r| vec![r.clone()]);
        [builtin.rules.clone(), extended.rules.clone()]
            .into_iter()
            .chain(each)
            .collect()
    }

    fn pages() -> Vec<Page> {
        let mut files = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "md") {
                    files.push(path);
                }
            }
        }
        files.sort();
        assert!(files.len() > 20, "fixtures found: {}", files.len());
        files
            .iter()
            .map(|f| {
                let text = std::fs::read_to_string(f).unwrap();
                crate::parse::parse(&SourceFile::from_text(&*f.to_string_lossy(), &text, false))
            })
            .collect()
    }

    #[test]
    fn the_shipped_rules_read_these_fields() {
        let builtin = crate::policy::Policy::builtin().unwrap_or_else(|e| panic!("{e}"));
        let need = projection::rules_need(&builtin.rules);
        // `span` at the top: the page is the parent of `front_matter`; it has none, so none is built.
        let expected = serde_json::json!({
            "span": null,
            "front_matter": { "description": null, "raw": null, "span": null, "title": null },
            "levels": {
                "body": null, "external_grade": null, "grade": null, "span": null, "title": null, "title_span": null,
                "sections": { "difference": null, "kind": null, "span": null, "title": null, "value": null },
            },
        });
        fn from(v: &Value) -> Need {
            match v {
                Value::Object(o) => Need::Keys(o.iter().map(|(k, v)| (k.clone(), from(v))).collect()),
                _ => Need::All,
            }
        }
        assert_eq!(need, from(&expected));
    }

    #[test]
    fn the_schema_analysis_keeps_every_key_a_schema_can_read() {
        let need = |s: Value| projection::schema_need(&s);
        let keys = |ks: &[&str]| Need::Keys(ks.iter().map(|k| (k.to_string(), Need::All)).collect());
        assert_eq!(need(serde_json::json!(true)), keys(&[]));
        assert_eq!(
            need(
                serde_json::json!({ "type": "object", "required": ["a"], "not": { "anyOf": [ { "properties": { "b": {} } } ] } })
            ),
            keys(&["a", "b"])
        );
        assert_eq!(
            need(serde_json::json!({ "properties": { "a": {} }, "additionalProperties": false })),
            Need::All
        );
        assert_eq!(need(serde_json::json!({ "enum": [{}] })), Need::All);
        assert_eq!(need(serde_json::json!({ "$ref": "#/x" })), Need::All);
        assert_eq!(need(serde_json::json!({ "required": [1] })), Need::All);
    }

    #[test]
    fn the_narrowed_page_is_the_whole_page_restricted_to_what_the_rules_read() {
        let pages = pages();
        for rules in rule_sets() {
            let need = projection::rules_need(&rules);
            for page in &pages {
                let whole = serde_json::to_value(page).unwrap();
                let narrowed = projection::page_value(page, &need).unwrap();
                assert_eq!(
                    narrowed,
                    projection::project(whole.clone(), &need).unwrap(),
                    "{}",
                    page.path
                );
                let mut on_whole = Vec::new();
                let mut on_narrowed = Vec::new();
                for rule in &rules {
                    run_rule(page, &whole, rule, &mut on_whole);
                    run_rule(page, &narrowed, rule, &mut on_narrowed);
                }
                assert_eq!(on_narrowed, on_whole, "{}", page.path);
            }
        }
    }

    #[test]
    fn the_extra_rules_find_something_on_the_fixtures() {
        // Otherwise the comparison above would compare empty lists.
        let pages = pages();
        let rules = rule_sets().swap_remove(1);
        let mut ids = std::collections::BTreeSet::new();
        for page in &pages {
            let mut out = Vec::new();
            run_rules(page, &rules, &mut out);
            ids.extend(out.into_iter().map(|d| d.rule.to_string()));
        }
        for id in [
            "t-unique",
            "t-pattern",
            "t-schema",
            "t-root",
            "t-items",
            "missing-grade",
            "section-title-mismatch",
        ] {
            assert!(ids.contains(id), "{id}: {ids:?}");
        }
    }
}
