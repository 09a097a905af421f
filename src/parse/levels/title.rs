//! What a heading's text says: a Levels-like container, a section that is never a level, a role title,
//! the normalised level a title names, and the kind of a level's sub-section.

use crate::model::{LevelName, SectionKind};
use regex::Regex;
use std::sync::LazyLock;

/// Lowercase words of a title: markup and punctuation other than `,` `&` `/` `(` `)` become blanks.
pub fn words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() || matches!(c, ',' | '&' | '/' | '(' | ')' | '-' | '\'' | '.') {
            out.extend(c.to_lowercase());
        } else {
            out.push(' ');
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

static PARENS: LazyLock<Regex> = LazyLock::new(|| crate::parse::fixed_regex(r"\([^()]*\)"));

static CONTAINER: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::fixed_regex(
        r"^(?:job |role |career |our )?(?:levels?|levell?ing|grades?|job grades?|career paths?|career levels?|levels (?:and|&) grades|roles (?:and|&) levels)(?:\s+(?:for|of|in|within)\b.*)?:?$",
    )
});

/// True for a heading whose children are the levels ("Levels", "Job Levels", "Career paths", "Job
/// Grades", "Levels for Site Reliability Engineer").
pub fn is_container(text: &str) -> bool {
    CONTAINER.is_match(&words(text))
}

static NEVER_LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::fixed_regex(
        r"^(?:primary |key |team |role )?(?:performance indicators?|kpis?|okrs?|moving (?:to|from)|hiring|interview|specialt(?:y|ies)|specializations?|segments?|career ladder|career path|responsibilit|requirements?|nice.to.have|job grade|grade|levels?$|overview|summary|relevant links|links|references|compensation|benefits|tools|what|how|why|when|where|who|about|expectations|competenc|behaviou?rs|example|experience|skills|mission|vision|values|core |base |general |additional |the |a |an |other |working|collaborat|span of control|leadership$|on this page|external communications|professional experience)",
    )
});

/// True for a heading that is never a level even at level depth (Performance Indicators, Moving to
/// and moving from, Hiring Process, Specialties, Responsibilities, …) or that asks a question.
pub fn is_never_level(text: &str) -> bool {
    let w = words(text);
    w.is_empty() || w.ends_with('?') || NEVER_LEVEL.is_match(&w)
}

static OFF_LEVELS: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::fixed_regex(
        r"^(?:performance indicators?|kpis?|moving (?:to|from)|hiring|specialt(?:y|ies)|specializations?|segments?|career ladder|relevant links|links|references|compensation)",
    )
});

/// True for a section whose whole subtree is about something other than levels (Specialties,
/// Hiring Process, Career Ladder, Performance Indicators, …): nothing under it is a level.
pub fn is_off_levels(text: &str) -> bool {
    OFF_LEVELS.is_match(&words(text))
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

fn tokens(w: &str) -> impl Iterator<Item = &str> {
    w.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '/' | '&'))
        .map(|t| t.trim_matches(['.', '-', '\'']))
        .filter(|t| !t.is_empty())
}

/// True when the title is only ladder words ("Senior", "Staff"): a rung, not a role title.
pub fn is_ladder_only(text: &str) -> bool {
    let w = words(text);
    tokens(&w).all(|t| LADDER_WORDS.contains(&t))
}

/// True when `text` names a role: it has a role noun beyond the ladder word alone ("Senior" is not a
/// role, "Senior Widget Engineer" and "Staff CSM" are).
pub fn names_role(text: &str) -> bool {
    let w = words(text);
    let all: Vec<&str> = tokens(&w).collect();
    let ladder_only = all.iter().all(|t| LADDER_WORDS.contains(t));
    !ladder_only && all.iter().any(|t| ROLE_NOUNS.contains(t))
}

const LADDER_WORDS: &[&str] = &[
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

/// Words before "Manager" that make it an individual-contributor title (Product Manager), not a
/// manager of people (Engineering Manager).
const IC_MANAGER_WORDS: &[&str] = &[
    "product",
    "program",
    "project",
    "account",
    "success",
    "services",
    "pricing",
    "marketing",
    "campaign",
    "partner",
    "engagement",
    "community",
    "event",
    "events",
    "content",
    "alliance",
    "alliances",
    "territory",
    "customer",
    "renewal",
    "renewals",
    "release",
    "case",
    "channel",
    "portfolio",
    "category",
    "brand",
    "solutions",
    "onboarding",
    "implementation",
    "enablement",
    "demand",
    "relationship",
    "vendor",
    "procurement",
    "contract",
    "contracts",
    "payroll",
    "benefits",
    "travel",
];

fn has(w: &str, phrase: &str) -> bool {
    let padded = format!(" {w} ");
    padded.contains(&format!(" {phrase} "))
}

/// True when the title's "manager" manages people: it opens the title ("Manager, X", "Senior
/// Manager of X") or follows a word that is not an IC specialty ("Engineering Manager").
fn people_manager(toks: &[&str]) -> bool {
    toks.iter().enumerate().any(|(i, t)| {
        *t == "manager"
            && match i.checked_sub(1).and_then(|p| toks.get(p)) {
                None => true,
                Some(prev) if LADDER_WORDS.contains(prev) || *prev == "group" => {
                    // "Senior Manager, X" and "X Team Senior Manager" manage people; "Product Senior Manager" does not.
                    i.checked_sub(2)
                        .and_then(|p| toks.get(p))
                        .is_none_or(|before| !IC_MANAGER_WORDS.contains(before))
                }
                Some(prev) => !IC_MANAGER_WORDS.contains(prev),
            }
    })
}

/// The normalised level a title names; `None` when it names none (sales titles without a ladder, "Lead X").
pub fn level_name(text: &str) -> Option<LevelName> {
    level_name_as(text, names_role(text))
}

/// Like [`level_name`] for a title known to be a role (it states a grade), whatever its noun.
pub fn level_name_of_role(text: &str) -> Option<LevelName> {
    level_name_as(text, true)
}

fn level_name_as(text: &str, is_role: bool) -> Option<LevelName> {
    let w = words(text);
    let toks: Vec<&str> = tokens(&w).collect();
    // Management is read from the title outside parentheses: "Staff Engineer (Risk Manager)" is staff.
    let outside = PARENS.replace_all(&w, " ");
    let main: Vec<&str> = tokens(&outside).collect();
    let joined = toks.join(" ");
    let has = |phrase: &str| has(&joined, phrase);
    let senior = |t: &&str| matches!(*t, "senior" | "sr");
    let any = |word: &str| toks.contains(&word);
    let senior_before = |word: &str| {
        toks.windows(2).any(|p| matches!(p, [a, b] if senior(a) && *b == word))
            || toks
                .windows(3)
                .any(|p| matches!(p, [a, _, b] if senior(a) && *b == word))
    };
    if has("chief of staff") {
        return None;
    }
    if any("chief")
        || ["cto", "cfo", "ceo", "cpo", "cmo", "cro", "ciso", "cio", "clo", "coo"]
            .iter()
            .any(|c| any(c))
    {
        return Some(LevelName::Chief);
    }
    if has("executive vice president") || has("executive vp") || any("evp") {
        return Some(LevelName::Evp);
    }
    if has("senior vice president") || has("senior vp") || any("svp") {
        return Some(LevelName::SeniorVp);
    }
    if has("vice president") || any("vp") {
        return Some(LevelName::Vp);
    }
    if any("director") {
        return Some(if senior_before("director") {
            LevelName::SeniorDirector
        } else {
            LevelName::Director
        });
    }
    if people_manager(&main) {
        let senior_manager = main
            .windows(2)
            .any(|p| matches!(p, [a, b] if senior(a) && *b == "manager"));
        let opens_senior = main.first().is_some_and(senior);
        return Some(if senior_manager || (opens_senior && !any("principal")) {
            LevelName::SeniorManager
        } else {
            LevelName::Manager
        });
    }
    if any("lead") || any("head") || any("area") {
        return None;
    }
    let ladder = [
        ("senior principal", LevelName::SeniorPrincipal),
        ("senior distinguished", LevelName::SeniorDistinguished),
        ("principal", LevelName::Principal),
        ("distinguished", LevelName::Distinguished),
        ("fellow", LevelName::Fellow),
        ("staff", LevelName::Staff),
        ("senior", LevelName::Senior),
        ("sr", LevelName::Senior),
        ("junior", LevelName::Junior),
        ("jr", LevelName::Junior),
        ("associate", LevelName::Junior),
        ("intern", LevelName::Intern),
        ("intermediate", LevelName::Intermediate),
    ];
    for (phrase, name) in ladder {
        if has(phrase) {
            return Some(name);
        }
    }
    let no_ladder = has("account executive") || ["representative", "sdr", "bdr", "advocate"].iter().any(|t| any(t));
    if no_ladder || !is_role {
        None
    } else {
        Some(LevelName::Intermediate)
    }
}

/// The kind of a level's sub-section, from its heading.
pub fn section_kind(text: &str) -> SectionKind {
    let w = tokens(&words(text)).collect::<Vec<_>>().join(" ");
    if w.contains("responsib") {
        SectionKind::Responsibilities
    } else if w.contains("requirement") {
        SectionKind::Requirements
    } else if has(&w, "job grade") || has(&w, "grade") || has(&w, "job grades") || has(&w, "grades") {
        SectionKind::JobGrade
    } else {
        SectionKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use LevelName::*;

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
    fn level_names() {
        let cases = [
            ("Widget Engineer", Some(Intermediate)),
            ("Intermediate Widget Engineer", Some(Intermediate)),
            ("Associate Widget Analyst", Some(Junior)),
            ("Junior Widget Analyst", Some(Junior)),
            ("Senior Widget Engineer", Some(Senior)),
            ("Sr. Widget Engineer", Some(Senior)),
            ("Staff Widget Engineer", Some(Staff)),
            ("Principal Product Manager", Some(Principal)),
            ("Senior Principal Product Manager", Some(SeniorPrincipal)),
            ("Distinguished Engineer", Some(Distinguished)),
            ("Widget Fellow", Some(Fellow)),
            ("Product Manager", Some(Intermediate)),
            ("Senior Product Manager", Some(Senior)),
            ("Widget Engineering Manager", Some(Manager)),
            ("Manager, Widget Engineering", Some(Manager)),
            ("Senior Manager, Widget Engineering", Some(SeniorManager)),
            ("Widget Team Senior Manager", Some(SeniorManager)),
            ("Senior Widget Engineering Manager", Some(SeniorManager)),
            ("Director, Widget Programs", Some(Director)),
            ("Senior Director of Widgets", Some(SeniorDirector)),
            ("Sr. Director of Pricing", Some(SeniorDirector)),
            ("VP of Widgets", Some(Vp)),
            ("Vice President, Widgets", Some(Vp)),
            ("Chief Widget Officer", Some(Chief)),
            ("Widget Success Manager (Intermediate)", Some(Intermediate)),
            ("Group Manager, Widgets", Some(Manager)),
            ("Enterprise Account Executive", None),
            ("Sales Development Representative", None),
            ("Senior Inside Sales Representative", Some(Senior)),
            ("Lead Channel Program Manager", None),
            ("Senior", Some(Senior)),
            ("Vice President, Field Widgets", Some(Vp)),
            ("Executive VP of Widgets", Some(Evp)),
            ("Staff Widget Engineer (Risk Manager)", Some(Staff)),
            ("Chief of Staff to the CTO", None),
            ("Widget Planning and Operations Manager", Some(Manager)),
            ("Associate", Some(Junior)),
        ];
        for (title, want) in cases {
            assert_eq!(level_name(title), want, "{title}");
        }
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
