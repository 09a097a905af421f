//! Role levels: title, normalised level name, grade statements, reporting lines and sub-sections.

use crate::span::{Span, Spanned};
use serde::{Serialize, Serializer, ser::SerializeStruct};

/// One level of a job family (e.g. "Senior Product Manager").
#[derive(Clone, Debug)]
pub struct Level {
    /// The title as written in its heading (or table cell, or front matter for a level page).
    pub title: String,
    /// Where the title is written.
    pub title_span: Span,
    /// The normalised level, when the title names one.
    pub name: Option<LevelName>,
    /// The heading line (or table row) that introduces the level.
    pub span: Span,
    /// Everything that belongs to the level: its heading up to the next level or section of its depth.
    pub body: Span,
    /// Index into `Page::headings` of the level's heading, if it has one.
    pub heading: Option<usize>,
    /// How the page lays the level out.
    pub layout: LevelLayout,
    /// Every grade stated for this level, in document order.
    pub grades: Vec<GradeStatement>,
    /// Every reporting line stated for this level, in document order.
    pub reporting_lines: Vec<ReportingLine>,
    /// Sub-sections (Responsibilities, Requirements, Job Grade, …).
    pub sections: Vec<Section>,
    /// A link to the resource that holds the level's grade instead of the page ("is outlined in
    /// the [Job Levels](…) resource").
    pub external_grade: Option<Span>,
}

impl Level {
    /// The level's grade: the value of [`Level::primary_grade`].
    pub fn grade(&self) -> Option<u8> {
        self.primary_grade().map(|g| g.value)
    }

    /// The statement that gives the level its grade: the first of the most explicit kind (a sentence
    /// such as "is a grade 7" or a Job Grade section, then the heading, a grade table, front matter,
    /// and last prose such as "performs at a Grade 10 level").
    pub fn primary_grade(&self) -> Option<&GradeStatement> {
        [
            GradeSource::Sentence,
            GradeSource::Heading,
            GradeSource::Table,
            GradeSource::FrontMatter,
            GradeSource::Prose,
        ]
        .into_iter()
        .find_map(|source| self.grades.iter().find(|g| g.source == source))
    }

    /// Who the level reports to: the first reporting line stated.
    pub fn reports_to(&self) -> Option<&str> {
        self.reporting_lines.first().map(|r| r.manager.as_str())
    }
}

impl Serialize for Level {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Level", 13)?;
        st.serialize_field("title", &self.title)?;
        st.serialize_field("title_span", &self.title_span)?;
        st.serialize_field("name", &self.name)?;
        st.serialize_field("grade", &self.grade())?;
        st.serialize_field("reports_to", &self.reports_to())?;
        st.serialize_field("span", &self.span)?;
        st.serialize_field("body", &self.body)?;
        st.serialize_field("heading", &self.heading)?;
        st.serialize_field("layout", &self.layout)?;
        st.serialize_field("grades", &self.grades)?;
        st.serialize_field("reporting_lines", &self.reporting_lines)?;
        st.serialize_field("sections", &self.sections)?;
        st.serialize_field("external_grade", &self.external_grade)?;
        st.end()
    }
}

/// How a page lays out its levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LevelLayout {
    /// Headings under a "Levels" (or similar) section.
    LevelsSection,
    /// Sibling headings that name levels, with no "Levels" section.
    SiblingHeadings,
    /// The page itself is one level.
    OwnPage,
    /// Rows of a table.
    Table,
}

/// The normalised level ladder names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LevelName {
    /// Intern.
    Intern,
    /// Junior or Associate.
    Junior,
    /// Intermediate (a title with no seniority word).
    Intermediate,
    /// Senior.
    Senior,
    /// Staff.
    Staff,
    /// Principal.
    Principal,
    /// Senior Principal.
    SeniorPrincipal,
    /// Distinguished.
    Distinguished,
    /// Senior Distinguished.
    SeniorDistinguished,
    /// Fellow.
    Fellow,
    /// Manager.
    Manager,
    /// Senior Manager.
    SeniorManager,
    /// Director.
    Director,
    /// Senior Director.
    SeniorDirector,
    /// Vice President.
    Vp,
    /// Senior Vice President.
    SeniorVp,
    /// Executive Vice President.
    Evp,
    /// A chief officer (CXO).
    Chief,
}

impl LevelName {
    /// The kebab-case name used in policy files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            LevelName::Intern => "intern",
            LevelName::Junior => "junior",
            LevelName::Intermediate => "intermediate",
            LevelName::Senior => "senior",
            LevelName::Staff => "staff",
            LevelName::Principal => "principal",
            LevelName::SeniorPrincipal => "senior-principal",
            LevelName::Distinguished => "distinguished",
            LevelName::SeniorDistinguished => "senior-distinguished",
            LevelName::Fellow => "fellow",
            LevelName::Manager => "manager",
            LevelName::SeniorManager => "senior-manager",
            LevelName::Director => "director",
            LevelName::SeniorDirector => "senior-director",
            LevelName::Vp => "vp",
            LevelName::SeniorVp => "senior-vp",
            LevelName::Evp => "evp",
            LevelName::Chief => "chief",
        }
    }

    /// True for management levels (they lead people), false for individual contributors.
    pub fn is_management(self) -> bool {
        matches!(
            self,
            LevelName::Manager
                | LevelName::SeniorManager
                | LevelName::Director
                | LevelName::SeniorDirector
                | LevelName::Vp
                | LevelName::SeniorVp
                | LevelName::Evp
                | LevelName::Chief
        )
    }
}

/// A grade stated for a level.
#[derive(Clone, Debug, Serialize)]
pub struct GradeStatement {
    /// The grade number.
    pub value: u8,
    /// The grade number as written.
    pub span: Span,
    /// What kind of statement it came from.
    pub source: GradeSource,
    /// The role title the statement names as written ("Senior Widget Analyst" in "The Senior Widget
    /// Analyst is a grade 7", or a grade table's title cell), when it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<Spanned<String>>,
    /// The broken wording of a sentence that only almost states the grade ("grade #9").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repair: Option<Repair>,
}

/// Broken wording of a grade or reporting sentence that was still understood, and its fix.
#[derive(Clone, Debug, Serialize)]
pub struct Repair {
    /// The bytes to replace (empty for an insertion).
    pub span: Span,
    /// What to write there.
    pub replacement: String,
    /// What is wrong.
    pub problem: String,
    /// True when the replacement is the only reading.
    pub certain: bool,
}

/// Where a grade statement was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GradeSource {
    /// A sentence such as "The role is a grade 6." (inside a "Job Grade" section or not).
    Sentence,
    /// Prose such as "perform at a Grade 10 (Director) level".
    Prose,
    /// A grade table cell.
    Table,
    /// The level's heading, e.g. "Senior Engineer (Grade 7)".
    Heading,
    /// A front-matter key.
    FrontMatter,
}

/// A reporting line: "This position reports to the VP of Product Management."
#[derive(Clone, Debug, Serialize)]
pub struct ReportingLine {
    /// The manager's title as written, without articles and trailing punctuation.
    pub manager: String,
    /// Where the manager's title is written.
    pub span: Span,
    /// The whole sentence.
    pub sentence: Span,
    /// The role title the sentence says reports ("Widget Analyst" in "The Widget Analyst reports to
    /// …"), as written, when it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<Spanned<String>>,
    /// The broken wording of a sentence that only almost states the line ("reports the Manager").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repair: Option<Repair>,
}

/// A sub-section of a level.
#[derive(Clone, Debug, Serialize)]
pub struct Section {
    /// What the section is.
    pub kind: SectionKind,
    /// The heading text.
    pub title: String,
    /// The heading line.
    pub span: Span,
    /// Index into `Page::headings`.
    pub heading: usize,
    /// Top-level list items of the section, as plain text with their spans.
    pub items: Vec<crate::span::Spanned<String>>,
}

/// The kinds of level sub-section rolelint recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    /// "Responsibilities", "… Responsibilities".
    Responsibilities,
    /// "Requirements", "… Requirements".
    Requirements,
    /// "Job Grade", "… Job Grade".
    JobGrade,
    /// Anything else.
    Other,
}
