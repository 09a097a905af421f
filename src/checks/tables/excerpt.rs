//! Short quotes of a cell for messages: the part that differs from another copy, with a little context.

/// Cells up to this many characters are quoted whole.
const WHOLE: usize = 60;

/// Characters of context kept on each side of the differing part.
const CONTEXT: usize = 24;

/// Quotes `theirs` for a reader looking at `mine`: whole when short, else the part that differs
/// from `mine`, widened to word boundaries, with `…` where text was cut.
pub fn excerpt(mine: &str, theirs: &str) -> String {
    let theirs_chars: Vec<char> = theirs.chars().collect();
    if theirs_chars.len() <= WHOLE {
        return theirs.to_owned();
    }
    let mine_chars: Vec<char> = mine.chars().collect();
    let prefix = mine_chars.iter().zip(&theirs_chars).take_while(|(a, b)| a == b).count();
    let room = mine_chars.len().min(theirs_chars.len()) - prefix;
    let suffix = mine_chars
        .iter()
        .rev()
        .zip(theirs_chars.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    let diff_end = theirs_chars.len() - suffix;
    let mut start = prefix.saturating_sub(CONTEXT);
    let mut end = (diff_end + CONTEXT).min(theirs_chars.len());
    // Widen to whole words so the quote neither starts nor ends mid-word.
    while start > 0 && theirs_chars.get(start - 1).is_some_and(|c| !c.is_whitespace()) {
        start -= 1;
    }
    while end < theirs_chars.len() && theirs_chars.get(end).is_some_and(|c| !c.is_whitespace()) {
        end += 1;
    }
    let body: String = theirs_chars.get(start..end).unwrap_or_default().iter().collect();
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(body.trim());
    if end < theirs_chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn short_cells_are_quoted_whole() {
        assert_eq!(excerpt("a", "b c"), "b c");
    }

    #[test]
    fn long_cells_are_cut_around_the_difference() {
        let mine =
            "Plan the quarterly roadmap with every stakeholder, then ship the Widgets and Gadgets release on time";
        let theirs = "Plan the quarterly roadmap with every stakeholder, then ship the Widgets, Gizmos and Gadgets release on time";
        assert_eq!(
            excerpt(mine, theirs),
            "…stakeholder, then ship the Widgets, Gizmos and Gadgets release on time"
        );
    }

    #[test]
    fn a_difference_at_the_start_keeps_the_start() {
        let theirs = "Zeta planning covers every stakeholder and every release of the product line this year";
        let mine = "Beta planning covers every stakeholder and every release of the product line this year";
        assert_eq!(excerpt(mine, theirs), "Zeta planning covers every…");
    }
}
