//! Stage 3 · model: the typed, serializable page that every check reads. Positions are byte [`Span`]s only.
//!
//! [`Span`]: crate::span::Span

mod handbook;
mod kept;
mod level;
mod page;
mod table;

pub use handbook::Handbook;
pub use kept::{Kept, Reads, TitleRegion};
pub use level::{
    GradeSource, GradeStatement, Level, LevelLayout, LevelName, Repair, ReportingLine, Section, SectionKind,
};
pub use page::{
    Anchor, AnchorSource, Directive, DirectiveKind, FrontMatter, Heading, Link, LinkKind, Page, ParseProblem, ProseRun,
};
pub use table::{Cell, Row, Table};
