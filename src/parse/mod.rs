//! Stage 2 · parse: [`SourceFile`] → [`Page`]. Never panics and never aborts the run: what it cannot
//! read becomes a [`ParseProblem`](crate::model::ParseProblem) on the page.

use crate::model::{FrontMatter, Page};
use crate::read::SourceFile;

/// Parses one page.
pub fn parse(source: &SourceFile) -> Page {
    Page {
        path: source.path.clone(),
        source: source.text.clone(),
        front_matter: FrontMatter::default(),
        headings: Vec::new(),
        levels: Vec::new(),
        tables: Vec::new(),
        links: Vec::new(),
        anchors: Vec::new(),
        prose: Vec::new(),
        directives: Vec::new(),
        problems: Vec::new(),
    }
}
