//! A stand-in for the parser while it is being written: fills `Page.links`, `anchors` and
//! `headings` from pulldown-cmark, well enough to develop `broken-link` on real pages.

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use regex::Regex;
use rolelint::model::{Anchor, AnchorSource, FrontMatter, Heading, Link, LinkKind, Page};
use rolelint::span::Span;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

static HREF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"(?i)<a\s[^>]*?\bhref\s*=\s*["']([^"']*)["']"#).unwrap());
static ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)<[a-z]+\s[^>]*?\b(?:id|name)\s*=\s*["']([^"']+)["']"#).unwrap());

/// A page at `path` with `text`, its links, headings and anchors extracted.
pub fn page(path: &str, text: &str) -> Page {
    // pulldown-cmark 0.13 takes any `---` … `---` pair as a metadata block, also mid-page, where it
    // swallows everything between two thematic breaks. Blank out the front matter (offsets kept)
    // and parse without the option.
    let masked = mask_front_matter(text);
    let opts = Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES;
    let parser = Parser::new_ext(&masked, opts);
    let defs: HashMap<String, Span> = parser
        .reference_definitions()
        .iter()
        .map(|(label, def)| (label.to_lowercase(), def_dest_span(text, def.span.clone(), &def.dest)))
        .collect();
    let mut links = Vec::new();
    let mut headings = Vec::new();
    let mut anchors = Vec::new();
    let mut open_links: Vec<(LinkKind, String, Option<String>, usize, String, usize)> = Vec::new();
    let mut heading: Option<(u8, Option<String>, usize, String)> = None;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            }) => {
                let kind = match link_type {
                    LinkType::Inline => LinkKind::Inline,
                    LinkType::Autolink | LinkType::Email => LinkKind::Autolink,
                    _ => LinkKind::Reference,
                };
                let refid = (!id.is_empty()).then(|| id.to_lowercase());
                open_links.push((
                    kind,
                    dest_url.to_string(),
                    refid,
                    range.start,
                    String::new(),
                    range.start + 1,
                ));
            }
            Event::End(TagEnd::Link) => {
                if let Some((kind, target, refid, start, text_acc, inner_end)) = open_links.pop() {
                    let mut end = range.end;
                    if kind == LinkKind::Reference && text.get(end..).is_some_and(|r| r.starts_with("[]")) {
                        end += 2;
                    }
                    let target_span = match (&kind, &refid) {
                        (LinkKind::Reference, Some(id)) => defs.get(id).copied(),
                        (LinkKind::Reference, None) => defs.get(&text_acc.to_lowercase()).copied(),
                        _ => inline_dest_span(text, inner_end, end, &target),
                    };
                    links.push(Link {
                        kind,
                        target,
                        target_span,
                        text: text_acc,
                        span: Span::new(start, end),
                    });
                }
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((level_num(level), id.map(|i| i.to_string()), range.start, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((depth, id, start, text_acc)) = heading.take() {
                    let explicit = id.is_some();
                    let mut anchor = id.unwrap_or_else(|| slug(&text_acc));
                    if !explicit {
                        let n = seen.entry(anchor.clone()).or_insert(0);
                        if *n > 0 {
                            anchor = format!("{anchor}-{n}");
                        }
                        *n += 1;
                    }
                    let span = Span::new(
                        start,
                        range.end - usize::from(text.get(..range.end).is_some_and(|t| t.ends_with('\n'))),
                    );
                    anchors.push(Anchor {
                        id: anchor.clone(),
                        span,
                        source: if explicit {
                            AnchorSource::HeadingId
                        } else {
                            AnchorSource::HeadingSlug
                        },
                    });
                    headings.push(Heading {
                        depth,
                        text: text_acc,
                        span,
                        text_span: span,
                        anchor,
                        explicit_id: explicit,
                        parent: None,
                        section: span,
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(l) = open_links.last_mut() {
                    l.4.push_str(&t);
                    l.5 = l.5.max(range.end);
                }
                if let Some(h) = heading.as_mut() {
                    h.3.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(l) = open_links.last_mut() {
                    l.4.push(' ');
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                for c in HREF.captures_iter(&h) {
                    let m = c.get(1).unwrap();
                    links.push(Link {
                        kind: LinkKind::Html,
                        target: m.as_str().to_owned(),
                        target_span: Some(Span::new(range.start + m.start(), range.start + m.end())),
                        text: String::new(),
                        span: Span::new(range.start, range.end),
                    });
                }
                for c in ID.captures_iter(&h) {
                    let m = c.get(1).unwrap();
                    anchors.push(Anchor {
                        id: m.as_str().to_owned(),
                        span: Span::new(range.start + m.start(), range.start + m.end()),
                        source: AnchorSource::Html,
                    });
                }
            }
            _ => {}
        }
    }
    links.sort_by_key(|l| (l.span.start, l.span.end));
    Page {
        path: Arc::from(path),
        source: Arc::from(text),
        front_matter: FrontMatter::default(),
        headings,
        levels: Vec::new(),
        tables: Vec::new(),
        links,
        anchors,
        prose: Vec::new(),
        directives: Vec::new(),
        problems: Vec::new(),
    }
}

fn mask_front_matter(text: &str) -> String {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text.to_owned();
    };
    match rest.find("\n---\n") {
        Some(end) => {
            let len = 4 + end + 5;
            let blank: String = text[..len]
                .chars()
                .map(|c| {
                    if c == '\n' {
                        "\n".to_owned()
                    } else {
                        " ".repeat(c.len_utf8())
                    }
                })
                .collect();
            format!("{blank}{}", &text[len..])
        }
        None => text.to_owned(),
    }
}

fn level_num(level: HeadingLevel) -> u8 {
    level as u8
}

/// kramdown's auto id (what Middleman gave the GitLab handbook): leading non-letters dropped, then
/// everything but ASCII letters, digits, spaces and dashes; spaces become dashes; lower case.
pub fn slug(text: &str) -> String {
    let trimmed = text.trim_start_matches(|c: char| !c.is_ascii_alphabetic());
    trimmed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-')
        .map(|c| if c == ' ' { '-' } else { c.to_ascii_lowercase() })
        .collect()
}

fn inline_dest_span(text: &str, inner_end: usize, end: usize, dest: &str) -> Option<Span> {
    let slice = text.get(inner_end..end)?;
    let open = slice.find("](")? + 2;
    let after = slice.get(open..)?;
    let ws = after.len() - after.trim_start().len();
    let mut start = inner_end + open + ws;
    if text.get(start..)?.starts_with('<') {
        start += 1;
    }
    (text.get(start..start + dest.len())? == dest).then(|| Span::new(start, start + dest.len()))
}

fn def_dest_span(text: &str, span: std::ops::Range<usize>, dest: &str) -> Span {
    let slice = text.get(span.clone()).unwrap_or_default();
    match slice.find("]:").and_then(|i| slice.get(i..)?.find(dest).map(|j| i + j)) {
        Some(at) => Span::new(span.start + at, span.start + at + dest.len()),
        None => Span::new(span.start, span.end),
    }
}
