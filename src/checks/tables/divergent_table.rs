//! `divergent-table`: copies of one table on different pages that disagree cell by cell.

use super::canonical::Canonical;
use super::copies::{self, CellValue, CopyGroup, collapse_whitespace};
use super::excerpt::excerpt;
use crate::checks::{Check, CheckMeta, Cx};
use crate::declare_check;
use crate::diagnostic::{Applicability, Fix, Related};
use crate::model::{Cell, Handbook, LinkKind, Page, Table};

declare_check! {
    /// ## What it does
    /// Finds tables that are copied onto several pages (the same header row, and most body cells
    /// equal) and reports every cell where the copies disagree, in its text or in a link target.
    /// Each finding points at the other copies' cell.
    ///
    /// With two copies neither is right by default, so the cell is reported on both pages. With
    /// three or more copies the cells that differ from the majority are reported, naming it
    /// ("2 of 3 copies have …"). A copy named canonical in the configuration always wins.
    ///
    /// ## Why is this bad?
    /// A table pasted onto several pages is meant to say the same thing everywhere. When one copy
    /// is edited and the others are not, readers get different answers (a wrong link, an old
    /// wording) depending on which page they land on.
    ///
    /// ## Example
    /// `team.md`:
    /// ```markdown
    /// | Area | Owner |
    /// | --- | --- |
    /// | Billing | [Payments team](/teams/payments/) |
    /// | Search | Discovery team |
    /// ```
    /// `family.md`:
    /// ```markdown
    /// | Area | Owner |
    /// | --- | --- |
    /// | Billing | [Payments team](/teams/billing/) |
    /// | Search | Discovery team |
    /// ```
    ///
    /// Use instead (both pages):
    /// ```markdown
    /// | Area | Owner |
    /// | --- | --- |
    /// | Billing | [Payments team](/teams/payments/) |
    /// | Search | Discovery team |
    /// ```
    ///
    /// ## Options
    /// - `[options.divergent-table] canonical = ["team.md"]` in `rolelint.toml`: globs naming pages whose
    ///   copies are right; the other copies are reported and fixed to match them.
    ///
    /// ## Fix safety
    /// With a majority or a canonical copy, `--fix` replaces the differing cell's content with the
    /// other copy's content as written. The fix is unsafe when that content holds a reference-style
    /// link or a relative link, which may not resolve the same way on another page. With two copies
    /// and no canonical copy there is no fix.
    pub struct DivergentTable { id: "divergent-table", family: Tables, severity: Error,
        summary: "copies of one table on different pages disagree", fixable: true }
}

impl Check for DivergentTable {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn check_handbook(&self, handbook: &Handbook, cx: &mut Cx<'_>) {
        let canonical = Canonical::new(&cx.policy.canonical_tables);
        for group in copies::find(handbook) {
            check_group(handbook, &group, &canonical, cx);
        }
    }
}

/// One copy's cell at one position of a copy group.
struct CopyCell<'h> {
    page: &'h Page,
    table: &'h Table,
    row: usize,
    column: usize,
    cell: &'h Cell,
    value: CellValue,
    canonical: bool,
}

impl CopyCell<'_> {
    /// The cell as written, whitespace collapsed: what messages quote.
    fn written(&self) -> String {
        collapse_whitespace(self.page.text(self.cell.span))
    }
}

/// Who is right at one position.
enum Verdict<'c, 'h> {
    /// The canonical copies agree on this value.
    Canonical(Vec<&'c CopyCell<'h>>),
    /// More than half the copies agree on this value.
    Majority(Vec<&'c CopyCell<'h>>),
    /// Nobody: two copies, or no value held by more than half.
    Split,
}

fn check_group(handbook: &Handbook, group: &CopyGroup, canonical: &Canonical, cx: &mut Cx<'_>) {
    let Some((pivot, _)) = group.members.first() else {
        return;
    };
    let Some((_, pivot_table)) = copies::table_at(handbook, *pivot) else {
        return;
    };
    for pivot_row in 0..pivot_table.rows.len() {
        for column in 0..pivot_table.header.cells.len() {
            let cells = cells_at(handbook, group, pivot_row, column, canonical);
            check_position(&cells, cx);
        }
    }
}

/// Every copy's cell aligned with the pivot's cell at `(pivot_row, column)`.
fn cells_at<'h>(
    handbook: &'h Handbook,
    group: &CopyGroup,
    pivot_row: usize,
    column: usize,
    canonical: &Canonical,
) -> Vec<CopyCell<'h>> {
    let mut cells: Vec<CopyCell<'h>> = group
        .members
        .iter()
        .filter_map(|(at, pairs)| {
            let (page, table) = copies::table_at(handbook, *at)?;
            let row = pairs.iter().find(|(p, _)| *p == pivot_row)?.1;
            let cell = table.rows.get(row)?.cells.get(column)?;
            Some(CopyCell {
                page,
                table,
                row,
                column,
                cell,
                value: CellValue::strict(page, cell),
                canonical: canonical.contains(&page.path),
            })
        })
        .collect();
    // Page order, so the copy quoted and copied from does not depend on which copy is the pivot.
    cells.sort_by(|a, b| (&a.page.path, a.cell.span).cmp(&(&b.page.path, b.cell.span)));
    cells
}

fn check_position(cells: &[CopyCell<'_>], cx: &mut Cx<'_>) {
    let Some(first) = cells.first() else {
        return;
    };
    if cells.len() < 2 || cells.iter().all(|c| c.value == first.value) {
        return;
    }
    let (right, is_canonical) = match verdict(cells) {
        Verdict::Split => {
            for cell in cells {
                report_split(cell, cells, cx);
            }
            return;
        }
        Verdict::Canonical(right) => (right, true),
        Verdict::Majority(right) => (right, false),
    };
    let Some(model) = model(&right) else { return };
    for cell in cells.iter().filter(|c| c.value != model.value) {
        report_wrong(cell, model, &right, is_canonical, cells.len(), cx);
    }
}

/// The copy a fix copies from: the most common way of writing the right value, preferring a cell
/// written without stray spacing, then page order.
fn model<'c, 'h>(right: &[&'c CopyCell<'h>]) -> Option<&'c CopyCell<'h>> {
    let written: Vec<String> = right.iter().map(|c| c.written()).collect();
    let rank = |i: usize| {
        let same = written.iter().filter(|w| Some(*w) == written.get(i)).count();
        let tidy = right
            .get(i)
            .is_some_and(|c| written.get(i).is_some_and(|w| c.page.text(c.cell.span) == w));
        (same, tidy, std::cmp::Reverse(i))
    };
    (0..right.len())
        .max_by_key(|&i| rank(i))
        .and_then(|i| right.get(i).copied())
}

fn verdict<'c, 'h>(cells: &'c [CopyCell<'h>]) -> Verdict<'c, 'h> {
    let canon: Vec<&CopyCell<'_>> = cells.iter().filter(|c| c.canonical).collect();
    if let Some(first) = canon.first()
        && canon.iter().all(|c| c.value == first.value)
    {
        return Verdict::Canonical(canon);
    }
    if cells.len() >= 3 {
        for candidate in cells {
            let agreeing: Vec<&CopyCell<'_>> = cells.iter().filter(|c| c.value == candidate.value).collect();
            if agreeing.len() * 2 > cells.len() {
                return Verdict::Majority(agreeing);
            }
        }
    }
    Verdict::Split
}

/// Reports a cell that differs from the canonical copy or the majority, with a fix.
fn report_wrong(
    cell: &CopyCell<'_>,
    model: &CopyCell<'_>,
    right: &[&CopyCell<'_>],
    is_canonical: bool,
    copies: usize,
    cx: &mut Cx<'_>,
) {
    let mine = cell.written();
    let quote = excerpt(&mine, &model.written());
    let message = if is_canonical {
        format!(
            "table cell differs from the canonical copy in {}, which has `{quote}`",
            model.page.path
        )
    } else {
        format!(
            "table cell differs from the other copies: {} of {copies} copies have `{quote}`",
            right.len()
        )
    };
    let whose = if is_canonical {
        "the canonical copy"
    } else {
        "this copy"
    };
    let related: Vec<Related> = right
        .iter()
        .map(|r| Related {
            path: r.page.path.clone(),
            span: r.cell.span,
            message: format!("{whose} has `{}`", excerpt(&mine, &r.written())),
        })
        .collect();
    let replacement = model.page.text(model.cell.span).to_owned();
    let mut fix = Fix::replace(
        cell.cell.span,
        replacement,
        format!(
            "replace the cell with the {} `{quote}`",
            if is_canonical { "canonical copy's" } else { "majority's" }
        ),
    );
    if !portable(model.page, model.cell) {
        fix.applicability = Applicability::Unsafe;
    }
    let help = if is_canonical {
        "make this copy match the canonical one (`--fix` does it)"
    } else {
        "make this copy match the majority (`--fix` does it), or name the canonical copy in rolelint.toml"
    };
    emit(cell, message, related, help.to_owned(), Some(fix), cx);
}

/// Reports a cell of a position where no copy is known to be right: every copy gets one.
fn report_split(cell: &CopyCell<'_>, cells: &[CopyCell<'_>], cx: &mut Cx<'_>) {
    let mine = cell.written();
    let others: Vec<&CopyCell<'_>> = cells.iter().filter(|c| c.value != cell.value).collect();
    let Some(other) = others.first() else { return };
    let message = if cells.len() == 2 {
        format!(
            "table cell differs from its copy in {}, which has `{}`",
            other.page.path,
            excerpt(&mine, &other.written())
        )
    } else {
        let mut values: Vec<&CellValue> = cells.iter().map(|c| &c.value).collect();
        values.sort();
        values.dedup();
        format!(
            "table cell differs from its other copies, and no value has a majority ({} values in {} copies)",
            values.len(),
            cells.len()
        )
    };
    let whose = if cells.len() == 2 {
        "the other copy"
    } else {
        "this copy"
    };
    let related = others
        .iter()
        .map(|o| Related {
            path: o.page.path.clone(),
            span: o.cell.span,
            message: format!("{whose} has `{}`", excerpt(&mine, &o.written())),
        })
        .collect();
    let help = format!(
        "make the copies agree, or name the right one in rolelint.toml \
         (`[options.divergent-table] canonical = [\"{}\"]`) so `--fix` can rewrite the others",
        super::canonical::suggested_glob(&other.page.path)
    );
    emit(cell, message, related, help, None, cx);
}

fn emit(
    cell: &CopyCell<'_>,
    message: String,
    mut related: Vec<Related>,
    help: String,
    fix: Option<Fix>,
    cx: &mut Cx<'_>,
) {
    related.sort_by(|a, b| (&a.path, a.span).cmp(&(&b.path, b.span)));
    let column = header_text(cell.table, cell.column);
    let label = format!("row {}, column `{column}`", cell.row + 1);
    let key = format!(
        "table={};row={};col={column}",
        cell.table
            .header
            .cells
            .iter()
            .map(|c| collapse_whitespace(&c.text))
            .collect::<Vec<_>>()
            .join("|"),
        row_name(cell),
    );
    let diagnostic = cx.report(&DivergentTable::META, &cell.page.path, cell.cell.span, message);
    diagnostic.label = Some(label);
    diagnostic.related = related;
    diagnostic.help = Some(help);
    diagnostic.fix = fix;
    diagnostic.key = key;
}

fn header_text(table: &Table, column: usize) -> String {
    table
        .header
        .cells
        .get(column)
        .map(|c| collapse_whitespace(&c.text))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| format!("#{}", column + 1))
}

/// The row's first cell text, or its 1-based number when that cell is empty.
fn row_name(cell: &CopyCell<'_>) -> String {
    cell.table
        .rows
        .get(cell.row)
        .and_then(|r| r.cells.first())
        .map(|c| collapse_whitespace(&c.text))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| format!("#{}", cell.row + 1))
}

/// True when the cell's content means the same on any page: no reference-style links (their
/// definitions live elsewhere on the page) and only absolute link targets.
fn portable(page: &Page, cell: &Cell) -> bool {
    cell.links.iter().filter_map(|&i| page.links.get(i)).all(|link| {
        let target = link.target.trim();
        link.kind != LinkKind::Reference && (target.starts_with('/') || target.contains(':'))
    })
}
