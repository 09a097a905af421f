//! Levels whose grade is held outside the page (the 2026 "Job Description Library" layout): "The
//! Senior Widget Analyst job level is outlined in the [Job Levels](…) resource." → [`Level::external_grade`].

use crate::model::{Level, Link};
use std::sync::LazyLock;

/// The words before the link say where the level or grade is kept: "… is outlined in the".
static POINTS_TO: LazyLock<regex::Regex> = LazyLock::new(|| {
    crate::parse::fixed_regex(
        r"(?i)\b(job\s+)?(levels?|grades?|grading|levell?ing)\b[^.!?]*\b(outlined|defined|set\s+out|documented|listed|found|described|held|kept|maintained|published|specified|recorded)\s+(in|on|at|by)(\s+(the|our))?\s*$",
    )
});

/// Marks each level whose body points to an external grade source: a link whose text names levels
/// or grades ("Job Levels", "job grades"), preceded on its line by a sentence saying the level or
/// grade is outlined (defined, listed, …) there. The first such link of a level is kept.
pub fn mark(levels: &mut [Level], links: &[Link], text: &str) {
    for link in links {
        if !names_levels(&link.text) {
            continue;
        }
        let start = link.span.start as usize;
        let line_start = text.get(..start).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
        let Some(before) = text.get(line_start..start) else {
            continue;
        };
        if !POINTS_TO.is_match(before.trim_end_matches(['[', ' ', '*', '_'])) {
            continue;
        }
        if let Some(level) = levels
            .iter_mut()
            .find(|l| l.body.contains(link.span) && l.external_grade.is_none())
        {
            level.external_grade = Some(link.span);
        }
    }
}

fn names_levels(link_text: &str) -> bool {
    link_text.split(|c: char| !c.is_alphanumeric()).any(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "level" | "levels" | "grade" | "grades" | "leveling" | "levelling"
        )
    })
}

/// Compiles this module's patterns now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&POINTS_TO);
}

#[cfg(test)]
mod tests {
    use super::POINTS_TO;

    #[test]
    fn reads_the_sentences_that_point_elsewhere() {
        for yes in [
            "The Senior Widget Analyst job level is outlined in the ",
            "The grade for this role is defined in our ",
            "Job levels are listed on the ",
        ] {
            assert!(POINTS_TO.is_match(yes), "{yes}");
        }
        for no in [
            "The Senior Widget Analyst is outlined in the ",
            "Read more about levels. See the ",
            "The job level is a grade 7 as outlined in the handbook and ",
        ] {
            assert!(!POINTS_TO.is_match(no), "{no}");
        }
    }
}
