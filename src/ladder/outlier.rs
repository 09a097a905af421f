//! Which findings mark a level as an outlier of the job architecture, and which class of outlier.

use crate::diagnostic::Diagnostic;
use serde::Serialize;

/// The kinds of outlier the report marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutlierClass {
    /// The grade contradicts the ladder (or another grade stated for the level).
    OffLadder,
    /// A more senior level (or a manager) is not graded above the one below it.
    NotRising,
    /// The same title is given two grades.
    SameTitleTwoGrades,
    /// No grade is stated.
    NoGrade,
    /// No reporting line is stated.
    NoReportingLine,
    /// The grade is kept in an external sheet the page links to, not on the page.
    ExternalGrade,
}

impl OutlierClass {
    /// Every class, in the order the legend lists them.
    pub const ALL: [OutlierClass; 6] = [
        OutlierClass::OffLadder,
        OutlierClass::NotRising,
        OutlierClass::SameTitleTwoGrades,
        OutlierClass::NoGrade,
        OutlierClass::NoReportingLine,
        OutlierClass::ExternalGrade,
    ];

    /// The kebab-case id (JSON, CSS classes).
    pub fn as_str(self) -> &'static str {
        match self {
            OutlierClass::OffLadder => "off-ladder",
            OutlierClass::NotRising => "not-rising",
            OutlierClass::SameTitleTwoGrades => "same-title-two-grades",
            OutlierClass::NoGrade => "no-grade",
            OutlierClass::NoReportingLine => "no-reporting-line",
            OutlierClass::ExternalGrade => "external-grade",
        }
    }

    /// What the mark means, for people.
    pub fn describe(self) -> &'static str {
        match self {
            OutlierClass::OffLadder => "grade contradicts the ladder",
            OutlierClass::NotRising => "grades do not rise",
            OutlierClass::SameTitleTwoGrades => "same title at two grades",
            OutlierClass::NoGrade => "no grade",
            OutlierClass::NoReportingLine => "no reporting line",
            OutlierClass::ExternalGrade => "grade held in an external sheet",
        }
    }

    /// The short symbol shown in a cell (text, so it survives printing in black and white).
    pub fn symbol(self) -> &'static str {
        match self {
            OutlierClass::OffLadder => "≠",
            OutlierClass::NotRising => "↓",
            OutlierClass::SameTitleTwoGrades => "⇄",
            OutlierClass::NoGrade => "?",
            OutlierClass::NoReportingLine => "⊥",
            OutlierClass::ExternalGrade => "↗",
        }
    }

    /// The class a finding marks, if it marks one: read from the rule and its structural key
    /// (`level=…;field=grade;kind=ladder`), which the level checks keep stable for baselines.
    pub fn of(d: &Diagnostic) -> Option<OutlierClass> {
        match &*d.rule {
            "grade-mismatch" => Some(match key_part(&d.key, "kind") {
                Some("seniority" | "manager") => OutlierClass::NotRising,
                Some("title") => OutlierClass::SameTitleTwoGrades,
                _ => OutlierClass::OffLadder,
            }),
            "missing-grade" => Some(OutlierClass::NoGrade),
            "missing-reports-to" => Some(OutlierClass::NoReportingLine),
            _ => None,
        }
    }
}

/// The level title a finding's key names: `level=T;…` (built-in checks) or `levels[T]…`
/// (declarative rules).
pub(crate) fn key_level(key: &str) -> Option<&str> {
    if let Some(rest) = key.strip_prefix("level=") {
        return Some(rest.split(';').next().unwrap_or(rest));
    }
    let rest = key.strip_prefix("levels[")?;
    rest.rfind(']').and_then(|end| rest.get(..end))
}

/// The value of `name=` in a `;`-separated key.
fn key_part<'k>(key: &'k str, name: &str) -> Option<&'k str> {
    key.split(';')
        .find_map(|part| part.strip_prefix(name).and_then(|r| r.strip_prefix('=')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_their_level() {
        assert_eq!(
            key_level("level=Senior Widget Engineer;field=grade;kind=ladder"),
            Some("Senior Widget Engineer")
        );
        assert_eq!(key_level("levels[Gadget Lead].grade"), Some("Gadget Lead"));
        assert_eq!(key_level("front_matter.description"), None);
        assert_eq!(key_part("level=A;field=grade;kind=title", "kind"), Some("title"));
        assert_eq!(key_part("level=A;field=reports-to", "kind"), None);
    }
}
