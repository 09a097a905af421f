//! The ladder report (`rolelint ladder`): parsed pages and a run's findings in, one row per level
//! out — family, division, track, ladder, grade, reporting line and the outliers the findings mark —
//! rendered as a self-contained HTML page, CSV or JSON (`grammar/ladder.schema.json`).

mod build;
pub mod csv;
pub mod html;
pub mod json;
mod link;
mod outlier;

pub use build::{Input, build};
pub use link::Linker;
pub use outlier::OutlierClass;

use serde::Serialize;

/// Version of the JSON output; raised when a field changes meaning or goes away.
pub const VERSION: u32 = 1;

/// Everything the report shows.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    /// The format version ([`VERSION`]).
    pub version: u32,
    /// Job families, sorted by division and name.
    pub families: Vec<Family>,
    /// The findings the outlier marks link to, numbered by their place here.
    pub findings: Vec<Finding>,
    /// Reporting lines grouped by manager, sorted by manager.
    pub reporting: Vec<Manager>,
}

/// One job family: one page and its levels.
#[derive(Clone, Debug, Serialize)]
pub struct Family {
    /// The family's name: the page title, else the file or folder name.
    pub name: String,
    /// The division: the folder under `job-families/`, else the page's folder.
    pub division: String,
    /// The page's path, as every other report gives it.
    pub page: String,
    /// Where the page is read: on the site when a site URL is known, else the file.
    pub href: String,
    /// The family's levels, in page order.
    pub levels: Vec<LevelRow>,
}

/// Whether a level leads people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Track {
    /// An individual contributor.
    Ic,
    /// A people manager.
    Management,
}

impl Track {
    /// The name CSV and HTML use.
    pub fn as_str(self) -> &'static str {
        match self {
            Track::Ic => "ic",
            Track::Management => "management",
        }
    }
}

/// One level of a family.
#[derive(Clone, Debug, Serialize)]
pub struct LevelRow {
    /// The title as written.
    pub level: String,
    /// The normalised level name (`senior`, `manager`, …), when the title names one.
    pub level_name: Option<String>,
    /// The track, when the level name tells it.
    pub track: Option<Track>,
    /// The ladder that governs the level (`default`, `sales`, a repository's own).
    pub ladder: String,
    /// The grade stated on the page.
    pub grade: Option<u8>,
    /// How the grade is stated (`sentence`, `heading`, `table`, `front-matter`, `prose`), or
    /// `external` when the page points to a sheet instead.
    pub grade_source: Option<String>,
    /// Whom the level reports to, as written.
    pub reports_to: Option<String>,
    /// 1-based line of the level's heading.
    pub line: u32,
    /// Where the level is read (site page and heading, else the file).
    pub href: String,
    /// The heading's anchor on the site, when it has a heading.
    pub anchor: Option<String>,
    /// Outliers marked on this level.
    pub outliers: Vec<Outlier>,
    /// Indices into [`Report::findings`] of every finding about this level.
    pub findings: Vec<usize>,
}

/// One outlier mark.
#[derive(Clone, Debug, Serialize)]
pub struct Outlier {
    /// What is odd.
    pub class: OutlierClass,
    /// The finding that says so (index into [`Report::findings`]); `None` for a grade held in an
    /// external sheet, which no rule reports.
    pub finding: Option<usize>,
}

/// A finding about a level or a reporting line.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    /// The rule id.
    pub rule: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// The finding's message.
    pub message: String,
    /// The page, as every other report gives it.
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// Where the page is read (site or file).
    pub href: String,
}

/// A manager and the levels that report to it.
#[derive(Clone, Debug, Serialize)]
pub struct Manager {
    /// The manager's title as the first report writes it.
    pub title: String,
    /// The family and level index of the linted level with that title.
    pub level: Option<(usize, usize)>,
    /// The family whose page is titled so, when no level is.
    pub family: Option<usize>,
    /// The `unknown-manager` finding about it: only then is the manager marked unknown (the rule
    /// knows which lines name alternatives, "Manager or Director", rather than one title).
    pub finding: Option<usize>,
    /// The reporting levels (family index, level index).
    pub reports: Vec<(usize, usize)>,
}

impl Report {
    /// Every level with its family, in report order.
    pub fn levels(&self) -> impl Iterator<Item = (&Family, &LevelRow)> {
        self.families.iter().flat_map(|f| f.levels.iter().map(move |l| (f, l)))
    }

    /// The ladders that govern at least one level, `default` first, then by name.
    pub fn ladder_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.levels().map(|(_, l)| l.ladder.as_str()).collect();
        names.sort_by_key(|n| (*n != "default", *n));
        names.dedup();
        names
    }
}
