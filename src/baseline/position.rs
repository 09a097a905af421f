//! Position hints: which of several identical findings on a page a baseline entry was. A hint
//! hashes the text of the finding's line and of the nearest non-blank lines around it, never a line
//! number, so lines inserted elsewhere keep it; a new duplicate added above recorded ones is then
//! the one reported, not the last in page order.

use sha2::{Digest, Sha256};
use std::fmt::Write;

/// Where a finding sits, by the text around it (hashed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hint {
    /// The finding's line, trimmed, hashed.
    pub line: Option<String>,
    /// The line with the nearest non-blank lines above and below, hashed.
    pub nearby: Option<String>,
}

impl Hint {
    /// The hint of the finding starting at byte `offset` of `text`; empty when the offset does not
    /// fall on a character of the text (a stale span).
    pub fn at(text: &str, offset: usize) -> Self {
        let (Some(before), Some(after)) = (text.get(..offset), text.get(offset..)) else {
            return Hint::default();
        };
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        let end = offset + after.find('\n').unwrap_or(after.len());
        let (Some(line), Some(above), Some(below)) = (text.get(start..end), text.get(..start), text.get(end..)) else {
            return Hint::default();
        };
        let line = line.trim();
        let above = above.lines().rev().find_map(non_blank).unwrap_or("");
        let below = below.lines().find_map(non_blank).unwrap_or("");
        Hint {
            line: Some(hash(&[line])),
            nearby: Some(hash(&[above, line, below])),
        }
    }
}

fn non_blank(line: &str) -> Option<&str> {
    Some(line.trim()).filter(|l| !l.is_empty())
}

/// Which of a page's identical findings (`found`, in page order) are the recorded ones, given
/// the hints of the recorded entries (fewer than the findings): an entry takes the first
/// unclaimed finding with its line and neighbours, else the first with its line; entries whose
/// text changed (or that carry no hint, from an older baseline file) take the first findings left,
/// so only when the hints cannot decide are the last ones reported as new.
pub fn recorded_ones(found: &[Hint], recorded: &[Hint]) -> Vec<bool> {
    let mut claimed = vec![false; found.len()];
    let mut left: Vec<&Hint> = Vec::new();
    let passes: [fn(&Hint) -> &Option<String>; 2] = [|h| &h.nearby, |h| &h.line];
    let mut pending: Vec<&Hint> = recorded.iter().collect();
    for part in passes {
        for entry in pending.drain(..) {
            let slot = part(entry).as_ref().and_then(|want| {
                found
                    .iter()
                    .zip(&claimed)
                    .position(|(f, &taken)| !taken && part(f).as_ref() == Some(want))
            });
            match slot.and_then(|i| claimed.get_mut(i)) {
                Some(taken) => *taken = true,
                None => left.push(entry),
            }
        }
        pending = std::mem::take(&mut left);
    }
    for _ in pending {
        if let Some(taken) = claimed.iter_mut().find(|t| !**t) {
            *taken = true;
        }
    }
    claimed
}

fn hash(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        // Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .take(8)
        .fold(String::with_capacity(16), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_read_the_line_and_its_non_blank_neighbours() {
        let text = "a\n\nb x\r\n\nc\n";
        let h = Hint::at(text, 5);
        assert_eq!(h.line, Some(hash(&["b x"])));
        assert_eq!(h.nearby, Some(hash(&["a", "b x", "c"])));
        assert_eq!(Hint::at(text, 99), Hint::default());
        assert_eq!(Hint::at("é", 1), Hint::default());
    }

    #[test]
    fn a_new_duplicate_above_is_the_unclaimed_one() {
        let h = |l: &str, n: &str| Hint {
            line: Some(l.to_owned()),
            nearby: Some(n.to_owned()),
        };
        // Two recorded on lines B and C; a new one on line A above them.
        let found = [h("A", "1"), h("B", "2"), h("C", "3")];
        assert_eq!(recorded_ones(&found, &[h("B", "2"), h("C", "3")]), [false, true, true]);
        // The neighbours changed, the lines did not.
        assert_eq!(recorded_ones(&found, &[h("B", "x"), h("C", "y")]), [false, true, true]);
        // Identical lines: the neighbours decide.
        let same = [h("A", "1"), h("A", "2"), h("A", "3")];
        assert_eq!(recorded_ones(&same, &[h("A", "3")]), [false, false, true]);
        // No hints (an old file) or edited lines: the first ones are the recorded ones.
        assert_eq!(
            recorded_ones(&found, &[Hint::default(), h("Z", "9")]),
            [true, true, false]
        );
    }
}
