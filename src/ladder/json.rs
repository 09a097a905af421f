//! `rolelint ladder --format json`: one object per level (the CSV's columns and more) plus the
//! reporting graph, described by `grammar/ladder.schema.json`.

use super::{Finding, OutlierClass, Report, Track};
use serde::Serialize;

#[derive(Serialize)]
struct Out<'r> {
    version: u32,
    levels: Vec<Row<'r>>,
    reporting: Vec<Edge<'r>>,
}

#[derive(Serialize)]
struct Row<'r> {
    family: &'r str,
    division: &'r str,
    page: &'r str,
    line: u32,
    level: &'r str,
    level_name: Option<&'r str>,
    track: Option<Track>,
    ladder: &'r str,
    grade: Option<u8>,
    grade_source: Option<&'r str>,
    reports_to: Option<&'r str>,
    href: &'r str,
    outliers: Vec<Mark<'r>>,
    findings: Vec<&'r Finding>,
}

#[derive(Serialize)]
struct Mark<'r> {
    class: OutlierClass,
    finding: Option<&'r Finding>,
}

#[derive(Serialize)]
struct Edge<'r> {
    manager: &'r str,
    known: bool,
    unknown_manager: bool,
    manager_page: Option<&'r str>,
    manager_level: Option<&'r str>,
    finding: Option<&'r Finding>,
    reports: Vec<Direct<'r>>,
}

#[derive(Serialize)]
struct Direct<'r> {
    family: &'r str,
    page: &'r str,
    level: &'r str,
}

/// Renders the report as pretty JSON (with a final newline).
pub fn render(report: &Report) -> String {
    let find = |i: Option<usize>| i.and_then(|i| report.findings.get(i));
    let at = |(fi, li): (usize, usize)| report.families.get(fi).and_then(|f| f.levels.get(li).map(|l| (f, l)));
    let out = Out {
        version: report.version,
        levels: report
            .levels()
            .map(|(f, l)| Row {
                family: &f.name,
                division: &f.division,
                page: &f.page,
                line: l.line,
                level: &l.level,
                level_name: l.level_name.as_deref(),
                track: l.track,
                ladder: &l.ladder,
                grade: l.grade,
                grade_source: l.grade_source.as_deref(),
                reports_to: l.reports_to.as_deref(),
                href: &l.href,
                outliers: l
                    .outliers
                    .iter()
                    .map(|o| Mark {
                        class: o.class,
                        finding: find(o.finding),
                    })
                    .collect(),
                findings: l.findings.iter().filter_map(|&i| report.findings.get(i)).collect(),
            })
            .collect(),
        reporting: report
            .reporting
            .iter()
            .map(|m| {
                let known = m.level.and_then(at);
                let family = m.family.and_then(|fi| report.families.get(fi));
                Edge {
                    manager: &m.title,
                    known: known.is_some() || family.is_some(),
                    unknown_manager: m.finding.is_some(),
                    manager_page: known.map(|(f, _)| f.page.as_str()).or(family.map(|f| f.page.as_str())),
                    manager_level: known.map(|(_, l)| l.level.as_str()),
                    finding: find(m.finding),
                    reports: m
                        .reports
                        .iter()
                        .filter_map(|&r| at(r))
                        .map(|(f, l)| Direct {
                            family: &f.name,
                            page: &f.page,
                            level: &l.level,
                        })
                        .collect(),
                }
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
