//! `grade-mismatch`: a grade that contradicts the ladder, the page's other levels, another
//! statement for the same level, or the same title on another page.

use super::grade_ladder::{self, LadderVerdicts};
use super::{grade_order, grade_titles};
use crate::checks::{Check, CheckMeta, Cx};
use crate::declare_check;
use crate::model::{Handbook, Page};

declare_check! {
    /// ## What it does
    /// Flags a level's grade (the number) when it contradicts:
    /// - the grade ladder (`rules/ladder.yaml`, extended by `[[ladder.ladders]]` in rolelint.toml) for
    ///   the level's name (senior, staff, manager, …), with family-specific rows (Product Manager) and
    ///   a separate field-sales ladder;
    /// - another grade stated for the same level on the page (a Job Grade sentence, a prose
    ///   "grade 10 (Director) level", a grade table);
    /// - the page's other levels of the same track: grades must rise with seniority (Staff above
    ///   Senior, Director above Senior Manager), and a manager must be graded above a manager who
    ///   reports to it, and no lower than an individual contributor who reports to it;
    /// - the same title on another page (case, `Sr.`/`Senior` and `&`/`and` ignored).
    ///
    /// Levels whose title names no ladder level ("Lead Widget Engineer", "Account Executive") are
    /// not compared with the ladder.
    /// ## Why is this bad?
    /// Offers, levelling and compensation read the grade from the job-family page. A grade that
    /// disagrees with the ladder or with itself makes the page say two things; which one an offer
    /// follows is luck.
    /// ## Example
    /// ```markdown
    /// ### Senior Widget Engineer
    /// The Senior Widget Engineer is a grade 8.
    /// ```
    /// Use instead:
    /// ```markdown
    /// ### Senior Widget Engineer
    /// The Senior Widget Engineer is a grade 7.
    /// ```
    /// A family may keep its own grade scale (a sales family a grade above the general ladder). So a
    /// level is held to a plain ladder row only when the page confirms that row: most of the other
    /// graded levels of its track and job (two at least) state exactly the ladder's grade. A
    /// family-specific row (one with a title pattern) is always held to.
    /// ## Options
    /// The ladder itself: `[[ladder.ladders]]` in rolelint.toml adds rows (`level`, `title`, `grade`,
    /// `family`) or whole ladders (`paths`, `titles`) before the shipped ones.
    /// `[options.grade-mismatch] ladder`: `outliers` (default, as above) or `every-level` (every
    /// named level is held to the ladder, for a handbook whose ladder is the rule for every family).
    pub struct GradeMismatch { id: "grade-mismatch", family: Levels, severity: Error,
        summary: "a level's grade contradicts the ladder, its other levels or another statement", fixable: false }
}

impl Check for GradeMismatch {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn check_page(&self, page: &Page, cx: &mut Cx<'_>) {
        let verdicts: LadderVerdicts = grade_ladder::check(page, cx);
        grade_ladder::check_statements(page, cx);
        grade_order::check_seniority(page, &verdicts, cx);
        grade_order::check_managers(page, &verdicts, cx);
    }

    fn check_handbook(&self, handbook: &Handbook, cx: &mut Cx<'_>) {
        grade_titles::check(handbook, cx);
    }
}
