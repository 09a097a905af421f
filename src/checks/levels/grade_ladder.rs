//! The per-level parts of `grade-mismatch`: the grade against the ladder, and two different grades
//! stated for one level.

use super::GradeMismatch;
use super::titles::{family_phrase, source_text};
use crate::checks::Cx;
use crate::model::{LevelName, Page};
use crate::policy::Row;
use foldhash::HashMap;
use foldhash::HashMapExt;

/// What the ladder said about each level of a page, in the order of `Page::levels`.
#[derive(Debug, Default)]
pub struct LadderVerdicts {
    /// The grade the ladder gives the level, if any row does.
    pub expected: Vec<Option<u8>>,
    /// True when the level's grade contradicts the ladder (and was reported).
    pub flagged: Vec<bool>,
}

/// The level name as people write it ("senior manager", "VP").
pub fn level_words(name: LevelName) -> String {
    match name {
        LevelName::Vp => "VP".to_owned(),
        LevelName::SeniorVp => "senior VP".to_owned(),
        LevelName::Evp => "EVP".to_owned(),
        other => other.as_str().replace('-', " "),
    }
}

/// Where a ladder row is written, as the diagnostics' `policy` field names it.
fn row_policy(row: &Row) -> String {
    if row.origin.file == "rules/ladder.yaml" {
        format!("{} (embedded)", row.origin)
    } else {
        row.origin.to_string()
    }
}

/// How levels are compared with the ladder (`[options.grade-mismatch] ladder`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// A level is compared when most other levels of its track on the page agree with the ladder.
    Outliers,
    /// Every level is compared.
    EveryLevel,
}

impl Mode {
    fn configured(cx: &Cx<'_>) -> Mode {
        match cx.policy.option_str(GradeMismatch::META.id, "ladder") {
            Some("every-level") => Mode::EveryLevel,
            _ => Mode::Outliers,
        }
    }
}

/// The job a level's grade is compared within. Individual contributors: the title without its
/// ladder words ("Widget Analyst" for "Senior Widget Analyst"; a "Widget Specialist" is another job).
/// Managers of people: every management rung of the page together ("Director, Widgets" and "VP of
/// Engineering" are one ladder), except a title that closes in "Manager" after a job ("Widget
/// Partners Manager"), which may name an individual contributor and stays with its own job.
fn job_phrase(name: LevelName, title: &str) -> String {
    let closes_in_manager = title
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .is_some_and(|w| w.eq_ignore_ascii_case("manager"));
    if name.is_management() && !closes_in_manager {
        String::new()
    } else {
        family_phrase(title)
    }
}

/// What the ladder gives one level, and the grade the page states for it.
struct Compared<'p> {
    name: LevelName,
    /// The title without ladder and management words: levels with the same phrase are one job.
    phrase: String,
    want: u8,
    row: &'p Row,
    stated: Option<u8>,
}

/// Compares each named level's grade with the ladder; reports contradictions.
///
/// Families keep their own grade scales (a sales family a grade above the general ladder, an
/// individual contributor called "Manager"), and a generic ladder cannot know them. So by default a
/// level is held to a plain ladder row only when the page itself confirms the row: most of the
/// other graded levels of the same track (individual contributor or management) and job (see
/// [`job_phrase`]) state exactly the ladder's grade, at least two of them. A family-specific row (one with a title pattern) is always
/// held to.
pub fn check(page: &Page, cx: &mut Cx<'_>) -> LadderVerdicts {
    let policy = cx.policy;
    let mode = Mode::configured(cx);
    let compared: Vec<Option<Compared<'_>>> = page
        .levels
        .iter()
        .map(|level| {
            let name = level.name?;
            let (want, row) = policy.ladder.expected(level, &page.path)?;
            let stated = level.primary_grade().map(|g| g.value);
            let phrase = job_phrase(name, &level.title);
            Some(Compared {
                name,
                phrase,
                want,
                row,
                stated,
            })
        })
        .collect();
    // Agreeing and differing graded levels per (track, job), counted once: asking each level
    // about all the others was quadratic (20,000 levels on one page took minutes).
    let mut tally: HashMap<(bool, &str), (usize, usize)> = HashMap::new();
    for c in compared.iter().flatten() {
        if let Some(stated) = c.stated {
            let counts = tally.entry((c.name.is_management(), c.phrase.as_str())).or_default();
            if stated == c.want {
                counts.0 += 1;
            } else {
                counts.1 += 1;
            }
        }
    }
    // The other levels of `of`'s track and job: the tally without `of` itself.
    let confirmed = |of: &Compared<'_>| {
        let (mut agree, mut differ) = tally
            .get(&(of.name.is_management(), of.phrase.as_str()))
            .copied()
            .unwrap_or_default();
        match of.stated {
            Some(stated) if stated == of.want => agree = agree.saturating_sub(1),
            Some(_) => differ = differ.saturating_sub(1),
            None => {}
        }
        agree >= 2 && agree > differ
    };
    let mut verdicts = LadderVerdicts::default();
    for (i, level) in page.levels.iter().enumerate() {
        verdicts.expected.push(compared[i].as_ref().map(|c| c.want));
        let (Some(c), Some(stated)) = (&compared[i], level.primary_grade()) else {
            verdicts.flagged.push(false);
            continue;
        };
        let held = mode == Mode::EveryLevel || c.row.title.is_some() || confirmed(c);
        if stated.value == c.want || !held {
            verdicts.flagged.push(false);
            continue;
        }
        verdicts.flagged.push(true);
        let (want, row) = (c.want, c.row);
        let ladder = row.family.as_deref().map_or_else(String::new, |f| format!("{f} "));
        let words = level_words(c.name);
        let why = if c.row.title.is_some() || mode == Mode::EveryLevel {
            String::new()
        } else {
            let track = if c.name.is_management() {
                "management"
            } else {
                "individual-contributor"
            };
            if c.phrase.is_empty() {
                format!(" (the page's other {track} levels agree with the ladder)")
            } else {
                format!(
                    " (the page's other `{}` {track} levels agree with the ladder)",
                    c.phrase
                )
            }
        };
        cx.report(
            &GradeMismatch::META,
            &page.path,
            stated.span,
            format!(
                "`{}` is grade {}, but the {ladder}ladder gives {words} levels grade {want}",
                level.title, stated.value
            ),
        )
        .set_label(format!("the ladder says {want}"))
        .set_help(format!(
            "the ladder row `{row}` gives {want}{why}; state grade {want}, or change the ladder if the page is right"
        ))
        .set_policy(row_policy(row))
        .set_key(format!("level={};field=grade;kind=ladder", level.title));
    }
    verdicts
}

/// Reports a level that states two different grades (a Job Grade sentence vs prose or a table).
/// A level with three or more different grades is left alone: its statements are more likely
/// about several levels than wrong.
pub fn check_statements(page: &Page, cx: &mut Cx<'_>) {
    for level in &page.levels {
        let Some(primary) = level.primary_grade() else { continue };
        let mut values: Vec<u8> = level.grades.iter().map(|g| g.value).collect();
        values.sort_unstable();
        values.dedup();
        if values.len() != 2 {
            continue;
        }
        let Some(other) = level.grades.iter().find(|g| g.value != primary.value) else {
            continue;
        };
        cx.report(
            &GradeMismatch::META,
            &page.path,
            other.span,
            format!(
                "`{}` is grade {} here, but grade {} in {} of the same level",
                level.title,
                other.value,
                primary.value,
                source_text(primary.source)
            ),
        )
        .set_label(format!("grade {}", other.value))
        .add_related(
            page.path.clone(),
            primary.span,
            format!("grade {} stated here", primary.value),
        )
        .set_help("state one grade per level; keep the one the ladder gives and delete or correct the other")
        .set_key(format!("level={};field=grade;kind=conflict", level.title));
    }
}
