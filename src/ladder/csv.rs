//! `rolelint ladder --format csv`: one row per level, for spreadsheets (RFC 4180, CRLF rows).

use super::Report;

/// The header row; the columns are a contract for spreadsheets built on the export.
pub const HEADER: &str = "family,page,level,level_name,track,ladder,grade,grade_source,reports_to,findings";

/// Renders the report as CSV.
pub fn render(report: &Report) -> String {
    let mut out = String::with_capacity(256 * report.families.len().max(1));
    out.push_str(HEADER);
    out.push_str("\r\n");
    for (family, level) in report.levels() {
        let findings: Vec<String> = level
            .findings
            .iter()
            .filter_map(|&i| report.findings.get(i))
            .map(|f| format!("{} {}:{} {}", f.rule, f.line, f.column, f.message))
            .collect();
        let grade = level.grade.map(|g| g.to_string()).unwrap_or_default();
        let fields = [
            family.name.as_str(),
            family.page.as_str(),
            level.level.as_str(),
            level.level_name.as_deref().unwrap_or_default(),
            level.track.map(|t| t.as_str()).unwrap_or_default(),
            level.ladder.as_str(),
            grade.as_str(),
            level.grade_source.as_deref().unwrap_or_default(),
            level.reports_to.as_deref().unwrap_or_default(),
            &findings.join(" | "),
        ];
        let cells: Vec<String> = fields.iter().map(|f| cell(f)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// One field: quoted when it holds a separator, quote or line break; a leading `=`, `+`, `-`, `@`
/// or tab gets a `'` first so a spreadsheet shows the text instead of evaluating it as a formula.
fn cell(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) || guarded.trim() != guarded {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_quoted_and_guarded() {
        assert_eq!(cell("Widget Engineer"), "Widget Engineer");
        assert_eq!(cell("Manager, Widgets"), "\"Manager, Widgets\"");
        assert_eq!(cell("the \"lead\""), "\"the \"\"lead\"\"\"");
        assert_eq!(cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(cell(""), "");
    }
}
