//! `rolelint ladder --format html`: one self-contained page (inline CSS and script, no network)
//! with a grade matrix per ladder, the reporting lines and the findings the outlier marks link to.

use super::{Family, LevelRow, OutlierClass, Report, Track};
use std::collections::BTreeSet;
use std::fmt::Write as _;

const CSS: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

/// Renders the report as one HTML document.
pub fn render(report: &Report) -> String {
    let mut out = String::with_capacity(4096 + 600 * report.levels().count());
    let levels = report.levels().count();
    let outliers = report.levels().filter(|(_, l)| !l.outliers.is_empty()).count();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"rolelint {}\">\n<title>Job architecture: {} families, {} levels</title>\n\
         <style>\n{CSS}</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the matrices</a>\n\
         <header>\n<h1>Job architecture</h1>\n<p>{} job families, {levels} levels, \
         <strong>{outliers}</strong> levels marked as outliers. Rows are job families grouped by division; \
         columns are grades.</p>\n</header>\n",
        env!("CARGO_PKG_VERSION"),
        report.families.len(),
        levels,
        report.families.len(),
    );
    filters(&mut out, report);
    legend(&mut out);
    out.push_str("<main id=\"main\">\n");
    for ladder in report.ladder_names() {
        matrix(&mut out, report, ladder);
    }
    reporting(&mut out, report);
    findings(&mut out, report);
    let _ = write!(out, "</main>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n");
    out
}

fn filters(out: &mut String, report: &Report) {
    let divisions: BTreeSet<&str> = report.families.iter().map(|f| f.division.as_str()).collect();
    out.push_str(
        "<form class=\"filters\" role=\"search\" aria-label=\"Filter the report\" onsubmit=\"return false\">\n\
         <label>Division <select id=\"f-division\"><option value=\"\">all</option>",
    );
    for d in divisions {
        let _ = write!(out, "<option>{}</option>", esc(d));
    }
    out.push_str(
        "</select></label>\n<label>Track <select id=\"f-track\"><option value=\"\">all</option>\
         <option value=\"ic\">individual contributor</option><option value=\"management\">management</option></select></label>\n\
         <label><input type=\"checkbox\" id=\"f-outliers\"> only outliers</label>\n\
         <label>Search <input type=\"search\" id=\"f-search\" placeholder=\"title, family, manager\" autocomplete=\"off\"></label>\n\
         <output id=\"f-count\" aria-live=\"polite\"></output>\n</form>\n",
    );
}

fn legend(out: &mut String) {
    out.push_str(
        "<section class=\"legend\" aria-labelledby=\"legend-h\">\n<h2 id=\"legend-h\">Legend</h2>\n<ul>\n\
         <li><span class=\"lvl ic\"><span class=\"badge\">IC</span> individual contributor</span></li>\n\
         <li><span class=\"lvl management\"><span class=\"badge\">M</span> management</span></li>\n\
         <li><span class=\"lvl\"><span class=\"badge\">·</span> track not named by the title</span></li>\n",
    );
    for class in OutlierClass::ALL {
        let _ = writeln!(
            out,
            "<li><span class=\"mark {}\" aria-hidden=\"true\">{}</span> {}</li>",
            class.as_str(),
            class.symbol(),
            class.describe()
        );
    }
    out.push_str("</ul>\n<p>Each mark links to its finding; each level links to its page.</p>\n</section>\n");
}

fn matrix(out: &mut String, report: &Report, ladder: &str) {
    let in_ladder = |l: &&LevelRow| l.ladder == ladder;
    let grades: BTreeSet<u8> = report
        .levels()
        .filter(|(_, l)| l.ladder == ladder)
        .filter_map(|(_, l)| l.grade)
        .collect();
    let columns: Vec<u8> = match (grades.first(), grades.last()) {
        (Some(&lo), Some(&hi)) => (lo..=hi).collect(),
        _ => Vec::new(),
    };
    let ungraded = report.levels().any(|(_, l)| l.ladder == ladder && l.grade.is_none());
    let id = format!("ladder-{}", slug(ladder));
    let _ = write!(
        out,
        "<section class=\"ladder\" aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">Ladder <q>{}</q></h2>\n\
         <div class=\"scroll\" role=\"region\" aria-labelledby=\"{id}\" tabindex=\"0\">\n\
         <table class=\"matrix\" data-ladder=\"{}\">\n<caption>Grades of the <q>{}</q> ladder by job family</caption>\n\
         <thead><tr><th scope=\"col\">Job family</th>",
        esc(ladder),
        esc(ladder),
        esc(ladder)
    );
    for g in &columns {
        let _ = write!(out, "<th scope=\"col\" data-grade=\"{g}\">Grade {g}</th>");
    }
    if ungraded {
        out.push_str("<th scope=\"col\" data-grade=\"none\">No grade</th>");
    }
    out.push_str("</tr></thead>\n");
    let width = columns.len() + usize::from(ungraded) + 1;
    let mut division: Option<&str> = None;
    for family in &report.families {
        let levels: Vec<&LevelRow> = family.levels.iter().filter(in_ladder).collect();
        if levels.is_empty() {
            continue;
        }
        if division != Some(family.division.as_str()) {
            if division.is_some() {
                out.push_str("</tbody>\n");
            }
            division = Some(&family.division);
            let _ = writeln!(
                out,
                "<tbody data-division=\"{0}\"><tr class=\"division\"><th scope=\"rowgroup\" colspan=\"{width}\">{0}</th></tr>",
                esc(&family.division)
            );
        }
        family_row(out, report, family, &levels, &columns, ungraded);
    }
    if division.is_some() {
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n</div>\n</section>\n");
}

fn family_row(
    out: &mut String,
    report: &Report,
    family: &Family,
    levels: &[&LevelRow],
    columns: &[u8],
    ungraded: bool,
) {
    let outlier = levels.iter().any(|l| !l.outliers.is_empty());
    let tracks: BTreeSet<&str> = levels.iter().map(|l| track_name(l.track)).collect();
    let mut search = family.name.to_lowercase();
    for l in levels {
        search.push('\n');
        search.push_str(&l.level.to_lowercase());
        if let Some(r) = &l.reports_to {
            search.push('\n');
            search.push_str(&r.to_lowercase());
        }
    }
    let not_rising = levels
        .iter()
        .any(|l| l.outliers.iter().any(|o| o.class == OutlierClass::NotRising));
    let _ = write!(
        out,
        "<tr class=\"family{}\" data-division=\"{}\" data-tracks=\"{}\" data-search=\"{}\">\
         <th scope=\"row\"><a href=\"{}\">{}</a>{}<small>{}</small></th>",
        if outlier { " has-outlier" } else { "" },
        esc(&family.division),
        tracks.into_iter().collect::<Vec<_>>().join(" "),
        esc(&search),
        esc(&family.href),
        esc(&family.name),
        if not_rising {
            " <span class=\"flag not-rising\">grades do not rise</span>"
        } else {
            ""
        },
        esc(&family.page),
    );
    let cells = columns.iter().map(Some).chain(ungraded.then_some(None));
    for column in cells {
        let here: Vec<&&LevelRow> = levels.iter().filter(|l| l.grade.as_ref() == column).collect();
        let label = column.map_or_else(|| "none".to_owned(), u8::to_string);
        if here.is_empty() {
            let _ = write!(out, "<td data-grade=\"{label}\"></td>");
            continue;
        }
        let _ = write!(out, "<td data-grade=\"{label}\"><ul>");
        for level in here {
            level_item(out, report, level);
        }
        out.push_str("</ul></td>");
    }
    out.push_str("</tr>\n");
}

fn level_item(out: &mut String, report: &Report, level: &LevelRow) {
    let track = track_name(level.track);
    let badge = match level.track {
        Some(Track::Ic) => "IC",
        Some(Track::Management) => "M",
        None => "·",
    };
    let mut title = String::new();
    if let Some(r) = &level.reports_to {
        let _ = write!(title, "reports to {r}");
    } else {
        title.push_str("no reporting line stated");
    }
    if let Some(source) = &level.grade_source {
        let _ = write!(title, "; grade from {source}");
    }
    let _ = write!(
        out,
        "<li class=\"lvl {track}{}\" data-track=\"{track}\" data-level=\"{}\">\
         <span class=\"badge\" title=\"{}\">{badge}</span> <a href=\"{}\" title=\"{}\">{}</a>",
        if level.outliers.is_empty() { "" } else { " outlier" },
        esc(&level.level),
        match level.track {
            Some(Track::Ic) => "individual contributor",
            Some(Track::Management) => "management",
            None => "track not named by the title",
        },
        esc(&level.href),
        esc(&title),
        esc(&level.level),
    );
    for o in &level.outliers {
        let finding = o.finding.and_then(|i| report.findings.get(i).map(|f| (i, f)));
        match finding {
            Some((i, f)) => {
                let _ = write!(
                    out,
                    " <a class=\"mark {}\" href=\"#f-{i}\" title=\"{}: [{}] {} ({}:{})\">{}<span class=\"sr\"> {}</span></a>",
                    o.class.as_str(),
                    o.class.describe(),
                    esc(&f.rule),
                    esc(&f.message),
                    esc(&f.path),
                    f.line,
                    o.class.symbol(),
                    o.class.describe(),
                );
            }
            None => {
                let _ = write!(
                    out,
                    " <a class=\"mark {}\" href=\"{}\" title=\"{}: the page links to a sheet for the grade\">{}<span class=\"sr\"> {}</span></a>",
                    o.class.as_str(),
                    esc(&level.href),
                    o.class.describe(),
                    o.class.symbol(),
                    o.class.describe(),
                );
            }
        }
    }
    out.push_str("</li>");
}

fn reporting(out: &mut String, report: &Report) {
    let unknown = report
        .reporting
        .iter()
        .filter(|m| m.level.is_none() && m.family.is_none() && m.finding.is_some())
        .count();
    let _ = write!(
        out,
        "<section class=\"reporting\" aria-labelledby=\"reporting-h\">\n<h2 id=\"reporting-h\">Reporting lines</h2>\n\
         <p>{} managers named; <strong>{unknown}</strong> marked unknown: the title of no linted level or page (rule <code>unknown-manager</code>).</p>\n\
         <div class=\"scroll\" role=\"region\" aria-labelledby=\"reporting-h\" tabindex=\"0\">\n<table class=\"graph\">\n\
         <caption>Who reports to whom across families</caption>\n\
         <thead><tr><th scope=\"col\">Manager</th><th scope=\"col\">Manager's level</th><th scope=\"col\">Reports</th></tr></thead>\n<tbody>\n",
        report.reporting.len()
    );
    for m in &report.reporting {
        let known = m
            .level
            .and_then(|(fi, li)| report.families.get(fi).and_then(|f| f.levels.get(li).map(|l| (f, l))));
        let mut search = m.title.to_lowercase();
        let mut divisions = BTreeSet::new();
        let mut reports = String::new();
        for (f, l) in m
            .reports
            .iter()
            .filter_map(|&(fi, li)| report.families.get(fi).and_then(|f| f.levels.get(li).map(|l| (f, l))))
        {
            divisions.insert(f.division.as_str());
            search.push('\n');
            search.push_str(&l.level.to_lowercase());
            let _ = write!(
                reports,
                "<li data-track=\"{}\"><a href=\"{}\">{}</a> <small>({})</small></li>",
                track_name(l.track),
                esc(&l.href),
                esc(&l.level),
                esc(&f.name)
            );
        }
        let family = m.family.and_then(|fi| report.families.get(fi));
        let finding = m.finding.and_then(|i| report.findings.get(i).map(|f| (i, f)));
        let manager_cell = match (known, family, finding) {
            (Some((f, l)), _, _) => format!(
                "<a href=\"{}\">{}</a> <small>({})</small>",
                esc(&l.href),
                esc(&l.level),
                esc(&f.name)
            ),
            (None, Some(f), _) => format!(
                "<a href=\"{}\">{}</a> <small>(the page)</small>",
                esc(&f.href),
                esc(&f.name)
            ),
            (None, None, Some((i, f))) => format!(
                "<a class=\"mark unknown\" href=\"#f-{i}\" title=\"[{}] {}\">unknown manager</a>",
                esc(&f.rule),
                esc(&f.message)
            ),
            (None, None, None) => {
                "<small>not matched to one title (alternatives, or a title the linted pages do not define)</small>"
                    .to_owned()
            }
        };
        let marked = known.is_none() && family.is_none() && finding.is_some();
        let _ = writeln!(
            out,
            "<tr class=\"{}\" data-divisions=\"{}\" data-search=\"{}\"><th scope=\"row\">{}</th><td>{manager_cell}</td><td><ul>{reports}</ul></td></tr>",
            if marked { "manager has-outlier" } else { "manager" },
            esc(&divisions.into_iter().collect::<Vec<_>>().join("\n")),
            esc(&search),
            esc(&m.title),
        );
    }
    out.push_str("</tbody>\n</table>\n</div>\n</section>\n");
}

fn findings(out: &mut String, report: &Report) {
    let marked: BTreeSet<usize> = report
        .levels()
        .flat_map(|(_, l)| l.outliers.iter().filter_map(|o| o.finding))
        .chain(report.reporting.iter().filter_map(|m| m.finding))
        .collect();
    let _ = write!(
        out,
        "<section class=\"findings\" aria-labelledby=\"findings-h\">\n<h2 id=\"findings-h\">Findings behind the marks</h2>\n\
         <table>\n<caption>{} findings; <code>rolelint rule ID</code> explains each rule</caption>\n\
         <thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Finding</th><th scope=\"col\">Where</th></tr></thead>\n<tbody>\n",
        marked.len()
    );
    for i in marked {
        let Some(f) = report.findings.get(i) else { continue };
        let _ = writeln!(
            out,
            "<tr id=\"f-{i}\" class=\"{}\"><td><code>{}</code></td><td>{}</td><td><a href=\"{}\">{}:{}:{}</a></td></tr>",
            esc(&f.severity),
            esc(&f.rule),
            esc(&f.message),
            esc(&f.href),
            esc(&f.path),
            f.line,
            f.column
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn track_name(track: Option<Track>) -> &'static str {
    track.map_or("unknown", Track::as_str)
}

/// An id-safe form of a ladder name.
fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// Escapes text for HTML content and quoted attributes.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            esc("R&D <PMO> \"x\" 'y'"),
            "R&amp;D &lt;PMO&gt; &quot;x&quot; &#39;y&#39;"
        );
    }
}
