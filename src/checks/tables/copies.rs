//! Finding the copies of one table across pages: header keys, cell values, row alignment, grouping.
//!
//! Two tables are copies when their header rows are equal (case, whitespace and markup ignored),
//! they sit on different pages, and at least [`MIN_EQUAL_CELLS`] and [`MIN_EQUAL_SHARE`] of their
//! body cells are equal once rows are aligned. Generic tables (`| Level | Grade |`) share headers
//! but few cells, so they stay apart.

use crate::model::{Cell, Handbook, Page, Table};
use foldhash::HashMap;
use foldhash::HashMapExt;
use std::collections::BTreeMap;

/// Fewer equal body cells than this never make two tables copies (tiny tables say too little).
pub const MIN_EQUAL_CELLS: usize = 2;

/// The share of body cells (of the larger table) that must be equal, as a ratio (3/5 = 60 %).
pub const MIN_EQUAL_SHARE: (usize, usize) = (3, 5);

/// One table of the handbook, by page and table index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TableRef {
    /// Index into `Handbook::pages`.
    pub page: usize,
    /// Index into that page's `tables`.
    pub table: usize,
}

/// What a cell is compared on: its plain text and the targets of its links.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellValue {
    /// Plain text, whitespace collapsed (and lowercased for the loose value).
    pub text: String,
    /// Link targets in order, trailing `/` removed.
    pub targets: Vec<String>,
}

impl CellValue {
    /// The value a divergence is judged on: exact text (whitespace collapsed) and link targets.
    pub fn strict(page: &Page, cell: &Cell) -> Self {
        CellValue {
            text: collapse_whitespace(&cell.text),
            targets: cell
                .links
                .iter()
                .filter_map(|&i| page.links.get(i))
                .map(|l| normalise_target(&l.target))
                .collect(),
        }
    }

    /// The value copies are recognised on: like [`CellValue::strict`], but case-insensitive.
    fn loose(page: &Page, cell: &Cell) -> Self {
        let mut value = Self::strict(page, cell);
        value.text = value.text.to_lowercase();
        value
    }
}

/// Copies of one table: the pivot every other copy is aligned to, then the other copies.
#[derive(Clone, Debug)]
pub struct CopyGroup {
    /// Every copy, pivot first, each with its row alignment `(pivot row, own row)`.
    pub members: Vec<(TableRef, Vec<(usize, usize)>)>,
}

/// The table `at` points to.
pub fn table_at(handbook: &Handbook, at: TableRef) -> Option<(&Page, &Table)> {
    let page = handbook.pages.get(at.page)?;
    Some((page, page.tables.get(at.table)?))
}

/// The header key tables are grouped by: header cells lowercased, whitespace collapsed, joined by `|`.
pub fn header_key(table: &Table) -> String {
    table
        .header
        .cells
        .iter()
        .map(|c| collapse_whitespace(&c.text).to_lowercase())
        .collect::<Vec<_>>()
        .join("|")
}

/// Every group of two or more copies in the handbook, in page order.
pub fn find(handbook: &Handbook) -> Vec<CopyGroup> {
    let mut by_header: BTreeMap<String, Vec<TableRef>> = BTreeMap::new();
    for (p, page) in handbook.pages.iter().enumerate() {
        for (t, table) in page.tables.iter().enumerate() {
            if table.rows.is_empty() || table.header.cells.is_empty() {
                continue;
            }
            by_header
                .entry(header_key(table))
                .or_default()
                .push(TableRef { page: p, table: t });
        }
    }
    let mut groups: Vec<CopyGroup> = by_header
        .values()
        .filter(|tables| tables.len() > 1)
        .flat_map(|tables| group_bucket(handbook, tables))
        .collect();
    groups.sort_by_key(|g| g.members.iter().map(|m| m.0).min());
    groups
}

/// How well two tables match once aligned.
#[derive(Clone, Debug)]
struct Match {
    pairs: Vec<(usize, usize)>,
    equal: usize,
}

impl Match {
    fn is_copy(&self, total: usize) -> bool {
        let (num, den) = MIN_EQUAL_SHARE;
        self.equal >= MIN_EQUAL_CELLS && self.equal * den >= total * num
    }
}

/// Splits tables sharing one header into copy groups: connected components of the "is a copy"
/// relation, each cut down to the copies of its best-connected member (so chains A~B~C where A and
/// C differ too much do not compare A with C).
fn group_bucket(handbook: &Handbook, tables: &[TableRef]) -> Vec<CopyGroup> {
    let resolved: Vec<(&Page, &Table)> = tables.iter().filter_map(|&t| table_at(handbook, t)).collect();
    if resolved.len() != tables.len() {
        return Vec::new();
    }
    let n = tables.len();
    // Every pair of tables is compared, on values computed once per table; tables whose values
    // are equal compare alike, so a table pasted unchanged into many pages costs one comparison
    // per other content, not one per copy.
    let bodies: Vec<Body> = resolved.iter().map(|&t| Body::of(t)).collect();
    let mut first_alike: HashMap<&Body, usize> = HashMap::new();
    let class: Vec<usize> = bodies
        .iter()
        .enumerate()
        .map(|(i, b)| *first_alike.entry(b).or_insert(i))
        .collect();
    let mut compared: HashMap<(usize, usize), Match> = HashMap::new();
    let mut matches: HashMap<(usize, usize), Match> = HashMap::new();
    let mut parent: Vec<usize> = (0..n).collect();
    for i in 0..n {
        for j in (i + 1)..n {
            if tables[i].page == tables[j].page {
                continue;
            }
            let (Some(&ci), Some(&cj), Some(a), Some(b)) = (class.get(i), class.get(j), bodies.get(i), bodies.get(j))
            else {
                continue;
            };
            let m = compared.entry((ci, cj)).or_insert_with(|| compare(a, b));
            if m.is_copy(a.cells.max(b.cells)) {
                let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                parent[rj] = ri;
                matches.insert((i, j), m.clone());
            }
        }
    }
    let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        let r = root(&mut parent, i);
        components.entry(r).or_default().push(i);
    }
    let mut groups = Vec::new();
    for members in components.values().filter(|m| m.len() > 1) {
        let score = |i: usize| -> usize {
            members
                .iter()
                .filter_map(|&j| matches.get(&(i.min(j), i.max(j))))
                .map(|m| m.equal)
                .sum()
        };
        // Highest score wins; on a tie the earliest table (members are in page order).
        let Some(&pivot) = members.iter().rev().max_by_key(|&&i| score(i)) else {
            continue;
        };
        let pivot_rows = resolved[pivot].1.rows.len();
        let mut group = vec![(tables[pivot], (0..pivot_rows).map(|r| (r, r)).collect())];
        for &other in members.iter().filter(|&&j| j != pivot) {
            let pairs = match matches.get(&(pivot.min(other), pivot.max(other))) {
                Some(m) if pivot < other => m.pairs.clone(),
                Some(m) => m.pairs.iter().map(|&(a, b)| (b, a)).collect(),
                None => continue,
            };
            group.push((tables[other], pairs));
        }
        if group.len() > 1 {
            groups.push(CopyGroup { members: group });
        }
    }
    groups
}

fn root(parent: &mut [usize], mut i: usize) -> usize {
    while let Some(&p) = parent.get(i) {
        if p == i {
            break;
        }
        let grand = parent.get(p).copied().unwrap_or(p);
        if let Some(slot) = parent.get_mut(i) {
            *slot = grand;
        }
        i = p;
    }
    i
}

/// A table's body as copies are recognised on: each row's loose cell values, and their number.
#[derive(PartialEq, Eq, Hash)]
struct Body {
    rows: Vec<Vec<CellValue>>,
    cells: usize,
}

impl Body {
    fn of((page, table): (&Page, &Table)) -> Self {
        let rows: Vec<Vec<CellValue>> = table
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| CellValue::loose(page, c)).collect())
            .collect();
        Body {
            cells: rows.iter().map(Vec::len).sum(),
            rows,
        }
    }
}

/// Aligns the rows of `a` and `b` and counts equal body cells. Rows pair up by index when both
/// tables have as many rows, or by their first cell's text when that pairs more equal cells (a row
/// was inserted or removed).
fn compare(a: &Body, b: &Body) -> Match {
    let by_first = first_cell_pairs(a, b);
    let by_first = Match {
        equal: equal_cells(a, b, &by_first),
        pairs: by_first,
    };
    if a.rows.len() != b.rows.len() {
        return by_first;
    }
    let by_index: Vec<(usize, usize)> = (0..a.rows.len()).map(|r| (r, r)).collect();
    let by_index = Match {
        equal: equal_cells(a, b, &by_index),
        pairs: by_index,
    };
    if by_first.equal > by_index.equal {
        by_first
    } else {
        by_index
    }
}

/// Pairs rows whose first cell's (loose) value is non-empty and unique in both tables.
fn first_cell_pairs(a: &Body, b: &Body) -> Vec<(usize, usize)> {
    let in_b = unique_firsts(b);
    let mut pairs: Vec<(usize, usize)> = unique_firsts(a)
        .into_iter()
        .filter_map(|(value, ra)| Some((ra?, in_b.get(value).copied().flatten()?)))
        .collect();
    pairs.sort_unstable();
    pairs
}

/// Each non-empty first-cell value of `body`, with its row when no other row starts with it.
fn unique_firsts(body: &Body) -> HashMap<&CellValue, Option<usize>> {
    let mut seen: HashMap<&CellValue, Option<usize>> = HashMap::new();
    for (r, row) in body.rows.iter().enumerate() {
        let Some(value) = row.first() else { continue };
        if value.text.is_empty() && value.targets.is_empty() {
            continue;
        }
        seen.entry(value).and_modify(|slot| *slot = None).or_insert(Some(r));
    }
    seen
}

fn equal_cells(a: &Body, b: &Body, pairs: &[(usize, usize)]) -> usize {
    pairs
        .iter()
        .filter_map(|&(ra, rb)| Some((a.rows.get(ra)?, b.rows.get(rb)?)))
        .map(|(x, y)| x.iter().zip(y).filter(|(cx, cy)| cx == cy).count())
        .sum()
}

/// Collapses runs of whitespace to one space and trims.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A link target as compared: trimmed, without a trailing `/` (`/a/` and `/a` name one page).
fn normalise_target(target: &str) -> String {
    let target = target.trim();
    match target.strip_suffix('/') {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => target.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_ignore_one_trailing_slash() {
        assert_eq!(normalise_target(" /a/b/ "), "/a/b");
        assert_eq!(normalise_target("/"), "/");
        assert_eq!(collapse_whitespace("  a \t b\n"), "a b");
    }

    fn page(path: &str, text: &str) -> Page {
        crate::parse::parse(&crate::read::SourceFile::from_text(path, text, false))
    }

    #[test]
    fn copies_pasted_unchanged_group_with_an_edited_one_and_a_second_copy_on_one_page() {
        let table = "| Level | Grade |\n|---|---|\n| Junior | 5 |\n| Intermediate | 6 |\n| Senior | 7 |\n";
        let edited = table.replace("| 7 |", "| 8 |");
        let mut pages: Vec<Page> = (0..5)
            .map(|i| page(&format!("p{i}.md"), &format!("# P{i}\n\n{table}")))
            .collect();
        pages[2] = page("p2.md", &format!("# P2\n\n{table}\nAgain:\n\n{table}"));
        pages.push(page("p5.md", &format!("# P5\n\n{edited}")));
        let handbook = Handbook::new(pages);
        let groups = find(&handbook);
        assert_eq!(groups.len(), 1);
        let members: Vec<(usize, usize)> = groups[0].members.iter().map(|(t, _)| (t.page, t.table)).collect();
        assert_eq!(members, [(0, 0), (1, 0), (2, 0), (2, 1), (3, 0), (4, 0), (5, 0)]);
        for (_, pairs) in &groups[0].members {
            assert_eq!(pairs, &[(0, 0), (1, 1), (2, 2)]);
        }
    }

    #[test]
    fn root_follows_parents() {
        let mut parent = vec![0, 0, 1, 3];
        assert_eq!(root(&mut parent, 2), 0);
        assert_eq!(root(&mut parent, 3), 3);
    }
}
