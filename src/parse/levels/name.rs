//! Title → normalised level name: the ladder word (Senior, Staff, Principal, …), or the management
//! rung (Manager, Director, VP, …) when the title names a manager of people.

use super::title::{LADDER_WORDS, has_phrase, names_role_words, tokens, words};
use crate::model::LevelName;
use regex::Regex;
use std::sync::LazyLock;

static PARENS: LazyLock<Regex> = LazyLock::new(|| crate::parse::fixed_regex(r"\([^()]*\)"));
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

/// Ladder words no manager of people carries: a title that holds one and ends in "Manager" names an
/// individual contributor ("Staff Widget Sales Manager", "Widget Sales Manager (Intermediate)").
const IC_ONLY_WORDS: &[&str] = &[
    "staff",
    "principal",
    "associate",
    "junior",
    "jr",
    "intermediate",
    "distinguished",
    "intern",
];

/// The words before a closing "Manager" that name the job ("widget sales" in "Senior Widget Sales
/// Manager"), without ladder words; `None` unless "manager" closes the title (outside parentheses)
/// and something names the job before it.
fn trailing_manager_stem(main: &[&str]) -> Option<String> {
    let (last, rest) = main.split_last()?;
    if *last != "manager" {
        return None;
    }
    let stem: Vec<&str> = rest
        .iter()
        .copied()
        .filter(|t| !matches!(*t, "senior" | "sr") && !IC_ONLY_WORDS.contains(t))
        .collect();
    (!stem.is_empty()).then(|| stem.join(" "))
}

/// The job stem of a title closing in "Manager" (see [`trailing_manager_stem`]), and whether the
/// title also holds a ladder word no manager of people carries.
fn manager_stem(title: &str) -> Option<(String, bool)> {
    let w = words(title);
    let outside = PARENS.replace_all(&w, " ");
    let main: Vec<&str> = tokens(&outside).collect();
    let stem = trailing_manager_stem(&main)?;
    let ic = tokens(&w).any(|t| IC_ONLY_WORDS.contains(&t));
    Some((stem, ic))
}

/// Reads "X Manager" levels as individual contributors where the page itself shows that "X
/// Manager" is an individual contributor's job: another level of the page is "Staff X Manager",
/// "Associate X Manager" or "X Manager (Intermediate)". Then "Senior X Manager" is Senior and "X
/// Manager" Intermediate, not managers of people; no word list can know every such job.
pub fn individual_contributor_managers(levels: &mut [crate::model::Level]) {
    let stems: Vec<String> = levels
        .iter()
        .filter_map(|l| manager_stem(&l.title).and_then(|(stem, ic)| ic.then_some(stem)))
        .collect();
    if stems.is_empty() {
        return;
    }
    for level in levels.iter_mut() {
        let renamed = match level.name {
            Some(LevelName::Manager) => LevelName::Intermediate,
            Some(LevelName::SeniorManager) => LevelName::Senior,
            _ => continue,
        };
        if manager_stem(&level.title).is_some_and(|(stem, _)| stems.contains(&stem)) {
            level.name = Some(renamed);
        }
    }
}

/// The normalised level a title names; `None` when it names none (sales titles without a ladder, "Lead X").
pub fn level_name(text: &str) -> Option<LevelName> {
    let w = words(text);
    level_name_words(&w, names_role_words(&w))
}

/// Like [`level_name`] for a title known to be a role (it states a grade), whatever its noun.
pub fn level_name_of_role(text: &str) -> Option<LevelName> {
    level_name_words(&words(text), true)
}

/// The level named by a title already normalised with [`words`]; `is_role` as [`names_role`] says.
///
/// [`names_role`]: super::title::names_role
pub(super) fn level_name_words(w: &str, is_role: bool) -> Option<LevelName> {
    let toks: Vec<&str> = tokens(w).collect();
    // Management is read from the title outside parentheses: "Staff Engineer (Risk Manager)" is staff.
    let outside = if w.contains('(') {
        PARENS.replace_all(w, " ")
    } else {
        std::borrow::Cow::Borrowed(w)
    };
    let main: Vec<&str> = tokens(&outside).collect();
    let has = |phrase: &str| has_phrase(&toks, phrase);
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
    let ic_titled = trailing_manager_stem(&main).is_some() && IC_ONLY_WORDS.iter().any(|ic| any(ic));
    if people_manager(&main) && !ic_titled {
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

/// Compiles this module's patterns now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&PARENS);
}

#[cfg(test)]
mod tests {
    use super::*;
    use LevelName::*;

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
            ("Staff Widget Sales Manager", Some(Staff)),
            ("Associate Widget Sales Manager", Some(Junior)),
            ("Widget Sales Manager (Intermediate)", Some(Intermediate)),
            ("Senior Widget Sales Manager", Some(SeniorManager)),
        ];
        for (title, want) in cases {
            assert_eq!(level_name(title), want, "{title}");
        }
    }
}
