//! What a heading's text says: a Levels-like container, a section that is never a level, a role title,
//! the normalised level a title names, and the kind of a level's sub-section.

use crate::model::SectionKind;
use foldhash::HashSet;
use regex::Regex;
use std::sync::LazyLock;

/// Lowercase words of a title: markup and punctuation other than `,` `&` `/` `(` `)` become blanks.
pub fn words(text: &str) -> String {
    // Hot: runs for headings, subjects and titles across parse and checks, and nearly all of them
    // are ASCII: bytes then stand for characters and skip char decoding and per-char pushes.
    if text.is_ascii() {
        return ascii_words(text);
    }
    char_words(text)
}

/// [`words`] of ASCII text, byte by byte.
fn ascii_words(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    let mut gap = false;
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b',' | b'&' | b'/' | b'(' | b')' | b'-' | b'\'' | b'.') {
            if gap && !out.is_empty() {
                out.push(b' ');
            }
            gap = false;
            out.push(b.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    // Only ASCII bytes were written, so this never falls back.
    String::from_utf8(out).unwrap_or_default()
}

/// [`words`] of any text, character by character.
fn char_words(text: &str) -> String {
    // One pass that writes single blanks between runs of word characters; a word character never
    // lowercases to whitespace, so this equals blanking, lowercasing and collapsing the whitespace
    // in turn.
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if c.is_alphanumeric() || matches!(c, ',' | '&' | '/' | '(' | ')' | '-' | '\'' | '.') {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            gap = true;
        }
    }
    out
}

static CONTAINER: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::fixed_regex(
        r"^(?:job |role |career |our )?(?:levels?|levell?ing|grades?|job grades?|career paths?|career levels?|levels (?:and|&) grades|roles (?:and|&) levels)(?:\s+(?:for|of|in|within)\b.*)?:?$",
    )
});

/// True for a heading whose children are the levels ("Levels", "Job Levels", "Career paths", "Job
/// Grades", "Levels for Site Reliability Engineer").
pub fn is_container(text: &str) -> bool {
    is_container_words(&words(text))
}

/// [`is_container`] of a title already normalised with [`words`].
pub(super) fn is_container_words(w: &str) -> bool {
    CONTAINER.is_match(w)
}

static NEVER_LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::fixed_regex(
        r"^(?:primary |key |team |role )?(?:performance indicators?|kpis?|okrs?|moving (?:to|from)|hiring|interview|specialt(?:y|ies)|specializations?|segments?|career ladder|career path|responsibilit|requirements?|nice.to.have|job grade|grade|levels?$|overview|summary|relevant links|links|references|compensation|benefits|tools|what|how|why|when|where|who|about|expectations|competenc|behaviou?rs|example|experience|skills|mission|vision|values|core |base |general |additional |the |a |an |other |working|collaborat|span of control|leadership$|on this page|external communications|professional experience)",
    )
});

/// True for a heading that is never a level even at level depth (Performance Indicators, Moving to
/// and moving from, Hiring Process, Specialties, Responsibilities, …) or that asks a question.
pub fn is_never_level(text: &str) -> bool {
    is_never_level_words(&words(text))
}

/// [`is_never_level`] of a title already normalised with [`words`].
pub(super) fn is_never_level_words(w: &str) -> bool {
    w.is_empty() || w.ends_with('?') || NEVER_LEVEL.is_match(w) || SECTION_OF_A_LEVEL.is_match(w)
}

/// "Director of X - Specialties", "Senior Manager: Career Ladder": a section about a level, titled
/// with the level's name and ending in a section word; the level itself is elsewhere.
static SECTION_OF_A_LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::fixed_regex(
        r"\s(?:[-\u{2013}\u{2014}]\s*)?(?:specialt(?:y|ies)|career ladder|career path|hiring process|performance indicators?)$",
    )
});

static OFF_LEVELS: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::fixed_regex(
        r"^(?:performance indicators?|kpis?|moving (?:to|from)|hiring|specialt(?:y|ies)|specializations?|segments?|career ladder|relevant links|links|references|compensation)",
    )
});

/// True for a section whose whole subtree is about something other than levels (Specialties,
/// Hiring Process, Career Ladder, Performance Indicators, …): nothing under it is a level.
pub fn is_off_levels(text: &str) -> bool {
    is_off_levels_words(&words(text))
}

/// [`is_off_levels`] of a title already normalised with [`words`].
pub(super) fn is_off_levels_words(w: &str) -> bool {
    OFF_LEVELS.is_match(w)
}

/// Nouns that make a heading a role title.
const ROLE_NOUNS: &[&str] = &[
    "engineer",
    "engineers",
    "manager",
    "director",
    "president",
    "vp",
    "svp",
    "evp",
    "officer",
    "analyst",
    "designer",
    "researcher",
    "writer",
    "architect",
    "administrator",
    "specialist",
    "coordinator",
    "representative",
    "lead",
    "head",
    "fellow",
    "consultant",
    "coach",
    "counsel",
    "accountant",
    "recruiter",
    "sourcer",
    "partner",
    "instructor",
    "advocate",
    "scientist",
    "developer",
    "executive",
    "strategist",
    "editor",
    "planner",
    "marketer",
    "controller",
    "auditor",
    "attorney",
    "paralegal",
    "assistant",
    "agent",
    "sdr",
    "bdr",
    "csm",
    "cse",
    "tam",
    "sre",
    "pm",
    "tpm",
    "pmm",
    "cto",
    "cfo",
    "ceo",
    "cpo",
    "cmo",
    "cro",
    "ciso",
    "cio",
    "clo",
    "coo",
    "evangelist",
    "producer",
    "owner",
    "generalist",
    "trainer",
    "investigator",
    "expert",
    "treasurer",
    "bookkeeper",
    "buyer",
    "secretary",
    "clerk",
    "associate",
    "intern",
    "technician",
    "operator",
    "steward",
    "chief",
    "principal",
    "staff",
    "distinguished",
    "tester",
    "programmer",
    "ambassador",
    "advisor",
    "adviser",
    "auditor",
    "economist",
    "statistician",
    "translator",
    "producer",
    "negotiator",
    "liaison",
    "facilitator",
    "practitioner",
];

/// [`ROLE_NOUNS`] as a set: looked up for every token of every heading.
static ROLE_NOUN_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| ROLE_NOUNS.iter().copied().collect());

pub(super) fn tokens(w: &str) -> impl Iterator<Item = &str> {
    w.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '/' | '&'))
        .map(|t| t.trim_matches(['.', '-', '\'']))
        .filter(|t| !t.is_empty())
}

/// True when `text` names a role: it has a role noun beyond the ladder word alone ("Senior" is not a
/// role, "Senior Widget Engineer" and "Staff CSM" are).
pub fn names_role(text: &str) -> bool {
    names_role_words(&words(text))
}

/// [`names_role`] of a title already normalised with [`words`].
pub(super) fn names_role_words(w: &str) -> bool {
    let ladder_only = tokens(w).all(|t| LADDER_WORDS.contains(&t));
    !ladder_only && tokens(w).any(|t| ROLE_NOUN_SET.contains(t))
}

/// True when `text` names the family's own role: its words include the head noun (last word) of the
/// family title and something besides ladder words ("Senior Harbor Pilot" in the "Harbor Pilot"
/// family), so families whose noun is on no list are still read under a Levels section.
pub fn names_family_role(text: &str, family_title: &str) -> bool {
    let family = words(family_title);
    let Some(noun) = tokens(&family).last() else {
        return false;
    };
    if noun.len() < 3 || LADDER_WORDS.contains(&noun) {
        return false;
    }
    let w = words(text);
    let all: Vec<&str> = tokens(&w).collect();
    !all.iter().all(|t| LADDER_WORDS.contains(t)) && all.contains(&noun)
}

pub(super) const LADDER_WORDS: &[&str] = &[
    "senior",
    "sr",
    "junior",
    "jr",
    "associate",
    "intermediate",
    "staff",
    "principal",
    "distinguished",
    "fellow",
    "intern",
    "lead",
];

/// True when the consecutive tokens of `toks` include the blank-separated words of `phrase`: the
/// phrase occurs in the tokens joined with blanks, between blanks or the ends.
pub(super) fn has_phrase(toks: &[&str], phrase: &str) -> bool {
    let mut words = phrase.split(' ');
    let Some(first) = words.next() else {
        return false;
    };
    toks.iter()
        .enumerate()
        .any(|(i, t)| *t == first && words.clone().enumerate().all(|(k, w)| toks.get(i + 1 + k) == Some(&w)))
}

/// The kind of a level's sub-section, from its heading.
pub fn section_kind(text: &str) -> SectionKind {
    section_kind_words(&words(text))
}

/// [`section_kind`] of a title already normalised with [`words`].
pub(super) fn section_kind_words(w: &str) -> SectionKind {
    // The needles are letters only, so they occur in the normalised words exactly when they occur in
    // the lowercased heading (and in its tokens).
    if w.contains("responsib") {
        SectionKind::Responsibilities
    } else if w.contains("requirement") {
        SectionKind::Requirements
    } else if w.contains("grade") && tokens(w).any(|t| matches!(t, "grade" | "grades")) {
        // "job grade" and "job grades" hold "grade" and "grades".
        SectionKind::JobGrade
    } else {
        SectionKind::Other
    }
}

/// Compiles this module's patterns now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&CONTAINER);
    LazyLock::force(&NEVER_LEVEL);
    LazyLock::force(&SECTION_OF_A_LEVEL);
    LazyLock::force(&OFF_LEVELS);
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn ascii_words_match_char_words(text in "[ -~\\t\\n]{0,60}") {
            proptest::prop_assert_eq!(ascii_words(&text), char_words(&text));
        }
    }

    #[test]
    fn containers() {
        for t in [
            "Levels",
            "## **Levels**",
            "Job Levels",
            "Career paths",
            "Job Grades",
            "Levels for Widget Makers",
        ] {
            assert!(is_container(t), "{t}");
        }
        for t in ["Level Up", "Responsibilities", "Widget Maker Levels of Care and more"] {
            assert!(!is_container(t), "{t}");
        }
    }

    #[test]
    fn never_levels() {
        for t in [
            "Performance Indicators",
            "Moving to and moving from",
            "Hiring Process",
            "Specialties",
            "Segment",
            "Career Ladder",
            "Responsibilities",
            "Requirements",
            "How does a baker bake?",
        ] {
            assert!(is_never_level(t), "{t}");
        }
        assert!(!is_never_level("Senior Widget Engineer"));
    }

    #[test]
    fn role_titles() {
        assert!(names_role("Senior Widget Engineer"));
        assert!(names_role("Staff CSM"));
        assert!(names_role("Director, Ovens"));
        assert!(!names_role("Senior"));
        assert!(!names_role("Moving to Widget Management"));
    }

    #[test]
    fn sections_named_after_a_level_are_not_levels() {
        assert!(is_never_level("Director of Widgets - Specialties"));
        assert!(is_never_level("Senior Widget Manager: Career Ladder"));
        assert!(!is_never_level("Director of Widgets - Platform"));
    }

    #[test]
    fn family_roles() {
        assert!(names_family_role("Senior Harbor Pilot", "Harbor Pilot"));
        assert!(names_family_role("Pilot", "Harbor Pilot"));
        assert!(!names_family_role("Senior", "Harbor Pilot"));
        assert!(!names_family_role("Performance Indicators", "Harbor Pilot"));
        assert!(!names_family_role("Senior Pilot", "Staff"));
    }

    #[test]
    fn section_kinds() {
        assert_eq!(
            section_kind("Staff Widget Manager Responsibilities"),
            SectionKind::Responsibilities
        );
        assert_eq!(section_kind("Responsibilties"), SectionKind::Responsibilities);
        assert_eq!(section_kind("Requirements"), SectionKind::Requirements);
        assert_eq!(section_kind("Widget Engineer Job Grade"), SectionKind::JobGrade);
        assert_eq!(section_kind("Example Behaviors"), SectionKind::Other);
    }
}
