//! The ladder report in a real browser: headless Chromium renders the report of the seeds, the
//! 2022 and 2024 corpora, the made-up fixture and a 400-family handbook; the rendered DOM
//! (`--dump-dom`, after the page's script ran) is checked, and a screenshot of each is written
//! to `target/ladder/` for a person to look at.
//!
//! Ignored in a plain `cargo test` (it needs the Debian package `chromium`); `.ci/run` installs
//! it when missing and runs this with `--ignored`. By hand:
//! `cargo test --test ladder_browser -- --ignored --nocapture`.

#[path = "common/text.rs"]
mod text;
use text::between;
#[path = "common/families.rs"]
mod families;

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::time::Instant;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn out_dir() -> PathBuf {
    let dir = Path::new(ROOT).join("target/ladder");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes the HTML report of `paths` to `target/ladder/<name>.html`.
fn report(name: &str, paths: &[&Path]) -> PathBuf {
    let file = out_dir().join(format!("{name}.html"));
    let out = Command::cargo_bin("rolelint")
        .unwrap()
        .current_dir(ROOT)
        .arg("ladder")
        .args(paths)
        .arg("-o")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    file
}

/// Runs headless Chromium on `file` (with `fragment`), with the flags that keep it off the network.
fn chromium(file: &Path, fragment: &str, extra: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}{fragment}", file.display());
    let out = std::process::Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("chromium runs (apt-get install -y chromium)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn dump(file: &Path, fragment: &str) -> String {
    chromium(file, fragment, &["--dump-dom"])
}

fn screenshot(file: &Path, name: &str, size: &str) {
    let png = out_dir().join(format!("{name}.png"));
    let _ = std::fs::remove_file(&png);
    chromium(
        file,
        "",
        &[
            &format!("--screenshot={}", png.display()),
            &format!("--window-size={size}"),
        ],
    );
    let len = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
    assert!(len > 10_000, "{} is {len} bytes", png.display());
    eprintln!("screenshot: {}", png.display());
}

/// The grade columns of the matrix of `ladder`, and for the row of `family`, the levels in each
/// cell, paired with the column's header as the browser laid the table out.
fn row_by_column(dom: &str, ladder: &str, family: &str) -> Vec<(String, Vec<String>)> {
    let table = dom
        .split(&format!("<table class=\"matrix\" data-ladder=\"{ladder}\">"))
        .nth(1)
        .unwrap_or_else(|| panic!("no {ladder} matrix"))
        .split("</table>")
        .next()
        .unwrap();
    let head = table.split("</thead>").next().unwrap();
    let columns: Vec<String> = head
        .split("<th scope=\"col\"")
        .skip(2) // the text before the first header, and the family column
        .map(|h| h.split('>').nth(1).unwrap().split('<').next().unwrap().to_owned())
        .collect();
    let row = table
        .split("<tr ")
        .find(|r| r.contains(&format!(">{family}</a>")))
        .unwrap_or_else(|| panic!("no row {family}"));
    let cells: Vec<Vec<String>> = row
        .split("<td")
        .skip(1)
        .map(|cell| {
            cell.split("data-level=\"")
                .skip(1)
                .map(|l| l.split('"').next().unwrap().to_owned())
                .collect()
        })
        .collect();
    assert_eq!(cells.len(), columns.len(), "one cell per column in {family}");
    columns.into_iter().zip(cells).collect()
}

fn levels_in(row: &[(String, Vec<String>)], column: &str) -> Vec<String> {
    row.iter()
        .find(|(c, _)| c == column)
        .map(|(_, l)| l.clone())
        .unwrap_or_default()
}

#[test]
#[ignore = "needs headless Chromium (the Debian package `chromium`); .ci/run runs it"]
fn seeds_render_with_grades_in_their_columns() {
    let seeds = Path::new(ROOT).join("../shared/seeds");
    let file = report("seeds", &[&seeds]);
    let dom = dump(&file, "");
    let pm = row_by_column(&dom, "default", "Product Manager");
    assert_eq!(levels_in(&pm, "Grade 7"), ["Intermediate Product Manager"]);
    assert_eq!(levels_in(&pm, "Grade 8"), ["Senior Product Manager"]);
    assert_eq!(levels_in(&pm, "Grade 9"), ["Principal Product Manager"]);
    assert_eq!(levels_in(&pm, "Grade 10"), ["Senior Principal Product Manager"]);
    assert!(levels_in(&pm, "Grade 6").is_empty());
    let tpm = row_by_column(&dom, "default", "Technical Program Manager");
    assert_eq!(levels_in(&tpm, "Grade 6"), ["Technical Program Manager"]);
    assert_eq!(levels_in(&tpm, "Grade 7"), ["Senior Technical Program Manager"]);
    assert_eq!(levels_in(&tpm, "Grade 8"), ["Staff Technical Program Manager"]);
    assert!(levels_in(&tpm, "Grade 9").is_empty());
    let infra = row_by_column(
        &dom,
        "default",
        "Infrastructure Technical Program Management Leadership",
    );
    assert_eq!(
        levels_in(&infra, "Grade 9"),
        ["Senior Manager, Infrastructure Technical Program Management"]
    );
    assert_eq!(
        levels_in(&infra, "Grade 10"),
        ["Director, Infrastructure Technical Program Management"]
    );
    // The script ran: the counter was filled in.
    assert!(dom.contains("3 family rows"), "the filter script did not run");
    screenshot(&file, "seeds", "1400,1000");
}

#[test]
#[ignore = "needs headless Chromium (the Debian package `chromium`); .ci/run runs it"]
fn fixture_outlier_is_marked_and_links_to_its_finding() {
    let file = report("fixture", &[Path::new("fixtures/ladder")]);
    let dom = dump(&file, "");
    let item = between(&dom, "data-level=\"Senior Gizmo Engineer\"", "</li>");
    assert!(item.contains("class=\"mark off-ladder\""), "{item}");
    let target = between(item, "href=\"#", "\"");
    let row = between(&dom, &format!("id=\"{target}\""), "</tr>");
    assert!(row.contains("grade-mismatch"), "{row}");
    assert!(row.contains("gizmo-engineer.md:22:38"), "{row}");
    // Only outliers: the account executives' row (no outlier) is hidden, the gizmo row is not.
    let dom = dump(&file, "#outliers=1");
    let hidden = |family: &str| {
        dom.split("<tr ")
            .find(|r| r.contains(&format!(">{family}</a>")))
            .unwrap()
            .split('>')
            .next()
            .unwrap()
            .contains("hidden")
    };
    assert!(hidden("Gadget Account Executive"));
    assert!(!hidden("Gizmo Engineer"));
    // The track filter hides management levels but keeps the row of a family with IC levels.
    let dom = dump(&file, "#track=ic");
    let tag = |level: &str| {
        dom.split("<li ")
            .map(|t| t.split('>').next().unwrap())
            .find(|t| t.contains(&format!("data-level=\"{level}\"")))
            .unwrap()
            .to_owned()
    };
    assert!(
        tag("Gizmo Engineering Manager").contains("hidden"),
        "management level not hidden"
    );
    assert!(!tag("Senior Gizmo Engineer").contains("hidden"), "IC level hidden");
    screenshot(&file, "fixture", "1400,1400");
}

#[test]
#[ignore = "needs headless Chromium (the Debian package `chromium`); .ci/run runs it"]
fn corpora_render_and_are_captured() {
    let c2022 = Path::new(ROOT).join("../shared/corpus/www-gitlab-com-2022");
    let c2024 = Path::new(ROOT).join("../shared/corpus-2024");
    for (name, path) in [("corpus-2022", c2022), ("corpus-2024", c2024)] {
        let file = report(name, &[&path]);
        let dom = dump(&file, "");
        assert!(dom.contains("<table class=\"matrix\" data-ladder=\"default\">"));
        assert!(dom.contains("<table class=\"matrix\" data-ladder=\"sales\">"));
        assert!(dom.contains("class=\"mark off-ladder\""));
        assert!(dom.contains("unknown manager"));
        screenshot(&file, name, "1600,1200");
    }
}

#[test]
#[ignore = "needs headless Chromium (the Debian package `chromium`); .ci/run runs it"]
fn four_hundred_families_filter_without_lag() {
    let dir = tempfile::tempdir().unwrap();
    families::write_synthetic(dir.path(), 400);
    let file = report("synthetic-400", &[&dir.path().join("job-families")]);
    let started = Instant::now();
    let dom = dump(&file, "#q=part399");
    eprintln!(
        "400 families: loaded and filtered in {:?} (chromium start included)",
        started.elapsed()
    );
    let count = dom
        .split("id=\"f-count\"")
        .nth(1)
        .unwrap()
        .split("</output>")
        .next()
        .unwrap();
    assert!(count.contains("1 of 400 family rows shown"), "{count}");
    let ms: u64 = count
        .split("data-ms=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    eprintln!("filter pass over 400 families: {ms} ms");
    assert!(ms < 250, "filtering took {ms} ms");
}
