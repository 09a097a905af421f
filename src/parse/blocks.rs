//! Markdown body → headings, tables, links, prose runs and text blocks, from pulldown-cmark's offset
//! iterator. One pass over the events with explicit stacks (no recursion), so nesting depth costs nothing.

use super::inline::{Masks, prose_pieces};
use super::plain::PlainText;
use crate::model::{Cell, Heading, Link, LinkKind, ProseRun, Row, Table};
use crate::span::Span;
use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

/// What kind of block a run of text came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph outside lists.
    Paragraph,
    /// A list item (its paragraphs merged), at this list depth (1 = top level).
    Item(usize),
    /// A table cell.
    Cell,
    /// A heading.
    Heading,
}

/// A block's plain text, for the sentence parsers.
#[derive(Debug)]
pub struct TextBlock {
    /// Where it came from.
    pub kind: BlockKind,
    /// The whole block.
    pub span: Span,
    /// Its text and source map.
    pub plain: PlainText,
}

/// Everything the event walk finds; level detection reads it next.
#[derive(Debug, Default)]
pub struct Doc {
    /// Headings without anchors, parents and sections (filled in by `outline`).
    pub headings: Vec<Heading>,
    /// Explicit `{#id}` per heading.
    pub heading_ids: Vec<Option<String>>,
    /// Tables.
    pub tables: Vec<Table>,
    /// Markdown links (HTML links are added later).
    pub links: Vec<Link>,
    /// Prose runs.
    pub prose: Vec<ProseRun>,
    /// Paragraphs, list items, cells and headings as plain text.
    pub blocks: Vec<TextBlock>,
    /// Ranges of code spans and code blocks.
    pub code: Vec<Span>,
    /// Ranges of raw HTML events.
    pub html: Vec<Span>,
    /// List items, marker to end.
    pub list_items: Vec<Span>,
}

struct HeadingBuild {
    depth: u8,
    span: Span,
    id: Option<String>,
}

struct LinkBuild {
    kind: LinkKind,
    target: String,
    span: Span,
    text: String,
    refdef: Option<Span>,
}

struct Open {
    kind: BlockKind,
    span: Span,
    plain: PlainText,
}

/// The pulldown-cmark options rolelint reads pages with.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
}

fn trim_end(text: &str, span: Span) -> Span {
    let s = text.get(span.range()).unwrap_or_default();
    Span::new(span.start as usize, span.start as usize + s.trim_end().len())
}

fn trim_both(text: &str, span: Span) -> Span {
    let s = text.get(span.range()).unwrap_or_default();
    let lead = s.len() - s.trim_start().len();
    Span::new(
        span.start as usize + lead,
        span.start as usize + s.trim_end().len().max(lead),
    )
}

/// Walks the Markdown in `text[body_start..]`; every span is into `text`.
pub fn walk(text: &str, body_start: usize, masks: &Masks) -> Doc {
    let body = text.get(body_start..).unwrap_or_default();
    let parser = Parser::new_ext(body, options());
    let refdefs: Vec<(String, Span)> = parser
        .reference_definitions()
        .iter()
        .map(|(label, def)| (label.to_lowercase(), Span::from(def.span.clone()).shifted(body_start)))
        .collect();
    let mut doc = Doc::default();
    let mut opens: Vec<Open> = Vec::new();
    let mut heading: Option<HeadingBuild> = None;
    let mut links: Vec<LinkBuild> = Vec::new();
    let mut table: Option<Table> = None;
    let mut row: Option<Row> = None;
    let mut cell_links: Vec<usize> = Vec::new();
    let mut code_depth = 0usize;
    let mut soft_break: Option<Span> = None;
    let mut list_depth = 0usize;

    for (event, range) in parser.into_offset_iter() {
        let span = Span::from(range).shifted(body_start);
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, id, .. } => {
                    heading = Some(HeadingBuild {
                        depth: level as u8,
                        span: trim_end(text, span),
                        id: id.map(|i| i.to_string()),
                    });
                    opens.push(Open {
                        kind: BlockKind::Heading,
                        span: trim_end(text, span),
                        plain: PlainText::for_source(span.len()),
                    });
                }
                Tag::Paragraph => {
                    if !matches!(opens.last(), Some(o) if matches!(o.kind, BlockKind::Item(_))) {
                        opens.push(Open {
                            kind: BlockKind::Paragraph,
                            span: trim_end(text, span),
                            plain: PlainText::for_source(span.len()),
                        });
                    } else if let Some(o) = opens.last_mut()
                        && !o.plain.is_empty()
                    {
                        o.plain.push(" ", span.start as usize, span.start as usize, false);
                    }
                }
                Tag::List(_) => list_depth += 1,
                Tag::Item => {
                    doc.list_items.push(trim_end(text, span));
                    opens.push(Open {
                        kind: BlockKind::Item(list_depth),
                        span: trim_end(text, span),
                        plain: PlainText::default(),
                    })
                }
                Tag::CodeBlock(_) => {
                    code_depth += 1;
                    doc.code.push(span);
                }
                Tag::Table(_) => {
                    table = Some(Table {
                        span: trim_end(text, span),
                        header: Row {
                            span: Span::default(),
                            cells: Vec::new(),
                        },
                        rows: Vec::new(),
                        heading: doc.headings.len().checked_sub(1),
                    })
                }
                Tag::TableHead | Tag::TableRow => {
                    row = Some(Row {
                        span: trim_end(text, span),
                        cells: Vec::new(),
                    })
                }
                Tag::TableCell => {
                    cell_links.clear();
                    opens.push(Open {
                        kind: BlockKind::Cell,
                        span: trim_both(text, span),
                        plain: PlainText::for_source(span.len()),
                    });
                }
                Tag::Link {
                    link_type,
                    dest_url,
                    id,
                    ..
                } => {
                    links.push(start_link(text, span, link_type, &dest_url, &id, &refdefs));
                }
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Heading(_) => {
                    let plain = opens.pop().map(|o| o.plain).unwrap_or_default();
                    if let Some(h) = heading.take() {
                        let text_span = if plain.is_empty() {
                            h.span
                        } else {
                            plain.source_span(0, plain.text.len())
                        };
                        doc.headings.push(Heading {
                            depth: h.depth,
                            text: plain.text.trim().to_string(),
                            span: h.span,
                            text_span,
                            anchor: String::new(),
                            explicit_id: h.id.is_some(),
                            parent: None,
                            section: h.span,
                            level: None,
                        });
                        doc.heading_ids.push(h.id);
                        doc.blocks.push(TextBlock {
                            kind: BlockKind::Heading,
                            span: h.span,
                            plain,
                        });
                    }
                }
                TagEnd::Paragraph => {
                    if matches!(opens.last(), Some(o) if o.kind == BlockKind::Paragraph)
                        && let Some(o) = opens.pop()
                        && !o.plain.is_empty()
                    {
                        doc.blocks.push(TextBlock {
                            kind: o.kind,
                            span: o.span,
                            plain: o.plain,
                        });
                    }
                }
                TagEnd::List(_) => list_depth = list_depth.saturating_sub(1),
                TagEnd::Item => {
                    if let Some(o) = opens.pop()
                        && !o.plain.is_empty()
                    {
                        doc.blocks.push(TextBlock {
                            kind: o.kind,
                            span: o.span,
                            plain: o.plain,
                        });
                    }
                }
                TagEnd::CodeBlock => code_depth = code_depth.saturating_sub(1),
                TagEnd::TableCell => {
                    let o = opens.pop();
                    if let Some(r) = row.as_mut() {
                        let (cell_span, plain) = o.map(|o| (o.span, o.plain)).unwrap_or_default();
                        r.cells.push(Cell {
                            text: plain.text.trim().to_string(),
                            span: cell_span,
                            links: std::mem::take(&mut cell_links),
                        });
                        if !plain.is_empty() {
                            doc.blocks.push(TextBlock {
                                kind: BlockKind::Cell,
                                span: cell_span,
                                plain,
                            });
                        }
                    }
                }
                TagEnd::TableHead => {
                    if let (Some(t), Some(r)) = (table.as_mut(), row.take()) {
                        t.header = r;
                    }
                }
                TagEnd::TableRow => {
                    if let (Some(t), Some(r)) = (table.as_mut(), row.take()) {
                        t.rows.push(r);
                    }
                }
                TagEnd::Table => doc.tables.extend(table.take()),
                TagEnd::Link => {
                    if let Some(l) = links.pop() {
                        let target_span = target_span(text, &l);
                        let index = doc.links.len();
                        doc.links.push(Link {
                            kind: l.kind,
                            target: l.target,
                            target_span,
                            text: l.text.trim().to_string(),
                            span: l.span,
                        });
                        if opens.iter().any(|o| o.kind == BlockKind::Cell) {
                            cell_links.push(index);
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                if code_depth > 0 {
                    continue;
                }
                let exact = text.get(span.range()) == Some(&*t);
                add_text(&mut opens, &mut links, &t, span, exact);
                let in_autolink = links.iter().any(|l| l.kind == LinkKind::Autolink);
                if exact && !in_autolink {
                    prose_pieces(text, span, masks, |piece| {
                        push_prose(&mut doc.prose, text, piece, soft_break.take());
                    });
                }
                soft_break = None;
            }
            Event::Code(t) => {
                doc.code.push(span);
                let inner = code_inner(text, span, &t);
                add_text(&mut opens, &mut links, &t, inner, inner.len() == t.len());
            }
            Event::SoftBreak => {
                add_text(&mut opens, &mut links, " ", span, false);
                soft_break = Some(span);
            }
            Event::HardBreak => add_text(&mut opens, &mut links, " ", span, false),
            Event::Html(_) | Event::InlineHtml(_) => doc.html.push(span),
            _ => {}
        }
    }
    doc
}

/// Adds a prose piece, joining it to the previous run when only a soft line break separates them,
/// so that checks reading words in order (a word repeated across a line break) see one run.
fn push_prose(prose: &mut Vec<ProseRun>, text: &str, piece: Span, soft_break: Option<Span>) {
    if let (Some(last), Some(brk)) = (prose.last_mut(), soft_break) {
        let between = text.get(last.span.end as usize..piece.start as usize).unwrap_or("x");
        let joins = last.span.end <= brk.start
            && piece.start >= brk.end
            && between.chars().all(char::is_whitespace)
            && between.matches('\n').count() == 1;
        if joins {
            // The run's text is its span's source, so only the part added is copied: copying the
            // whole run again at every line break is quadratic in the paragraph's length.
            match text.get(last.span.end as usize..piece.end as usize) {
                Some(added) if last.text.len() == last.span.len() => {
                    last.text.push_str(added);
                    last.span = Span::new(last.span.start as usize, piece.end as usize);
                }
                _ => {
                    last.span = Span::new(last.span.start as usize, piece.end as usize);
                    last.text = text.get(last.span.range()).unwrap_or_default().to_string();
                }
            }
            return;
        }
    }
    prose.push(ProseRun {
        text: text.get(piece.range()).unwrap_or_default().to_string(),
        span: piece,
    });
}

fn add_text(opens: &mut [Open], links: &mut [LinkBuild], t: &str, span: Span, exact: bool) {
    if let Some(o) = opens.last_mut() {
        o.plain.push(t, span.start as usize, span.end as usize, exact);
    }
    if let Some(l) = links.last_mut() {
        l.text.push_str(t);
    }
}

/// The span of a code span's content (backticks and padding excluded) when it can be found.
fn code_inner(text: &str, span: Span, content: &CowStr<'_>) -> Span {
    let s = text.get(span.range()).unwrap_or_default();
    match s.find(&**content) {
        Some(i) if !content.is_empty() => Span::new(span.start as usize + i, span.start as usize + i + content.len()),
        _ => span,
    }
}

fn start_link(
    text: &str,
    span: Span,
    link_type: LinkType,
    dest: &str,
    id: &str,
    refdefs: &[(String, Span)],
) -> LinkBuild {
    let mut span = span;
    if matches!(link_type, LinkType::Collapsed | LinkType::CollapsedUnknown)
        && text.get(span.end as usize..).is_some_and(|r| r.starts_with("[]"))
    {
        // pulldown-cmark leaves the `[]` of a collapsed reference out of the range.
        span = Span::new(span.start as usize, span.end as usize + 2);
    }
    let kind = match link_type {
        LinkType::Inline => LinkKind::Inline,
        LinkType::Autolink | LinkType::Email => LinkKind::Autolink,
        _ => LinkKind::Reference,
    };
    let refdef = if kind == LinkKind::Reference {
        let label = if id.is_empty() {
            text.get(span.range()).unwrap_or_default().trim_matches(['[', ']'])
        } else {
            id
        };
        let label = label.to_lowercase();
        refdefs.iter().find(|(l, _)| *l == label).map(|(_, s)| *s)
    } else {
        None
    };
    LinkBuild {
        kind,
        target: dest.to_string(),
        span,
        text: String::new(),
        refdef,
    }
}

/// Where the destination is written: inside the link for inline links and autolinks, in the
/// reference definition for reference links.
fn target_span(text: &str, l: &LinkBuild) -> Option<Span> {
    if l.target.is_empty() {
        return None;
    }
    let (area, base) = match l.kind {
        LinkKind::Reference => {
            let def = l.refdef?;
            let s = text.get(def.range())?;
            let after_label = s.find("]:").map_or(0, |i| i + 2);
            (s.get(after_label..)?, def.start as usize + after_label)
        }
        LinkKind::Inline => {
            let s = text.get(l.span.range())?;
            let open = s.rfind("](").map_or(0, |i| i + 2);
            (s.get(open..)?, l.span.start as usize + open)
        }
        LinkKind::Autolink | LinkKind::Html => (text.get(l.span.range())?, l.span.start as usize),
    };
    // Usually the area opens with the target; `find` builds a searcher for every link otherwise.
    let i = if area.starts_with(l.target.as_str()) {
        0
    } else {
        area.find(l.target.as_str())?
    };
    Some(Span::new(base + i, base + i + l.target.len()))
}
