//! `[ladder] csv = "grades.csv"`: grade-ladder rows from a CSV export of a job-levels sheet (the
//! 2026 "Job Description Library" keeps grades in such a sheet, not on the pages).
//!
//! The first line names the columns, in any order and case:
//! - `grade` (required): the grade, a whole number from 0 to 99;
//! - `title`: a level title, matched whole and case-insensitively ("Staff Widget Analyst");
//! - `level`: a level name (`staff`, `senior-manager`, "Senior Manager", `vp` …);
//! - `ladder`: the ladder the row extends (`default` when empty or absent);
//! - `family`: the job family, shown in messages.
//!
//! Each row needs a `title` or a `level`. Other columns (a sheet's notes, job codes) are ignored;
//! blank lines are skipped. Fields may be quoted (`"Manager, Widgets"`, `""` for a quote), but a
//! quoted field may not span lines. Every error names the file and line.

use super::Origin;
use super::error::Error;
use super::ladder::Ladder;
use super::ladder::Row;
use crate::model::LevelName;
use crate::span::Span;
use std::sync::Arc;

/// One row read from the sheet, for the ladder it names.
pub struct CsvRow {
    /// The ladder it extends.
    pub ladder: String,
    /// Its line in the sheet.
    pub line: Span,
    /// The row.
    pub row: Row,
}

/// Reads the rows of a ladder sheet; `file` is the path as the user wrote it, for messages.
pub fn parse(file: &str, text: &str) -> Result<Vec<CsvRow>, Error> {
    let text: Arc<str> = Arc::from(text.strip_prefix('\u{feff}').unwrap_or(text));
    let mut lines = text.split_inclusive('\n').scan(0usize, |offset, line| {
        let start = *offset;
        *offset += line.len();
        Some((start, line.trim_end_matches(['\n', '\r'])))
    });
    let err = |start: usize, len: usize, key: &str, message: String| {
        Error::at(file, &text, Span::new(start, start + len), key, message)
    };
    let Some((header_start, header)) = lines.find(|(_, l)| !l.trim().is_empty()) else {
        return Err(Error::file(
            file,
            "the ladder sheet is empty: its first line must name the columns (`title`, `level`, `grade`, …)",
        ));
    };
    let names: Vec<String> = fields(header)
        .map_err(|m| err(header_start, header.len(), "header", m))?
        .into_iter()
        .map(|f| f.trim().to_lowercase())
        .collect();
    let column = |name: &str| names.iter().position(|n| n == name);
    let Some(grade_col) = column("grade") else {
        return Err(err(
            header_start,
            header.len(),
            "header",
            "the first line names no `grade` column".into(),
        ));
    };
    let (title_col, level_col) = (column("title"), column("level"));
    if title_col.is_none() && level_col.is_none() {
        return Err(err(
            header_start,
            header.len(),
            "header",
            "the first line names neither a `title` nor a `level` column".into(),
        ));
    }
    let (ladder_col, family_col) = (column("ladder"), column("family"));
    let mut out = Vec::new();
    for (start, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let cells = fields(line).map_err(|m| err(start, line.len(), "row", m))?;
        let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).map(|c| c.trim()).filter(|c| !c.is_empty());
        let raw_grade = cell(Some(grade_col)).unwrap_or_default();
        let grade: u8 = raw_grade.parse().ok().filter(|g| *g <= 99).ok_or_else(|| {
            err(
                start,
                line.len(),
                "grade",
                format!("`{raw_grade}` is not a grade: expected a whole number from 0 to 99"),
            )
        })?;
        let level = cell(level_col)
            .map(|l| level_name(l).ok_or_else(|| err(start, line.len(), "level", format!("`{l}` is not a level name (intern, junior, intermediate, senior, staff, principal, …, manager, senior-manager, director, senior-director, vp, senior-vp, evp, chief)"))))
            .transpose()?;
        let title = cell(title_col)
            .map(|t| {
                regex::Regex::new(&format!("(?i)^\\s*{}\\s*$", regex::escape(t)))
                    .map(super::pattern::Pattern::compiled)
                    .map_err(|e| err(start, line.len(), "title", format!("cannot match the title `{t}`: {e}")))
            })
            .transpose()?;
        if level.is_none() && title.is_none() {
            return Err(err(
                start,
                line.len(),
                "row",
                "the row gives neither a `title` nor a `level`".into(),
            ));
        }
        let origin = Origin {
            file: file.to_owned(),
            line: u32::try_from(text.get(..start).map_or(0, |t| t.matches('\n').count()) + 1).unwrap_or(u32::MAX),
        };
        out.push(CsvRow {
            ladder: cell(ladder_col).unwrap_or("default").to_owned(),
            line: Span::new(start, start + line.len()),
            row: Row {
                level,
                title,
                family: cell(family_col).map(str::to_owned),
                grade,
                origin,
            },
        });
    }
    Ok(out)
}

/// Reads a ladder sheet and puts its rows first in the ladders they name (a name no ladder has is
/// an error), in the sheet's order.
pub fn load(ladder: &mut Ladder, file: &str, text: &str) -> Result<(), Error> {
    let rows = parse(file, text)?;
    let text: Arc<str> = Arc::from(text.strip_prefix('\u{feff}').unwrap_or(text));
    for row in rows.into_iter().rev() {
        let Some(table) = ladder.ladders.iter_mut().find(|t| t.name == row.ladder) else {
            let known: Vec<&str> = ladder.ladders.iter().map(|t| t.name.as_str()).collect();
            return Err(Error::at(
                file,
                &text,
                row.line,
                "ladder",
                format!("no ladder is named `{}` (known: {})", row.ladder, known.join(", ")),
            ));
        };
        table.rows.insert(0, row.row);
    }
    Ok(())
}

/// A level name as a sheet may write it: `senior-manager`, "Senior Manager", `VP`.
fn level_name(text: &str) -> Option<LevelName> {
    let key = text.trim().to_lowercase().replace([' ', '_'], "-");
    serde_json::from_value(serde_json::Value::String(key)).ok()
}

/// The fields of one CSV line.
fn fields(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if at_start => quoted = true,
            ',' if !quoted => {
                out.push(std::mem::take(&mut field));
                at_start = true;
                continue;
            }
            _ => field.push(c),
        }
        at_start = false;
    }
    if quoted {
        return Err("a quoted field is not closed on its line".into());
    }
    out.push(field);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_with_quotes_and_extra_columns() {
        let rows = parse(
            "grades.csv",
            "Title,Level,Grade,Notes\n\"Manager, Widgets\",,9,\"said \"\"yes\"\"\"\n,Senior Manager,9,\n",
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows[0].row.title.as_ref().unwrap().is_match("manager, widgets"));
        assert_eq!(rows[1].row.level, Some(LevelName::SeniorManager));
        assert_eq!(rows[1].row.origin.line, 3);
        assert_eq!(rows[0].ladder, "default");
    }

    #[test]
    fn errors_name_the_line() {
        for (text, line, needle) in [
            ("title,grade\nStaff Widget Analyst,nine\n", 2, "not a grade"),
            ("title,level,grade\n,boss,9\n", 2, "not a level name"),
            ("title,grade\n,9\n", 2, "neither"),
            ("title,level\nA,staff\n", 1, "no `grade` column"),
            ("title,grade\n\"Staff Widget Analyst,9\n", 2, "not closed"),
        ] {
            let e = parse("grades.csv", text).err().unwrap();
            let shown = format!("{e}");
            assert!(shown.contains(needle), "{shown}");
            assert!(shown.starts_with(&format!("grades.csv:{line}:")), "{shown}");
        }
    }
}
