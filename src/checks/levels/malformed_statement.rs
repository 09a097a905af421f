//! `malformed-statement`: a grade or reporting sentence that only almost parses.

use crate::checks::{Check, CheckMeta, Cx};
use crate::declare_check;
use crate::diagnostic::{Applicability, Fix};
use crate::model::{Page, Repair};

declare_check! {
    /// ## What it does
    /// Flags a grade or reporting sentence whose wording is broken but whose content is still
    /// clear, and takes that content into the model (so `missing-grade` and `missing-reports-to`
    /// do not fire for it):
    /// - a grade with the template's `#` left before the number ("is a grade #9");
    /// - a grade stated without the word "grade" ("The Widget Analyst is a 7", or only the number
    ///   as link text: "is a [7](…job-grades)") in a Job Grade section;
    /// - a reporting sentence with "to" missing ("reports the Manager, Widgets"), garbled
    ///   ("reports intot the Manager"), or a word doubled ("reports to to the", "to the the"; read,
    ///   but left to `repeated-word` to report).
    /// ## Why is this bad?
    /// Readers stumble over the sentence, and tools that read the page (this one included, before
    /// it learnt the near-misses) take the level for one that states nothing.
    /// ## Example
    /// ```markdown
    /// The Senior Widget Analyst reports the Manager, Widget Analysis.
    /// The Senior Widget Analyst is a grade #7.
    /// ```
    /// Use instead:
    /// ```markdown
    /// The Senior Widget Analyst reports to the Manager, Widget Analysis.
    /// The Senior Widget Analyst is a grade 7.
    /// ```
    /// ## Fix safety
    /// Deleting a `#` or a doubled word and inserting a missing "to" or "grade" are safe. Replacing
    /// a garbled preposition ("intot") is unsafe: "into" and "to" both read right.
    pub struct MalformedStatement { id: "malformed-statement", family: Levels, severity: Warning,
        summary: "a grade or reporting sentence that only almost parses", fixable: true }
}

/// True when the repair deletes a word written twice in a row, which `repeated-word` reports.
fn doubled_word(page: &Page, repair: &Repair) -> bool {
    let word = page.text(repair.span).trim();
    let before = page
        .source
        .get(..repair.span.start as usize)
        .unwrap_or_default()
        .trim_end();
    repair.replacement.is_empty() && !word.is_empty() && before.ends_with(word)
}

fn describe(repair: &Repair) -> String {
    match (repair.span.start == repair.span.end, repair.replacement.is_empty()) {
        (true, _) => format!("insert `{}`", repair.replacement.trim_end()),
        (false, true) => "delete it".to_owned(),
        (false, false) => format!("write `{}`", repair.replacement),
    }
}

impl Check for MalformedStatement {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn check_page(&self, page: &Page, cx: &mut Cx<'_>) {
        for level in &page.levels {
            let grades = level.grades.iter().filter_map(|g| Some(("grade", g.repair.as_ref()?)));
            let lines = level
                .reporting_lines
                .iter()
                .filter_map(|r| Some(("reporting", r.repair.as_ref()?)));
            for (kind, repair) in grades.chain(lines) {
                if doubled_word(page, repair) {
                    continue;
                }
                let what = describe(repair);
                let d = cx
                    .report(
                        &Self::META,
                        &page.path,
                        repair.span,
                        format!(
                            "the {kind} sentence of level `{}` is malformed: {}",
                            level.title, repair.problem
                        ),
                    )
                    .set_label(what.clone())
                    .set_help(format!(
                        "{what}; rolelint read the sentence anyway, but readers and other tools may not"
                    ))
                    .set_key(format!("level={};field={kind};kind=malformed", level.title));
                let mut fix = Fix::replace(repair.span, repair.replacement.clone(), what);
                if !repair.certain {
                    fix.applicability = Applicability::Unsafe;
                }
                d.set_fix(fix);
            }
        }
    }
}
