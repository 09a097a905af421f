//! `level-title-drift`: a level's grade sentence, reporting sentence or grade-table row names another
//! role's title (the sentence was copied from a neighbouring level or page and not updated).

use super::titles::{family_phrase, title_key};
use crate::checks::{Check, CheckMeta, Cx};
use crate::declare_check;
use crate::diagnostic::{Applicability, Fix};
use crate::model::{Handbook, Level, LevelLayout, LevelName, Page};
use crate::parse::levels::name::level_name;
use crate::span::{Span, Spanned};
use foldhash::HashMap;
use foldhash::HashMapExt;
use std::sync::Arc;

declare_check! {
    /// ## What it does
    /// Flags a title written in a level's grade sentence ("The Senior Widget Analyst is a grade 7"),
    /// reporting sentence ("The Widget Analyst reports to …") or grade-table row that is not the
    /// level's own title but:
    /// - the title of another level of the same page (the sentence was copied from there);
    /// - the level's own title with another seniority ("Widget Analyst" under `Senior Widget Analyst`);
    /// - the title of a level on another linted page, of another family;
    /// - a neighbouring role no linted page defines: the level's own explicit seniority with a
    ///   family that shares a word with the level's and differs in another ("The Senior Manager,
    ///   Widget Tooling is a grade 9" under `Senior Manager, Widget Analysis`). A title that only adds
    ///   or drops words (`Country Manager` under `Japan Country Manager`), abbreviates them (`UX`
    ///   for `User Experience`) or misspells one (left to `typo`) is not flagged this way.
    ///
    /// A grade table row whose title is no level of a page that lays its levels out as headings is
    /// flagged too. Titles are compared as the other title checks compare them (case, `Sr.`,
    /// `&`/`and`, parenthesised level names; an acronym of the family, such as `CSM` for `Customer
    /// Success Management`, is the family). Sentences about a subordinate ("… and the Widget
    /// Analyst reports to the Manager, Widgets" under that manager) and sections about the career
    /// path are not checked.
    /// ## Why is this bad?
    /// Readers take the grade or manager a sentence states for the role it names. A copied sentence
    /// that names the neighbour's title makes the page contradict itself, and the grade or manager
    /// it states is usually the neighbour's too.
    /// ## Example
    /// ```markdown
    /// ### Staff Widget Analyst
    /// The Senior Widget Analyst is a grade 8.
    /// ```
    /// Use instead:
    /// ```markdown
    /// ### Staff Widget Analyst
    /// The Staff Widget Analyst is a grade 8.
    /// ```
    /// ## Fix safety
    /// The fix writes the level's own title in place of the other one. It is unsafe: the grade or
    /// manager the sentence states may be the other level's too.
    pub struct LevelTitleDrift { id: "level-title-drift", family: Levels, severity: Error,
        summary: "a level's grade or reporting sentence names another role's title", fixable: true }
}

/// What kind of statement names the title, for messages.
#[derive(Clone, Copy)]
enum Kind {
    Grade,
    Reporting,
}

impl Kind {
    fn text(self) -> &'static str {
        match self {
            Kind::Grade => "grade sentence",
            Kind::Reporting => "reporting sentence",
        }
    }
}

/// A title of a level of the linted pages.
struct Known<'h> {
    page: &'h Page,
    level: &'h Level,
}

/// Whose title a drifted statement names.
enum Owner<'h> {
    /// A level (of this page or another).
    Level(&'h Page, &'h Level),
    /// The level's own family at another seniority, which the page does not define.
    Seniority(LevelName),
    /// A role no linted page defines, of the level's seniority and a family sharing words with it.
    Neighbour,
}

/// Words a level heading may add to the title it stands for ("Distinguished Engineer Roles at GitLab").
const HEADING_NOISE: &[&str] = &[
    "role",
    "roles",
    "job",
    "jobs",
    "family",
    "position",
    "positions",
    "track",
    "level",
    "levels",
];

/// Heading words that mark a section about other levels on purpose (career path, next level).
const OTHER_LEVEL_CONTEXT: &[&str] = &["career", "path", "progression", "promotion", "next", "ladder"];

/// A title key with plural words made singular ("Director, Channel Programs" is the title a table
/// writes "Director, Channel Program").
fn loose(key: &str) -> String {
    key.split(' ')
        .map(|w| {
            if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
                w.get(..w.len() - 1).unwrap_or(w)
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when two titles name one role: the same key, or the same family and ladder word
/// ("Customer Success Engineer (Associate)" and "Associate Customer Success Engineer").
fn same_title(a: &str, b: &str) -> bool {
    let (ka, kb) = (loose(&title_key(a)), loose(&title_key(b)));
    let sorted = |k: &str| {
        let mut w: Vec<String> = k.split(' ').map(str::to_owned).collect();
        w.sort_unstable();
        w
    };
    ka == kb
        || sorted(&ka) == sorted(&kb)
        || (same_family(&family_phrase(a), &family_phrase(b))
            && level_name(a).is_some_and(|n| Some(n) == level_name(b)))
}

/// True when the words of `a` name the same family as `b`, or one is the other's acronym.
fn same_family(a: &str, b: &str) -> bool {
    let (a, b) = (loose(a), loose(b));
    let (a, b) = (a.as_str(), b.as_str());
    if a == b {
        return true;
    }
    let acronym = |short: &str, long: &str| {
        !short.contains(' ') && long.contains(' ') && long.split(' ').filter_map(|w| w.chars().next()).eq(short.chars())
    };
    acronym(a, b) || acronym(b, a)
}

/// True when two family phrases share a word ("widget" in "widget analyst" and "widget").
fn shares_word(a: &str, b: &str) -> bool {
    let (a, b) = (loose(a), loose(b));
    a.split(' ').any(|w| !w.is_empty() && b.split(' ').any(|v| v == w))
}

/// True when the statement at `span` sits under a heading about career paths or next levels.
fn in_other_level_context(page: &Page, span: Span) -> bool {
    let Some(i) = page
        .headings
        .partition_point(|h| h.span.start <= span.start)
        .checked_sub(1)
    else {
        return false;
    };
    let mut cur = Some(i);
    let mut steps = 0;
    while let Some(h) = cur.and_then(|c| page.headings.get(c)) {
        if h.level.is_some() || steps > 16 {
            break;
        }
        let words = crate::parse::levels::title::words(&h.text);
        if words.split(' ').any(|w| OTHER_LEVEL_CONTEXT.contains(&w)) {
            return true;
        }
        cur = h.parent;
        steps += 1;
    }
    false
}

/// Whose title `subject` is, when it is not `level`'s own.
fn owner<'h>(
    page: &'h Page,
    level: &Level,
    subject: &str,
    index: &HashMap<String, Vec<Known<'h>>>,
) -> Option<Owner<'h>> {
    let own_key = title_key(&level.title);
    let key = title_key(subject);
    if key.is_empty() || same_title(subject, &level.title) {
        return None;
    }
    // A heading that covers several titles ("Senior and Staff Widget Analyst").
    let own_tokens: Vec<&str> = own_key.split(' ').collect();
    // Or one that says more than the title ("Distinguished Engineer Roles at GitLab").
    let subject_tokens: Vec<&str> = key.split(' ').collect();
    let only_noise_beyond = own_tokens
        .iter()
        .all(|t| subject_tokens.contains(t) || HEADING_NOISE.contains(t));
    let several = own_tokens.contains(&"and") || level.title.contains('/') || only_noise_beyond;
    if several && subject_tokens.iter().all(|t| own_tokens.contains(t)) {
        return None;
    }
    let own_family = family_phrase(&level.title);
    let family = family_phrase(subject);
    let name = level_name(subject);
    let rank_matches = name.is_none() || level.name.is_none() || name == level.name;
    if own_family.is_empty() {
        // A heading that is a bare ladder word ("### Senior"): only the seniority can drift.
        return None;
    }
    if same_family(&family, &own_family) && rank_matches {
        return None;
    }
    let here = index.get(&loose(&key)).into_iter().flatten();
    if let Some(k) = here
        .clone()
        .find(|k| Arc::ptr_eq(&k.page.path, &page.path) && !std::ptr::eq(k.level, level))
    {
        return Some(Owner::Level(k.page, k.level));
    }
    if same_family(&family, &own_family) {
        // Same family, another seniority: only when the ladder word is explicit on both sides.
        let name = name?;
        let other = page
            .levels
            .iter()
            .find(|l| l.name == Some(name) && same_family(&family_phrase(&l.title), &own_family));
        return Some(match other {
            Some(l) => Owner::Level(page, l),
            None => Owner::Seniority(name),
        });
    }
    // Another family: only a title some other page defines, of a family this page does not have.
    if family.is_empty() {
        return None;
    }
    let page_families = page
        .levels
        .iter()
        .map(|l| l.title.as_str())
        .chain(page.front_matter.title.as_ref().map(|t| t.value.as_str()))
        .map(family_phrase);
    if page_families.clone().any(|f| same_family(&f, &family)) {
        return None;
    }
    if let Some(k) = here.clone().find(|k| !Arc::ptr_eq(&k.page.path, &page.path)) {
        return Some(Owner::Level(k.page, k.level));
    }
    // No linted page defines it: still drift when it keeps the level's own explicit ladder word and
    // changes part of its family ("Security Incident Response Team Senior Manager" under `Senior
    // Manager, Infrastructure Security`).
    let name = name?;
    (level.name == Some(name) && neighbouring(&family, &own_family)).then_some(Owner::Neighbour)
}

/// Words a family phrase joins others with.
const JOINING_WORDS: &[&str] = &["and", "&", "of", "the", "for", "in", "to"];

/// True when the family phrase `other` reads as a neighbouring role of `own`: they share a word and
/// each has one the other lacks ("security incident response team" beside "infrastructure
/// security"). One that only adds or drops words is the same role written more or less fully
/// (`Country Manager` under `Japan Country Manager`), and one whose other words are a letter or two
/// off is a misspelling, which `typo` reports.
fn neighbouring(other: &str, own: &str) -> bool {
    let in_order = |f: &str| -> Vec<String> {
        f.split([' ', '-'])
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
            .filter(|w| !w.is_empty() && !JOINING_WORDS.contains(&w.as_str()))
            .collect()
    };
    let (other, own) = (in_order(other), in_order(own));
    // `Front End` for `Frontend`.
    if other.concat() == own.concat() {
        return false;
    }
    let has = |words: &[String], w: &String| words.iter().any(|v| loose(v) == loose(w));
    let only_other: Vec<&String> = other.iter().filter(|w| !has(&own, w)).collect();
    let only_own: Vec<&String> = own.iter().filter(|w| !has(&other, w)).collect();
    // A slip (`Techincal`), a short form (`Ops`, `Infra`, `Mgr`: its letters in order, the first
    // first) or another inflection (`Planning`).
    let shortens = |short: &str, long: &str| {
        let mut rest = long.chars();
        short.chars().count() >= 2
            && short.chars().next() == long.chars().next()
            && short.chars().all(|c| rest.any(|d| d == c))
    };
    let same_word = |a: &String, b: &String| {
        let edits = if a.chars().count().min(b.chars().count()) <= 4 {
            1
        } else {
            2
        };
        strsim::damerau_levenshtein(a, b) <= edits
            || shortens(a, b)
            || shortens(b, a)
            || (a.chars().count().min(b.chars().count()) >= 3
                && (a.starts_with(b.as_str()) || b.starts_with(a.as_str())))
    };
    let variant = only_other.iter().any(|a| only_own.iter().any(|b| same_word(a, b)));
    // `FAS` for `Feature Acceleration Services`, `UX` for `User eXperience`: a run of words, the
    // first starting with the first letter, each holding the next.
    let abbreviates = |short: &[&String], long: &[&String]| {
        short.iter().any(|w| {
            let letters: Vec<char> = w.chars().collect();
            letters.len() >= 2
                && long.windows(letters.len()).any(|run| {
                    run.iter().zip(&letters).enumerate().all(|(i, (word, &c))| {
                        if i == 0 { word.starts_with(c) } else { word.contains(c) }
                    })
                })
        })
    };
    let shared = other.iter().any(|w| has(&own, w));
    shared
        && !only_other.is_empty()
        && !only_own.is_empty()
        && !variant
        && !abbreviates(&only_other, &only_own)
        && !abbreviates(&only_own, &only_other)
}

fn report(cx: &mut Cx<'_>, page: &Page, level: &Level, kind: Kind, subject: &Spanned<String>, owner: &Owner<'_>) {
    let (whose, related) = match owner {
        Owner::Level(p, l) if Arc::ptr_eq(&p.path, &page.path) => (
            if title_key(&l.title) == title_key(&subject.value) {
                "another level of this page".to_owned()
            } else {
                format!("another level of this page (`{}`)", l.title)
            },
            Some((p.path.clone(), l.title_span, format!("`{}` is defined here", l.title))),
        ),
        Owner::Level(p, l) => (
            format!("a level of {}", p.path),
            Some((p.path.clone(), l.title_span, format!("`{}` is defined here", l.title))),
        ),
        Owner::Seniority(name) => (format!("its family at another seniority ({})", name.as_str()), None),
        Owner::Neighbour => ("a neighbouring role of the same seniority".to_owned(), None),
    };
    let message = format!(
        "the {} of level `{}` names `{}`, {whose}",
        kind.text(),
        level.title,
        subject.value
    );
    let d = cx
        .report(&LevelTitleDrift::META, &page.path, subject.span, message)
        .set_label(format!("not `{}`", level.title))
        .set_help(format!(
            "the {} was probably copied from another level and not updated; write `{}`, and check that \
             what it states is this level's",
            kind.text(),
            level.title
        ))
        .set_key(format!(
            "level={};field=title;kind={};named={}",
            level.title,
            kind.text(),
            subject.value
        ))
        .add_related(
            page.path.clone(),
            level.title_span,
            format!("the sentence sits in `{}`", level.title),
        );
    if let Some((path, span, text)) = related {
        d.add_related(path, span, text);
    }
    let mut fix = Fix::replace(
        subject.span,
        level.title.trim(),
        format!("write `{}`", level.title.trim()),
    );
    fix.applicability = Applicability::Unsafe;
    d.set_fix(fix);
}

impl Check for LevelTitleDrift {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn check_handbook(&self, handbook: &Handbook, cx: &mut Cx<'_>) {
        let mut index: HashMap<String, Vec<Known<'_>>> = HashMap::new();
        for page in &handbook.pages {
            for level in &page.levels {
                index
                    .entry(loose(&title_key(&level.title)))
                    .or_default()
                    .push(Known { page, level });
            }
        }
        for page in &handbook.pages {
            table_rows(page, cx);
            for level in page.levels.iter().filter(|l| l.layout != LevelLayout::Table) {
                let grades = level
                    .grades
                    .iter()
                    .map(|g| (Kind::Grade, g.subject.as_ref(), g.span, None));
                let lines = level.reporting_lines.iter().map(|r| {
                    (
                        Kind::Reporting,
                        r.subject.as_ref(),
                        r.sentence,
                        Some(r.manager.as_str()),
                    )
                });
                for (kind, subject, span, manager) in grades.chain(lines) {
                    let Some(subject) = subject else { continue };
                    // "… and the Widget Analyst reports to the Manager, Widgets" under that manager.
                    if manager.is_some_and(|m| title_key(m) == title_key(&level.title))
                        || in_other_level_context(page, span)
                    {
                        continue;
                    }
                    if let Some(owner) = owner(page, level, &subject.value, &index) {
                        report(cx, page, level, kind, subject, &owner);
                    }
                }
            }
        }
    }
}

/// Rows of a grade table whose title is no level of a page that lays out its levels as headings.
fn table_rows(page: &Page, cx: &mut Cx<'_>) {
    if !page.levels.iter().any(|l| l.heading.is_some()) {
        return;
    }
    for table in &page.tables {
        let Some((t, _)) = crate::parse::levels::level_columns(table) else {
            continue;
        };
        for row in &table.rows {
            let Some(cell) = row.cells.get(t) else { continue };
            let family = family_phrase(&cell.text);
            // Only a row of the page's own family (a row may list a role of another page, linked
            // there), and no heading of the page may carry its title.
            let links_away = cell
                .links
                .iter()
                .any(|&i| page.links.get(i).is_some_and(|l| !l.target.starts_with('#')));
            if family.is_empty()
                || links_away
                || !crate::parse::levels::title::names_role(&cell.text)
                || !page
                    .levels
                    .iter()
                    .any(|l| shares_word(&family_phrase(&l.title), &family))
                || page.headings.iter().any(|h| same_title(&h.text, &cell.text))
            {
                continue;
            }
            let nearest = page
                .levels
                .iter()
                .filter(|l| l.heading.is_some() && same_family(&family_phrase(&l.title), &family))
                .min_by_key(|l| l.span.start.abs_diff(row.span.start));
            let d = cx
                .report(
                    &LevelTitleDrift::META,
                    &page.path,
                    cell.span,
                    format!("the grade table row `{}` names no level of this page", cell.text),
                )
                .set_label("no level has this title")
                .set_help("name the level as its heading does, or add the level the row stands for")
                .set_key(format!("table-row={};field=title", cell.text));
            if let Some(l) = nearest {
                d.add_related(
                    page.path.clone(),
                    l.title_span,
                    format!("a level of the same family: `{}`", l.title),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::neighbouring;

    #[test]
    fn a_neighbour_shares_a_word_and_differs_in_another() {
        assert!(neighbouring(
            "security incident response team",
            "infrastructure security"
        ));
        assert!(neighbouring(
            "online sales & self service growth",
            "online sales & self service data"
        ));
        assert!(neighbouring("channel program", "ecosystem programs and enablement"));
        // Adds or drops words: the same role written more or less fully.
        assert!(!neighbouring("country", "japan country"));
        assert!(!neighbouring("security assurance", "security"));
        // An abbreviation, a misspelling, nothing shared.
        assert!(!neighbouring("user experience research", "ux research"));
        assert!(!neighbouring(
            "fas fullstack engineer",
            "feature acceleration services fullstack engineer"
        ));
        assert!(!neighbouring("techincal instructor", "technical instructor"));
        // Short forms, inflections, compounds written apart, punctuation.
        assert!(!neighbouring("security ops", "security operations"));
        assert!(!neighbouring("infra engineering", "infrastructure engineering"));
        assert!(!neighbouring("front end engineer", "frontend engineer"));
        assert!(!neighbouring("widget planning", "widget plan"));
        assert!(!neighbouring("channel programs,", "channel program"));
        // Two short words a letter or two apart are still other roles.
        assert!(neighbouring("it support", "hr support"));
        assert!(!neighbouring("gadget engineering", "widget analysis"));
    }
}
