//! Every parsed page of a run, with the cross-page indices the corpus-wide checks need.

use super::Page;

/// All pages of a run. Cross-page checks read it after the per-page checks.
#[derive(Debug, Default)]
pub struct Handbook {
    /// The pages, sorted by path.
    pub pages: Vec<Page>,
}

impl Handbook {
    /// Builds the handbook from parsed pages (sorted by path here, so every check sees one order).
    pub fn new(mut pages: Vec<Page>) -> Self {
        pages.sort_by(|a, b| a.path.cmp(&b.path));
        Handbook { pages }
    }
}
