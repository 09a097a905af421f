//! `unknown-manager`: a reporting line whose manager title is no role title of the linted pages.

use crate::checks::levels::titles::{family_phrase, title_key};
use crate::checks::similarity::levenshtein_similarity_at_least;
use crate::checks::{Check, CheckMeta, Cx};
use crate::declare_check;
use crate::model::Handbook;
use foldhash::HashMap;
use foldhash::HashMapExt;
use std::collections::{BTreeMap, BTreeSet};

declare_check! {
    /// ## What it does
    /// Flags a reporting line ("reports to the VP of Widget Quality") whose title is not the title
    /// of any level or page among the linted pages. Titles are compared after normalising case,
    /// `&`/`and`, `Sr.`/`Senior`, `VP`/`Vice President` and `Director, X`/`Director of X`.
    /// Lines that name alternatives ("Manager or Senior Manager, Widgets") or only a rank
    /// ("the Senior Manager") are skipped. The help names a close title when there is one.
    /// ## Why is this bad?
    /// A reporting line that names a title no page defines was usually renamed elsewhere and not
    /// here, or misspelled. Readers cannot follow it to the manager's role.
    /// ## Example
    /// `This position reports to the VP of Widget Qualty.` when the handbook defines
    /// `VP of Widget Quality`.
    /// Use instead: `This position reports to the VP of Widget Quality.`
    pub struct UnknownManager { id: "unknown-manager", family: Reporting, severity: Info,
        summary: "a reporting line names no role title of the linted pages", fixable: false }
}

/// True when the line names several titles ("reports either to a Director of Widgets, a …") or a
/// kind of manager ("Director-level managers") rather than one title.
fn names_alternatives(manager: &str, sentence: &str) -> bool {
    let lower = manager.to_lowercase();
    lower.contains(" or ")
        || lower.contains('/')
        || lower.contains("level")
        || lower.contains(" their ")
        || sentence.to_lowercase().contains(" either ")
}

/// The words of a title key in a canonical order: keys with the same words map to the same string.
fn word_set(key: &str) -> String {
    key.split(' ')
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A known title close to `key`: the same words in another order, or nearly the same spelling.
///
/// Once per distinct unknown title, against every known title: the same words are one lookup,
/// and a spelling whose length alone puts it out of reach is not scored.
fn suggestion<'t>(
    key: &str,
    known: &'t BTreeMap<String, String>,
    by_words: &HashMap<String, &'t str>,
) -> Option<&'t str> {
    if let Some(&title) = by_words.get(&word_set(key)) {
        return Some(title);
    }
    let len = key.chars().count();
    known
        .iter()
        .filter(|(k, _)| {
            // Levenshtein distance is at least the difference in length.
            let other = k.chars().count();
            let longest = len.max(other);
            longest == 0 || 1.0 - (len.abs_diff(other) as f64) / (longest as f64) >= MIN_SIMILARITY
        })
        .filter_map(|(k, t)| levenshtein_similarity_at_least(k, key, MIN_SIMILARITY).map(|score| (score, t)))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, t)| t.as_str())
}

/// How close a spelling must be to be suggested (normalised Levenshtein similarity).
const MIN_SIMILARITY: f64 = 0.85;

impl Check for UnknownManager {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn check_handbook(&self, handbook: &Handbook, cx: &mut Cx<'_>) {
        let mut known: BTreeMap<String, String> = BTreeMap::new();
        for page in &handbook.pages {
            let titles = page.levels.iter().map(|l| l.title.as_str());
            let front = page.front_matter.title.as_ref().map(|t| t.value.as_str());
            for title in titles.chain(front) {
                known.entry(title_key(title)).or_insert_with(|| title.trim().to_owned());
            }
        }
        // Suggestions compare against every known title: one search per distinct unknown key
        // keeps this linear in the number of reporting lines.
        let mut by_words: HashMap<String, &str> = HashMap::new();
        for (key, title) in &known {
            by_words.entry(word_set(key)).or_insert(title.as_str());
        }
        let mut suggested: HashMap<String, Option<&str>> = HashMap::new();
        for page in &handbook.pages {
            for level in &page.levels {
                for line in &level.reporting_lines {
                    let key = title_key(&line.manager);
                    if names_alternatives(&line.manager, page.text(line.sentence))
                        || family_phrase(&line.manager).is_empty()
                        || known.contains_key(&key)
                    {
                        continue;
                    }
                    let close = *suggested
                        .entry(key)
                        .or_insert_with_key(|key| suggestion(key, &known, &by_words));
                    let help = match close {
                        Some(t) => format!("did you mean `{t}`? Name the manager as its job-family page does"),
                        None => "name the manager as its job-family page titles it, or lint that page too".to_owned(),
                    };
                    cx.report(
                        &Self::META,
                        &page.path,
                        line.span,
                        format!("`{}` is not the title of any role in the linted pages", line.manager),
                    )
                    .set_label("unknown title")
                    .set_help(help)
                    .set_key(format!(
                        "level={};field=reports-to;manager={}",
                        level.title, line.manager
                    ));
                }
            }
        }
    }
}
