//! A policy or configuration file as JSON plus the byte span of every key and value, so that a
//! schema error at a JSON pointer can be shown at its place in the YAML or TOML text.

use super::Error;
use crate::span::{LineIndex, Span};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// Where one node is written: its key (for mapping entries) and its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeSpan {
    /// The key, for a mapping entry.
    pub key: Option<Span>,
    /// The value.
    pub value: Span,
}

/// A parsed file: its JSON value and, per JSON pointer, where each node is written.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file name shown in errors.
    pub file: String,
    /// The file's text.
    pub text: Arc<str>,
    /// The contents as JSON.
    pub value: Value,
    spans: BTreeMap<String, NodeSpan>,
    /// Line starts of `text`, built once: every ladder row and every schema error asks for a
    /// line, and counting from the file start each time was quadratic in rows.
    lines: LineIndex,
}

impl Document {
    /// Parses YAML text.
    pub fn yaml(file: &str, text: &str) -> Result<Self, Error> {
        let text: Arc<str> = Arc::from(text);
        let root: Option<serde_saphyr::Spanned<Yaml>> = serde_saphyr::from_str(&text).map_err(|e| {
            let span = e
                .location()
                .and_then(|l| l.span().byte_offset())
                .map_or(Span::default(), |o| Span::new(o as usize, o as usize));
            Error::at(
                file,
                &text,
                span,
                "",
                format!("invalid YAML: {}", first_line(&e.to_string())),
            )
        })?;
        let mut doc = Document::empty(file, &text);
        if let Some(root) = root {
            doc.value = doc.flatten_yaml(String::new(), None, root);
        } else {
            doc.value = Value::Object(Map::new());
        }
        Ok(doc)
    }

    /// A document of `file` with no value yet, for the parsers above to fill.
    fn empty(file: &str, text: &Arc<str>) -> Self {
        Document {
            file: file.to_owned(),
            text: text.clone(),
            value: Value::Null,
            spans: BTreeMap::new(),
            lines: LineIndex::new(text),
        }
    }

    /// Parses TOML text.
    pub fn toml(file: &str, text: &str) -> Result<Self, Error> {
        let text: Arc<str> = Arc::from(text);
        let root = toml::de::DeTable::parse(&text).map_err(|e| {
            let span = e.span().map_or(Span::default(), Span::from);
            Error::at(file, &text, span, "", format!("invalid TOML: {}", e.message().trim()))
        })?;
        let mut doc = Document::empty(file, &text);
        let span = Span::from(root.span());
        doc.spans.insert(String::new(), NodeSpan { key: None, value: span });
        doc.value = doc.flatten_toml_table(String::new(), root.get_ref());
        Ok(doc)
    }

    /// Where the node at `pointer` is written; falls back to the nearest written ancestor.
    pub fn span(&self, pointer: &str) -> NodeSpan {
        let mut p = pointer;
        loop {
            if let Some(s) = self.spans.get(p) {
                return *s;
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return NodeSpan::default_at_start(),
            }
        }
    }

    /// An error at the node `pointer` (its value), naming its key path.
    pub fn error_at(&self, pointer: &str, message: impl Into<String>) -> Error {
        Error::at_indexed(
            &self.file,
            &self.text,
            &self.lines,
            self.span(pointer).value,
            key_path(pointer),
            message,
        )
    }

    /// An error at the key of the node `pointer` (or its value when it has no key).
    pub fn error_at_key(&self, pointer: &str, message: impl Into<String>) -> Error {
        let s = self.span(pointer);
        Error::at_indexed(
            &self.file,
            &self.text,
            &self.lines,
            s.key.unwrap_or(s.value),
            key_path(pointer),
            message,
        )
    }

    /// 1-based line of the node at `pointer`.
    pub fn line(&self, pointer: &str) -> u32 {
        let at = self.span(pointer).key.unwrap_or(self.span(pointer).value).start as usize;
        u32::try_from(self.lines.line_of(at) + 1).unwrap_or(u32::MAX)
    }

    fn flatten_yaml(&mut self, pointer: String, key: Option<Span>, node: serde_saphyr::Spanned<Yaml>) -> Value {
        let loc = node.referenced.span();
        let start = loc.byte_offset().unwrap_or(0) as usize;
        let len = loc.byte_len().unwrap_or(0) as usize;
        self.spans.insert(
            pointer.clone(),
            NodeSpan {
                key,
                value: Span::new(start, start + len),
            },
        );
        match node.value {
            Yaml::Null => Value::Null,
            Yaml::Bool(b) => Value::Bool(b),
            Yaml::Int(i) => Value::Number(i.into()),
            Yaml::UInt(u) => Value::Number(u.into()),
            Yaml::Float(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
            Yaml::Str(s) => Value::String(s),
            Yaml::Seq(items) => Value::Array(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| self.flatten_yaml(format!("{pointer}/{i}"), None, item))
                    .collect(),
            ),
            Yaml::Map(entries) => {
                let mut map = Map::new();
                for (k, v) in entries {
                    let kloc = k.referenced.span();
                    let kstart = kloc.byte_offset().unwrap_or(0) as usize;
                    let kspan = Span::new(kstart, kstart + kloc.byte_len().unwrap_or(0) as usize);
                    let child = format!("{pointer}/{}", escape(&k.value));
                    let value = self.flatten_yaml(child, Some(kspan), v);
                    map.insert(k.value, value);
                }
                Value::Object(map)
            }
        }
    }

    fn flatten_toml_table(&mut self, pointer: String, table: &toml::de::DeTable<'_>) -> Value {
        let mut map = Map::new();
        for (k, v) in table {
            let child = format!("{pointer}/{}", escape(k.get_ref()));
            self.spans.insert(
                child.clone(),
                NodeSpan {
                    key: Some(Span::from(k.span())),
                    value: Span::from(v.span()),
                },
            );
            let value = self.flatten_toml(child, v.get_ref());
            map.insert(k.get_ref().to_string(), value);
        }
        Value::Object(map)
    }

    fn flatten_toml(&mut self, pointer: String, value: &toml::de::DeValue<'_>) -> Value {
        use toml::de::DeValue;
        match value {
            DeValue::String(s) => Value::String(s.to_string()),
            DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                .map_or_else(|_| Value::String(i.as_str().to_owned()), |n| Value::Number(n.into())),
            DeValue::Float(f) => f
                .as_str()
                .replace('_', "")
                .parse::<f64>()
                .ok()
                .and_then(Number::from_f64)
                .map_or(Value::Null, Value::Number),
            DeValue::Boolean(b) => Value::Bool(*b),
            DeValue::Datetime(d) => Value::String(d.to_string()),
            DeValue::Array(items) => Value::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let child = format!("{pointer}/{i}");
                        self.spans.insert(
                            child.clone(),
                            NodeSpan {
                                key: None,
                                value: Span::from(item.span()),
                            },
                        );
                        self.flatten_toml(child, item.get_ref())
                    })
                    .collect(),
            ),
            DeValue::Table(t) => self.flatten_toml_table(pointer, t),
        }
    }
}

impl NodeSpan {
    fn default_at_start() -> Self {
        NodeSpan {
            key: None,
            value: Span::default(),
        }
    }
}

/// A JSON pointer as a key path for people: `/overrides/0/files` → `overrides[0].files`.
pub fn key_path(pointer: &str) -> String {
    let mut out = String::new();
    for seg in pointer.split('/').skip(1) {
        let seg = seg.replace("~1", "/").replace("~0", "~");
        if !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{seg}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&seg);
        }
    }
    out
}

/// Escapes one JSON pointer segment.
pub fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s).trim()
}

/// A YAML node whose children keep their spans.
enum Yaml {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(String),
    Seq(Vec<serde_saphyr::Spanned<Yaml>>),
    Map(Vec<(serde_saphyr::Spanned<String>, serde_saphyr::Spanned<Yaml>)>),
}

impl<'de> de::Deserialize<'de> for Yaml {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(YamlVisitor)
    }
}

struct YamlVisitor;

impl<'de> Visitor<'de> for YamlVisitor {
    type Value = Yaml;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Yaml, E> {
        Ok(Yaml::Null)
    }
    fn visit_none<E>(self) -> Result<Yaml, E> {
        Ok(Yaml::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Yaml, D::Error> {
        d.deserialize_any(YamlVisitor)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Yaml, E> {
        Ok(Yaml::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Yaml, E> {
        Ok(Yaml::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Yaml, E> {
        Ok(Yaml::UInt(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Yaml, E> {
        Ok(Yaml::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Yaml, E> {
        Ok(Yaml::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Yaml, E> {
        Ok(Yaml::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Yaml, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Yaml::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Yaml, A::Error> {
        let mut entries = Vec::new();
        while let Some((k, v)) = map.next_entry()? {
            entries.push((k, v));
        }
        Ok(Yaml::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_spans_point_at_keys_and_values() {
        let text = "title: Été\nlevels:\n  - name: senior\n    grade: nine\n";
        let doc = Document::yaml("x.yaml", text).unwrap();
        let s = doc.span("/levels/0/grade");
        assert_eq!(&text[s.value.range()], "nine");
        assert_eq!(&text[s.key.unwrap().range()], "grade");
        assert_eq!(doc.line("/levels/0/grade"), 4);
        assert_eq!(doc.value["levels"][0]["name"], "senior");
    }

    #[test]
    fn toml_spans_point_at_keys_and_values() {
        let text = "select = [\"a\", \"b\"]\n[severity]\ntypo = \"warn\"\n";
        let doc = Document::toml("rolelint.toml", text).unwrap();
        let s = doc.span("/severity/typo");
        assert_eq!(&text[s.value.range()], "\"warn\"");
        assert_eq!(&text[doc.span("/select/1").value.range()], "\"b\"");
        assert_eq!(key_path("/overrides/0/files"), "overrides[0].files");
    }

    #[test]
    fn syntax_errors_are_located() {
        let e = Document::toml("c.toml", "a = 1\nb = = 2\n").unwrap_err();
        assert_eq!((e.line, e.file.as_str()), (2, "c.toml"));
        let e = Document::yaml("c.yaml", "a: 1\na: 2\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
    }
}
