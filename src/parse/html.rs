//! Raw HTML inside a page, read with nom: tag attributes (`<a id>`, `<a name>`, `<a href>`) and
//! `<!-- rolelint-… -->` directive comments. Input is a source slice; output offsets are into that slice.

use super::plain::sub_offset;
use crate::model::DirectiveKind;
use nom::branch::alt;
use nom::bytes::complete::{is_not, tag, tag_no_case, take_while, take_while1};
use nom::character::complete::{char, multispace0, multispace1};
use nom::combinator::{opt, value};
use nom::{IResult, Parser};
use std::ops::Range;

/// One attribute of a tag: lowercased name, value and where the value is (inside the parsed slice).
#[derive(Debug, PartialEq, Eq)]
pub struct Attr {
    /// Attribute name, lowercased.
    pub name: String,
    /// The value as written (no entity decoding).
    pub value: String,
    /// Byte range of the value.
    pub range: Range<usize>,
}

/// An opening tag: lowercased name and attributes.
#[derive(Debug, PartialEq, Eq)]
pub struct OpenTag {
    /// Element name, lowercased.
    pub name: String,
    /// Its attributes.
    pub attrs: Vec<Attr>,
    /// Byte range of the whole tag.
    pub range: Range<usize>,
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')
}

fn attr_value(i: &str) -> IResult<&str, &str> {
    alt((
        (char('"'), take_while(|c| c != '"'), char('"')).map(|(_, v, _)| v),
        (char('\''), take_while(|c| c != '\''), char('\'')).map(|(_, v, _)| v),
        is_not(" \t\r\n\"'=<>`"),
    ))
    .parse(i)
}

fn attribute(i: &str) -> IResult<&str, (&str, Option<&str>)> {
    let (i, _) = multispace1(i)?;
    let (i, name) = take_while1(is_name_char).parse(i)?;
    let (i, v) = opt((multispace0, char('='), multispace0, attr_value).map(|(_, _, _, v)| v)).parse(i)?;
    Ok((i, (name, v)))
}

/// `<name attr="v" …>` (or `/>`) at the start of `i`.
/// An attribute as parsed: name and optional value.
type RawAttr<'a> = (&'a str, Option<&'a str>);

fn open_tag(i: &str) -> IResult<&str, (&str, Vec<RawAttr<'_>>)> {
    let (mut rest, (_, name)) = (char('<'), take_while1(|c: char| c.is_ascii_alphanumeric())).parse(i)?;
    let mut attrs = Vec::new();
    while let Ok((r, a)) = attribute(rest) {
        attrs.push(a);
        rest = r;
    }
    let (rest, _) = (multispace0, opt(char('/')), char('>')).parse(rest)?;
    Ok((rest, (name, attrs)))
}

/// Every opening tag in `text` (comments are skipped).
pub fn open_tags(text: &str) -> Vec<OpenTag> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(found) = text.get(pos..).and_then(|s| s.find('<')) {
        let at = pos + found;
        let Some(rest) = text.get(at..) else { break };
        if rest.starts_with("<!--") {
            pos = rest.find("-->").map_or(text.len(), |e| at + e + 3);
            continue;
        }
        match open_tag(rest) {
            Ok((after, (name, attrs))) => {
                let attrs = attrs
                    .into_iter()
                    .filter_map(|(n, v)| {
                        // A bare attribute has an empty value at the end of its name.
                        let v = v.unwrap_or_else(|| n.get(n.len()..).unwrap_or_default());
                        let start = sub_offset(text, v)?;
                        Some(Attr {
                            name: n.to_ascii_lowercase(),
                            value: v.to_string(),
                            range: start..start + v.len(),
                        })
                    })
                    .collect();
                let end = sub_offset(text, after).unwrap_or(text.len());
                out.push(OpenTag {
                    name: name.to_ascii_lowercase(),
                    attrs,
                    range: at..end,
                });
                pos = end;
            }
            Err(_) => pos = at + 1,
        }
    }
    out
}

/// A directive comment found in a slice: kind, rule ids with their ranges, and the comment's range.
#[derive(Debug, PartialEq, Eq)]
pub struct RawDirective {
    /// What it does.
    pub kind: DirectiveKind,
    /// Rule ids with their byte ranges.
    pub rules: Vec<(String, Range<usize>)>,
    /// The whole comment.
    pub range: Range<usize>,
}

fn directive_kind(i: &str) -> IResult<&str, DirectiveKind> {
    let (i, _) = tag_no_case("rolelint-").parse(i)?;
    alt((
        value(DirectiveKind::DisableNextLine, tag_no_case("disable-next-line")),
        value(DirectiveKind::DisableLine, tag_no_case("disable-line")),
        value(DirectiveKind::DisableFile, tag_no_case("disable-file")),
        value(DirectiveKind::Disable, tag_no_case("disable")),
        value(DirectiveKind::Enable, tag_no_case("enable")),
    ))
    .parse(i)
}

/// `<!-- rolelint-KIND [rule[, rule]…] -->` at the start of `i`: kind, the rule list text, rest.
fn directive(i: &str) -> IResult<&str, (DirectiveKind, &str)> {
    let (i, _) = (tag("<!--"), multispace0).parse(i)?;
    let (i, kind) = directive_kind(i)?;
    let (i, body) = nom::bytes::complete::take_until("-->").parse(i)?;
    // `rolelint-disablex` is not a directive: the keyword must end here.
    if body
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    let (i, _) = tag("-->").parse(i)?;
    Ok((i, (kind, body)))
}

/// Every directive comment in `text`. Comments do not nest, so the scan jumps from one `-->` to the
/// next `<!--` and reads each byte once.
pub fn directives(text: &str) -> Vec<RawDirective> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(found) = text.get(pos..).and_then(|s| s.find("<!--")) {
        let at = pos + found;
        let Some(close) = text.get(at + 4..).and_then(|s| s.find("-->")) else {
            break;
        };
        let end = at + 4 + close + 3;
        let comment = text.get(at..end).unwrap_or_default();
        if let Ok((_, (kind, body))) = directive(comment) {
            let body_start = sub_offset(text, body).unwrap_or(at);
            let rules = body
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|r| !r.is_empty())
                .filter_map(|r| {
                    let start = body_start + sub_offset(body, r)?;
                    Some((r.to_string(), start..start + r.len()))
                })
                .collect();
            out.push(RawDirective {
                kind,
                rules,
                range: at..end,
            });
        }
        pos = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_anchor_attributes_with_ranges() {
        let text = r#"x <a name="Gitaly"></a><a id='top' class=big>y</a>"#;
        let tags = open_tags(text);
        assert_eq!(tags.len(), 2);
        assert_eq!(tags[0].name, "a");
        assert_eq!(tags[0].attrs[0].name, "name");
        assert_eq!(tags[0].attrs[0].value, "Gitaly");
        assert_eq!(&text[tags[0].attrs[0].range.clone()], "Gitaly");
        assert_eq!(tags[1].attrs[0].value, "top");
        assert_eq!(tags[1].attrs[1].value, "big");
        assert_eq!(&text[tags[1].range.clone()], "<a id='top' class=big>");
    }

    #[test]
    fn href_and_bare_attributes() {
        let tags = open_tags(r#"<A HREF = "/jobs/" target=_blank download>"#);
        assert_eq!(tags[0].name, "a");
        assert_eq!(tags[0].attrs[0].name, "href");
        assert_eq!(tags[0].attrs[0].value, "/jobs/");
        assert_eq!(tags[0].attrs[2].name, "download");
    }

    #[test]
    fn not_tags() {
        assert!(open_tags("a < b and <% erb %> and <!-- <a id=x> -->").is_empty());
    }

    #[test]
    fn directive_comments() {
        let text = "a <!-- rolelint-disable-next-line typo, broken-link --> b <!--rolelint-enable-->";
        let d = directives(text);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].kind, DirectiveKind::DisableNextLine);
        assert_eq!(
            d[0].rules.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(),
            ["typo", "broken-link"]
        );
        assert_eq!(&text[d[0].rules[1].1.clone()], "broken-link");
        assert_eq!(d[1].kind, DirectiveKind::Enable);
        assert!(d[1].rules.is_empty());
        assert_eq!(&text[d[1].range.clone()], "<!--rolelint-enable-->");
    }

    #[test]
    fn directive_kinds_are_exact() {
        let kinds = |t: &str| directives(t).into_iter().map(|d| d.kind).collect::<Vec<_>>();
        assert_eq!(kinds("<!-- rolelint-disable -->"), [DirectiveKind::Disable]);
        assert_eq!(kinds("<!-- rolelint-disable-line -->"), [DirectiveKind::DisableLine]);
        assert_eq!(
            kinds("<!-- rolelint-disable-file typo -->"),
            [DirectiveKind::DisableFile]
        );
        assert!(kinds("<!-- rolelint-disabled -->").is_empty());
        assert!(kinds("<!-- rolelint-disable").is_empty());
        assert!(kinds("<!-- markdownlint-disable -->").is_empty());
    }
}
