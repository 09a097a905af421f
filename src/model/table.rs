//! GFM tables with cell spans.

use crate::span::Span;
use serde::Serialize;

/// A GFM table.
#[derive(Clone, Debug, Serialize)]
pub struct Table {
    /// The whole table.
    pub span: Span,
    /// The header row.
    pub header: Row,
    /// The body rows.
    pub rows: Vec<Row>,
    /// Index of the heading whose section holds the table.
    pub heading: Option<usize>,
}

/// One table row.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// The row line, without its newline.
    pub span: Span,
    /// Its cells.
    pub cells: Vec<Cell>,
}

/// One table cell.
#[derive(Clone, Debug, Serialize)]
pub struct Cell {
    /// The cell's plain text, trimmed (markup removed, link targets left out).
    pub text: String,
    /// The cell's content as written, trimmed of padding.
    pub span: Span,
    /// Indices into `Page::links` of the links inside the cell.
    pub links: Vec<usize>,
}
