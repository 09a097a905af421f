//! `--format markdown`: one Markdown note for a merge request (GitLab or GitHub comment).
//!
//! A heading with the counts, a line of counts per rule, then one table per page (repository
//! paths, sorted) with severity, rule (linked to its documentation), line:column and message.
//! Cells are escaped so a message never breaks the table; past [`MAX_ROWS`] findings the note
//! says how many it left out, so it stays well within a note's size limit.

use super::{Reporter, SourceMap, Summary, ordered, rule_url};
use crate::Run;
use crate::diagnostic::{Diagnostic, Severity};
use std::collections::BTreeMap;
use std::io;

/// The Markdown note.
#[derive(Clone, Copy, Debug, Default)]
pub struct Markdown;

/// Findings listed before the note says "and N more".
pub const MAX_ROWS: usize = 500;

impl Reporter for Markdown {
    fn report(&self, run: &Run, out: &mut dyn io::Write) -> io::Result<()> {
        let sources = SourceMap::new(run);
        let summary = Summary::of(run);
        writeln!(out, "### rolelint\n")?;
        writeln!(out, "{}\n", cell(&summary.sentence()))?;
        let findings = ordered(run);
        let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
        for d in &findings {
            *by_rule.entry(&d.rule).or_default() += 1;
        }
        if !by_rule.is_empty() {
            let counts: Vec<String> = by_rule
                .iter()
                .map(|(rule, n)| format!("[`{rule}`]({}) {n}", rule_url(rule)))
                .collect();
            writeln!(out, "By rule: {}\n", counts.join(" · "))?;
        }
        let mut by_file: BTreeMap<String, Vec<&Diagnostic>> = BTreeMap::new();
        for d in findings.iter().take(MAX_ROWS) {
            by_file.entry(sources.repo(&d.path)).or_default().push(d);
        }
        for (path, list) in &by_file {
            writeln!(out, "#### `{}` ({})\n", path.replace('`', "'"), counts(list))?;
            writeln!(out, "| Severity | Rule | Line | Message |")?;
            writeln!(out, "| --- | --- | --- | --- |")?;
            for d in list {
                let (start, _) = sources.locate(&d.path, d.span);
                writeln!(
                    out,
                    "| {} | [`{}`]({}) | {}:{} | {} |",
                    d.severity.as_str(),
                    d.rule,
                    rule_url(&d.rule),
                    start.line,
                    start.column,
                    cell(&d.message)
                )?;
            }
            writeln!(out)?;
        }
        if findings.len() > MAX_ROWS {
            writeln!(
                out,
                "… and {} more findings, in the job's full report.\n",
                findings.len() - MAX_ROWS
            )?;
        }
        if !run.errors.is_empty() {
            writeln!(out, "#### Files that could not be read\n")?;
            for e in &run.errors {
                writeln!(out, "- `{}`: {}", sources.repo(&e.path), cell(&e.kind.to_string()))?;
            }
            writeln!(out)?;
        }
        Ok(())
    }
}

/// `2 errors, 1 warning` for the findings of one page.
fn counts(list: &[&Diagnostic]) -> String {
    let n = |s: Severity| list.iter().filter(|d| d.severity == s).count();
    let parts: Vec<String> = [
        (n(Severity::Error), "error", "errors"),
        (n(Severity::Warning), "warning", "warnings"),
        (n(Severity::Info), "info", "infos"),
    ]
    .into_iter()
    .filter(|(k, _, _)| *k > 0)
    .map(|(k, one, many)| format!("{k} {}", if k == 1 { one } else { many }))
    .collect();
    parts.join(", ")
}

/// Text safe inside a table cell: one line, `|` escaped, HTML tags not interpreted.
fn cell(text: &str) -> String {
    super::concise::one_line(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_stay_cells() {
        assert_eq!(cell("a | b\nc <br> & d"), "a \\| b c &lt;br&gt; &amp; d");
    }
}
