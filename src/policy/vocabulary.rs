//! Accepted words (company, product and HR terms) and known misspellings for the `typo` check.

/// Words the typo check accepts, and misspellings it knows.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {}
