//! `missing-reports-to`: a level that does not say whom it reports to.

use crate::checks::{Check, CheckMeta, Cx};
use crate::declare_check;
use crate::model::{Level, LevelLayout, Page};
use crate::parse::holds_report;
use regex::Regex;
use std::sync::LazyLock;

declare_check! {
    /// ## What it does
    /// Flags a level that states no reporting line ("This position reports to the Director of
    /// Widgets."). By default (`consistent`) only on pages where another level does state one.
    /// The help quotes the nearest level's line. Levels listed as table rows are not checked, nor
    /// are levels of a page whose introduction gives one line for the whole family ("This job
    /// family reports to …"), nor a level whose reporting sentence is garbled ("reports intot the
    /// Manager": the typo check points at it).
    /// ## Why is this bad?
    /// Candidates and recruiters read the reporting line to know where a role sits. A page that
    /// gives it for some levels and not others leaves them to guess, and the missing line is
    /// usually one that was forgotten when the level was added.
    /// ## Example
    /// ```markdown
    /// ### Senior Manager, Widgets
    /// The Senior Manager, Widgets is a grade 9.
    /// ### Director, Widgets
    /// This position reports to the VP of Widgets.
    /// ```
    /// Use instead:
    /// ```markdown
    /// ### Senior Manager, Widgets
    /// This position reports to the Director, Widgets.
    /// The Senior Manager, Widgets is a grade 9.
    /// ```
    /// ## Options
    /// `[options.missing-reports-to] mode`: `consistent` (default: if one level of a page states a
    /// reporting line, every level must), `required` (every level must), `off` (never flag).
    pub struct MissingReportsTo { id: "missing-reports-to", family: Reporting, severity: Error,
        summary: "a level does not say whom it reports to", fixable: false }
}

/// When a level must state a reporting line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Every level.
    Required,
    /// Every level of a page on which some level does.
    Consistent,
    /// Never.
    Off,
}

impl Mode {
    /// The mode configured by `[options.missing-reports-to] mode` (the schema allows only the three
    /// names; anything else reads as the default).
    pub fn configured(cx: &Cx<'_>) -> Mode {
        match cx.policy.option_str(MissingReportsTo::META.id, "mode") {
            Some("required") => Mode::Required,
            Some("off") => Mode::Off,
            _ => Mode::Consistent,
        }
    }
}

fn checked(level: &Level) -> bool {
    level.layout != LevelLayout::Table
}

/// A family-wide reporting line in the page's introduction ("This job family reports to …").
static FAMILY_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::fixed_regex(
        r"(?i)\b(?:this|the)\s+(?:job\s+family|family|team|role|position)\s+(?:will\s+)?reports?\s+(?:directly\s+)?(?:in)?to\b",
    )
});

/// A reporting line the parser could not read ("reports intot the Manager", "reports the
/// Manager"): the level does say it, in words a typo check will point at.
static GARBLED_LINE: LazyLock<Regex> =
    LazyLock::new(|| crate::parse::fixed_regex(r"(?i)\breports\s+(?:[a-z]+\s+)?(?:the|a|an)\s+[A-Z]"));

/// True when prose before the first level states one reporting line for the whole family.
fn family_line(page: &Page) -> bool {
    let Some(first) = page.levels.iter().map(|l| l.span.start).min() else {
        return false;
    };
    page.prose
        .iter()
        .take_while(|r| r.span.end <= first)
        // Both regexes need the letters `report`: the literal search skips most runs before a
        // regex looks at them (x1: 1,273 searches, 2.2 M instructions).
        .any(|r| holds_report(&r.text) && FAMILY_LINE.is_match(&r.text))
}

/// True when the level's text holds a reporting sentence the parser could not read.
fn garbled_line(page: &Page, level: &Level) -> bool {
    page.prose
        .iter()
        .filter(|r| r.span.start >= level.body.start && r.span.end <= level.body.end)
        .any(|r| holds_report(&r.text) && GARBLED_LINE.is_match(&r.text))
}

impl Check for MissingReportsTo {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn check_page(&self, page: &Page, cx: &mut Cx<'_>) {
        let mode = Mode::configured(cx);
        let stating: Vec<usize> = (0..page.levels.len())
            .filter(|&i| {
                page.levels
                    .get(i)
                    .is_some_and(|l| checked(l) && !l.reporting_lines.is_empty())
            })
            .collect();
        let applies = match mode {
            Mode::Off => false,
            Mode::Required => true,
            Mode::Consistent => !stating.is_empty(),
        };
        if !applies || family_line(page) {
            return;
        }
        for (i, level) in page.levels.iter().enumerate() {
            if !checked(level) || !level.reporting_lines.is_empty() || garbled_line(page, level) {
                continue;
            }
            let sibling = stating
                .iter()
                .min_by_key(|&&s| (s.abs_diff(i), s))
                .and_then(|&s| page.levels.get(s));
            let message = match sibling {
                Some(s) => format!(
                    "level `{}` does not say whom it reports to, though `{}` on this page does",
                    level.title, s.title
                ),
                None => format!("level `{}` does not say whom it reports to", level.title),
            };
            let d = cx
                .report(&Self::META, &page.path, level.span, message)
                .set_label("no reporting line")
                .set_key(format!("level={};field=reports-to", level.title));
            match sibling.and_then(|s| s.reporting_lines.first().map(|line| (s, line))) {
                Some((s, line)) => {
                    let quote = page
                        .text(line.sentence)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
                    d.set_help(format!(
                        "add the level's reporting line; `{}` says: \"{quote}\"",
                        s.title
                    ))
                    .add_related(
                        page.path.clone(),
                        line.sentence,
                        format!("reporting line of `{}`", s.title),
                    );
                }
                None => {
                    d.set_help("add a sentence such as \"This position reports to the <manager's title>.\"");
                }
            }
        }
    }
}

/// Compiles this module's patterns now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&FAMILY_LINE);
    LazyLock::force(&GARBLED_LINE);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `line` with the letters whose bit is set in `mask` in the other case.
    fn flip_case(line: &str, mask: u64) -> String {
        line.chars()
            .enumerate()
            .map(|(i, c)| match mask >> (i % 64) & 1 {
                1 if c.is_ascii_lowercase() => c.to_ascii_uppercase(),
                1 => c.to_ascii_lowercase(),
                _ => c,
            })
            .collect()
    }

    proptest::proptest! {
        /// Skipping the regexes where the letters `report` are missing skips no match.
        #[test]
        fn every_reporting_line_holds_the_letters_report(
            line in proptest::sample::select(vec![
                "This job family reports to the VP of Sales.",
                "the team will report directly into the CTO",
                "The position reports to the Director",
                "This role report to",
                "She reports the Manager of Widgets",
                "reports intot the Head of People",
                "reports to a Lead",
            ]),
            mask in proptest::prelude::any::<u64>(),
            around in "[a-z \u{e9}\u{212a}\u{17f}]{0,6}",
        ) {
            let text = format!("{around} {} {around}", flip_case(line, mask));
            proptest::prop_assert!(FAMILY_LINE.is_match(&text) || GARBLED_LINE.is_match(&text), "{text}");
            proptest::prop_assert!(holds_report(&text), "{text}");
        }
    }

    #[test]
    fn reporting_lines_in_any_case_hold_the_letters_report() {
        for text in [
            "This job family REPORTS TO the VP.",
            "The team rePorts into the CTO",
            "reports the Manager",
        ] {
            assert!(FAMILY_LINE.is_match(text) || GARBLED_LINE.is_match(text), "{text}");
            assert!(holds_report(text), "{text}");
        }
        assert!(!holds_report("This job family answers to the VP."));
    }
}
