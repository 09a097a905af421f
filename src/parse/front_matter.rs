//! The YAML front matter: `&str` → [`FrontMatter`] plus the byte offset where the Markdown body starts.
//!
//! The fences are found with nom; the YAML inside is read by serde-saphyr, whose spans are relative to
//! the YAML slice and are shifted by the fence's offset here, so every span points into the page.

use crate::model::{FrontMatter, ParseProblem};
use crate::span::{Span, Spanned};
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while};
use nom::character::complete::{line_ending, space0};
use nom::combinator::{eof, recognize};
use nom::{IResult, Parser};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// What the front-matter step found: the model part, where the body starts, and problems.
pub struct Extracted {
    /// The front matter.
    pub front_matter: FrontMatter,
    /// Byte offset of the first byte after the front matter (0 when there is none).
    pub body_start: usize,
    /// What was wrong with it.
    pub problems: Vec<ParseProblem>,
}

/// A fence line: `---`, optional trailing blanks, then a line ending or the end of the text.
fn fence(i: &str) -> IResult<&str, &str> {
    recognize((tag("---"), space0, alt((line_ending, eof)))).parse(i)
}

/// A `key:` line as YAML front matter starts: an identifier, a colon, then a blank or the line end.
fn key_line(i: &str) -> IResult<&str, &str> {
    recognize((
        take_while(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-'),
        tag(":"),
        alt((tag(" "), tag("\t"), line_ending, eof)),
    ))
    .parse(i)
}

/// Byte offsets of the start of each line, with the line's text (ending excluded).
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |line| {
        let start = offset;
        offset += line.len();
        (start, line.trim_end_matches(['\n', '\r']))
    })
}

/// Finds the closing fence at or after `from`: returns (fence start, first byte after the fence line).
fn closing_fence(text: &str, from: usize) -> Option<(usize, usize)> {
    let rest = text.get(from..)?;
    for (start, line) in lines(rest) {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            let after_line = rest
                .get(start..)
                .and_then(|s| s.find('\n'))
                .map_or(rest.len(), |n| start + n + 1);
            return Some((from + start, from + after_line));
        }
    }
    None
}

/// Reads the front matter at the top of `text`.
pub fn extract(text: &str) -> Extracted {
    let mut out = Extracted {
        front_matter: FrontMatter::default(),
        body_start: 0,
        problems: Vec::new(),
    };
    if let Ok((rest, _)) = fence(text) {
        let yaml_start = text.len() - rest.len();
        match closing_fence(text, yaml_start) {
            Some((close, after)) => {
                out.front_matter.span = Some(Span::new(0, trim_newline(text, after)));
                read_yaml(text, yaml_start, close, &mut out);
                out.body_start = after;
            }
            None => out.problems.push(ParseProblem {
                code: "unterminated-front-matter",
                message: "the front matter opened by `---` on line 1 is never closed".into(),
                span: Span::new(0, 3),
                help: Some("add a line `---` after the last front-matter key".into()),
            }),
        }
        return out;
    }
    // A page that starts with `key:` lines closed by `---` lost its opening fence.
    if key_line(text).is_ok()
        && let Some((close, after)) = closing_fence(text, 0)
        && lines(text.get(..close).unwrap_or_default())
            .all(|(_, l)| l.starts_with([' ', '\t', '-', '#']) || key_line(l).is_ok())
    {
        let first_line_end = text.find(['\r', '\n']).unwrap_or(text.len());
        out.problems.push(ParseProblem {
            code: "missing-front-matter-fence",
            message: "the front matter has no opening `---` line".into(),
            span: Span::new(0, first_line_end),
            help: Some("add a line `---` before the first front-matter key".into()),
        });
        out.front_matter.span = Some(Span::new(0, trim_newline(text, after)));
        read_yaml(text, 0, close, &mut out);
        out.body_start = after;
    }
    out
}

fn trim_newline(text: &str, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = end.min(text.len());
    while end > 0 && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
        end -= 1;
    }
    end
}

static ERROR_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| crate::parse::fixed_regex(r"^(?:error: )?(?:line \d+ column \d+: )?"));

fn read_yaml(text: &str, start: usize, end: usize, out: &mut Extracted) {
    let Some(yaml) = text.get(start..end) else {
        return;
    };
    type Mapping = BTreeMap<String, serde_saphyr::Spanned<serde_json::Value>>;
    match serde_saphyr::from_str::<Mapping>(yaml) {
        Ok(map) => {
            let fm = &mut out.front_matter;
            let mut raw = serde_json::Map::new();
            for (key, value) in map {
                let span = yaml_span(yaml, &value.referenced).shifted(start);
                if let serde_json::Value::String(s) = &value.value {
                    let inner = unquoted(text, span);
                    match key.as_str() {
                        "title" => fm.title = Some(Spanned::new(s.clone(), inner)),
                        "description" => fm.description = Some(Spanned::new(s.clone(), inner)),
                        _ => {}
                    }
                } else if matches!(key.as_str(), "title" | "description") {
                    out.problems.extend(not_text(text, &key, &value.value, span));
                }
                fm.value_spans.insert(key.clone(), span);
                raw.insert(key, value.value);
            }
            fm.raw = serde_json::Value::Object(raw);
        }
        Err(e) => {
            let offset = e.location().map_or(0, |l| yaml_offset(yaml, &l));
            let shown = e.to_string();
            let first = shown.lines().next().unwrap_or_default();
            let message = ERROR_PREFIX.replace(first, "").into_owned();
            let at = (start + offset).min(text.len());
            let end = text
                .get(at..)
                .and_then(|s| s.chars().next())
                .map_or(at, |c| at + c.len_utf8());
            out.problems.push(ParseProblem {
                code: "invalid-front-matter",
                message: format!("front matter is not a valid YAML mapping: {message}"),
                span: Span::new(at, end),
                help: Some("fix the YAML between the `---` lines; quote values that contain `: ` or start with `[`, `{`, `*`, `&`, `!`, `|`, `>`, `%` or `@`".into()),
            });
        }
    }
}

/// A `title:` or `description:` that holds a number, a boolean, a list or a mapping instead of
/// text: the site shows no title (or a wrong one), and "the front matter has no `title`" would
/// send the writer looking for a line that is there. An empty value (`null`) is left to the
/// `missing-*` rules.
fn not_text(text: &str, key: &str, value: &serde_json::Value, span: Span) -> Option<ParseProblem> {
    use serde_json::Value;
    let what = match value {
        Value::Null | Value::String(_) => return None,
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    };
    // A list or mapping's span is its first character: quote the rest of its line as well.
    let line = text
        .get(span.start as usize..)
        .and_then(|rest| rest.lines().next())
        .unwrap_or_default();
    let written: String = line.trim().chars().take(40).collect();
    let shown = if written.is_empty() {
        String::new()
    } else {
        format!(" (`{written}`)")
    };
    let help = match value {
        Value::Array(_) | Value::Object(_) => {
            format!("give `{key}:` one line of text; quote it when it contains `:`, `[` or `{{`: `{key}: \"…\"`")
        }
        _ => format!("quote it to keep it as written, `{key}: \"{written}\"`; YAML reads it as {what}"),
    };
    Some(ParseProblem {
        code: "front-matter-not-text",
        message: format!("`{key}` is {what}{shown}, not text"),
        span,
        help: Some(help),
    })
}

/// The byte offset of a serde-saphyr location inside `yaml` (its byte offset, else line and char column).
fn yaml_offset(yaml: &str, loc: &serde_saphyr::Location) -> usize {
    if let Some(b) = loc.span().byte_offset() {
        return usize::try_from(b).unwrap_or(0).min(yaml.len());
    }
    let line = usize::try_from(loc.line()).unwrap_or(1).max(1);
    let column = usize::try_from(loc.column()).unwrap_or(1).max(1);
    let Some((line_start, line_text)) = lines(yaml).nth(line - 1) else {
        return yaml.len();
    };
    line_start
        + line_text
            .char_indices()
            .nth(column - 1)
            .map_or(line_text.len(), |(i, _)| i)
}

fn yaml_span(yaml: &str, loc: &serde_saphyr::Location) -> Span {
    let start = yaml_offset(yaml, loc);
    let len = loc.span().byte_len().and_then(|l| usize::try_from(l).ok()).unwrap_or(0);
    let mut end = (start + len).min(yaml.len());
    while end > start && !yaml.is_char_boundary(end) {
        end -= 1;
    }
    Span::new(start, end)
}

/// The span without surrounding quotes, when the scalar was quoted.
fn unquoted(text: &str, span: Span) -> Span {
    let s = text.get(span.range()).unwrap_or_default();
    let quoted =
        s.len() >= 2 && ((s.starts_with('"') && s.ends_with('"')) || (s.starts_with('\'') && s.ends_with('\'')));
    if quoted {
        Span::new(span.start as usize + 1, span.end as usize - 1)
    } else {
        span
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fence_accepts_blanks_and_end() {
        assert_eq!(fence("---\nx"), Ok(("x", "---\n")));
        assert_eq!(fence("---  \r\nx"), Ok(("x", "---  \r\n")));
        assert_eq!(fence("---"), Ok(("", "---")));
        assert!(fence("----\n").is_err());
        assert!(fence("--- a\n").is_err());
    }

    #[test]
    fn key_line_needs_a_colon_then_blank() {
        assert!(key_line("title: Foo").is_ok());
        assert!(key_line("layout:\n").is_ok());
        assert!(key_line("http://x").is_err());
        assert!(key_line("Hello world").is_err());
    }

    #[test]
    fn reads_title_and_description_with_spans() {
        let text = "---\ntitle: \"Data Wrangler\"\ndescription: Keeps data tidy\n---\n# Body\n";
        let got = extract(text);
        assert!(got.problems.is_empty());
        let title = got.front_matter.title.unwrap();
        assert_eq!(title.value, "Data Wrangler");
        assert_eq!(&text[title.span.range()], "Data Wrangler");
        let description = got.front_matter.description.unwrap();
        assert_eq!(&text[description.span.range()], "Keeps data tidy");
        assert_eq!(&text[got.body_start..], "# Body\n");
        assert_eq!(got.front_matter.span, Some(Span::new(0, 59)));
    }

    #[test]
    fn invalid_yaml_is_reported_where_it_is() {
        let text = "---\ntitle: a\n  bad: [\n---\nbody\n";
        let got = extract(text);
        assert_eq!(got.problems.len(), 1);
        let p = &got.problems[0];
        assert_eq!(p.code, "invalid-front-matter");
        // line 3 (`  bad: [`), column 6: the colon after `bad`.
        assert_eq!(p.span.start as usize, text.find("bad").unwrap() + 3);
        assert_eq!(&text[got.body_start..], "body\n");
    }

    #[test]
    fn missing_opening_fence_is_a_problem_and_the_body_still_parses() {
        let text = "title: Widget Maker\nlayout: job\n---\n## Levels\n";
        let got = extract(text);
        assert_eq!(got.problems[0].code, "missing-front-matter-fence");
        assert_eq!(got.problems[0].span, Span::new(0, 19));
        assert_eq!(got.front_matter.title.unwrap().value, "Widget Maker");
        assert_eq!(&text[got.body_start..], "## Levels\n");
    }

    #[test]
    fn unterminated_front_matter_does_not_hang() {
        let got = extract("---\ntitle: x\nno end\n");
        assert_eq!(got.problems[0].code, "unterminated-front-matter");
        assert_eq!(got.body_start, 0);
    }

    #[test]
    fn a_paragraph_that_starts_with_a_word_and_colon_is_not_front_matter() {
        let got = extract("Note: this page\n\nhas text\n");
        assert!(got.problems.is_empty());
        assert!(got.front_matter.span.is_none());
    }
}
