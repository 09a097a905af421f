//! A test-only stand-in for the parser: builds pages whose `tables` and `links` come straight from
//! pulldown-cmark, so `divergent-table` can be developed before `src/parse` fills them.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use rolelint::model::{Cell, FrontMatter, Link, LinkKind, Page, Row, Table};
use rolelint::span::Span;
use std::ops::Range;
use std::sync::Arc;

/// Parses `text` at `path` into a page with tables and links only.
pub fn page(path: &str, text: &str) -> Page {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut tables = Vec::new();
    let mut links: Vec<Link> = Vec::new();
    let mut table: Option<Table> = None;
    let mut row: Option<Row> = None;
    let mut cell: Option<(Range<usize>, String, Vec<usize>)> = None;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Table(_)) => {
                table = Some(Table {
                    span: range.into(),
                    header: Row {
                        span: Span::default(),
                        cells: Vec::new(),
                    },
                    rows: Vec::new(),
                    heading: None,
                });
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                row = Some(Row {
                    span: trim_line_end(text, range),
                    cells: Vec::new(),
                });
            }
            Event::Start(Tag::TableCell) => cell = Some((range, String::new(), Vec::new())),
            Event::Start(Tag::Link {
                link_type, dest_url, ..
            }) => {
                let kind = match link_type {
                    LinkType::Inline => LinkKind::Inline,
                    LinkType::Autolink | LinkType::Email => LinkKind::Autolink,
                    _ => LinkKind::Reference,
                };
                if let Some((_, _, cell_links)) = cell.as_mut() {
                    cell_links.push(links.len());
                }
                links.push(Link {
                    kind,
                    target: dest_url.to_string(),
                    target_span: None,
                    text: String::new(),
                    span: range.into(),
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, buf, _)) = cell.as_mut() {
                    buf.push_str(&t);
                }
            }
            Event::InlineHtml(_) | Event::SoftBreak | Event::HardBreak => {
                if let Some((_, buf, _)) = cell.as_mut() {
                    buf.push(' ');
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let (Some((range, buf, cell_links)), Some(row)) = (cell.take(), row.as_mut()) {
                    row.cells.push(Cell {
                        text: buf.trim().to_owned(),
                        span: trim_padding(text, range),
                        links: cell_links,
                    });
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let (Some(row), Some(table)) = (row.take(), table.as_mut()) {
                    table.header = row;
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let (Some(row), Some(table)) = (row.take(), table.as_mut()) {
                    table.rows.push(row);
                }
            }
            Event::End(TagEnd::Table) => tables.extend(table.take()),
            _ => {}
        }
    }
    Page {
        path: Arc::from(path),
        source: Arc::from(text),
        front_matter: FrontMatter::default(),
        headings: Vec::new(),
        levels: Vec::new(),
        tables,
        links,
        anchors: Vec::new(),
        prose: Vec::new(),
        directives: Vec::new(),
        problems: Vec::new(),
    }
}

fn trim_line_end(text: &str, range: Range<usize>) -> Span {
    let slice = text.get(range.clone()).unwrap_or_default();
    Span::new(range.start, range.start + slice.trim_end_matches(['\r', '\n']).len())
}

fn trim_padding(text: &str, range: Range<usize>) -> Span {
    let slice = text.get(range.clone()).unwrap_or_default();
    let lead = slice.len() - slice.trim_start_matches([' ', '\t']).len();
    let content = slice.trim_matches([' ', '\t']);
    Span::new(range.start + lead, range.start + lead + content.len())
}
